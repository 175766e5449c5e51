"""What one process file tells the rules about the other processes: the index of a repository.

A rule that looks past the process it checks (`Context.parent`, `chain`, `level`, `role`,
`leader`, `ids`) reads these facts, never another process's model, and the rules that compare
processes with each other (duplicate ids and names, parent cycles, one-sided interfaces, a
person's load) run over the index alone. So `validate` keeps them between runs: the facts of an
unchanged file are the ones stored (`procspec.features.incremental`), and a process whose facts
did not change cannot change the problems of another file.

`Facts` is a msgspec struct: cheap to build, to compare and to store in the cache.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from procspec.reading.repository import ProcessRecord
from procspec.reading.slug import invisible_characters, skeleton, slug


class Facts(msgspec.Struct, frozen=True, array_like=True, forbid_unknown_fields=True):
    """A process file as the other processes see it."""

    rel: str
    id: str
    stem: str
    """The file name without its ending, as on the disk (the id is its NFC form)."""
    readable: bool
    """The file validated against the model; the other fields are empty when it did not."""
    name: str = ""
    kind: str = ""
    level: int | None = None
    parent: str | None = None
    owners: tuple[str, ...] = ()
    responsible: str | None = None
    leader: str | None = None
    team: tuple[str, ...] = ()
    adjacent: tuple[str, ...] = ()
    skeleton: str = ""
    """The id as a reader sees it (`procspec.reading.slug.skeleton`), for PS108."""
    slug: str = ""
    """The id's output name (`procspec.reading.slug.slug`)."""
    invisible: tuple[str, ...] = ()
    """Invisible characters in the file name, as U+XXXX."""


def facts_of(record: ProcessRecord) -> Facts:
    """The facts of one process file."""
    model = record.model
    pid = record.id
    stem = _same(record.doc.path.stem, pid)  # equal strings kept once: 10,000 files hold them
    out = _same(slug(pid), pid)
    shape = _same(_same(skeleton(pid), out), pid)
    invisible = tuple(invisible_characters(stem))
    if model is None:
        return Facts(
            record.rel, record.id, stem, False, skeleton=shape, slug=out, invisible=invisible
        )
    return Facts(
        record.rel,
        record.id,
        stem,
        True,
        model.name,
        model.kind,
        model.level,
        model.parent,
        tuple(model.owners or ()),
        model.responsible,
        model.leader,
        tuple(model.team),
        tuple(adjacent.process for adjacent in model.adjacent),
        shape,
        out,
        invisible,
    )


def _same(value: str, other: str) -> str:
    return other if value == other else value


def index_of(records: Iterable[ProcessRecord]) -> list[Facts]:
    """The facts of every process file, in file order."""
    return [facts_of(record) for record in records]


def affected(old: list[Facts], new: list[Facts]) -> set[str] | None:
    """The files (relative paths) whose problems of `FILE` rules may differ because other files'
    facts changed from `old` to `new`: the processes below a process whose facts changed, by the
    parents in either index. None when the files or their ids differ (a file added, removed or
    renamed): the set of ids that every reference is checked against changed, and everything
    runs again."""
    if len(old) != len(new):
        return None
    changed: set[str] = set()
    for before, after in zip(old, new, strict=True):
        if before.rel != after.rel or before.id != after.id:
            return None
        if before != after:
            changed.add(before.id)
    if not changed:
        return set()
    children: dict[str, set[str]] = {}
    for index in (old, new):
        for facts in index:
            if facts.parent is not None:
                children.setdefault(facts.parent, set()).add(facts.id)
    below: set[str] = set()
    todo = list(changed)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in below:
                below.add(child)
                todo.append(child)
    return {facts.rel for facts in new if facts.id in below}
