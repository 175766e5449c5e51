"""Run every row of the performance table side by side and print medians and ratios.

    python benchmarks/run.py            # the sizes of the targets: 1,000 and 10,000 specs
    python benchmarks/run.py --quick    # 100 and 1,000 specs, 2,000 commits: a few minutes
    python benchmarks/run.py --smoke    # the smallest corpora: proves the script works

Corpora are generated (benchmarks/generate.py) into a temporary folder, or into `--workdir` where
they are kept and reused. Every command runs as a child process, `--repeat` times; the table
shows the median wall time, the median CPU time (user + system, which a busy machine disturbs
less) and the ratio the target is stated in, each ratio between two timings of the same run.
"Cold" means without `.procspec-cache/`, as on a fresh clone: it is moved aside before each run
(and the render's output folder too) and removed when the benchmark ends. Removed before each
run, its files would be freed just before the run creates as many again, and on ext4 without a
journal the inodes freed in the last minute (six, while their inode table is not yet written
back) are stepped over one by one when files are created: the cold runs then measured the file
system's bookkeeping (seconds of kernel time at 10,000 files), not procspec. For the same reason
a run started within minutes of removing many files (a previous run's own clean-up among them)
measures the cold runs and the render high: leave some minutes between two runs. "One file
changed" edits one process file after a run that filled the cache. A ratio at 1,000 specs is
taken between runs made in turn (a cold run, then the run compared with it, and again): the
machine's speed drifts over a run of this benchmark, and two commands timed minutes apart
would compare two machines. "On one core" is measured two ways: the same run confined to one
CPU (`os.sched_setaffinity`, as `taskset` does, for it and every process it starts) and the
run told to use one process (`PROCSPEC_JOBS=1`, its git and the kernel still on every CPU).
The machine's own row runs two such one-process validates side by side, each confined to a CPU
of its own, against one alone: how much two busy CPUs slow each other here (shared caches,
sibling hyperthreads, other guests of the host), which bounds what a run on both can gain.
Peak memory is the largest sum of the resident set sizes of the command and every process it
started, sampled while it runs. Work that must stay linear in its input (the flow checks, the
layout, name judgements) is timed in one child process by benchmarks/linear.py. `--markdown`
prints the table for benchmarks/RESULTS.md, with the machine it ran on. With `--smoke` no
target is judged.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

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


def run_once(
    cmd: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    cpus: frozenset[int] | None = None,
) -> Timing:
    """One run of `cmd`: wall time and the child's CPU time; with `cpus`, the child and every
    process it starts run on those CPUs only (`os.sched_setaffinity`, as `taskset` does)."""
    confine = None if cpus is None else confined_to(cpus)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=cwd, env=env or ENV, capture_output=True, check=False, preexec_fn=confine
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:6])} ... failed ({done.returncode}):\n{done.stderr!r}")
    return Timing(wall, cpu_between(before, after))


def cpu_between(before: resource.struct_rusage, after: resource.struct_rusage) -> float:
    """The CPU time (user and system) of the children waited for between two readings."""
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def confined_to(cpus: frozenset[int]) -> Callable[[], None]:
    """What a child runs before its command to run on `cpus` only, as `taskset` does."""
    return lambda: os.sched_setaffinity(0, cpus)


def run_side_by_side(
    cmd: Sequence[str], cpus: Sequence[frozenset[int]], env: dict[str, str] | None = None
) -> Timing:
    """Copies of `cmd` started at once, the first confined to `cpus[0]`, the next to `cpus[1]`
    and so on: the wall time until the last ends, and the CPU time of one copy (the mean)."""
    with contextlib.ExitStack() as stack:
        errors = [stack.enter_context(tempfile.TemporaryFile()) for _ in cpus]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        started = [
            subprocess.Popen(
                cmd,
                env=env or ENV,
                stdout=subprocess.DEVNULL,
                stderr=err,
                preexec_fn=confined_to(mine),
            )
            for mine, err in zip(cpus, errors, strict=True)
        ]
        codes = [child.wait() for child in started]
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        for code, err in zip(codes, errors, strict=True):
            if code not in (0, 1):
                err.seek(0)
                raise SystemExit(f"{' '.join(cmd[:6])} ... failed ({code}):\n{err.read()!r}")
    return Timing(wall, cpu_between(before, after) / len(started))


SET_ASIDE: list[Path] = []
"""Folders moved out of the way during the benchmark, removed when it ends (`set_aside`)."""


def set_aside(folder: Path) -> None:
    """Move `folder` out of the way (a rename, beside it) for removal when the benchmark ends."""
    if folder.exists():
        aside = folder.with_name(f".{folder.name}.set-aside-{len(SET_ASIDE)}-{os.getpid()}")
        folder.rename(aside)
        SET_ASIDE.append(aside)


def remove_set_aside() -> None:
    while SET_ASIDE:
        shutil.rmtree(SET_ASIDE.pop(), ignore_errors=True)


def median(
    cmd: Sequence[str],
    repeat: int,
    before_each: Callable[[], object] | Path | None = None,
    env: dict[str, str] | None = None,
) -> Timing:
    """Median over `repeat` runs of `cmd` alone (`in_turn` with one step); `before_each` is a
    cache folder set aside before every run, or a function called before every run (untimed)."""
    before = aside(before_each) if isinstance(before_each, Path) else before_each
    return in_turn([Step(before, cmd, env)], repeat)[0]


class Step(NamedTuple):
    """A timed command with what is done before it, untimed (or None), its environment (None:
    the benchmark's) and the CPUs it may run on (None: every CPU)."""

    before: Callable[[], object] | None
    cmd: Sequence[str]
    env: dict[str, str] | None = None
    cpus: frozenset[int] | None = None
    apart: Sequence[frozenset[int]] = ()
    """When given, copies of the command run side by side, one on each of these CPU sets."""


def in_turn(steps: Sequence[Step], repeat: int) -> list[Timing]:
    """The median of each step, the steps taken in turn `repeat` times: on a shared machine whose
    speed drifts over a run, a ratio between two steps then compares runs on the same machine."""
    runs: list[list[Timing]] = [[] for _ in steps]
    for _ in range(max(1, repeat)):
        for step, found in zip(steps, runs, strict=True):
            if step.before is not None:
                step.before()
            if step.apart:
                found.append(run_side_by_side(step.cmd, step.apart, step.env))
            else:
                found.append(run_once(step.cmd, env=step.env, cpus=step.cpus))
    return [medians(found) for found in runs]


def aside(*folders: Path) -> Callable[[], None]:
    """A step's preparation: `folders` set aside (a cold run)."""

    def prepare() -> None:
        for folder in folders:
            set_aside(folder)

    return prepare


def medians(runs: Sequence[Timing]) -> Timing:
    """The median wall time and the median CPU time of `runs`."""
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text(encoding="ascii")
        except OSError:
            continue
        found += [int(child) for child in text.split()]
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """The resident set size of a process and all its descendants, now (Linux /proc)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_kb(current)
        todo += _children(current)
    return total


def peak_memory_mb(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """The peak memory of `cmd` with every process it starts (a pool of workers counts in
    full): the sum of their resident set sizes, sampled every 10 ms, and never less than the
    largest single process's maximum (from a fresh parent: RUSAGE_CHILDREN is a maximum over
    every child a process ever waited for)."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from run import tree_rss_kb\n"
        "child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL)\n"
        "peak = 0\n"
        "while child.poll() is None:\n"
        "    peak = max(peak, tree_rss_kb(child.pid))\n"
        "    time.sleep(0.01)\n"
        "single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([peak, single]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(HERE), *cmd],
        env=env or ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    summed, single = json.loads(out.stdout.strip())
    if sys.platform == "darwin":  # macOS reports bytes, and has no /proc
        return float(single) / 1024 / 1024
    return max(summed, single) / 1024


def corpus(workdir: Path, name: str, specs: int, commits: int) -> Path:
    """A generated repository, reused when `workdir` already holds it."""
    root = workdir / f"{name}-{specs}-{commits}"
    marker = root / ".procspec-benchmark"
    if not marker.is_file():
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {root.name} ...", file=sys.stderr)
        generate.generate(root, specs, commits)
        marker.write_text("generated\n", encoding="utf-8")
        info = root / ".git" / "info" / "exclude"
        if info.parent.is_dir():  # the marker is no uncommitted change
            info.write_text(".procspec-benchmark\n", encoding="utf-8")
    check_clean(root)
    return root


def without_git(root: Path) -> Path:
    """The same files as `root`, outside git (the work tree's files, no .git)."""
    copy = root.with_name(root.name + "-utan-git")
    if not (copy / "procspec.yaml").is_file():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(
            root, copy, ignore=shutil.ignore_patterns(".git", ".procspec-cache", ".procspec-*")
        )
    return copy


def check_clean(root: Path) -> None:
    """The corpus must validate without errors, or the benchmark measures error reporting."""
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


def c_yaml() -> bool:
    """Whether ruamel.yaml's C parser is installed: procspec and check-jsonschema both use it
    when it is (check-jsonschema: `YAML(typ="safe")`)."""
    return importlib.util.find_spec("_ruamel_yaml") is not None


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


class Edits:
    """Changes one process file before each run, differently every time (so the run cannot be
    a hit of the whole-outcome cache); `restore` puts the file back."""

    def __init__(self, root: Path) -> None:
        self.path = Path(process_files(root)[len(process_files(root)) // 2])
        self.original = self.path.read_bytes()
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        self.path.write_bytes(self.original + f"# Ändring {self.count}.\n".encode())

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def validate(root: Path, *extra: str) -> list[str]:
    return [*PROCSPEC, "validate", str(root), *extra]


def benchmark(args: argparse.Namespace, workdir: Path) -> list[Row]:
    small, large, commits, repeat = args.small, args.large, args.commits, args.repeat
    a = corpus(workdir, "validate", small, 2 * small)
    b = corpus(workdir, "validate", large, 2 * large)
    c = corpus(workdir, "history", small, commits)
    rows: list[Row] = []

    print("validate, cold ...", file=sys.stderr)
    cold_small = median(validate(a), repeat, a / ".procspec-cache")
    jsonschema = median(
        ["check-jsonschema", "--schemafile", str(SCHEMA), *process_files(a)], repeat
    )
    parser = "C YAML parser on both sides" if c_yaml() else "pure-Python YAML on both sides"
    rows.append(
        ratio_row(f"validate {small:,} specs with processkartor, cold", cold_small,
                  f"check-jsonschema, same files ({parser})", jsonschema, 1.0, "≤ 1.0×")
    )  # fmt: skip
    # The large run on every core and in one process, taken in turn.
    one_core = {**ENV, "PROCSPEC_JOBS": "1"}
    cold_b = aside(b / ".procspec-cache")
    cold_large, serial = in_turn(
        [Step(cold_b, validate(b)), Step(cold_b, validate(b), one_core)], max(1, repeat - 1)
    )
    eleven = Timing(11 * cold_small.wall, 11 * cold_small.cpu)
    rows.append(
        Row(f"validate {large:,} specs, cold", cold_large, f"11 × validate {small:,}", eleven,
            cold_large.wall / cold_small.wall, "≤ 11× the small run",
            cold_large.wall <= eleven.wall)
    )  # fmt: skip
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rows.append(
        ratio_row(f"validate {large:,} specs, cold, {cores} cores", cold_large,
                  "the same on one core (PROCSPEC_JOBS=1), taken in turn with it", serial,
                  0.6, "≤ 0.6×")
    )  # fmt: skip
    # The same at the size the targets are judged on, each run in turn with its references:
    # the same run confined to one CPU (git and every other process it starts with it), and
    # procspec told to use one process, which leaves git and the kernel the other CPUs.
    cold_a = aside(a / ".procspec-cache")
    one_cpu = frozenset(sorted(os.sched_getaffinity(0))[:1])
    spread, confined, single = in_turn(
        [
            Step(cold_a, validate(a)),
            Step(cold_a, validate(a), cpus=one_cpu),
            Step(cold_a, validate(a), one_core),
        ],
        repeat,
    )
    rows.append(
        ratio_row(f"validate {small:,} specs, cold, {cores} cores", spread,
                  "the same run confined to one CPU (taskset), taken in turn with it", confined,
                  0.6, "≤ 0.6×")
    )  # fmt: skip
    rows.append(
        ratio_row(f"validate {small:,} specs, cold, {cores} cores", spread,
                  "the same on one core (PROCSPEC_JOBS=1), taken in turn with it", single,
                  0.6, "≤ 0.6×")
    )  # fmt: skip
    # What two busy CPUs of this machine give, which bounds what any run on both can gain: two
    # one-process runs side by side, each on a CPU of its own, against one alone.
    cpu_ids = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cpu_ids) > 1:
        first, second = frozenset(cpu_ids[:1]), frozenset(cpu_ids[1:2])
        alone_cmd = validate(a, "--no-cache")
        alone, pair = in_turn(
            [
                Step(None, alone_cmd, one_core, cpus=first),
                Step(None, alone_cmd, one_core, apart=(first, second)),
            ],
            repeat,
        )
        rows.append(
            Row(f"the machine: two one-process validates of {small:,} specs side by side, "
                "a CPU each", pair, "one alone on one CPU, taken in turn with it", alone,
                pair.wall / alone.wall, "– (1.00×: two busy CPUs do not slow each other)", None)
        )  # fmt: skip

    print("validate, warm ...", file=sys.stderr)
    # Each cold run fills the cache the two runs after it use; the three are taken in turn.
    edits = Edits(a)
    try:
        cold_ref, unchanged_small, changed_small = in_turn(
            [Step(cold_a, validate(a)), Step(None, validate(a)), Step(edits, validate(a))],
            repeat,
        )
    finally:
        edits.restore()
    rows.append(
        ratio_row(f"validate {small:,} specs, nothing changed", unchanged_small,
                  f"validate {small:,}, cold, taken in turn with it", cold_ref, 0.15, "≤ 0.15×")
    )  # fmt: skip
    rows.append(
        ratio_row(f"validate {small:,} specs, one file changed", changed_small,
                  f"validate {small:,}, cold, taken in turn with it", cold_ref, 0.25,
                  "≤ 0.25× (stretch 0.1×)")
    )  # fmt: skip
    run_once(validate(b))
    unchanged_large = median(validate(b), repeat)
    rows.append(
        Row(f"validate {large:,} specs, nothing changed", unchanged_large, "", None, None,
            "≤ 1 s", unchanged_large.wall <= 1.0)
    )  # fmt: skip
    edits = Edits(b)
    try:
        changed_large = median(validate(b), repeat, edits)
    finally:
        edits.restore()
    rows.append(
        Row(f"validate {large:,} specs, one file changed", changed_large, "", None, None,
            "≤ 1.5 s", changed_large.wall <= 1.5)
    )  # fmt: skip

    print("history ...", file=sys.stderr)
    plain = without_git(c)
    with_history, no_history, gitlog = in_turn(
        [
            Step(aside(c / ".procspec-cache"), validate(c)),
            Step(aside(plain / ".procspec-cache"), validate(plain)),
            Step(None, ["git", "-C", str(c), "log", "--name-status", "-z", "-M"]),
        ],
        repeat,
    )
    extra = Timing(with_history.wall - no_history.wall, with_history.cpu - no_history.cpu)
    rows.append(
        ratio_row(f"history: validate {small:,} specs × {commits:,} commits, cold, minus the "
                  "same files outside git", extra, "git log --name-status -z -M", gitlog, 1.5,
                  "≤ 1.5×")
    )  # fmt: skip
    run_once(validate(c))  # the history kept by HEAD
    edits = Edits(c)
    try:
        kept = median(validate(c), repeat, edits)
    finally:
        edits.restore()
    plain_edits = Edits(plain)
    run_once(validate(plain))
    try:
        kept_plain = median(validate(plain), repeat, plain_edits)
    finally:
        plain_edits.restore()
    kept_extra = Timing(kept.wall - kept_plain.wall, kept.cpu - kept_plain.cpu)
    rows.append(
        ratio_row("history kept by HEAD: the same, one file changed", kept_extra,
                  "git log --name-status -z -M", gitlog, 0.5, "≤ 0.5×")
    )  # fmt: skip

    print("render ...", file=sys.stderr)
    if has_render():
        out = workdir / "render-out"
        # Render and its reference, a cold validate of the same repository, are taken in turn:
        # on a shared machine whose speed drifts over a run, both then meet the same machine.
        references, renders = in_turn(
            [
                Step(cold_a, validate(a)),
                Step(
                    aside(out, a / ".procspec-cache"),
                    [*PROCSPEC, "render", str(a), "--out", str(out)],
                ),
            ],
            repeat,
        )
        rows.append(
            ratio_row(f"render html, {small:,} specs with processkartor and history",
                      renders, "validate, cold, same repository, taken in turn with it",
                      references, 3.0, "≤ 3×")
        )  # fmt: skip
    else:
        rows.append(
            Row(f"render html, {small:,} specs with processkartor", None, "", None, None, "≤ 3×",
                None, "skipped: this procspec has no render command yet")
        )  # fmt: skip

    print("linear work ...", file=sys.stderr)
    rows += linear_rows(workdir, args.map_small, args.map_large)

    for flag in ("--version", "--help"):
        timing = median([*PROCSPEC, flag], max(3, repeat))
        rows.append(Row(f"procspec {flag}", timing, "", None, None, "≤ 0.3 s", timing.wall <= 0.3))

    print("memory ...", file=sys.stderr)
    set_aside(b / ".procspec-cache")
    peak = peak_memory_mb(validate(b, "--no-cache"))
    rows.append(
        Row(f"peak memory, validate {large:,} specs, cold, with the processes it starts", None,
            "", None, None, "≤ 500 MB", peak <= 500, f"{peak:,.0f} MB")
    )  # fmt: skip
    return rows


LINEAR = (
    ("validate", "validate a processkarta (load, every rule, the flow checks among them)",
     "activities"),
    ("layout", "lay out a processkarta", "activities"),
    ("names", "judge process names (Örebro, Att namnge processer)", "names"),
)  # fmt: skip


def linear_rows(workdir: Path, small: int, large: int) -> list[Row]:
    """Work that must stay linear: `large` items against `small`, timed in one child process."""
    done = subprocess.run(
        [sys.executable, str(HERE / "linear.py"), str(workdir), str(small), str(large)],
        env={**ENV, "PROCSPEC_NO_CACHE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    # The layout orders the shapes of a cell and the problems are sorted: n log n is expected
    # (13.3× from 1,000 to 10,000), quadratic work would be 100×. The margin is for caches and
    # the allocator, which a single process of this size does not keep steady.
    n_log_n = large * math.log(large) / (small * math.log(small))
    limit = 1.5 * n_log_n
    rows = []
    for key, work, unit in LINEAR:
        few, many = found[str(small)][key], found[str(large)][key]
        rows.append(
            ratio_row(f"{work}: {large:,} {unit}", Timing(many, many),
                      f"the same, {small:,}", Timing(few, few), limit,
                      f"≤ {limit:.0f}× (linear: {large // small}×, n log n: {n_log_n:.1f}×)")
        )  # fmt: skip
    return rows


def seconds(t: Timing | None) -> str:
    if t is None:
        return ""
    digits = 2 if abs(t.wall) >= 0.1 else 3
    return f"{t.wall:.{digits}f} s (cpu {t.cpu:.{digits}f})"


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
    parser.add_argument(
        "--smoke", action="store_true", help="the smallest corpora, no target judged"
    )
    parser.add_argument("--map-small", type=int, default=1000, help="activities, small map")
    parser.add_argument("--map-large", type=int, default=10000, help="activities, large map")
    parser.add_argument("--small", type=int, default=1000, help="specs in the small corpus")
    parser.add_argument("--large", type=int, default=10000, help="specs in the large corpus")
    parser.add_argument("--commits", type=int, default=20000, help="commits for the history row")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (median)")
    parser.add_argument("--workdir", type=Path, help="keep and reuse the corpora here")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    if args.quick:
        args.small, args.large, args.commits = 100, 1000, 2000
    if args.smoke:
        args.small, args.large, args.commits, args.repeat = 12, 24, 30, 1
        args.map_small, args.map_large = 20, 40
    if shutil.which("check-jsonschema") is None:
        parser.error("check-jsonschema is missing: pip install -e '.[test]'")
    try:
        if args.workdir is not None:
            args.workdir.mkdir(parents=True, exist_ok=True)
            rows = benchmark(args, args.workdir)
        else:
            with tempfile.TemporaryDirectory(prefix="procspec-bench-") as folder:
                rows = benchmark(args, Path(folder))
    finally:
        remove_set_aside()
    if args.smoke:  # too small for any target to mean something
        rows = [replace(r, ok=None) for r in rows]
    print(machine())
    print(table(rows, args.markdown))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
