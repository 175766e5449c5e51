"""`procspec bpmn export` and `procspec bpmn import`: a process's processkarta to and from BPMN 2.0
(SPEC §6). The command line calls these two functions and prints what they return."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from procspec.checking.hierarchy import Context
from procspec.errors import NotFoundError, UsageError
from procspec.features.flowfile import FlowFileError, has_flow_map, read_text, splice
from procspec.features.writing import write_atomically
from procspec.messages import Message, Text, say
from procspec.reading.bpmnimport import BpmnError, read_bpmn, read_source
from procspec.reading.model import FlowMap
from procspec.reading.repository import ProcessRecord
from procspec.rendering.bpmnexport import export_bpmn
from procspec.rendering.flowlayout import layout_flow


def _named(params: dict[str, str]) -> dict[str, Text]:
    """The parameters of a skipped element, its kind a message (`bpmn.kind.*`) where it has one."""
    kind = params.get("element", "")
    if kind.startswith("bpmn.kind."):
        return {**params, "element": say(kind)}
    return dict(params)


def export_process(ctx: Context, record: ProcessRecord) -> str:
    """The process's processkarta as BPMN 2.0 XML, or NotFoundError (exit 1)."""
    if record.model is None:
        raise NotFoundError(say("bpmn.has_errors", file=record.rel))
    flow_map = record.model.flow_map
    if flow_map is None:
        raise NotFoundError(say("bpmn.no_map", id=record.id, file=record.rel))
    return export_bpmn(record.id, record.model.name, flow_map, layout_flow(flow_map))


@dataclass(frozen=True)
class ImportOutcome:
    summary: Message
    warnings: list[Message]


def import_process(ctx: Context, record: ProcessRecord, source: Path, force: bool) -> ImportOutcome:
    """Read `source` and write its map into the process file; nothing is written on any failure."""
    shown = source.as_posix()
    try:
        raw = read_source(source, shown)
    except OSError as exc:
        raise UsageError(say("bpmn.no_file", file=shown)) from exc
    except BpmnError as exc:  # not a regular file
        raise UsageError(say(exc.key, **exc.params)) from exc
    try:
        name = record.model.name if record.model is not None else record.id
        imported = read_bpmn(raw, shown, name)
    except BpmnError as exc:
        raise NotFoundError(say(exc.key, **exc.params)) from exc
    try:
        FlowMap.model_validate(imported.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise NotFoundError(say("bpmn.invalid_map", file=shown, detail=detail)) from exc
    path = ctx.repo.root / record.rel
    try:
        text = read_text(path, record.rel)
        if has_flow_map(text, record.rel) and not force:
            raise NotFoundError(say("bpmn.has_map", file=record.rel))
        new_text = splice(text, imported.data, record.rel)
    except FlowFileError as exc:
        raise NotFoundError(say(exc.key, **exc.params)) from exc
    write_atomically(path, new_text)
    steps = imported.data["processteg"]
    warnings = [say(s.key, **_named(s.params)) for s in imported.skipped]
    if warnings:
        warnings.insert(0, say("bpmn.skipped", count=len(imported.skipped), file=shown))
    summary = say(
        "bpmn.imported",
        activities=sum(len(step.get("aktiviteter", [])) for step in steps),
        actors=len(imported.data.get("aktörer", [])),
        steps=len(steps),
        file=record.rel,
    )
    return ImportOutcome(summary, warnings)
