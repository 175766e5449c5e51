"""The JSON Schemas of the four file kinds, derived from the models (`procspec schema`).

Editors use them to complete and check the YAML files (`# yaml-language-server: $schema=...`);
`schemas/` in the repository is this output, kept fresh by a test.
"""

from __future__ import annotations

from typing import Any

from procspec.reading.model import PERSON_KEY, Person, Process, Settings
from procspec.reading.profile import Profile
from procspec.reading.schema_docs import annotate

SCHEMA_NAMES = ("process", "settings", "roster", "profile")


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas of the four file kinds, derived from the models (SPEC §4 `schema`)."""

    def finish(name: str, schema: dict[str, Any], title: str) -> dict[str, Any]:
        schema.pop("description", None)  # the model's docstring, in English
        return annotate(name, {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "",
            **schema,
            "title": title,
        })  # fmt: skip

    person = Person.model_json_schema(by_alias=True)
    roster = {
        "type": "object",
        "description": "personer.yaml: personnyckel → person.",
        "propertyNames": {"pattern": f"^{PERSON_KEY.pattern}$"},
        "additionalProperties": {"$ref": "#/$defs/Person"},
        "$defs": {"Person": person},
    }
    return {
        "process": finish(
            "process", Process.model_json_schema(by_alias=True), "procspec: processfil"
        ),
        "settings": finish(
            "settings", Settings.model_json_schema(by_alias=True), "procspec: procspec.yaml"
        ),
        "roster": finish("roster", roster, "procspec: personer.yaml"),
        "profile": finish("profile", Profile.model_json_schema(by_alias=True), "procspec: profil"),
    }
