"""Swedish descriptions for the JSON Schemas: every key's meaning and source, and the `$id`.

`annotate` gives every key of a schema its description from `procspec.reading.fielddocs` (the
same text as docs/format.md); `key_paths` lists a schema's keys in the notation of fielddocs
(`mål[].målvärde`, `*.namn`).
"""

from __future__ import annotations

from typing import Any

from procspec.reading.fielddocs import DOCS

SCHEMA_ID = "urn:procspec-kommun:schema:{name}"
"""The schemas' `$id`: a URN, so that no address pretends to serve them (see docs/format.md)."""


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target: dict[str, Any] = root["$defs"][ref.rsplit("/", 1)[-1]]
        return target
    return schema


def _children(schema: dict[str, Any], root: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(path suffix, schema) of what lies below `schema`: properties ('.key'), list items ('[]')
    and mapping values ('.*'), through `$ref` and `anyOf`."""
    found: list[tuple[str, dict[str, Any]]] = []
    schema = _resolve(schema, root)
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        found.extend(_children(branch, root))
    items = schema.get("items")
    if isinstance(items, dict):
        found.extend((f"[]{suffix}", sub) for suffix, sub in _children(items, root))
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        found.append((".*", extra))
    for key, sub in schema.get("properties", {}).items():
        found.append((f".{key}", sub))
    return found


def key_paths(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every key of `schema` as (path, the key's schema), in the notation of `fielddocs`."""
    found: list[tuple[str, dict[str, Any]]] = []
    seen: set[int] = set()

    def walk(path: str, node: dict[str, Any]) -> None:
        for suffix, sub in _children(node, schema):
            where = (path + suffix).lstrip(".")
            found.append((where, sub))
            target = _resolve(sub, schema)
            if id(target) in seen and target is not sub:
                continue
            seen.add(id(target))
            walk(where, sub)

    walk("", schema)
    return [(p, s) for p, s in found if not p.endswith("[]")]


def annotate(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its `$id` and every key's Swedish description (with its source)."""
    docs = DOCS.get(name, {})
    schema["$id"] = SCHEMA_ID.format(name=name)
    for path, sub in key_paths(schema):
        entry = docs.get(path)
        if entry is None:
            continue
        meaning, source = entry
        sub["description"] = f"{meaning} ({source})"
        sub.pop("title", None)
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)  # English docstrings; the keys say it in Swedish
        definition.pop("title", None)
    return schema
