"""Render a process repository as documents: model → view data → Jinja2 templates (SPEC §5).

For every process the three documents Örebro ties to it (Steg 6, "Dokumentera processen"): the
processspecifikation, the aktivitetsplan and the uppföljningsplan; and the overviews: the
processöversikt with the processkarta, all goals, and maturity (Bilaga 2). HTML for the intranet,
GitHub Flavored Markdown for browsing the repository.

The output is deterministic: dates come from `today` (the `--today` flag), the git history or the
data, never the clock; everything is sorted. It is written into a temporary folder that replaces
the output folder only when every document is written.

`view` turns the checked repository into view data, `charts` draws the trend charts and the
processkarta as SVG, `jinja` is the one Jinja environment over `templates/` (also used by the
scaffolding), `output` writes the folder safely, `labels` holds the documents' words.

May import: `procspec.checking`, `procspec.reading`, `procspec.git` (data types), `procspec.problem`,
`procspec.errors`, `procspec.messages`. Never reporting, features or cli; never typer or rich.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from procspec.checking.hierarchy import Context
from procspec.collection import lean_gc
from procspec.git.revisions import History
from procspec.messages import msg
from procspec.reading.model import Process
from procspec.reading.repository import Repository
from procspec.reading.slug import slug
from procspec.rendering import pages, readers, search
from procspec.rendering.followup import build_report
from procspec.rendering.fragment import STYLESHEET, scoped_stylesheet
from procspec.rendering.jinja import environment
from procspec.rendering.output import NameCollisionError, check_names
from procspec.rendering.pages import (
    VERBATIM,
    Ahead,
    Job,
    Later,
    Plan,
    Progress,
    compile_templates,
    processes_for,
)
from procspec.rendering.plantrail import trail_marks
from procspec.rendering.readers import search_ahead
from procspec.rendering.view import OVERVIEWS, Builder, ProcessView, latest_data_date

__all__ = [
    "FORMATS",
    "NameCollision",
    "Plan",
    "Progress",
    "documents",
    "effective_today",
    "lean_gc",
    "plan",
    "prepare",
    "search_ahead",
    "trails_ahead",
    "write",
]

FORMATS = ("html", "md")
FALLBACK_TODAY = date(2000, 1, 1)
"""'Today' for a repository without git history and without a single recorded date."""

NameCollision = NameCollisionError
"""Two documents would get one file name (exit 1), whatever the severities say."""


def effective_today(today: date | None, history: History | None, repo: Repository) -> date:
    """`today` when given; else the newest commit of the history; else the newest date in the
    data; so the same input renders the same documents on any day."""
    if today is not None:
        return today
    if history is not None and history.available:
        dates = [r.date.date() for revs in history.files.values() for r in revs if r.committed]
        if dates:
            return max(dates)
    return latest_data_date(Context.build(repo, date.min, history)) or FALLBACK_TODAY


def prepare(site: readers.Site) -> None:
    """What a render of `site` needs before its documents that needs no process file: the
    templates compiled and, for the readers' site, the search's libraries imported. `procspec
    render` does it while the process files are parsed (`load_repository`'s `meanwhile`)."""
    compile_templates(site.fmt)
    if site.readers:
        search.load_libraries()


def trails_ahead(repo: Repository, history: History | None) -> Ahead | None:
    """The revisions that changed each plan of every process file (`plantrail`), found by a copy
    of this process (`pages.Ahead`) while this one checks the repository and plans the other
    parts of the documents: when there is a git history and the documents are made on every
    core; else None (they are found when the first page asks)."""
    if history is None or not history.available or processes_for(len(repo.records)) <= 1:
        return None
    return Ahead(partial(trail_marks, history, list(repo.processes())))


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
    """Every document of `repo` as text, keyed by file name, in a stable order (in this process;
    `write` writes them into a folder, in parallel for a large repository)."""
    found = plan(repo, history, today, fmt, rev=rev, fragment=fragment)
    written: dict[str, str] = {}
    with lean_gc():
        for index, name in enumerate(found.names):
            written[name] = found.text(index)
            if progress is not None:
                progress(index + 1, len(found.jobs), name)
    return written


def write(found: Plan, folder: Path, progress: Progress | None = None) -> list[str]:
    """Write every document of `found` into `folder`; returns their file names in a stable order.
    The same bytes whether one process writes them or several (`PROCSPEC_JOBS`)."""
    return pages.write(found, folder, progress)


def plan(
    repo: Repository,
    history: History | None,
    today: date,
    fmt: str = "html",
    *,
    rev: str | None = None,
    fragment: bool = False,
    index: Later | None = None,
    context: Context | None = None,
    trails: Later | None = None,
) -> Plan:
    """Every document of `repo`, named and ready to be rendered; refuses (`NameCollision`) two
    documents with one file name before anything is rendered. `index`: the search index, when
    it is made already (`readers.search_ahead`); `context`: the one the check of `repo` on
    `today` ran in, when there was one; `trails`: the plans' own revisions, when they are
    being found already (`trails_ahead`)."""
    # Every process file, before the context keeps one process per id: two files with one id
    # (PS106) or one output name (PS108) refuse the render even when those rules are off.
    check_names(
        [(f"{slug(r.id)}.{fmt}", r.rel) for r in sorted(repo.records, key=lambda r: r.rel)]
        + [(f"{name}.{fmt}", None) for name in (*OVERVIEWS.values(), *readers.RESERVED)],
        repo.lang,
    )
    ctx = context if context is not None else Context.build(repo, today, history)
    builder = Builder(ctx, history, fmt, trails)
    lang = repo.lang
    records = builder.records()
    with lean_gc():
        views: list[ProcessView] = [builder.process(r, m) for r, m in records]
    publishing = repo.settings.publishing
    site = readers.Site(fmt, fragment)
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
        **site.common(builder.t),
        "goal_method": msg("goal_status.method", lang),
        "goal_words": builder.t("spec.goals").lower(),
        "cite": repo.profile.cite,
    }
    models = [model for _, model in records]
    overviews = _overview_jobs(builder, views, models, common, site, repo, history, today, index)
    # The plans' own changes last: a copy of this process finds them meanwhile (`trails_ahead`).
    for view, (record, model) in zip(views, records, strict=True):
        builder.add_plan_histories(view, record, model)
    jobs: list[Job] = []
    for view in views:
        for name, template, kind, own in (
            (view.pages.spec, "process", "spec.doc_kind", None),
            (view.pages.activities, "activities", "act.doc_kind", view.activities_history),
            (view.pages.follow_up, "followup", "fu.doc_kind", view.follow_up_history),
            *(
                [(view.pages.flow_map, "processkarta", "flow.doc_kind", view.flow_map_history)]
                if view.has_flow
                else []
            ),
        ):
            extras = site.process_page(view, builder.t(kind), publishing, builder.t, own)
            page = {"p": view, **extras}
            jobs.append((name, template, page))
    process_pages = len(jobs)
    jobs += overviews
    # One output name for two processes (PS106, PS108) silently overwrites one of them, so
    # it refuses the render even when those rules are turned off or ignored.
    owner_of = {slug(view.id): view.id for view in views}
    check_names(((name, owner_of.get(name.split(".", 1)[0])) for name, _, _ in jobs), lang)
    if fragment:
        jobs.append((STYLESHEET, VERBATIM, {"text": Later(_fragment_stylesheet)}))
    return Plan(fmt, fragment, publishing.base_url, common, jobs, process_pages, len(views))


def _overview_jobs(
    builder: Builder,
    views: list[ProcessView],
    models: list[Process],
    common: dict[str, Any],
    site: readers.Site,
    repo: Repository,
    history: History | None,
    today: date,
    index: Later | None,
) -> list[Job]:
    """The jobs of the overviews and of the site's files, which read every process's view
    (`views`, with the `models` they were made from)."""
    jobs: list[Job] = []
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
            {
                "goals": all_goals,
                "summary": builder.status_counts([g for _, g in all_goals]),
                "report": build_report(builder, views),
            },
        )
    )
    jobs.append(
        (
            common["pages"]["maturity"],
            "maturity",
            {
                "views": views,
                "summary": builder.maturity_counts(views),
                "distribution": builder.maturity_distribution(views),
                "reading": builder.maturity_reading(),
            },
        )
    )
    if site.readers:
        jobs.extend(
            readers.jobs(
                site,
                builder,
                list(zip(views, models, strict=True)),
                repo,
                history,
                today,
                index,
            )
        )
    return jobs


def _fragment_stylesheet() -> str:
    return scoped_stylesheet(environment("html").get_template("html/style.css").render())
