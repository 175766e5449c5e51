"""The readers' side of the HTML site: the search page and its index, the latest changes (page and
Atom feed), 'Lämna synpunkt' on every process document, and the print header.

`documents()` asks `Site` what every page's chrome needs and `jobs()` for the extra files; the
work itself is done in `search`, `changes` and `respond`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from importlib.resources import files
from typing import Any

from procspec.git.revisions import History
from procspec.reading.model import Process, Publishing
from procspec.reading.repository import Repository
from procspec.rendering import changes as _changes
from procspec.rendering import search as _search
from procspec.rendering.pages import VERBATIM, Job, Later
from procspec.rendering.respond import feedback
from procspec.rendering.view import Builder, HistoryView, ProcessView

MAP_SUFFIX = ".processkarta"
RESERVED = (_search.SEARCH_PAGE, _changes.CHANGES_PAGE)
"""Page names a process's documents must not take."""

Translate = Callable[..., str]


@dataclass(frozen=True)
class Site:
    """Which readers' features a render has: all of them for a full HTML site; none for
    Markdown (read in the repository's own web view) or for fragments (embedded elsewhere)."""

    fmt: str
    fragment: bool

    @property
    def readers(self) -> bool:
        return self.fmt == "html" and not self.fragment

    def common(self, t: Translate) -> dict[str, Any]:
        """What every page's chrome needs: the search page and the changes page and feed."""
        if not self.readers:
            return {"search_page": None, "changes_page": None, "feed": None}
        return {
            "search_page": f"{_search.SEARCH_PAGE}.html",
            "changes_page": f"{_changes.CHANGES_PAGE}.html",
            "feed": f"{_changes.CHANGES_PAGE}.xml",
        }

    def process_page(
        self,
        view: ProcessView,
        kind: str,
        publishing: Publishing,
        t: Translate,
        own: HistoryView | None = None,
    ) -> dict[str, Any]:
        """One process document's extras: its kind and date for the print header (`own`: a
        plan's own changes), and where 'Lämna synpunkt' leads."""
        found: Later | None = None
        if self.readers:
            found = Later(partial(feedback, view, kind, publishing.feedback, publishing.contact, t))
        changed = (own or view.history).last_change
        return {"doc_kind": kind, "doc_date": changed, "feedback": found}


def _asset(name: str) -> str:
    return (files("procspec.rendering") / "templates" / "assets" / name).read_text(encoding="utf-8")


def jobs(
    site: Site,
    builder: Builder,
    views: list[tuple[ProcessView, Process]],
    names: set[str],
    repo: Repository,
    history: History | None,
    today: date,
) -> list[Job]:
    """The search page, its script and index, the changes page and the feed."""
    t = builder.t
    labels = _search.Labels(
        spec=t("search.where.spec"),
        activities=t("search.where.activities"),
        follow_up=t("search.where.follow_up"),
        flow_map=t("search.where.flow_map"),
        goal=t("search.where.goal"),
        measure=t("search.where.measure"),
        activity=t("search.where.activity"),
        step=t("search.where.step"),
    )
    map_pages = {
        view.id: page
        for view, _ in views
        if (page := view.pages.spec.removesuffix(".html") + MAP_SUFFIX + ".html") in names
    }

    def index() -> str:
        # The longest single job of a render: made by whichever process writes the file.
        return _search.index_script(_search.entries(views, labels, map_pages))

    out: list[Job] = [
        (
            f"{_search.SEARCH_PAGE}.html",
            "sok",
            {
                "letters": _search.a_to_o([v for v, _ in views]),
                "count": len(views),
                "index_script": _search.INDEX_SCRIPT,
            },
        ),
        (_search.INDEX_SCRIPT, VERBATIM, {"text": Later(index)}),
    ]
    out.extend((name, VERBATIM, {"text": _asset(name)}) for name in _search.ASSETS)
    plain = {view.id: view.name for view, _ in views}
    hrefs = {view.id: view.pages.spec for view, _ in views}
    # Reads earlier versions of the changed files: made by the process that renders the changes
    # page (the page and the feed share it).
    found = Later(
        partial(_changes.latest, repo, history, plain, hrefs, datetime.combine(today, time()))
    )
    base = repo.settings.publishing.base_url
    context = {
        "changes": found,
        "limit": _changes.LIMIT,
        "base": base.rstrip("/") + "/" if base else "",
    }
    out.append((f"{_changes.CHANGES_PAGE}.html", "andringar", context))
    out.append((f"{_changes.CHANGES_PAGE}.xml", "andringar.xml", context))
    return out
