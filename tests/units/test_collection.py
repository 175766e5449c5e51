"""The garbage collection policy (`procspec.collection`): the program leaves what its run left
to the end of its process; a caller in Python keeps collecting its own garbage."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from procspec.cli.app import main
from procspec.collection import leave_to_exit

from ..conftest import EXAMPLES


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_leaving_to_exit_keeps_the_last_collection_off_what_is_left(unfrozen: None) -> None:
    class Cycle:
        def __init__(self) -> None:
            self.me = self

    Cycle()
    leave_to_exit()
    assert gc.get_freeze_count() > 0
    assert gc.collect() == 0  # the cycle is left to the end of the process


def test_a_caller_in_python_keeps_collecting(unfrozen: None, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as done:
        main(["validate", str(EXAMPLES / "botkyrka"), "--no-cache"])
    assert done.value.code == 0
    assert gc.get_freeze_count() == 0


def test_the_program_ends_as_before(tmp_path: Path) -> None:
    """Output and status of the program are what its run made, with the collection left out."""
    done = subprocess.run(
        [sys.executable, "-m", "procspec", "render", str(EXAMPLES / "botkyrka"), "--out",
         str(tmp_path / "ut")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr
    assert (tmp_path / "ut" / "index.html").is_file()
