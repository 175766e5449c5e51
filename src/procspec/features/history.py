"""`procspec history`: a process's revisions from git, newest first, through moves and renames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from procspec.checking.hierarchy import Context
from procspec.checking.process_list import find_process
from procspec.errors import UsageError
from procspec.features.historycache import history_store
from procspec.git.log import read_history
from procspec.git.revisions import Revision
from procspec.messages import Message, say
from procspec.reading.repository import ProcessRecord


@dataclass(frozen=True)
class ProcessHistory:
    """The revisions of one process file, and a note when the clone is shallow."""

    record: ProcessRecord
    revisions: list[Revision]
    note: Message | None

    @property
    def title(self) -> str:
        name = self.record.model.name if self.record.model is not None else self.record.id
        return f"{name} ({self.record.id})"

    def to_list(self, uncommitted: str) -> list[dict[str, Any]]:
        """The json output: one object per revision (`uncommitted` is the message of a change
        not committed yet, in the reader's language)."""
        return [
            {"sha": r.sha, "datum": r.date.isoformat(timespec="seconds"), "författare": r.author,
             "epost": r.email, "meddelande": r.message.strip() if r.committed else uncommitted,
             "fil": r.path}
            for r in self.revisions
        ]  # fmt: skip


def process_history(ctx: Context, wanted: str) -> ProcessHistory:
    """The history of the process `wanted` (id or name); no git history is a usage error."""
    record = find_process(ctx, wanted)
    root = ctx.repo.root
    found = read_history(root, processes=ctx.repo.settings.processes, store=history_store(root))
    if not found.available:
        raise UsageError(found.reason or say("history.none"))
    note = say("history.shallow") if found.shallow else None
    return ProcessHistory(record, found.of(record.rel), note)
