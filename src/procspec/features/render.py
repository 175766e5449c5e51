"""`procspec render`: load the repository (at a revision when asked), check it, write its documents.

Refuses (exit 1) a repository with errors, with its problems; the documents themselves are made by
`procspec.rendering`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from procspec.collection import no_collection
from procspec.errors import Refused, UsageError
from procspec.features.historycache import history_store
from procspec.features.revision import repository_at
from procspec.git.log import read_history, start_history
from procspec.messages import plural, say
from procspec.reading.repository import Repository, find_root, load_repository

if TYPE_CHECKING:  # imported while the files are parsed (`_ready`)
    from procspec.rendering import Progress
    from procspec.rendering.readers import Site


@dataclass(frozen=True)
class Rendered:
    """What a render wrote."""

    out: Path
    files: list[str]
    lang: str


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
    if fragment and fmt != "html":
        raise UsageError(say("render.fragment_md"))
    # A render makes many objects that live to its end and next to no cyclic garbage: a render
    # of 1,000 processes peaks at the same memory with the collector off, and spent a tenth of
    # a second collecting while it loaded the files.
    with no_collection():
        return _render(start, out, fmt, rev, today, fragment, force, progress)


def _render(
    start: Path,
    out: Path,
    fmt: str,
    rev: str | None,
    today: date | None,
    fragment: bool,
    force: bool,
    progress: Progress | None,
) -> Rendered:
    sites: list[Site] = []
    if rev is not None:
        sites.append(_ready(fmt, fragment))
        repo = repository_at(start, rev)
        root = find_root(start)
        target = _target(out, root, force, repo)
        history = read_history(root, rev=rev, processes=repo.settings.processes)
    else:
        # git reads the history, and the templates are compiled, while the files are parsed.
        here = find_root(start)
        reading = start_history(here, store=history_store(here))
        try:
            repo = load_repository(start, meanwhile=lambda: sites.append(_ready(fmt, fragment)))
            root = repo.root
            target = _target(out, root, force, repo)
        except BaseException:
            reading.cancel()  # a refused output folder leaves nothing behind, not even a cache
            raise
        history = reading.result(repo.settings.processes)
    from procspec.checking.checker import check
    from procspec.rendering import effective_today, plan, search_ahead, trails_ahead, write
    from procspec.rendering.output import MARKER, marker_text, staged

    site = sites[0]
    lang = repo.lang
    day = effective_today(today, history, repo)
    # The search index and the plans' own revisions need only the loaded repository and its
    # history: copies of this process may make them while this one checks and plans.
    index = search_ahead(site, repo, history, day)
    trails = trails_ahead(repo, history)
    try:
        checked = check(repo, day, history)
        outcome = checked.outcome
        errors = outcome.counts["error"]
        if errors:
            if rev is None:
                message = plural("render.refused", errors, count=errors)
            else:  # the files as committed there, not the working tree that validate checks
                message = plural("render.refused_at_rev", errors, count=errors, rev=rev)
            raise Refused(message, outcome=outcome, root=root)
        found = plan(
            repo,
            history,
            day,
            fmt,
            rev=rev,
            fragment=fragment,
            index=index,
            context=checked.context,
            trails=trails,
        )
        with staged(target, lang) as temp:
            names = write(found, temp, progress)
            (temp / MARKER).write_text(marker_text(names), encoding="utf-8", newline="\n")
    finally:
        for ahead in (index, trails):
            if ahead is not None:
                ahead.cancel()
    return Rendered(target, sorted([*names, MARKER]), lang)


def _ready(fmt: str, fragment: bool) -> Site:
    """The site to render, with the render's own modules imported, the model's validator built
    and the templates compiled: `render` does it while the process files are parsed
    (`load_repository`'s `meanwhile`)."""
    import procspec.checking.checker  # noqa: F401 - the check's rules, used once the files are in
    from procspec.reading.model import build_validators
    from procspec.rendering import prepare
    from procspec.rendering.readers import Site

    build_validators()
    site = Site(fmt, fragment)
    prepare(site)
    return site


def _target(out: Path, root: Path, force: bool, repo: Repository) -> Path:
    """The output folder, refused (exit 2) when it is unsafe (`rendering.output.check_target`)."""
    from procspec.reading.repository import reachable
    from procspec.rendering.output import check_target

    return check_target(reachable(out), root, force, repo.lang, root / repo.settings.processes)
