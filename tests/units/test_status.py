"""`build_status` called directly: items as message keys, grouped by person."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from procspec.errors import UsageError
from procspec.features.status import build_status
from procspec.messages import Message, text
from procspec.reading.repository import load_repository

STATUS = Path(__file__).parents[1] / "workflow" / "fixtures" / "status"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "status"
    shutil.copytree(STATUS, root)
    return root


def test_items_are_message_keys_grouped_by_person(repo: Path) -> None:
    found = build_status(load_repository(repo), date(2026, 11, 25), None)
    items = [item for group in found.groups for item in group.items]
    assert items
    assert all(isinstance(item.text, Message) for item in items)
    keys = {item.text.key for item in items if isinstance(item.text, Message)}
    assert all(key.startswith(("status.", "PS")) for key in keys), keys


def test_the_json_shape_in_words(repo: Path) -> None:
    found = build_status(load_repository(repo), date(2026, 11, 25), None)
    data = found.to_dict(lambda m: text(m, "sv"))
    assert data["datum"] == "2026-11-25"
    assert all(isinstance(p["text"], str) for g in data["personer"] for p in g["punkter"])


def test_an_unknown_person_is_a_usage_error_with_a_key(repo: Path) -> None:
    with pytest.raises(UsageError) as caught:
        build_status(load_repository(repo), date(2026, 11, 25), None, person="nobody.here")
    assert isinstance(caught.value.message, Message)
    assert caught.value.message.key == "status.unknown_person"
    assert caught.value.message.get("key") == "nobody.here"


def test_below_maturity_lists_processes_with_what_is_missing(repo: Path) -> None:
    found = build_status(load_repository(repo), date(2026, 11, 25), None, below_maturity=5)
    kinds = {item.kind for group in found.groups for item in group.items}
    assert "mognad" in kinds
