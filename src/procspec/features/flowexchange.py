"""`procspec bpmn export` and `procspec bpmn import`: a process's processkarta to and from BPMN 2.0
(SPEC §6). The command line calls these two functions and prints what they return."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from procspec.checking.hierarchy import Context
from procspec.errors import NotFoundError, UsageError
from procspec.features.flowfile import FlowFileError, has_flow_map, splice, write_atomically
from procspec.messages import add, msg
from procspec.reading.bpmnimport import BpmnError, read_bpmn
from procspec.reading.model import FlowMap
from procspec.reading.repository import ProcessRecord
from procspec.rendering.bpmnexport import export_bpmn
from procspec.rendering.flowlayout import layout_flow

add(
    {
        "bpmn.no_map": {
            "sv": "Processen '{id}' har ingen processkarta att exportera. Lägg till nyckeln "
            "processkarta i {file}, eller läs in en med procspec bpmn import.",
            "en": "The process '{id}' has no processkarta to export. Add the key processkarta "
            "to {file}, or import one with procspec bpmn import.",
        },
        "bpmn.has_errors": {
            "sv": "{file} har fel som måste rättas först; kör procspec validate.",
            "en": "{file} has errors to fix first; run procspec validate.",
        },
        "bpmn.has_map": {
            "sv": "{file} har redan en processkarta; ingenting skrevs. Lägg till --force för att "
            "ersätta den.",
            "en": "{file} already has a processkarta; nothing was written. Add --force to "
            "replace it.",
        },
        "bpmn.cannot_write": {
            "sv": "Kan inte skriva {file}; ange en fil i en mapp du får skriva i.",
            "en": "Cannot write {file}; give a file in a folder you may write to.",
        },
        "bpmn.no_file": {
            "sv": "BPMN-filen {file} finns inte eller kan inte läsas.",
            "en": "The BPMN file {file} does not exist or cannot be read.",
        },
        "bpmn.imported": {
            "sv": "Skrev processkartan ({activities} aktiviteter, {actors} aktörer, {steps} "
            "processteg) i {file}. Kör procspec validate.",
            "en": "Wrote the processkarta ({activities} activities, {actors} aktörer, {steps} "
            "processteg) into {file}. Run procspec validate.",
        },
        "bpmn.skipped": {
            "sv": "Varning: {count} element i {file} kunde inte föras över:",
            "en": "Warning: {count} elements of {file} could not be carried over:",
        },
        "bpmn.invalid_map": {
            "sv": "Diagrammet i {file} ger ingen giltig processkarta ({detail}); ingenting skrevs.",
            "en": "The diagram in {file} gives no valid processkarta ({detail}); nothing was "
            "written.",
        },
        "flowfile.yaml": {
            "sv": "Processfilen går inte att läsa som YAML ({detail}); rätta den först.",
            "en": "The process file cannot be read as YAML ({detail}); fix it first.",
        },
        "flowfile.not_mapping": {
            "sv": "Processfilen är ingen mappning av nycklar; rätta den först.",
            "en": "The process file is not a mapping of keys; fix it first.",
        },
        "flowfile.verify": {
            "sv": "Processkartan kunde inte skrivas utan att ändra resten av filen; ingenting "
            "skrevs. Ta bort den gamla nyckeln processkarta för hand och försök igen.",
            "en": "The processkarta could not be written without changing the rest of the file; "
            "nothing was written. Remove the old processkarta key by hand and try again.",
        },
    }
)


def _named(params: dict[str, str], lang: str) -> dict[str, str]:
    """The parameters of a skipped element, its kind in words (`bpmn.kind.*`) where it has them."""
    kind = params.get("element", "")
    if kind.startswith("bpmn.kind."):
        return {**params, "element": msg(kind, lang)}
    return params


def export_process(ctx: Context, record: ProcessRecord) -> str:
    """The process's processkarta as BPMN 2.0 XML, or NotFoundError (exit 1)."""
    if record.model is None:
        raise NotFoundError(msg("bpmn.has_errors", ctx.lang, file=record.rel))
    flow_map = record.model.flow_map
    if flow_map is None:
        raise NotFoundError(msg("bpmn.no_map", ctx.lang, id=record.id, file=record.rel))
    return export_bpmn(record.id, record.model.name, flow_map, layout_flow(flow_map))


@dataclass(frozen=True)
class ImportOutcome:
    summary: str
    warnings: list[str]


def import_process(ctx: Context, record: ProcessRecord, source: Path, force: bool) -> ImportOutcome:
    """Read `source` and write its map into the process file; nothing is written on any failure."""
    lang = ctx.lang
    shown = source.as_posix()
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UsageError(msg("bpmn.no_file", lang, file=shown)) from exc
    try:
        name = record.model.name if record.model is not None else record.id
        imported = read_bpmn(raw, shown, name)
    except BpmnError as exc:
        raise NotFoundError(msg(exc.key, lang, **exc.params)) from exc
    try:
        FlowMap.model_validate(imported.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise NotFoundError(msg("bpmn.invalid_map", lang, file=shown, detail=detail)) from exc
    path = ctx.repo.root / record.rel
    try:
        text = path.read_text(encoding="utf-8")
        if has_flow_map(text) and not force:
            raise NotFoundError(msg("bpmn.has_map", lang, file=record.rel))
        new_text = splice(text, imported.data)
    except FlowFileError as exc:
        raise NotFoundError(f"{record.rel}: {msg(exc.key, lang, **exc.params)}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise NotFoundError(msg("flowfile.yaml", lang, detail=type(exc).__name__)) from exc
    write_atomically(path, new_text)
    steps = imported.data["processteg"]
    warnings = [msg(s.key, lang, **_named(s.params, lang)) for s in imported.skipped]
    if warnings:
        warnings.insert(0, msg("bpmn.skipped", lang, count=len(imported.skipped), file=shown))
    summary = msg(
        "bpmn.imported",
        lang,
        activities=sum(len(step.get("aktiviteter", [])) for step in steps),
        actors=len(imported.data.get("aktörer", [])),
        steps=len(steps),
        file=record.rel,
    )
    return ImportOutcome(summary, warnings)
