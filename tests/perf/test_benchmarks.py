"""benchmarks/run.py runs from start to end: its smallest mode, every row, no timing judged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).parents[2] / "benchmarks" / "run.py"

ROWS = (
    "with processkartor, cold",
    "cold, 2 cores",
    "nothing changed",
    "one file changed",
    "history: validate",
    "history kept by HEAD",
    "render html",
    "validate a processkarta",
    "lay out a processkarta",
    "judge process names",
    "procspec --version",
    "peak memory",
)


def test_the_smallest_benchmark_run_prints_every_row(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--smoke", "--workdir", str(tmp_path), "--markdown"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| work | procspec |")
    for row in ROWS:
        assert any(row in line for line in table[1:]), row
    # Nothing is judged at this size, and the corpora are kept for a rerun.
    assert all(line.endswith("| – |") for line in table[1:])
    assert (tmp_path / "validate-12-24" / "procspec.yaml").is_file()
