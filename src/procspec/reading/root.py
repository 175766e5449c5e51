"""Where a repository is and what its procspec.yaml says, without loading the models.

Cheap on purpose: the command line asks every command for its language (even `--version`), and a
validate cache hit must not pay for importing the models. `repository.find_root` is the strict
form that reports a missing procspec.yaml.

May import: `procspec.reading.documents` (when a file is read) and the standard library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SETTINGS_FILE = "procspec.yaml"
ROSTER_FILE = "personer.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
"""The endings of the files procspec reads as YAML."""


def working_folder_gone() -> bool:
    """Whether the folder the command runs in no longer exists (removed while a shell stood in
    it): a relative path then leads nowhere, though an absolute one still does."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    return False


def nearest_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds procspec.yaml; None when there is none,
    when `start` does not exist (a mistyped path is an error, not the repository above it) or
    the disk cannot say."""
    try:
        start = start.resolve(strict=True)
        if start.is_file():
            start = start.parent
        for folder in (start, *start.parents):
            if (folder / SETTINGS_FILE).is_file():
                return folder
    except (OSError, RuntimeError):
        return None
    return None


def declared(root: Path) -> dict[str, Any]:
    """procspec.yaml's top-level mapping as written, not validated; empty when it cannot be read
    that way (the run that validates it reports why)."""
    from procspec.reading.documents import load_file

    try:
        doc = load_file(root / SETTINGS_FILE, SETTINGS_FILE)
    except Exception:  # a shortcut never fails a run: the validating read reports the problem
        return {}
    return doc.data if isinstance(doc.data, dict) else {}
