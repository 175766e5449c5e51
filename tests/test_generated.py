"""Generated files in the repository are current: the JSON Schemas and the rule catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from procspec.reading.json_schemas import json_schemas
from procspec.reporting.catalogue import catalogue_markdown

ROOT = Path(__file__).parent.parent


def test_schemas_are_current() -> None:
    for name, schema in json_schemas().items():
        path = ROOT / "schemas" / f"{name}.schema.json"
        committed = json.loads(path.read_text(encoding="utf-8"))
        assert committed == schema, f"{path} is stale: run procspec schema --out schemas"


def test_rule_catalogue_is_current() -> None:
    committed = (ROOT / "docs" / "regler.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), "docs/regler.md is stale: procspec rules --format md"


def test_process_schema_knows_the_swedish_keys() -> None:
    process = json_schemas()["process"]
    keys = {"namn", "typ", "nivå", "överordnad", "processägare", "mål"}
    assert keys <= set(process["properties"])
    assert process["additionalProperties"] is False
