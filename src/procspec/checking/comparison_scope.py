"""What a change means beyond the process files themselves (`procspec diff`).

A process's owner can change without its file changing: the roster (`personer.yaml`) says who a
person key is, and the settings (`procspec.yaml`: `profil`, `regler`, …) say which rules every
process follows. So a diff also compares the roster and the settings, and names the processes each
change touches. It detects a process whose id changed (its file renamed, by git or with the same
content), reports a file that cannot be read as such (PS001) rather than as every field deleted,
and sums up a new process in a few words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from procspec.messages import Message, Text, Words, has, joined, say
from procspec.problem import Problem
from procspec.reading.model import Person
from procspec.reading.repository import ProcessRecord, Repository

ROLES_IN_MODEL = ("processägare", "processansvarig", "processledare", "processteam")
PURPOSE_WORDS = 12
"""An added process's purpose is shown up to this many words."""


@dataclass(frozen=True)
class Affected:
    """The processes a roster or settings change touches: ids and names, or every process."""

    processes: list[tuple[str, str]] = field(default_factory=list)
    every: int = 0
    """The number of processes when the change touches every one of them, else 0."""

    def ids(self) -> list[str]:
        return [pid for pid, _ in self.processes]

    @property
    def message(self) -> Message:
        """Which processes the change touches, as a message."""
        if self.every:
            return say("diff.affects_all", count=self.every)
        if not self.processes:
            return say("diff.affects_none")
        listed = ", ".join(f"{name} ({pid})" for pid, name in self.processes)
        return say("diff.affects", processes=listed)


@dataclass(frozen=True)
class Unreadable:
    """A file of the head state that cannot be read (PS001 and the like)."""

    problem: Problem

    def to_dict(self, words: Words) -> dict[str, Any]:
        p = self.problem
        return {"kod": p.code, "fil": p.path, "rad": p.line, "kolumn": p.column,
                "meddelande": words(p.message)}  # fmt: skip

    @property
    def message(self) -> Message:
        p = self.problem
        return say("diff.unreadable.line", file=p.path, line=p.line, code=p.code,
                   message=p.message)  # fmt: skip


def unreadable(repo: Repository) -> list[Unreadable]:
    """The process files of `repo` that do not parse into a mapping."""
    found: list[Unreadable] = []
    for record in repo.records:
        if record.doc.ok:
            continue
        problems = [p for p in record.doc.problems if p.code in ("PS001", "PS003", "PS004")]
        problems = problems or record.doc.problems or record.problems
        if problems:
            first = sorted(problems, key=lambda p: p.sort_key)[0]
            found.append(Unreadable(first))
    return found


def readable(repo: Repository) -> list[ProcessRecord]:
    return [r for r in repo.records if r.doc.ok]


def _mentions(value: Any, key: str) -> bool:
    """Whether the person key `key` appears in the data `value` (any depth)."""
    if isinstance(value, str):
        return value == key
    if isinstance(value, list):
        return any(_mentions(v, key) for v in value)
    if isinstance(value, dict):
        return any(_mentions(v, key) for v in value.values())
    return False


def people_of(repo: Repository) -> dict[str, set[str]]:
    """Person key -> the ids of the processes where that person holds a role (inherited roles
    included) or is named (a goal's or activity's `ansvarig`, an approval's `av`, …)."""
    from procspec.checking.hierarchy import Context

    ctx = Context.build(repo, date.today())
    found: dict[str, set[str]] = {}
    for record in readable(repo):
        keys: set[str] = set()
        if record.model is not None:
            for role in ROLES_IN_MODEL:
                keys.update(ctx.role(record.id, role)[0])
            keys.update(ctx.leader(record.id)[0])
        data = record.doc.data if isinstance(record.doc.data, dict) else {}
        keys.update(k for k in repo.roster if _mentions(data, k))
        for key in keys:
            found.setdefault(key, set()).add(record.id)
    return found


def _person_fields(person: Person) -> dict[str, Any]:
    return {k: v for k, v in person.model_dump(by_alias=True).items() if v is not None}


def _person_words(person: Person) -> str:
    parts = [person.name, str(person.email)]
    if person.title:
        parts.append(person.title)
    return ", ".join(parts)


def names(repo: Repository) -> dict[str, str]:
    found: dict[str, str] = {}
    for record in readable(repo):
        data = record.doc.data
        name = data.get("namn") if isinstance(data, dict) else None
        found.setdefault(record.id, name if isinstance(name, str) else record.id)
    return found


def _affected(ids: set[str], named: dict[str, str]) -> Affected:
    return Affected([(pid, named.get(pid, pid)) for pid in sorted(ids)])


@dataclass(frozen=True)
class PersonDiff:
    """The changes to one person key of the roster, and the processes they touch."""

    key: str
    changes: list[Any]
    """`procspec.diff.Change`s: the person added or removed, or fields changed."""
    affected: Affected

    def to_dict(self, words: Words) -> dict[str, Any]:
        return {"nyckel": self.key, "ändringar": [c.to_dict(words) for c in self.changes],
                "berörda_processer": self.affected.ids()}  # fmt: skip


def roster_changes(old: Repository, new: Repository) -> list[PersonDiff]:
    """Every person key added, removed or changed in the roster, with the processes of either
    state that name that person."""
    from procspec.checking.comparison import Change, part

    if old.roster == new.roster:
        return []
    old_uses, new_uses = people_of(old), people_of(new)
    named = {**names(old), **names(new)}
    found: list[PersonDiff] = []
    for key in sorted({*old.roster, *new.roster}):
        was, now = old.roster.get(key), new.roster.get(key)
        if was == now:
            continue
        changes: list[Change] = []
        if was is None and now is not None:
            changes.append(Change(key, None,
                                  _person_words(now), "common", key, None, _person_fields(now)))  # fmt: skip
        elif now is None and was is not None:
            changes.append(Change(key, _person_words(was),
                                  None, "common", key, _person_fields(was), None))  # fmt: skip
        elif was is not None and now is not None:
            before, after = _person_fields(was), _person_fields(now)
            for sub in [*before, *(k for k in after if k not in before)]:
                if before.get(sub) != after.get(sub):
                    label = part(key, say(f"diff.person_field.{sub}"))
                    b, a = before.get(sub), after.get(sub)
                    changes.append(Change(label, None if b is None else str(b),
                                          None if a is None else str(a), "", f"{key}.{sub}", b, a))  # fmt: skip
        ids = old_uses.get(key, set()) | new_uses.get(key, set())
        found.append(PersonDiff(key, changes, _affected(ids, named)))
    return found


SETTINGS_FOR_ALL = frozenset({"profil", "regler", "granskning_månader", "processer", "språk"})
"""Settings that change what `validate` says about every process."""


@dataclass(frozen=True)
class SettingsDiff:
    changes: list[Any]
    affected: Affected

    def to_dict(self, words: Words) -> dict[str, Any]:
        return {"ändringar": [c.to_dict(words) for c in self.changes],
                "berörda_processer": self.affected.ids()}  # fmt: skip


def settings_changes(old: Repository, new: Repository) -> SettingsDiff | None:
    """What changed in procspec.yaml (and in the profile it names)."""
    from procspec.checking.comparison import Change

    before = old.settings.model_dump(by_alias=True, mode="json")
    after = new.settings.model_dump(by_alias=True, mode="json")
    changes: list[Change] = []
    for key in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(key), after.get(key)
        if isinstance(b, dict) and isinstance(a, dict):
            for sub in [*b, *(k for k in a if k not in b)]:
                if b.get(sub) != a.get(sub):
                    changes.append(_setting(f"{key}.{sub}", b.get(sub), a.get(sub)))
        elif b != a:
            changes.append(_setting(key, b, a))
    if before.get("profil") == after.get("profil") and old.profile != new.profile:
        name = str(after.get("profil"))
        label = joined((say("diff.setting.profil"), f"({name})"), " ")
        changes.append(Change(label, name, name, "", "profil", name, name))
    if not changes:
        return None
    everyone = any(c.path.split(".")[0] in SETTINGS_FOR_ALL for c in changes)
    count = len(readable(new))
    return SettingsDiff(changes, Affected(every=count) if everyone and count else Affected())


def setting_label(path: str) -> Text:
    """The label of a setting (`diff.setting.<path>`): "Språk", "Regler, PS101"; the path where
    procspec has no words for it."""
    from procspec.checking.comparison import part

    if has(f"diff.setting.{path}"):
        return say(f"diff.setting.{path}")
    key, _, sub = path.partition(".")
    if sub and has(f"diff.setting.{key}"):
        return part(say(f"diff.setting.{key}"), sub)
    return path


def _setting(path: str, before: Any, after: Any) -> Any:
    from procspec.checking.comparison import Change, shown

    def value(data: Any) -> Text | None:
        return None if data is None or data == {} else shown(data)

    return Change(setting_label(path), value(before), value(after), "", path, before, after)


def renames(
    old: Repository, new: Repository, git_renames: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """(old id, new id) for each process that only changed its id: its file was renamed (as git
    sees it, `git_renames`: old path -> new path), or a removed file's content is exactly an
    added file's."""
    old_ids = {r.id: r for r in readable(old)}
    new_ids = {r.id: r for r in readable(new)}
    gone = [pid for pid in old_ids if pid not in new_ids]
    came = [pid for pid in new_ids if pid not in old_ids]
    by_path = {r.rel: r.id for r in new_ids.values()}
    found: list[tuple[str, str]] = []
    taken: set[str] = set()
    for pid in gone:
        target = (git_renames or {}).get(old_ids[pid].rel)
        match = by_path.get(target) if target else None
        if match is None or match not in came or match in taken:
            match = next((c for c in came if c not in taken
                          and new_ids[c].doc.data == old_ids[pid].doc.data), None)  # fmt: skip
        if match is not None:
            taken.add(match)
            found.append((pid, match))
    return found


def summary(data: Any, show: Any) -> Text:
    """A new process in a few words: type, parent, owner, goals, activities and purpose.
    `show(key, value)` gives a value as shown (names for person keys)."""
    if not isinstance(data, dict):
        return ""
    parts: list[Text] = []
    if isinstance(data.get("typ"), str):
        parts.append(say("diff.summary.type", value=data["typ"]))
    if isinstance(data.get("överordnad"), str):
        parts.append(say("diff.summary.parent", value=show("överordnad", data["överordnad"])))
    if data.get("processägare"):
        parts.append(say("diff.summary.owner", value=show("processägare", data["processägare"])))
    for key, label in (("mål", "goals"), ("aktiviteter", "activities")):
        if isinstance(data.get(key), list) and data[key]:
            parts.append(say(f"diff.summary.{label}", count=len(data[key])))
    purpose = data.get("syfte")
    if isinstance(purpose, str) and purpose.strip():
        words = purpose.split()
        text = " ".join(words[:PURPOSE_WORDS]) + (" …" if len(words) > PURPOSE_WORDS else "")
        parts.append(say("diff.summary.purpose", value=text))
    return joined(parts, "; ")
