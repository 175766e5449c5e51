"""Completion in the editor: a repository's own JSON Schemas, and the VS Code settings for them.

The published schemas carry every key's Swedish description and source
(`procspec.reading.schema_docs`, the same text as docs/format.md). `repo_schemas` adds what only a repository knows: its profile's
process types, its person keys and its process ids become enums, so the editor completes
`processägare: anna.b…` and `överordnad:` from the real roster and processes. `init` writes the
VS Code settings that map the files to the schemas, and the pre-commit config keeps them fresh.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from procspec.reading.schema_docs import SCHEMA_ID

SCHEMA_FOLDER = "schemas"
"""Where `procspec schema --repo` writes a repository's schemas, relative to its root."""

FILES = {"process": "process.schema.json", "settings": "settings.schema.json",
         "roster": "roster.schema.json"}  # fmt: skip
"""The schemas a repository uses (a profile file is rare; its schema is in `procspec schema`)."""

PROCESS_ID_KEYS = frozenset({"överordnad", "process"})
"""Keys whose values are process ids."""


def _add_enum(node: Any, values: list[str], where: str) -> None:
    """Add `enum` to the string branch of a key's schema."""
    if not isinstance(node, dict):
        return
    if node.get("type") == "string":
        node["enum"] = values
        node.pop("pattern", None)
        return
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        _add_enum(node["items"], values, where)
    for branch in node.get("anyOf", []):
        _add_enum(branch, values, where)


def repo_schemas(root: Path) -> dict[str, dict[str, Any]]:
    """The schemas for the repository at or above `root`, with its own enums: process types
    (`typ`), person keys (every key that names a person) and process ids (`överordnad`,
    `angränsande[].process`, a processkarta's `process`)."""
    from procspec.reading.json_schemas import json_schemas
    from procspec.reading.model import PERSON_KEY
    from procspec.reading.repository import load_repository
    from procspec.reading.slug import is_valid_id

    repo = load_repository(root)
    schemas = json_schemas()
    process = copy.deepcopy(schemas["process"])
    people = sorted(repo.roster)
    ids = sorted({r.id for r in repo.records if is_valid_id(r.id)})  # what may be referred to
    person_pattern = f"^{PERSON_KEY.pattern}$"

    def visit(node: Any, key: str | None) -> None:
        if isinstance(node, dict):
            if node.get("pattern") == person_pattern and node.get("type") == "string" and people:
                node["enum"] = people
                node.pop("pattern")
            for child_key, child in node.items():
                if child_key == "properties" and isinstance(child, dict):
                    for prop, sub in child.items():
                        if prop in PROCESS_ID_KEYS and ids:
                            _add_enum(sub, ids, prop)
                        visit(sub, prop)
                else:
                    visit(child, key)
        elif isinstance(node, list):
            for item in node:
                visit(item, key)

    visit(process, None)
    settings = copy.deepcopy(schemas["settings"])
    visit(settings, None)  # förvaltare: the roster's keys
    types = list(repo.profile.type_names)
    _add_enum(process["properties"]["typ"], types, "typ")
    process["$id"] = SCHEMA_ID.format(name="process") + ":" + repo.settings.organisation
    process["title"] = f"procspec: processfil ({repo.settings.organisation})"
    return {"process": process, "settings": settings, "roster": schemas["roster"]}


def write_repo_schemas(root: Path, out: Path | None = None) -> list[Path]:
    """Write the repository's schemas into its `schemas/` folder (or `out`, which is checked as
    every `--out` is); returns the files written (only those whose content changed, so a
    pre-commit hook fails only on a change)."""
    from procspec.features.writing import write_all, write_out
    from procspec.reading.repository import find_root

    top = find_root(root)
    folder = out if out is not None else top / SCHEMA_FOLDER
    changed: dict[Path, str] = {}
    for target, text in schema_texts(top).items():
        path = folder / target
        # Read only when it is a file (a named pipe would wait for a writer); anything else is
        # refused by the write.
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed[path] = text
    (write_all if out is None else write_out)(changed)
    return list(changed)


def schema_texts(root: Path) -> dict[str, str]:
    """The repository's schemas as the files `write_repo_schemas` writes: file name -> text."""
    return {FILES[name]: json.dumps(body, ensure_ascii=False, indent=2) + "\n"
            for name, body in repo_schemas(root).items()}  # fmt: skip


def vscode_settings(processes: str) -> dict[str, Any]:
    """`.vscode/settings.json`: which schema completes which file (the YAML extension)."""
    return {
        "yaml.schemas": {
            f"./{SCHEMA_FOLDER}/{FILES['process']}": [
                f"{processes}/**/*.yaml",
                f"{processes}/**/*.yml",
            ],
            f"./{SCHEMA_FOLDER}/{FILES['settings']}": ["procspec.yaml"],
            f"./{SCHEMA_FOLDER}/{FILES['roster']}": ["personer.yaml"],
        },  # fmt: skip
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
    }


VSCODE_EXTENSIONS = {"recommendations": ["redhat.vscode-yaml"]}


def modeline(process_file: str) -> str:
    """The yaml-language-server modeline for a process file at `process_file` (relative to the
    root): the schema's path relative to the file."""
    depth = process_file.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{FILES['process']}"
