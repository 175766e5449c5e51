"""The repository as rows and a tree: what `list`, `show` and `tree` present (no terminal code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from procspec.checking.hierarchy import Context
from procspec.checking.maturity import Maturity, maturity
from procspec.errors import NotFoundError
from procspec.messages import Message, Words, plural, say
from procspec.reading.model import Process
from procspec.reading.repository import ProcessRecord

ROLES = ("processägare", "processansvarig", "processledare")


@dataclass(frozen=True)
class Holder:
    """A person as effectively holding a role."""

    key: str
    name: str | None
    email: str | None
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"nyckel": self.key, "namn": self.name, "epost": self.email, "titel": self.title}


@dataclass
class Row:
    """One process with its roles resolved (inherited and implied roles included)."""

    id: str
    name: str
    kind: str
    level: int
    parent: str | None
    file: str
    roles: dict[str, list[Holder] | None]
    implied: dict[str, str | None]
    maturity: Maturity
    order: int | None = None
    """`ordning`: the position among its siblings in the source's own order."""
    children: list[str] = field(default_factory=list)

    def to_dict(self, words: Words) -> dict[str, Any]:
        """SPEC §4's `list --format json` item, its sentences written with `words`."""
        data: dict[str, Any] = {
            "id": self.id,
            "namn": self.name,
            "typ": self.kind,
            "nivå": self.level,
            "överordnad": self.parent,
            "fil": self.file,
        }
        for role in ROLES:
            holders = self.roles.get(role)
            data[role] = [h.to_dict() for h in holders] if holders else None
        data["mognad"] = self.maturity.to_dict(words)
        return data


def holder(ctx: Context, key: str) -> Holder:
    person = ctx.roster.get(key)
    if person is None:
        return Holder(key, None, None, None)
    return Holder(key, person.name, person.email, person.title)


def rows(ctx: Context) -> list[Row]:
    """Every validated process, in file order, with effective roles and children."""
    result: list[Row] = []
    by_id: dict[str, Row] = {}
    for record, model in ctx.processes():
        if record.id in by_id:
            continue
        row = _row(ctx, record, model)
        by_id[record.id] = row
        result.append(row)
    for row in sorted(result, key=order_key):
        if row.parent in by_id and row.parent != row.id:
            by_id[row.parent].children.append(row.id)
    return result


def order_key(row: Row) -> tuple[int, int, str, str]:
    """Siblings in the order the source gives them (`ordning`), then those without it by name."""
    return (0 if row.order is not None else 1, row.order or 0, row.name.casefold(), row.id)


def _row(ctx: Context, record: ProcessRecord, model: Process) -> Row:
    pid, rel = record.id, record.rel
    roles: dict[str, list[Holder] | None] = {}
    implied: dict[str, str | None] = {}
    for role in ("processägare", "processansvarig"):
        keys, inherited = ctx.role(pid, role)
        roles[role] = [holder(ctx, k) for k in keys] or None
        implied[role] = "ärvd" if inherited else None
    leaders, via = ctx.leader(pid)
    roles["processledare"] = [holder(ctx, k) for k in leaders] or None
    implied["processledare"] = via
    return Row(
        id=pid,
        name=model.name,
        kind=model.kind,
        level=ctx.level(pid),
        parent=model.parent,
        file=rel,
        roles=roles,
        implied=implied,
        maturity=maturity(ctx, record, model),
        order=model.order,
    )


def roots(all_rows: list[Row]) -> list[Row]:
    """Rows whose parent is absent or unknown, which head the tree, in `ordning` then name."""
    ids = {r.id for r in all_rows}
    found = [r for r in all_rows if r.parent is None or r.parent not in ids or r.parent == r.id]
    return sorted(found, key=order_key)


def tree_walk(all_rows: list[Row]) -> list[tuple[int, Row]]:
    """Every row once with its depth, depth first from the roots, siblings in `ordning` then
    name; the rows of a parent cycle, which no root reaches, follow, each cycle headed by its
    first row in that order. `list` and `tree` both walk this, so they show the same processes."""
    by_id = {r.id: r for r in all_rows}
    walked: list[tuple[int, Row]] = []
    seen: set[str] = set()

    def visit(start: Row) -> None:
        # Iterative: a hierarchy thousands of levels deep must not exhaust the stack.
        stack = [(0, start)]
        while stack:
            depth, row = stack.pop()
            if row.id in seen:
                continue
            seen.add(row.id)
            walked.append((depth, row))
            stack.extend((depth + 1, by_id[c]) for c in reversed(row.children) if c in by_id)

    for row in roots(all_rows):
        visit(row)
    for row in sorted(all_rows, key=order_key):  # cycles have no root
        visit(row)
    return walked


def tree_order(all_rows: list[Row]) -> list[Row]:
    """Every row once, in the order of `tree_walk`."""
    return [row for _, row in tree_walk(all_rows)]


def left_out(ctx: Context) -> Message | None:
    """One line naming the process files that `list`, `tree` and `show` cannot read, or None."""
    files = ctx.unreadable()
    if not files:
        return None
    return plural("overview.left_out", len(files), files=", ".join(files))


def find_process(ctx: Context, wanted: str) -> ProcessRecord:
    """A process by id, or by name (case-insensitive); unknown is exit 1 with a suggestion."""
    found = ctx.find(wanted)
    if found is None:
        hint = ctx.did_you_mean(wanted)
        raise NotFoundError(
            say("overview.unknown_process", id=wanted, root=ctx.repo.root, hint=hint)
        )
    return found


def shown_process(ctx: Context, wanted: str) -> tuple[Row, Process]:
    """The row and model of the process `procspec show` presents; a file with errors is exit 1."""
    record = find_process(ctx, wanted)
    if record.model is None:
        raise NotFoundError(say("overview.has_errors", file=record.rel, id=record.id))
    row = next(r for r in rows(ctx) if r.id == record.id)
    return row, record.model
