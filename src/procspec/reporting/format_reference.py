"""docs/format.md: every key of every file, with type, whether it is required, meaning and source.

Generated from the JSON Schemas (themselves derived from the models) and `procspec.reading.fielddocs`, so
the reference cannot drift from what `validate` accepts: `tests/test_generated.py` fails when the
committed file is stale. Regenerate with `python -m procspec.reporting.format_reference docs/format.md`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from procspec.reading.fielddocs import DOCS
from procspec.reading.schema_docs import _resolve

TITLES = {
    "settings": ("procspec.yaml", "Förrådets inställningar. Filen markerar förrådets rot."),
    "roster": (
        "personer.yaml",
        "Alla som har en roll, med personnyckeln som nyckel. "
        "Processfilerna nämner personer med nyckeln.",
    ),  # fmt: skip
    "process": (
        "En processfil",
        "En fil per process under `processer/`; filnamnet utan `.yaml` är processens id.",
    ),  # fmt: skip
    "profile": (
        "En profil",
        "En egen profil (`profil: sökväg/till/profil.yaml`): processtyper, "
        "roller och regler per nivå. De inbyggda profilerna är `orebro` och `botkyrka`.",
    ),  # fmt: skip
}
ORDER = ("settings", "roster", "process", "profile")


def _kind(node: dict[str, Any], root: dict[str, Any]) -> str:
    """A key's type in words."""
    node = _resolve(node, root)
    branches = node.get("anyOf")
    if branches:
        kinds = [_kind(b, root) for b in branches if b.get("type") != "null"]
        return " eller ".join(dict.fromkeys(kinds))
    if "enum" in node:
        return "en av: " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "string":
        if node.get("format") == "date":
            return "datum (ÅÅÅÅ-MM-DD)"
        if node.get("pattern", "").startswith("^[a-z0-9][a-z0-9._-]"):
            return "personnyckel"
        if node.get("format") == "email":
            return "e-postadress"
        return "text"
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return f"heltal {low}–{high}"
        return f"heltal ≥ {low}" if low is not None else "heltal"
    if kind == "number":
        return "tal"
    if kind == "boolean":
        return "`true` eller `false`"
    if kind == "array":
        items = node.get("items")
        return "lista av " + (_kind(items, root) if isinstance(items, dict) else "värden")
    if kind == "object" or "properties" in node:
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not node.get("properties"):
            return f"mappning: nyckel → {_kind(extra, root)}"
        return "mappning"
    return "värde"


def _rows(schema: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(path, type in words, required) for every key, in the schema's order."""
    found: list[tuple[str, str, bool]] = []
    seen: set[str] = set()

    def walk(path: str, node: dict[str, Any], depth: int) -> None:
        resolved = _resolve(node, schema)
        for branch in resolved.get("anyOf", []):
            walk(path, branch, depth)
        items = resolved.get("items")
        if isinstance(items, dict):
            walk(path + "[]", items, depth)
        extra = resolved.get("additionalProperties")
        if isinstance(extra, dict) and not path:
            found.append(("*", _kind(extra, schema), True))
            walk("*", extra, depth + 1)
        required = set(resolved.get("required", []))
        for key, sub in resolved.get("properties", {}).items():
            where = f"{path}.{key}" if path else key
            if where in seen:
                continue
            seen.add(where)
            found.append((where, _kind(sub, schema), key in required))
            walk(where, sub, depth + 1)

    walk("", schema, 0)
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def format_reference() -> str:
    """The whole of docs/format.md."""
    from procspec.reading.json_schemas import json_schemas

    schemas = json_schemas()
    out = [
        "# Filformatet",
        "",
        "<!-- Genererad från modellerna: python -m procspec.reporting.format_reference docs/format.md -->",
        "",
        "Varje nyckel i varje fil: typ, om den krävs, vad den betyder och varifrån den kommer. "
        "Källan är avsnittet i Örebro kommuns *Processledningsmodell – en handbok* eller Botkyrka "
        "kommuns *Riktlinjer för processbaserad kvalitets- och verksamhetsutveckling* som nyckeln "
        "bygger på, eller *procspec* för det verktyget självt lägger till. Samma texter visas i "
        "editorn (JSON Schema, `procspec schema`).",
        "",
        "En nyckel i en lista skrivs `mål[].målvärde`: `målvärde` i varje mål under `mål`. I "
        "`personer.yaml` står `*` för en personnyckel.",
        "",
        "Schemanas `$id` är URN:er (`urn:procspec-kommun:schema:process` och så vidare): de "
        "hämtas inte från någon adress utan skrivs av `procspec schema` till förrådet.",
    ]
    for name in ORDER:
        title, intro = TITLES[name]
        docs = DOCS[name]
        out += ["", f"## {title}", "", intro, "",
                "| Nyckel | Typ | Krävs | Betydelse | Källa |", "|---|---|---|---|---|"]  # fmt: skip
        for path, kind, required in _rows(schemas[name]):
            meaning, source = docs.get(path, ("", ""))
            out.append(f"| `{path}` | {_cell(kind)} | {'ja' if required else 'nej'} | "
                       f"{_cell(meaning)} | {_cell(source)} |")  # fmt: skip
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = format_reference()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
