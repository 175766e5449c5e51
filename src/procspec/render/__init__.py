"""Render a process repository as documents: model → view data → Jinja2 templates (SPEC §5).

For every process the three documents Örebro ties to it (Steg 6, "Dokumentera processen"): the
processspecifikation, the aktivitetsplan and the uppföljningsplan; and the overviews: the
processöversikt with the processkarta, all goals, and maturity (Bilaga 2). HTML for the intranet,
GitHub Flavored Markdown for browsing the repository.

The output is deterministic: dates come from `today` (the `--today` flag), the git history or the
data, never the clock; everything is sorted. It is written into a temporary folder that replaces
the output folder only when every document is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from procspec.check import Outcome, check_repository
from procspec.context import Context
from procspec.errors import ProcspecError
from procspec.messages import msg, msg_n
from procspec.render import labels as _labels  # noqa: F401 - registers the render.* messages
from procspec.render.jinja import environment
from procspec.render.output import MARKER, check_target, staged
from procspec.render.view import OVERVIEWS, Builder, ProcessView, latest_data_date
from procspec.repository import Repository
from procspec.revisions import History
from procspec.slug import slug

FORMATS = ("html", "md")
FALLBACK_TODAY = date(2000, 1, 1)
"""'Today' for a repository without git history and without a single recorded date."""

Progress = Callable[[int, int, str], None]
"""(documents done, documents in all, file name) -> None."""


class Refused(ProcspecError):
    """The repository has errors, so nothing is rendered (exit 1); carries the problems."""

    exit_code = 1

    def __init__(self, message: str, outcome: Outcome, lang: str, root: Path) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.lang = lang
        self.root = root


class NameCollision(ProcspecError):
    """A process would overwrite an overview page (exit 1: a problem in the repository)."""

    exit_code = 1


@dataclass(frozen=True)
class Rendered:
    """What a render wrote."""

    out: Path
    files: list[str]
    lang: str


def effective_today(today: date | None, history: History | None, ctx: Context) -> date:
    """`today` when given; else the newest commit of the history; else the newest date in the
    data; so the same input renders the same documents on any day."""
    if today is not None:
        return today
    if history is not None and history.available:
        dates = [r.date.date() for revs in history.files.values() for r in revs if r.committed]
        if dates:
            return max(dates)
    return latest_data_date(ctx) or FALLBACK_TODAY


def documents(
    repo: Repository,
    history: History | None,
    today: date,
    fmt: str = "html",
    *,
    rev: str | None = None,
    fragment: bool = False,
    progress: Progress | None = None,
) -> dict[str, str]:
    """Every document of `repo` as text, keyed by file name, in a stable order."""
    ctx = Context.build(repo, today, history)
    builder = Builder(ctx, history, fmt)
    lang = repo.lang
    reserved = {name: f"{name}.{fmt}" for name in OVERVIEWS.values()}
    for record, _ in builder.records():
        if slug(record.id) in reserved:
            raise NameCollision(
                msg("render.out.reserved", lang, id=record.id, file=reserved[slug(record.id)])
            )
    env = environment(fmt)
    views: list[ProcessView] = [builder.process(r, m) for r, m in builder.records()]
    publishing = repo.settings.publishing
    common: dict[str, Any] = {
        "t": builder.t,
        "tn": builder.tn,
        "lang": lang,
        "organisation": repo.settings.organisation,
        "site_title": publishing.title or repo.settings.organisation,
        "contact": publishing.contact,
        "today": today.isoformat(),
        "rev": rev,
        "fragment": fragment,
        "pages": {key: f"{name}.{fmt}" for key, name in OVERVIEWS.items()},
        "uses_responsible": "processansvarig" in repo.profile.roles,
    }
    jobs: list[tuple[str, str, dict[str, Any]]] = []
    for view in views:
        page = {"p": view}
        jobs.append((view.pages.spec, "process", page))
        jobs.append((view.pages.activities, "activities", page))
        jobs.append((view.pages.follow_up, "followup", page))
    found_map = builder.process_map()
    jobs.append(
        (
            common["pages"]["index"],
            "index",
            {
                "count": len(views),
                "map": found_map,
                "map_text": builder.map_text(found_map),
                "hierarchy": builder.hierarchy(),
                "owners": builder.owners_table(),
            },
        )
    )
    all_goals = [(v, g) for v in views for g in v.goals]
    jobs.append(
        (
            common["pages"]["goals"],
            "goals",
            {"goals": all_goals, "summary": builder.status_counts([g for _, g in all_goals])},
        )
    )
    jobs.append(
        (
            common["pages"]["maturity"],
            "maturity",
            {"views": views, "summary": builder.maturity_counts(views)},
        )
    )
    written: dict[str, str] = {}
    for done, (name, template, context) in enumerate(jobs, 1):
        text = env.get_template(f"{fmt}/{template}.{fmt}").render(
            **common, **context, current=template
        )
        written[name] = text
        if progress is not None:
            progress(done, len(jobs), name)
    return written


def render(
    start: Path,
    out: Path,
    *,
    fmt: str = "html",
    rev: str | None = None,
    today: date | None = None,
    fragment: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> Rendered:
    """Render the repository at or above `start` (at git revision `rev` when given) into `out`.

    Refuses (exit 2) an unsafe `out` and (exit 1, `Refused`) a repository with errors; a failure
    leaves a previous output as it was.
    """
    from procspec.gitlog import read_history, repository_at
    from procspec.repository import find_root, language_of, load_repository

    if rev is not None:
        repo = repository_at(start, rev, language_of(find_root(start)))
    else:
        repo = load_repository(start)
    root = find_root(start) if rev is not None else repo.root
    lang = repo.lang
    target = check_target(out, root, force, lang)
    history = read_history(root, lang, rev=rev)
    day = effective_today(today, history, Context.build(repo, date.min, history))
    outcome = check_repository(repo, day, history)
    errors = outcome.counts["error"]
    if errors:
        raise Refused(msg_n("render.refused", lang, errors, count=errors), outcome, lang, root)
    texts = documents(repo, history, day, fmt, rev=rev, fragment=fragment, progress=progress)
    with staged(target, lang) as temp:
        for name, text in texts.items():
            (temp / name).write_text(text, encoding="utf-8", newline="\n")
    return Rendered(target, sorted([*texts, MARKER]), lang)
