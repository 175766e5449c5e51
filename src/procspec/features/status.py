"""`status`: what needs attention, person by person ("vad behöver jag göra?").

A report over the same verdicts as `validate` and `render`, not a second set of rules: overdue
activities (PS501, `overdue`), goals and measures whose next result is due or overdue
(PS404, `follow_up_due`), specifications due for review (PS601, `rules.history.review_due`),
specifications changed after their approval (the PS603 rule itself), missing roles (the PS202 rule
itself) and, on request, processes below a maturity level (`maturity`, Örebro Bilaga 2).
Rules switched off in procspec.yaml or ignored in a file are left out here too.

Each item goes to the person who acts on it: an activity to its `ansvarig`, a follow-up to the
goal's `uppföljning.ansvarig` (else the processledare), a review to the processledare (who holds
the role by the profile when none is named), an approval and a missing role to the processägare
(for a process without one, the owner above it). Plain data; `console.py` draws it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from procspec.checking.checker import context, ignored_codes, run_rules, settle, severities
from procspec.checking.goal_status import follow_up_due, overdue
from procspec.checking.hierarchy import Context
from procspec.checking.maturity import maturity
from procspec.errors import UsageError
from procspec.features.historycache import history_store
from procspec.git.log import read_history
from procspec.git.revisions import History
from procspec.messages import Text, Words, say
from procspec.problem import Problem
from procspec.reading.dates import add_days
from procspec.reading.model import Process
from procspec.reading.repository import ProcessRecord, Repository, load_repository

SOON_DAYS = 30
"""Follow-ups and reviews due within this many days are listed as coming up."""

KINDS = ("aktivitet", "uppföljning", "granskning", "fastställelse", "roll", "mognad")
"""Item kinds, as they appear in the json output (`typ`)."""


@dataclass(frozen=True)
class Item:
    """One thing that needs attention."""

    kind: str
    """One of KINDS."""
    process: str
    process_name: str
    file: str
    line: int
    due: date | None
    overdue: bool
    ref: str | None
    """The goal, measure or activity id, when the item is about one."""
    text: Text

    def to_dict(self, words: Words) -> dict[str, Any]:
        return {
            "typ": self.kind,
            "process": self.process,
            "processnamn": self.process_name,
            "fil": self.file,
            "rad": self.line,
            "datum": self.due.isoformat() if self.due else None,
            "försenad": self.overdue,
            "ref": self.ref,
            "text": words(self.text),
        }

    @property
    def sort_key(self) -> tuple[bool, date, str, str]:
        return (not self.overdue, self.due or date.max, self.process, self.ref or "")


@dataclass
class Group:
    """The items of one person (`key` None: nobody holds the role that would act on them)."""

    key: str | None
    name: str | None
    email: str | None
    items: list[Item] = field(default_factory=list)

    def to_dict(self, words: Words) -> dict[str, Any]:
        return {
            "nyckel": self.key,
            "namn": self.name,
            "epost": self.email,
            "punkter": [item.to_dict(words) for item in self.items],
        }


@dataclass
class Status:
    """Everything that needs attention, grouped by person."""

    today: date
    groups: list[Group]
    unreadable: list[str]
    """Process files that did not validate, so nothing in them is reported (run validate)."""
    history_note: Text | None
    """Why reviews and approvals are missing (no git history), or None."""

    def to_dict(self, words: Words) -> dict[str, Any]:
        """The `status --format json` document (documented in the README), its sentences
        written with `words`."""
        return {
            "datum": self.today.isoformat(),
            "personer": [group.to_dict(words) for group in self.groups],
            "ej_validerade": self.unreadable,
            "historik": words(self.history_note) if self.history_note is not None else None,
        }

    @property
    def empty(self) -> bool:
        return not any(group.items for group in self.groups)


def status_of(
    path: Path, today: date, person: str | None = None, below_maturity: int | None = None
) -> tuple[Status, str]:
    """`procspec status` for the repository at or above `path`, and the language to show it in."""
    repo = load_repository(path)
    history = read_history(
        repo.root, processes=repo.settings.processes, store=history_store(repo.root)
    )
    return build_status(repo, today, history, person, below_maturity), repo.lang


def build_status(
    repo: Repository,
    today: date,
    history: History | None,
    person: str | None = None,
    below_maturity: int | None = None,
) -> Status:
    """What needs attention in `repo` on `today`, for everyone or for `person`."""
    if person is not None and person not in repo.roster:
        close = difflib.get_close_matches(person, sorted(repo.roster), n=1, cutoff=0.6)
        hint = say("schema.did_you_mean", suggestion=close[0]) if close else ""
        raise UsageError(say("status.unknown_person", key=person, hint=hint))
    if below_maturity is not None and not 2 <= below_maturity <= 5:
        raise UsageError(say("status.bad_maturity", value=below_maturity))
    ctx = context(repo, today, history)
    collected: list[tuple[list[str], Item]] = []
    off = _silenced(repo)
    for record, model in ctx.processes():
        if "PS501" not in off(record):
            collected.extend(_activities(ctx, record, model))
        if "PS404" not in off(record):
            collected.extend(_follow_ups(ctx, record, model))
        if "PS601" not in off(record):
            collected.extend(_review(ctx, record, model))
        if below_maturity is not None:
            collected.extend(_maturity(ctx, record, model, below_maturity))
    collected.extend(_from_rules(ctx, "PS603", "fastställelse"))
    collected.extend(_from_rules(ctx, "PS202", "roll"))
    groups = _group(ctx, collected, person)
    unreadable = [r.rel for r in repo.records if r.model is None]
    note = None
    if history is not None and not history.available:
        note = history.reason
    return Status(today, groups, unreadable, note)


def _silenced(repo: Repository) -> Any:
    configured = severities(repo)
    ignored = ignored_codes(repo)

    def off(record: ProcessRecord) -> set[str]:
        codes = {code for code, level in configured.items() if level == "off"}
        return codes | ignored.get(record.rel, set())

    return off


def _leaders(ctx: Context, pid: str) -> list[str]:
    return ctx.leader(pid)[0]


def _owners(ctx: Context, pid: str) -> list[str]:
    """The effective processägare, else the nearest ancestor's."""
    for ancestor in ctx.chain(pid):
        owners, _ = ctx.role(ancestor, "processägare")
        if owners:
            return owners
    return []


def _item(
    record: ProcessRecord,
    model: Process,
    kind: str,
    at: tuple[str | int, ...],
    due: date | None,
    overdue: bool,
    ref: str | None,
    text: Text,
) -> Item:
    line = record.doc.key_pos(at).line if at else 1
    return Item(kind, record.id, model.name, record.rel, line, due, overdue, ref, text)


def _activities(
    ctx: Context, record: ProcessRecord, model: Process
) -> list[tuple[list[str], Item]]:
    found = []
    for i, activity in enumerate(model.activities):
        if overdue(activity, ctx.today):
            text = say("status.activity", id=activity.id, due=activity.due.isoformat(), status=activity.status, description=activity.description.strip())  # fmt: skip
            item = _item(record, model, "aktivitet", ("aktiviteter", i), activity.due, True,
                         activity.id, text)  # fmt: skip
            found.append(([activity.responsible], item))
    return found


def _follow_ups(
    ctx: Context, record: ProcessRecord, model: Process
) -> list[tuple[list[str], Item]]:
    found = []
    soon = add_days(ctx.today, SOON_DAYS)
    for i, goal in enumerate(model.goals):
        due = follow_up_due(goal)
        if due is None or due > soon:
            continue
        overdue = ctx.today > due
        assert goal.follow_up is not None and goal.follow_up.frequency is not None
        key = "status.goal.overdue" if overdue else "status.goal.soon"
        text = say(key, id=goal.id, due=due.isoformat(), frequency=goal.follow_up.frequency)  # fmt: skip
        who = [goal.follow_up.responsible] if goal.follow_up.responsible else None
        item = _item(record, model, "uppföljning", ("mål", i), due, overdue, goal.id, text)
        found.append((who or _leaders(ctx, record.id), item))
    for i, measure in enumerate(model.measures):
        due = follow_up_due(measure)
        if due is None or due > soon:
            continue
        overdue = ctx.today > due
        key = "status.measure.overdue" if overdue else "status.measure.soon"
        text = say(key, id=measure.id, due=due.isoformat(), frequency=measure.frequency)  # fmt: skip
        item = _item(record, model, "uppföljning", ("mått", i), due, overdue, measure.id, text)
        found.append((_leaders(ctx, record.id), item))
    return found


def _review(ctx: Context, record: ProcessRecord, model: Process) -> list[tuple[list[str], Item]]:
    from procspec.checking.rules.history import review_due

    due = review_due(ctx, record, model)
    if due is None or due > add_days(ctx.today, SOON_DAYS):
        return []
    overdue = ctx.today > due
    text = say("status.review.overdue" if overdue else "status.review.soon", due=due.isoformat())  # fmt: skip
    at: tuple[str | int, ...] = ("granskad",) if model.reviewed is not None else ()
    item = _item(record, model, "granskning", at, due, overdue, None, text)
    return [(_leaders(ctx, record.id), item)]


def _maturity(
    ctx: Context, record: ProcessRecord, model: Process, below: int
) -> list[tuple[list[str], Item]]:
    found = maturity(ctx, record, model)
    if found.level >= below:
        return []
    missing = tuple(say(f"maturity.missing.{key}") for key in found.missing)
    text = say("status.maturity", level=say(f"maturity.{found.level}"), missing=missing)  # fmt: skip
    item = _item(record, model, "mognad", (), None, False, None, text)
    return [(_leaders(ctx, record.id), item)]


def _from_rules(ctx: Context, code: str, kind: str) -> list[tuple[list[str], Item]]:
    """Items from a rule's own problems (after severities and ignores), for its process's owner."""
    problems: list[Problem] = settle(run_rules(ctx, [code]), ctx.repo)
    found = []
    for problem in problems:
        record = ctx.by_id.get(problem.process or "")
        if record is None or record.model is None:
            continue
        item = Item(kind, record.id, record.model.name, record.rel, problem.line, None, True,
                    None, problem.message)  # fmt: skip
        found.append((_owners(ctx, record.id), item))
    return found


def _group(
    ctx: Context, collected: list[tuple[list[str], Item]], person: str | None
) -> list[Group]:
    groups: dict[str | None, Group] = {}
    for keys, item in collected:
        targets: list[str | None] = list(dict.fromkeys(keys)) if keys else [None]
        for key in targets:
            if person is not None and key != person:
                continue
            if key not in groups:
                known = ctx.roster.get(key) if key is not None else None
                groups[key] = Group(key, known.name if known else None,
                                    known.email if known else None)  # fmt: skip
            groups[key].items.append(item)
    for group in groups.values():
        group.items.sort(key=lambda i: i.sort_key)
    return sorted(groups.values(),
                  key=lambda g: (g.key is None, (g.name or g.key or "").casefold()))  # fmt: skip
