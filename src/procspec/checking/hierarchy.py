"""The resolved hierarchy and roles: the repository as the rules see it, worked out once.

Everything here is computed in one pass over the processes (dictionaries keyed by id), so no
rule needs to scan all processes for each process.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from procspec.git.revisions import History
from procspec.messages import Text, say
from procspec.problem import Pos, Problem, Severity
from procspec.reading.documents import KeyPath
from procspec.reading.model import Person, Process
from procspec.reading.repository import ProcessRecord, Repository

ROLE_FIELDS = {"processägare": "owners", "processansvarig": "responsible"}


@dataclass
class Context:
    """The repository as the rules see it."""

    repo: Repository
    today: date
    by_id: dict[str, ProcessRecord] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    _levels: dict[str, int] = field(default_factory=dict)
    _roles: dict[tuple[str, str], tuple[list[str], bool]] = field(default_factory=dict)
    _processes: list[tuple[ProcessRecord, Process]] | None = None
    history: History | None = None
    """The git history (`procspec.git.log.read_history`); None when it was not read, and then the
    history rules (PS601–PS603) are skipped without a word."""
    severities: dict[str, Severity] = field(default_factory=dict)
    """Each rule's default severity, given by the checker (`procspec.checking.checker.context`);
    a code not in it is an error."""

    @classmethod
    def build(
        cls,
        repo: Repository,
        today: date,
        history: History | None = None,
        severities: dict[str, Severity] | None = None,
    ) -> Context:
        ctx = cls(repo=repo, today=today, history=history, severities=dict(severities or {}))
        for record in repo.records:
            ctx.ids.add(record.id)
            if record.model is not None and record.id not in ctx.by_id:
                ctx.by_id[record.id] = record
        return ctx

    @property
    def lang(self) -> str:
        return self.repo.lang

    @property
    def roster(self) -> dict[str, Person]:
        return self.repo.roster

    def processes(self) -> list[tuple[ProcessRecord, Process]]:
        """Every validated process with its model, in file order (built once: every rule asks)."""
        if self._processes is None:
            self._processes = [(r, r.model) for r in self.repo.records if r.model is not None]
        return list(self._processes)

    def find(self, wanted: str) -> ProcessRecord | None:
        """A process by id (compared in NFC), or by name (case-insensitive).

        Every process file counts, also one whose model is None because it has errors: the
        process exists, and a caller that needs the model says so (`record.model is None`)."""
        key = unicodedata.normalize("NFC", wanted.strip())
        if key in self.by_id:
            return self.by_id[key]
        for record in self.repo.records:
            if record.id == key:
                return record
        for record in self.repo.records:
            if record.model is not None:
                name: object = record.model.name
            else:
                name = record.doc.data.get("namn") if isinstance(record.doc.data, dict) else None
            if isinstance(name, str) and name.strip().casefold() == key.casefold():
                return record
        return None

    def did_you_mean(self, wanted: str) -> Text:
        """' Menade du …?' with the closest id of any process file, or nothing."""
        key = unicodedata.normalize("NFC", wanted.strip())
        close = difflib.get_close_matches(key, sorted(self.ids), n=1, cutoff=0.6)
        return say("schema.did_you_mean", suggestion=close[0]) if close else ""

    def unreadable(self) -> list[str]:
        """The process files (relative paths) that have no model because they have errors."""
        return [record.rel for record in self.repo.records if record.model is None]

    def parent(self, pid: str) -> ProcessRecord | None:
        record = self.by_id.get(pid)
        if record is None or record.model is None or record.model.parent is None:
            return None
        return self.by_id.get(record.model.parent)

    def chain(self, pid: str) -> list[str]:
        """`pid` and its ancestors, nearest first, stopping before a cycle repeats."""
        seen: list[str] = []
        current: str | None = pid
        while current is not None and current not in seen and current in self.by_id:
            seen.append(current)
            model = self.by_id[current].model
            current = model.parent if model is not None else None
        return seen

    def level(self, pid: str) -> int:
        """The process level: written `nivå`, else one below the parent's, else 1."""
        if pid in self._levels:
            return self._levels[pid]
        level = 1
        for depth, ancestor in enumerate(self.chain(pid)):
            model = self.by_id[ancestor].model
            if model is not None and model.level is not None:
                level = model.level + depth
                break
        else:
            level = len(self.chain(pid))
        self._levels[pid] = level
        return level

    def role(self, pid: str, role: str) -> tuple[list[str], bool]:
        """The person keys effectively holding `role` and whether they were inherited.

        Inheritance follows the profile's `ärver` for the process's level, up the parent chain.
        """
        cache_key = (pid, role)
        if cache_key in self._roles:
            return self._roles[cache_key]
        self._roles[cache_key] = ([], False)  # a cycle resolves to nobody
        record = self.by_id.get(pid)
        result: tuple[list[str], bool] = ([], False)
        if record is not None and record.model is not None:
            own = self._own(record.model, role)
            if own:
                result = (own, False)
            elif role in self.repo.profile.rule_for(self.level(pid)).inherits:
                parent = self.parent(pid)
                if parent is not None:
                    inherited, _ = self.role(parent.id, role)
                    result = (inherited, bool(inherited))
        self._roles[cache_key] = result
        return result

    @staticmethod
    def _own(model: Process, role: str) -> list[str]:
        if role == "processägare":
            return list(model.owners or [])
        if role == "processansvarig":
            return [model.responsible] if model.responsible else []
        if role == "processledare":
            return [model.leader] if model.leader else []
        if role == "processteam":
            return list(model.team)
        return []

    def leader(self, pid: str) -> tuple[list[str], str | None]:
        """The processledare, or who holds the role when none is named (and which role that is)."""
        record = self.by_id.get(pid)
        if record is not None and record.model is not None and record.model.leader:
            return [record.model.leader], None
        for fallback in self.repo.profile.leader_fallback:
            holders, _ = self.role(pid, fallback)
            if holders:
                return holders, fallback
        return [], None

    def problem(
        self,
        code: str,
        record: ProcessRecord,
        at: KeyPath,
        message: str | None = None,
        /,
        *,
        on_key: bool = True,
        **params: object,
    ) -> Problem:
        """A problem of rule `code` in `record`'s file, at the key (or value) `at`.

        The message key defaults to the rule code."""
        pos: Pos = record.doc.key_pos(at) if on_key else record.doc.value_pos(at)
        if not at:
            pos = Pos()
        return Problem(
            record.rel,
            pos.line,
            pos.column,
            code,
            self.severities.get(code, Severity.ERROR),
            say(message or code, **params),
            record.id,
        )

    def person(self, key: str) -> str:
        """A person's name for messages, or the key when unknown."""
        person = self.roster.get(key)
        return f"{person.name} ({key})" if person else key
