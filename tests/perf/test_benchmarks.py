"""benchmarks/run.py runs from start to end: its smallest mode, every row, no timing judged."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

RUN = Path(__file__).parents[2] / "benchmarks" / "run.py"

ROWS = (
    "with processkartor, cold",
    "cold, 2 cores",
    "confined to one CPU",
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
    rows = (*ROWS, "side by side") if len(os.sched_getaffinity(0)) > 1 else ROWS
    for row in rows:
        assert any(row in line for line in table[1:]), row
    # Nothing is judged at this size, and the corpora are kept for a rerun.
    assert all(line.endswith("| – |") for line in table[1:])
    assert (tmp_path / "validate-12-24" / "procspec.yaml").is_file()


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, generator: ModuleType) -> ModuleType:
    """benchmarks/run.py as a module."""
    # The script puts benchmarks/ first on the path and imports its generator: both undone.
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setitem(sys.modules, "generate", generator)
    spec = importlib.util.spec_from_file_location("benchmark_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this OS")
def test_a_confined_run_and_the_processes_it_starts_see_one_cpu(run: ModuleType) -> None:
    first = frozenset(sorted(os.sched_getaffinity(0))[:1])
    # A child that starts another Python: both see only the CPU given (exit 3 otherwise,
    # which `run_once` reports as a failure).
    inner = "import os, sys; sys.exit(0 if len(os.sched_getaffinity(0)) == 1 else 3)"
    outer = (
        "import subprocess, sys; "
        f"sys.exit(subprocess.run([sys.executable, '-c', {inner!r}]).returncode)"
    )
    timing = run.run_once([sys.executable, "-c", outer], cpus=first)
    assert timing.wall > 0
    if len(os.sched_getaffinity(0)) > 1:  # unconfined, the same child sees every CPU
        with pytest.raises(SystemExit):
            run.run_once([sys.executable, "-c", outer])


@pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="needs two CPUs",
)
def test_copies_side_by_side_run_at_once_each_on_its_own_cpu(
    run: ModuleType, tmp_path: Path
) -> None:
    first, second = (frozenset([cpu]) for cpu in sorted(os.sched_getaffinity(0))[:2])
    meet = tmp_path / "meet"
    meet.mkdir()
    # Each copy leaves its CPU in a file, then waits for the other's: a copy that sees more
    # than one CPU, or that the other never meets, exits 3 (a failure of the benchmark).
    child = (
        "import os, sys, time, pathlib\n"
        "cpus = os.sched_getaffinity(0)\n"
        "if len(cpus) != 1: sys.exit(3)\n"
        "folder = pathlib.Path(sys.argv[1])\n"
        "(folder / f'cpu-{min(cpus)}').write_text('')\n"
        "end = time.monotonic() + 60\n"
        "while len(list(folder.iterdir())) < 2:\n"
        "    if time.monotonic() > end: sys.exit(3)\n"
        "    time.sleep(0.01)\n"
    )
    timing = run.run_side_by_side([sys.executable, "-c", child, str(meet)], [first, second])
    assert timing.wall > 0 and timing.cpu > 0
    assert sorted(p.name for p in meet.iterdir()) == sorted(
        f"cpu-{min(cpus)}" for cpus in (first, second)
    )
    (tmp_path / "alone").mkdir()
    with pytest.raises(SystemExit, match="failed"):  # one copy alone never meets the other
        run.run_side_by_side(
            [sys.executable, "-c", child.replace("60", "0.5"), str(tmp_path / "alone")], [first]
        )
