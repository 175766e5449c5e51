"""Every field `procspec diff` can report has a label in Swedish and in English: the fields of a
process (SPEC §1), of its goals, measures, activities and process support, of a person in
personer.yaml and of the settings in procspec.yaml. The fields are read from the models, so a new
field without a label fails here."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from procspec.checking.comparison import FIELD_ORDER
from procspec.messages import catalogue
from procspec.reading import model


def _aliases(cls: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in cls.model_fields.items()]


PARTS = (model.Goal, model.Measure, model.Activity, model.FollowUp, model.Baseline, model.Result,
         model.ProcessSupport)  # fmt: skip
"""The models whose fields the diff reports as parts of a label ("Mål M1, målvärde")."""

LABELS = sorted(
    {f"diff.field.{a}" for a in _aliases(model.Process)}
    | {f"diff.part.{a}" for cls in PARTS for a in _aliases(cls)}
    | {f"diff.person_field.{a}" for a in _aliases(model.Person)}
    | {f"diff.setting.{a}" for a in _aliases(model.Settings)}
    | {f"diff.setting.publicering.{a}" for a in _aliases(model.Publishing)}
)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_field_has_a_label(lang: str) -> None:
    words = catalogue(lang)
    missing = [key for key in LABELS if not words.get(key)]
    assert not missing, missing
    assert len(LABELS) > 70


def test_labels_say_the_field_in_each_language() -> None:
    swedish, english = catalogue("sv"), catalogue("en")
    assert (
        swedish["diff.field.godkänd"] == "Godkänd" and english["diff.field.godkänd"] == "Accepted"
    )
    assert swedish["diff.field.ordning"] == "Ordning" and english["diff.field.ordning"] == "Order"
    assert not [key for key in LABELS if key.startswith("diff.field") and swedish[key] == english[key]
                and key not in ("diff.field.forum", "diff.field.id")]  # fmt: skip


def test_the_field_order_covers_the_process() -> None:
    """The diff lists a process's changed fields in Örebro Bilaga 1's order; every field of the
    model has its place in it."""
    assert set(_aliases(model.Process)) <= set(FIELD_ORDER)
