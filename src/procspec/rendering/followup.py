"""The follow-up report for delår and helår (`maloversikt`): view data only, no markup.

Botkyrka follows results up "i första hand inför delårs- och årsbokslut" (Bilaga 1, 3.2.1);
Örebro's uppföljningsplan gives "en möjlighet att jämföra mellan processer" (Steg 5). The report
shows, per process group and per process, each goal's status, latest result and analysis, with
counts per status; the processes side by side; and the goals grouped by who set them (KF, nämnd,
processägare, processansvarig) as sections a reader jumps to with plain links — a filter that
works without scripts and reads in order with a screen reader.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from procspec.checking import goal_status as assess
from procspec.messages import msg
from procspec.reading.slug import slug
from procspec.rendering.view import Builder, ProcessView

SETTERS = ("kommunfullmäktige", "nämnd", "processägare", "processansvarig")
UNSET = "ej angivet"


@dataclass
class Counts:
    """Goals per status, in the order of `assess.STATUS_ORDER`, and in all."""

    cells: list[int]
    total: int

    @classmethod
    def of(cls, statuses: list[str]) -> Counts:
        counter = Counter(statuses)
        return cls([counter[s.value] for s in assess.STATUS_ORDER], len(statuses))


@dataclass
class ReportRow:
    """One goal in the report."""

    process_name: str
    process_href: str
    goal_id: str
    goal_href: str
    description: str
    status: str
    status_label: str
    status_class: str
    status_icon: str
    baseline: str | None
    latest: str | None
    target: str | None
    deadline: str | None
    analysis: str | None


@dataclass
class ProcessLine:
    """One process in the side-by-side comparison."""

    name: str
    href: str
    depth: int
    counts: Counts


@dataclass
class Group:
    """A process group (a top-level process and everything under it)."""

    name: str
    href: str
    counts: Counts
    processes: list[ProcessLine] = field(default_factory=list)


@dataclass
class SetterSection:
    """The goals one role (or body) set, grouped by process group."""

    key: str
    anchor: str
    title: str
    counts: Counts
    groups: list[tuple[str, list[ReportRow]]]


@dataclass
class Report:
    statuses: list[str]
    """The status labels, in column order."""
    counts: Counts
    groups: list[Group]
    sections: list[SetterSection]


def build_report(builder: Builder, views: list[ProcessView]) -> Report:
    """The report for `views` (in tree order) as `builder` lays them out."""
    by_id = {view.id: view for view in views}
    groups: dict[str, Group] = {}
    group_statuses: dict[str, list[str]] = {}
    rows_by_setter: dict[str, list[tuple[str, ReportRow]]] = {}
    for row, depth in builder.order:
        view = by_id.get(row.id)
        if view is None:
            continue
        chain = builder.ctx.chain(row.id)
        gid = chain[-1] if chain else row.id
        if gid not in groups:
            top = by_id.get(gid, view)
            groups[gid] = Group(top.name, top.pages.spec, Counts.of([]))
        statuses = [g.status for g in view.goals]
        group_statuses.setdefault(gid, []).extend(statuses)
        name = builder.t("report.own", name=view.name) if row.id == gid else view.name
        groups[gid].processes.append(
            ProcessLine(name, view.pages.follow_up, depth, Counts.of(statuses))
        )
        for goal in view.goals:
            item = ReportRow(
                process_name=view.name,
                process_href=view.pages.follow_up,
                goal_id=goal.id,
                goal_href=f"{view.pages.follow_up}#{goal.anchor}",
                description=goal.description,
                status=goal.status,
                status_label=goal.status_label,
                status_class=goal.status_class,
                status_icon=goal.status_icon,
                baseline=goal.baseline,
                latest=goal.latest_short,
                target=goal.target,
                deadline=goal.deadline,
                analysis=goal.analysis,
            )
            rows_by_setter.setdefault(goal.set_by or UNSET, []).append((gid, item))
    for gid, group in groups.items():
        group.counts = Counts.of(group_statuses.get(gid, []))
    sections = []
    for key in (*SETTERS, UNSET):
        found = rows_by_setter.get(key, [])
        if key == UNSET and not found:
            continue
        grouped: list[tuple[str, list[ReportRow]]] = []
        for gid, item in found:
            name = groups[gid].name
            if not grouped or grouped[-1][0] != name:
                grouped.append((name, []))
            grouped[-1][1].append(item)
        sections.append(
            SetterSection(
                key=key,
                anchor="satt-av-" + slug(key.replace(" ", "-")),
                title=builder.t(f"report.setter.{key}"),
                counts=Counts.of([item.status for _, item in found]),
                groups=grouped,
            )
        )
    labels = [msg(f"goal_status.{s.value}", builder.lang) for s in assess.STATUS_ORDER]
    all_statuses = [s for statuses in group_statuses.values() for s in statuses]
    return Report(labels, Counts.of(all_statuses), list(groups.values()), sections)
