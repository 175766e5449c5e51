"""Run every row of the performance table side by side and print medians and ratios.

    python benchmarks/run.py            # the sizes of the targets: 1,000 and 10,000 specs
    python benchmarks/run.py --quick    # 100 and 1,000 specs, 2,000 commits: a minute or two

Corpora are generated (benchmarks/generate.py) into a temporary folder, or into `--workdir` where
they are kept and reused. Every command runs as a child process, `--repeat` times; the table
shows the median wall time, the median CPU time (user + system, which a busy machine disturbs
less) and the ratio the target is stated in. Peak memory is the child's maximum resident set size.
`--markdown` prints the table for benchmarks/RESULTS.md, with the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - benchmarks/ is not a package

SCHEMA = ROOT / "schemas" / "process.schema.json"
ENV = {**os.environ, "PROCSPEC_TODAY": generate.TODAY.isoformat(), "NO_COLOR": "1"}
ENV.pop("PROCSPEC_NO_CACHE", None)
PROCSPEC = [sys.executable, "-m", "procspec"]


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


@dataclass(frozen=True)
class Row:
    work: str
    ours: Timing | None
    reference: str
    theirs: Timing | None
    ratio: float | None
    target: str
    ok: bool | None
    note: str = ""


def run_once(cmd: Sequence[str], cwd: Path | None = None) -> Timing:
    """One run of `cmd`: wall time and the child's CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:6])} ... failed ({done.returncode}):\n{done.stderr!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def median(cmd: Sequence[str], repeat: int, before_each: Path | None = None) -> Timing:
    """Median over `repeat` runs; `before_each` is a cache folder removed before every run."""
    runs = []
    for _ in range(repeat):
        if before_each is not None:
            shutil.rmtree(before_each, ignore_errors=True)
        runs.append(run_once(cmd))
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def peak_memory_mb(cmd: Sequence[str]) -> float:
    """The maximum resident set size of `cmd`, measured from a fresh parent (RUSAGE_CHILDREN is
    a maximum over every child a process ever waited for)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], env=ENV, capture_output=True, text=True, check=True
    )
    kilobytes = int(out.stdout.strip())  # Linux reports kB (macOS bytes)
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def corpus(workdir: Path, name: str, specs: int, commits: int) -> Path:
    """A generated repository, reused when `workdir` already holds it."""
    root = workdir / f"{name}-{specs}-{commits}"
    marker = root / ".procspec-benchmark"
    if not marker.is_file():
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {root.name} ...", file=sys.stderr)
        generate.generate(root, specs, commits)
        marker.write_text("generated\n", encoding="utf-8")
    check_clean(root)
    return root


def check_clean(root: Path) -> None:
    """The corpus must validate without errors, or the benchmark measures error reporting."""
    import json

    done = subprocess.run(
        [*PROCSPEC, "validate", str(root), "--format", "json", "--no-cache"],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    counts = json.loads(done.stdout)["counts"]
    if counts["error"]:
        raise SystemExit(f"{root} has {counts['error']} errors: fix benchmarks/generate.py")


def process_files(root: Path) -> list[str]:
    return sorted(str(p) for p in (root / "processer").rglob("*.yaml"))


def has_render() -> bool:
    done = subprocess.run(
        [*PROCSPEC, "render", "--help"], env=ENV, capture_output=True, check=False
    )
    return done.returncode == 0


def ratio_row(
    work: str, ours: Timing, reference: str, theirs: Timing, limit: float, target: str
) -> Row:
    ratio = ours.wall / theirs.wall
    return Row(work, ours, reference, theirs, ratio, target, ratio <= limit)


def benchmark(args: argparse.Namespace, workdir: Path) -> list[Row]:
    small, large, commits, repeat = args.small, args.large, args.commits, args.repeat
    a = corpus(workdir, "validate", small, 2 * small)
    b = corpus(workdir, "validate", large, 2 * large)
    c = corpus(workdir, "history", small, commits)
    rows: list[Row] = []

    def validate(root: Path) -> list[str]:
        return [*PROCSPEC, "validate", str(root)]

    print("validate, cold ...", file=sys.stderr)
    cold_small = median(validate(a), repeat, a / ".procspec-cache")
    jsonschema = median(
        ["check-jsonschema", "--schemafile", str(SCHEMA), *process_files(a)], repeat
    )
    rows.append(
        ratio_row(f"validate {small:,} specs, cold", cold_small,
                  "check-jsonschema, same files", jsonschema, 1.0, "≤ 1.0× (goal 0.75×)")
    )  # fmt: skip
    cold_large = median(validate(b), max(1, repeat - 1), b / ".procspec-cache")
    eleven = Timing(11 * cold_small.wall, 11 * cold_small.cpu)
    rows.append(
        Row(f"validate {large:,} specs, cold", cold_large, f"11 × validate {small:,}", eleven,
            cold_large.wall / cold_small.wall, "≤ 11× the small run",
            cold_large.wall <= eleven.wall)
    )  # fmt: skip
    print("validate, warm ...", file=sys.stderr)
    run_once(validate(b))  # store the outcome
    warm = median(validate(b), repeat)
    rows.append(
        Row(f"validate {large:,} specs, nothing changed", warm, "", None, None, "≤ 1 s",
            warm.wall <= 1.0)
    )  # fmt: skip
    print("history ...", file=sys.stderr)
    history = median(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from procspec.git.log import read_history;"
         "assert read_history(Path(sys.argv[1])).available", str(c)],
        repeat,
    )  # fmt: skip
    gitlog = median(["git", "-C", str(c), "log", "--name-status", "-z", "-M"], repeat)
    rows.append(
        ratio_row(f"history, {small:,} specs × {commits:,} commits", history,
                  "git log --name-status -z -M", gitlog, 2.0, "≤ 2×")
    )  # fmt: skip
    print("render ...", file=sys.stderr)
    if has_render():
        out = workdir / "render-out"
        shutil.rmtree(out, ignore_errors=True)
        rendered = median([*PROCSPEC, "render", str(a), "--out", str(out)], max(1, repeat - 1))
        rows.append(
            ratio_row(f"render html, {small:,} specs with history", rendered,
                      "validate, cold, same repository", cold_small, 3.0, "≤ 3×")
        )  # fmt: skip
    else:
        rows.append(
            Row(f"render html, {small:,} specs with history", None, "", None, None, "≤ 3×",
                None, "skipped: this procspec has no render command yet")
        )  # fmt: skip
    for flag in ("--version", "--help"):
        timing = median([*PROCSPEC, flag], max(3, repeat))
        rows.append(Row(f"procspec {flag}", timing, "", None, None, "≤ 0.3 s", timing.wall <= 0.3))
    print("memory ...", file=sys.stderr)
    shutil.rmtree(b / ".procspec-cache", ignore_errors=True)
    peak = peak_memory_mb([*validate(b), "--no-cache"])
    rows.append(
        Row(f"peak memory, validate {large:,} specs", None, "", None, None, "≤ 500 MB",
            peak <= 500, f"{peak:,.0f} MB")
    )  # fmt: skip
    return rows


def seconds(t: Timing | None) -> str:
    return "" if t is None else f"{t.wall:.2f} s (cpu {t.cpu:.2f})"


def table(rows: list[Row], markdown: bool) -> str:
    head = ["work", "procspec", "reference", "reference time", "ratio", "target", "met"]
    lines = []
    body = []
    for r in rows:
        met = "–" if r.ok is None else ("yes" if r.ok else "NO")
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        ours = seconds(r.ours) or r.note
        body.append([r.work, ours, r.reference, seconds(r.theirs), ratio, r.target, met])
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        lines += ["| " + " | ".join(row) + " |" for row in body]
    else:
        widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
        for row in [head, *body]:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False)
    from procspec import __version__

    return (
        f"{date.today().isoformat()}, {os.cpu_count()} cores (nproc), {cpu}, "
        f"Python {platform.python_version()}, {git.stdout.strip()}, procspec {__version__}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100/1,000 specs, 2,000 commits")
    parser.add_argument("--small", type=int, default=1000, help="specs in the small corpus")
    parser.add_argument("--large", type=int, default=10000, help="specs in the large corpus")
    parser.add_argument("--commits", type=int, default=20000, help="commits for the history row")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (median)")
    parser.add_argument("--workdir", type=Path, help="keep and reuse the corpora here")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    if args.quick:
        args.small, args.large, args.commits = 100, 1000, 2000
    if shutil.which("check-jsonschema") is None:
        parser.error("check-jsonschema is missing: pip install -e '.[test]'")
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        rows = benchmark(args, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="procspec-bench-") as folder:
            rows = benchmark(args, Path(folder))
    print(machine())
    print(table(rows, args.markdown))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
