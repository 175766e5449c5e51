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

from procspec.checking.hierarchy import Context
from procspec.git.revisions import History
from procspec.reading.model import Process, Publishing
from procspec.reading.repository import ProcessRecord, Repository
from procspec.rendering import changes as _changes
from procspec.rendering import search as _search
from procspec.rendering.pages import VERBATIM, Ahead, Job, Later, processes_for
from procspec.rendering.respond import feedback
from procspec.rendering.view import Builder, HistoryView, ProcessView, pages_of

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


def _index_script(builder: Builder, records: list[tuple[ProcessRecord, Process]]) -> str:
    """`sok-index.js` for the processes of `records` (in tree order)."""
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
        record.id: pages_of(record.id, "html").flow_map
        for record, model in records
        if model.flow_map is not None
    }
    return _search.index_script(_search.entries(builder, records, labels, map_pages))


def search_ahead(
    site: Site, repo: Repository, history: History | None, today: date
) -> Ahead | None:
    """`sok-index.js`, the longest single job of a render, made by a copy of this process from
    the loaded repository while this one checks it and plans the documents (`pages.Ahead`):
    when the site has a search and its documents are made on every core; else None (the index
    is then made with the other documents)."""
    if not site.readers or processes_for(len(repo.records)) <= 1:
        return None

    def make() -> str:
        builder = Builder(Context.build(repo, today, history), history, "html")
        return _index_script(builder, builder.records())

    return Ahead(make)


def jobs(
    site: Site,
    builder: Builder,
    views: list[tuple[ProcessView, Process]],
    repo: Repository,
    history: History | None,
    today: date,
    index: Later | None = None,
) -> list[Job]:
    """The search page, its script and index, the changes page and the feed. The index is
    `index` when given (`search_ahead`), else made by whichever process writes its file."""
    if index is None:
        index = Later(partial(_index_script, builder, builder.records()))

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
        (_search.INDEX_SCRIPT, VERBATIM, {"text": index}),
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
