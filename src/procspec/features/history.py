"""`procspec history`: a process's revisions from git, newest first, through moves and renames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from procspec.checking.hierarchy import Context
from procspec.checking.process_list import find_process
from procspec.errors import UsageError
from procspec.git.log import read_history
from procspec.git.revisions import Revision
from procspec.messages import add, msg
from procspec.reading.repository import ProcessRecord

add(
    {
        "history.none": {"sv": "Ingen git-historik.", "en": "No git history."},
        "history.shallow": {
            "sv": "Obs: en grund klon; historiken kan vara ofullständig ('git fetch --unshallow').",
            "en": "Note: a shallow clone; the history may be incomplete ('git fetch --unshallow').",
        },
    }
)


@dataclass(frozen=True)
class ProcessHistory:
    """The revisions of one process file, and a note when the clone is shallow."""

    record: ProcessRecord
    revisions: list[Revision]
    note: str | None

    @property
    def title(self) -> str:
        name = self.record.model.name if self.record.model is not None else self.record.id
        return f"{name} ({self.record.id})"

    def to_list(self) -> list[dict[str, Any]]:
        """The json output: one object per revision."""
        return [
            {"sha": r.sha, "datum": r.date.isoformat(timespec="seconds"), "författare": r.author,
             "epost": r.email, "meddelande": r.message.strip(), "fil": r.path}
            for r in self.revisions
        ]  # fmt: skip


def process_history(ctx: Context, wanted: str) -> ProcessHistory:
    """The history of the process `wanted` (id or name); no git history is a usage error."""
    record = find_process(ctx, wanted)
    found = read_history(ctx.repo.root, ctx.lang, processes=ctx.repo.settings.processes)
    if not found.available:
        raise UsageError(found.reason or msg("history.none", ctx.lang))
    note = msg("history.shallow", ctx.lang) if found.shallow else None
    return ProcessHistory(record, found.of(record.rel), note)
