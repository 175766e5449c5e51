"""The rendered documents of a small repository, compared with golden files.

Regenerate after an intended change with `pytest tests/render --update-golden` and review the
diff; never edit the golden files by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from procspec.features.render import render
from procspec.rendering.output import MARKER

from ..conftest import TODAY
from .conftest import GOLDEN


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden(liten: Path, tmp_path: Path, fmt: str, update_golden: bool) -> None:
    out = tmp_path / "ut"
    render(liten, out, fmt=fmt, today=TODAY)
    produced = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    assert MARKER in produced
    golden = GOLDEN / fmt
    if update_golden:
        shutil.rmtree(golden, ignore_errors=True)
        golden.mkdir(parents=True)
        for name, text in produced.items():
            (golden / name).write_text(text, encoding="utf-8", newline="\n")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(golden.iterdir())}
    assert sorted(produced) == sorted(expected)
    for name, text in produced.items():
        assert text == expected[name], f"{fmt}/{name} differs; run with --update-golden"
