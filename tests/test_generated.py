"""Generated files in the repository are current: the JSON Schemas and the rule catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from procspec.reading.fielddocs import DOCS
from procspec.reading.json_schemas import json_schemas
from procspec.reading.schema_docs import key_paths
from procspec.reporting.catalogue import catalogue_markdown
from procspec.reporting.format_reference import format_reference

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


def test_format_reference_is_current() -> None:
    committed = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == format_reference(), (
        "docs/format.md is stale: python -m procspec.reporting.format_reference docs/format.md"
    )


def test_every_key_of_every_schema_is_described_in_swedish() -> None:
    """Every key has a description and a source from procspec.reading.fielddocs, and fielddocs
    names no key that no longer exists."""
    for name, schema in json_schemas().items():
        assert schema["$id"] == f"urn:procspec-kommun:schema:{name}"
        paths = key_paths(schema)
        for path, sub in paths:
            assert path in DOCS[name], f"{name}: {path} has no entry in reading/fielddocs.py"
            assert sub.get("description", "").endswith(")"), (name, path)
        assert set(DOCS[name]) == {p for p, _ in paths}, name
    process = json_schemas()["process"]
    assert process["properties"]["mål"]["description"].startswith("Processens mål")


def test_user_facing_rule_texts_cite_the_handbooks_never_the_spec() -> None:
    """Users have the handbooks and docs/, not the project's specification."""
    from procspec.checking.rules import all_rules

    assert "SPEC" not in catalogue_markdown()
    for rule in all_rules():
        assert "SPEC" not in rule.source, rule.code
    for doc in ("regler.md", "format.md", "ci.md"):
        text = (ROOT / "docs" / doc).read_text(encoding="utf-8").replace("PROCSPEC_", "")
        assert "SPEC" not in text, doc
