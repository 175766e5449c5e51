"""What changed between two states of the processes, field by field, as data a reader's words are
made from.

Processes added and removed, and per process each changed field with its value before and after
(`Processägare: Anna Berg → Bo Ek`, `Mål M2 tillagt: …`, `Aktivitet A1: pågående → klar`), people
named by their names from each state's roster. The comparison works on the files' data, so a file
that does not validate is still compared. `procspec diff` (features.diff) shows it for two git
revisions; the rendered site's list of changes (rendering.changes) for each recent commit.

Beyond the process files (`comparison_scope`): the roster and the settings with the processes they
touch, ids that changed, files that cannot be read, and new processes in a few words.

Labels and values are `Text`: a label is a message (`diff.label.item` of `diff.field.mål` and
`M1`: "Mål M1" / "Goal M1"), a value is the file's text or a message where a word belongs to the
language (`diff.yes`). Nothing here knows the language: `Change.message` says the change, and the
formatters (`reporting.diff`) and the renderer (`rendering.changes`) put it in words.

May import: `procspec.reading`, `procspec.messages`, `procspec.checking.hierarchy`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from procspec.checking.comparison_scope import (
    PersonDiff,
    SettingsDiff,
    Unreadable,
    renames,
    roster_changes,
    settings_changes,
    summary,
    unreadable,
)
from procspec.messages import Message, Text, Words, has, joined, say
from procspec.reading.model import Person
from procspec.reading.repository import Repository

FIELD_ORDER = (
    "namn",
    "typ",
    "nivå",
    "överordnad",
    "processägare",
    "processansvarig",
    "processledare",
    "processteam",
    "processtöd",
    "forum",
    "syfte",
    "starthändelse",
    "sluthändelse",
    "mottagare",
    "ordning",
    "krav",
    "angränsande",
    "dokument",
    "mål",
    "mått",
    "aktiviteter",
    "processkarta",
    "granskad",
    "godkänd",
    "fastställd",
)
"""Örebro Bilaga 1's order, with Botkyrka's rows and the plans after it."""

PERSON_KEYS = frozenset(
    {
        "processägare",
        "processansvarig",
        "processledare",
        "processteam",
        "processhandledare",
        "processkommunikatör",
        "processcontroller",
        "ansvarig",
        "rapporteras_till",
        "av",
    }
)
"""Keys whose values are person keys (or, for rapporteras_till, maybe text): shown as names."""

UNIT_KEYS = frozenset({"målvärde", "värde", "baslinje", "startvärde"})
"""Numbers of a goal or measure that are shown with its unit (`enhet`)."""

PROCESS_KEYS = frozenset({"överordnad", "process", "angränsande"})
"""Keys whose values are process ids: shown as 'name (id)'."""

ITEMS_WITH_ID = {"mål": "neuter", "mått": "neuter", "aktiviteter": "common"}
"""Lists whose items are matched by `id`; the gender picks 'tillagt' or 'tillagd'."""

UNORDERED = {"krav": "neuter", "angränsande": "common", "dokument": "neuter",
             "mottagare": "common", "forum": "neuter"}  # fmt: skip
"""Lists compared as sets: each item added or removed."""


def _plain(value: Any) -> Any:
    """A value of the file's data as JSON data (dates and other scalars as text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


@dataclass(frozen=True)
class Change:
    """One changed field of a process. `before`/`after` is None when absent."""

    field: Text
    """The field's label ("Mål M1, målvärde" as `diff.label.part` of `diff.label.item` …)."""
    before: Text | None
    after: Text | None
    gender: str = ""
    """For an item added or removed: 'neuter' (ett mål: tillagt) or 'common' (en aktivitet:
    tillagd); empty for a value that changed (shown as before → after)."""
    path: str = ""
    """Where the field stands in the file, as a key path: `mål[M1].målvärde`, `krav`."""
    raw_before: Any = None
    raw_after: Any = None
    """The values as they stand in the files (JSON data), None when absent."""

    def to_dict(self, words: Words) -> dict[str, Any]:
        """SPEC §4's `diff --format json` change: `fält` is the key path, `etikett` the label,
        `före`/`efter` the values in words, `före_värde`/`efter_värde` the values as data."""
        return {
            "fält": self.path or words(self.field),
            "etikett": words(self.field),
            "före": None if self.before is None else words(self.before),
            "efter": None if self.after is None else words(self.after),
            "före_värde": _plain(self.raw_before),
            "efter_värde": _plain(self.raw_after),
        }

    @property
    def message(self) -> Message:
        """The change as a sentence: an item added or removed, or a value before → after."""
        if self.gender and self.before is None:
            return say(f"diff.added.{self.gender}", field=self.field, value=self.after)
        if self.gender and self.after is None:
            return say(f"diff.removed.{self.gender}", field=self.field, value=self.before)
        return say("diff.change", field=self.field, before=self.before or "–",
                   after=self.after or "–")  # fmt: skip


@dataclass
class ProcessDiff:
    """The changes to one process present in both states."""

    id: str
    name: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    """What changed between two states of a repository."""

    added: list[tuple[str, str]]
    """(id, name) of processes only in the head state."""
    removed: list[tuple[str, str]]
    changed: list[ProcessDiff]
    base_label: Text = ""
    head_label: Text = ""
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    """(old id, new id, name) of processes whose id changed."""
    summaries: dict[str, Text] = field(default_factory=dict)
    """An added process's id -> the process in a few words."""
    people: list[PersonDiff] = field(default_factory=list)
    settings: SettingsDiff | None = None
    unreadable: list[Unreadable] = field(default_factory=list)
    """Files of the head state that cannot be read: their changes cannot be shown."""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.renamed or self.people
                    or self.settings or self.unreadable)  # fmt: skip

    def to_dict(self, words: Words) -> dict[str, Any]:
        """SPEC §4's `diff --format json`, and what the roster, the settings and renames add;
        labels and values in `words`."""
        return {
            "tillagda": [pid for pid, _ in self.added],
            "borttagna": [pid for pid, _ in self.removed],
            "ändrade": [
                {"id": p.id, "ändringar": [c.to_dict(words) for c in p.changes]}
                for p in self.changed
            ],
            "omdöpta": [{"från": old, "till": new} for old, new, _ in self.renamed],
            "sammanfattningar": {pid: words(s) for pid, s in self.summaries.items()},
            "personer": [p.to_dict(words) for p in self.people],
            "inställningar": self.settings.to_dict(words) if self.settings else None,
            "olästa": [u.to_dict(words) for u in self.unreadable],
        }


class _Side:
    """One state of the repository: its processes' data and how to name its people."""

    def __init__(self, repo: Repository) -> None:
        self.roster: dict[str, Person] = repo.roster
        self.data: dict[str, dict[str, Any]] = {}
        self.files: dict[str, str] = {}
        self.unreadable: set[str] = set()
        for record in repo.records:
            if not record.doc.ok:
                self.unreadable.add(record.id)
                continue
            if record.id in self.data:
                continue
            self.data[record.id] = record.doc.data if isinstance(record.doc.data, dict) else {}
            self.files[record.id] = record.rel

    @classmethod
    def of(
        cls, data: dict[str, dict[str, Any]], files: dict[str, str], roster: dict[str, Person]
    ) -> _Side:
        """A state given as data (one version of a file, read from git), not as a repository."""
        side = cls.__new__(cls)
        side.roster, side.data, side.files = roster, data, files
        side.unreadable = set()
        return side

    def name_of(self, pid: str) -> str:
        value = self.data.get(pid, {}).get("namn")
        return value if isinstance(value, str) else pid

    def person(self, key: Any) -> Text:
        if isinstance(key, str) and key in self.roster:
            return self.roster[key].name
        return shown(key, self)

    def show(self, key: str, value: Any) -> Text | None:
        """A value as shown; person keys become names."""
        if value is None:
            return None
        if key in PROCESS_KEYS and isinstance(value, str) and value in self.data:
            return f"{self.name_of(value)} ({value})"
        if key in PERSON_KEYS:
            if isinstance(value, list):
                return joined(self.person(v) for v in value)
            if isinstance(value, dict):
                return shown(value, self)
            return self.person(value)
        return shown(value, self)


def shown(value: Any, side: _Side | None = None) -> Text:
    """Plain data as shown: lists joined with commas, maps as 'key: value' pairs, yes and no
    as messages."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return say("diff.yes" if value else "diff.no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return joined(shown(v, side) for v in value)
    if isinstance(value, dict):
        parts: list[Text] = []
        for key, item in value.items():
            part = side.show(key, item) if side is not None else shown(item)
            parts.append(joined((str(key), part or "–"), ": "))
        return joined(parts, "; ")
    return " ".join(str(value).split())


def _summary(item: Any, side: _Side, of: str = "") -> Text:
    """An item of the list `of` in a few words: its description when it has one."""
    if isinstance(item, dict):
        for key in ("beskrivning", "titel", "process"):
            if isinstance(item.get(key), str):
                text = side.show(key, item[key]) or ""
                if not isinstance(text, str):
                    return text
                extra = item.get("gränssnitt") if key == "process" else item.get("länk")
                if isinstance(extra, str):
                    text += f" ({extra})"
                if key == "beskrivning" and isinstance(item.get("typ"), str) and "id" not in item:
                    text = f"{item['typ']}: {text}"
                return " ".join(text.split())
    return side.show(of, item) or "–"


def _label(key: str, kind: str = "field") -> Text:
    """A field's label: its message (`diff.field.<key>` for a process's own fields,
    `diff.part.<key>` for the fields of its goals, measures, activities and process support), or
    the key where there is none."""
    label = f"diff.{kind}.{key}"
    return say(label) if has(label) else key


def _item(label: Text, item: str) -> Message:
    """The label of one item of a list: "Mål M1", "Mål M1, utfall 2025-12-31"."""
    return say("diff.label.item", field=label, id=item)


def part(label: Text, name: Text) -> Message:
    """The label of a part of a field: "Mål M1, målvärde", "anna.berg, e-post"."""
    return say("diff.label.part", field=label, part=name)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _set_changes(key: str, before: Any, after: Any, old: _Side, new: _Side) -> list[Change]:
    gender = UNORDERED[key]
    label = _label(key)
    was = [(_summary(i, old, key), i) for i in _as_list(before)]
    now = [(_summary(i, new, key), i) for i in _as_list(after)]
    now_items = [i for _, i in now]
    was_items = [i for _, i in was]
    changes = [Change(label, text, None, gender, key, i, None)
               for text, i in was if i not in now_items]  # fmt: skip
    changes += [Change(label, None, text, gender, key, None, i)
                for text, i in now if i not in was_items]  # fmt: skip
    return changes


def _keyed(items: Any, field: str = "id") -> dict[str, Any]:
    """The items by their `field` (the first of equal keys wins), or by position (`#n`)."""
    found: dict[str, Any] = {}
    for n, item in enumerate(_as_list(items), start=1):
        key = item.get(field) if isinstance(item, dict) else None
        found.setdefault(str(key) if key is not None else f"#{n}", item)
    return found


def _item_changes(key: str, before: Any, after: Any, old: _Side, new: _Side) -> list[Change]:
    """Goals, measures and activities, matched by id."""
    gender = ITEMS_WITH_ID[key]
    label = _label(key)
    was, now = _keyed(before), _keyed(after)
    changes: list[Change] = []
    for item_id in [*was, *(i for i in now if i not in was)]:
        title = _item(label, item_id)
        path = f"{key}[{item_id}]"
        if item_id not in now:
            summary = _summary(was[item_id], old)
            changes.append(Change(title, summary, None, gender, path, was[item_id], None))
        elif item_id not in was:
            summary = _summary(now[item_id], new)
            changes.append(Change(title, None, summary, gender, path, None, now[item_id]))
        elif was[item_id] != now[item_id]:
            changes.extend(_fields(title, path, was[item_id], now[item_id], old, new, key))
    return changes


def _unit(item: Any) -> str:
    """The unit (`enhet`) of a goal or measure, to follow its numbers; empty when none."""
    unit = item.get("enhet") if isinstance(item, dict) else None
    return unit.strip() if isinstance(unit, str) and unit.strip() else ""


def _with_unit(text: Text | None, unit: str) -> Text | None:
    if text is None or not unit or text == "–":
        return text
    return joined((text, unit), "\u00a0")


def _fields(
    title: Text, path: str, was: Any, now: Any, old: _Side, new: _Side, kind: str
) -> list[Change]:
    """The fields of one goal, measure or activity that differ."""
    if not (isinstance(was, dict) and isinstance(now, dict)):
        return [Change(title, old.show("", was), new.show("", now), "", path, was, now)]
    changes: list[Change] = []
    for sub in [*was, *(k for k in now if k not in was)]:
        before, after = was.get(sub), now.get(sub)
        if before == after:
            continue
        where = f"{path}.{sub}"
        if kind == "aktiviteter" and sub == "status":
            changes.append(Change(title, old.show(sub, before), new.show(sub, after), "", where,
                                  before, after))  # fmt: skip
        elif sub == "utfall":
            label = part(title, _label("utfall", "part"))
            changes.extend(
                _results(label, where, before, after, old, new, (_unit(was), _unit(now)))
            )
        elif isinstance(before, dict) and isinstance(after, dict):
            changes.extend(
                _fields(part(title, _label(sub, "part")), where, before, after, old, new, sub)
            )
        else:
            shown_before, shown_after = old.show(sub, before), new.show(sub, after)
            if sub in UNIT_KEYS:
                shown_before = _with_unit(shown_before, _unit(was))
                shown_after = _with_unit(shown_after, _unit(now))
            changes.append(Change(part(title, _label(sub, "part")), shown_before, shown_after, "", where,
                                  before, after))  # fmt: skip
    return changes


def _results(
    title: Text,
    path: str,
    before: Any,
    after: Any,
    old: _Side,
    new: _Side,
    units: tuple[str, str] = ("", ""),
) -> list[Change]:
    """Recorded results, matched by date; values with the unit of their goal or measure."""

    def result(item: Any, side: _Side, unit: str) -> Text:
        if isinstance(item, dict) and "värde" in item:
            text = _with_unit(shown(item["värde"]), unit) or ""
            comment = item.get("kommentar")
            return joined((text, f"({comment})"), " ") if isinstance(comment, str) else text
        return side.show("", item) or "–"

    was, now = _keyed(before, "datum"), _keyed(after, "datum")
    changes: list[Change] = []
    for day in [*was, *(d for d in now if d not in was)]:
        label, where = _item(title, day), f"{path}[{day}]"
        if day not in now:
            changes.append(Change(label, result(was[day], old, units[0]), None, "neuter", where,
                                  was[day], None))  # fmt: skip
        elif day not in was:
            changes.append(Change(label, None, result(now[day], new, units[1]), "neuter", where,
                                  None, now[day]))  # fmt: skip
        elif was[day] != now[day]:
            changes.append(Change(label, result(was[day], old, units[0]),
                                  result(now[day], new, units[1]), "", where, was[day], now[day]))  # fmt: skip
    return changes


def _process_changes(pid: str, old: _Side, new: _Side, old_pid: str | None = None) -> list[Change]:
    was_id = old_pid or pid
    before, after = old.data[was_id], new.data[pid]
    changes: list[Change] = []
    if was_id != pid:
        changes.append(Change(_label("id"), was_id, pid, "", "id", was_id, pid))
    if old.files[was_id] != new.files[pid]:
        changes.append(Change(_label("fil"), old.files[was_id], new.files[pid], "", "fil",
                              old.files[was_id], new.files[pid]))  # fmt: skip
    keys = [k for k in FIELD_ORDER if k in before or k in after]
    keys += sorted(k for k in {*before, *after} if k not in FIELD_ORDER)
    for key in keys:
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        if key in ITEMS_WITH_ID:
            changes.extend(_item_changes(key, was, now, old, new))
        elif key in UNORDERED:
            changes.extend(_set_changes(key, was, now, old, new))
        elif key == "processtöd" and isinstance(was or {}, dict) and isinstance(now or {}, dict):
            label = _label(key)
            for role in [*(was or {}), *(r for r in (now or {}) if r not in (was or {}))]:
                b, a = (was or {}).get(role), (now or {}).get(role)
                if b != a:
                    changes.append(Change(part(label, _label(role, "part")), old.show(role, b), new.show(role, a),
                                          "", f"{key}.{role}", b, a))  # fmt: skip
        else:
            changes.append(Change(_label(key), old.show(key, was), new.show(key, now), "",
                                  key, was, now))  # fmt: skip
    return changes


def diff_repositories(
    base: Repository,
    head: Repository,
    base_label: Text = "",
    head_label: Text = "",
    git_renames: dict[str, str] | None = None,
) -> Diff:
    """The difference from `base` to `head`. `git_renames` (old path -> new path, as git detects
    renames) helps to see a process whose id changed."""
    old, new = _Side(base), _Side(head)
    moved = renames(base, head, git_renames)
    moved_from = {o for o, _ in moved}
    moved_to = {n: o for o, n in moved}
    added = [(pid, new.name_of(pid)) for pid in new.data
             if pid not in old.data and pid not in moved_to and pid not in old.unreadable]  # fmt: skip
    removed = [(pid, old.name_of(pid)) for pid in old.data
               if pid not in new.data and pid not in moved_from and pid not in new.unreadable]  # fmt: skip
    changed = []
    for pid in new.data:
        if pid in old.data or pid in moved_to:
            changes = _process_changes(pid, old, new, moved_to.get(pid))
            if changes:
                changed.append(ProcessDiff(pid, new.name_of(pid), changes))
    summaries = {pid: summary(new.data[pid], new.show) for pid, _ in added}
    return Diff(
        added,
        removed,
        changed,
        base_label,
        head_label,
        renamed=[(o, n, new.name_of(n)) for o, n in moved],
        summaries={pid: text for pid, text in summaries.items() if text},
        people=roster_changes(base, head),
        settings=settings_changes(base, head),
        unreadable=unreadable(head),
    )


def process_changes(
    pid: str,
    before: tuple[str, dict[str, Any]],
    after: tuple[str, dict[str, Any]],
    others: dict[str, dict[str, Any]],
    roster: dict[str, Person],
) -> list[Change]:
    """The changes to one process between two versions of its file, each given as (path, data);
    `others` holds the data (at least `namn`) of the processes it may refer to."""
    old = _Side.of({**others, pid: before[1]}, {pid: before[0]}, roster)
    new = _Side.of({**others, pid: after[1]}, {pid: after[0]}, roster)
    return _process_changes(pid, old, new)
