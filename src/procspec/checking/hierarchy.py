"""The resolved hierarchy and roles: the repository as the rules see it, worked out once.

Everything here is computed in one pass over the processes (dictionaries keyed by id), so no
rule needs to scan all processes for each process.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from procspec.checking.facts import Facts, index_of
from procspec.git.revisions import History
from procspec.messages import Text, say
from procspec.problem import Pos, Problem, Severity
from procspec.reading.documents import Document, KeyPath
from procspec.reading.model import Person, Process
from procspec.reading.repository import ProcessRecord, Repository

ROLE_FIELDS = {"processägare": "owners", "processansvarig": "responsible"}


@dataclass
class Context:
    """The repository as the rules see it.

    `repo.records` are the files the `FILE` rules check (every process file in a full run; the
    changed ones when `validate` keeps the rest, `procspec.features.incremental`); `index` holds
    the facts of every process file, and every lookup of another process goes through it.
    """

    repo: Repository
    today: date
    by_id: dict[str, ProcessRecord] = field(default_factory=dict)
    """The first validated record per id, among `repo.records`."""
    ids: set[str] = field(default_factory=set)
    """The id of every process file, also one with errors."""
    index: list[Facts] = field(default_factory=list)
    """The facts of every process file, in file order."""
    facts: dict[str, Facts] = field(default_factory=dict)
    """The facts of the first validated file per id."""
    _levels: dict[str, int] = field(default_factory=dict)
    _roles: dict[tuple[str, str], tuple[list[str], bool]] = field(default_factory=dict)
    _processes: list[tuple[ProcessRecord, Process]] | None = None
    history: History | None = None
    """The git history (`procspec.git.log.read_history`); None when it was not read, and then the
    history rules (PS601–PS603) are skipped without a word."""
    severities: dict[str, Severity] = field(default_factory=dict)
    """Each rule's default severity, given by the checker (`procspec.checking.checker.context`);
    a code not in it is an error."""
    documents: Callable[[str], Document] | None = None
    """Reads a process file that is not among `repo.records` (for the position of a problem a
    `REPOSITORY` rule finds in it)."""
    _by_rel: dict[str, ProcessRecord] | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    """What a rule family works out once per run for all its rules (the flow graphs, the name
    judgements), by a key of the family's own."""

    @classmethod
    def build(
        cls,
        repo: Repository,
        today: date,
        history: History | None = None,
        severities: dict[str, Severity] | None = None,
        *,
        index: list[Facts] | None = None,
        documents: Callable[[str], Document] | None = None,
    ) -> Context:
        ctx = cls(
            repo=repo,
            today=today,
            history=history,
            severities=dict(severities or {}),
            index=index_of(repo.records) if index is None else index,
            documents=documents,
        )
        for record in repo.records:
            if record.model is not None and record.id not in ctx.by_id:
                ctx.by_id[record.id] = record
        for facts in ctx.index:
            ctx.ids.add(facts.id)
            if facts.readable and facts.id not in ctx.facts:
                ctx.facts[facts.id] = facts
        return ctx

    @property
    def lang(self) -> str:
        return self.repo.lang

    @property
    def roster(self) -> dict[str, Person]:
        return self.repo.roster

    def invalid_entry(self, key: str) -> int | None:
        """The line of `key`'s entry in personer.yaml when the entry is there but has errors (PS007
        names them), so the person is not in the roster; None when known or not there at all.

        Such a person is written, only wrongly: saying they are missing would send the writer to
        add a second entry instead of correcting the one there."""
        entries = self.repo.roster_doc.data
        if key in self.roster or not isinstance(entries, dict) or key not in entries:
            return None
        return self.repo.roster_doc.key_pos((key,)).line

    def processes(self) -> list[tuple[ProcessRecord, Process]]:
        """Every validated process with its model, in file order (built once: every rule asks)."""
        if self._processes is None:
            self._processes = [(r, r.model) for r in self.repo.records if r.model is not None]
        return list(self._processes)

    def readable(self) -> list[Facts]:
        """The facts of every validated process file, in file order."""
        return [facts for facts in self.index if facts.readable]

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
        return [facts.rel for facts in self.index if not facts.readable]

    def parent(self, pid: str) -> Facts | None:
        """The facts of the process above `pid`, when it names one that validated."""
        facts = self.facts.get(pid)
        if facts is None or facts.parent is None:
            return None
        return self.facts.get(facts.parent)

    def chain(self, pid: str) -> list[str]:
        """`pid` and its ancestors, nearest first, stopping before a cycle repeats."""
        seen: list[str] = []
        current: str | None = pid
        while current is not None and current not in seen and current in self.facts:
            seen.append(current)
            current = self.facts[current].parent
        return seen

    def level(self, pid: str) -> int:
        """The process level: written `nivå`, else one below the parent's, else 1."""
        if pid in self._levels:
            return self._levels[pid]
        level = 1
        for depth, ancestor in enumerate(self.chain(pid)):
            written = self.facts[ancestor].level
            if written is not None:
                level = written + depth
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
        facts = self.facts.get(pid)
        result: tuple[list[str], bool] = ([], False)
        if facts is not None:
            own = self._own(facts, role)
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
    def _own(holder: Process | Facts, role: str) -> list[str]:
        """The person keys `holder` (a process or its facts) names for `role` itself."""
        if role == "processägare":
            return list(holder.owners or [])
        if role == "processansvarig":
            return [holder.responsible] if holder.responsible else []
        if role == "processledare":
            return [holder.leader] if holder.leader else []
        if role == "processteam":
            return list(holder.team)
        return []

    def leader(self, pid: str) -> tuple[list[str], str | None]:
        """The processledare, or who holds the role when none is named (and which role that is)."""
        facts = self.facts.get(pid)
        if facts is not None and facts.leader:
            return [facts.leader], None
        for fallback in self.repo.profile.leader_fallback:
            holders, _ = self.role(pid, fallback)
            if holders:
                return holders, fallback
        return [], None

    def document(self, rel: str) -> Document:
        """The document of the process file `rel`: its record's, or read again."""
        if self._by_rel is None:
            self._by_rel = {record.rel: record for record in self.repo.records}
        record = self._by_rel.get(rel)
        if record is not None:
            return record.doc
        if self.documents is None:
            raise KeyError(rel)
        return self.documents(rel)

    def problem_in(
        self,
        code: str,
        facts: Facts,
        at: KeyPath,
        message: str | None = None,
        /,
        *,
        on_key: bool = True,
        **params: object,
    ) -> Problem:
        """A problem of a `REPOSITORY` rule in the process file of `facts`, at the key (or value)
        `at`; the file is read again only when it is not among the records."""
        where = (facts.rel, facts.id, lambda: self.document(facts.rel))
        return self._problem(code, where, at, message, on_key, params)

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
        where = (record.rel, record.id, lambda: record.doc)
        return self._problem(code, where, at, message, on_key, params)

    def _problem(
        self,
        code: str,
        where: tuple[str, str, Callable[[], Document]],
        at: KeyPath,
        message: str | None,
        on_key: bool,
        params: dict[str, object],
    ) -> Problem:
        """A problem in the file `where` names (its path, its process and how to get its
        document, asked only for a position: the file itself, `()`, needs none)."""
        rel, pid, document = where
        pos = Pos()
        if at:
            doc = document()
            pos = doc.key_pos(at) if on_key else doc.value_pos(at)
        return Problem(
            rel,
            pos.line,
            pos.column,
            code,
            self.severities.get(code, Severity.ERROR),
            say(message or code, **params),
            pid,
        )

    def person(self, key: str) -> str:
        """A person's name for messages, or the key when unknown."""
        person = self.roster.get(key)
        return f"{person.name} ({key})" if person else key
