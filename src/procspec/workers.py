"""How many processes a command may use for work that splits: the `PROCSPEC_JOBS` variable.

`PROCSPEC_JOBS=1` keeps everything in one process; `PROCSPEC_JOBS=N` uses up to N processes,
however small the work (tests use it to run the parallel path on a small repository). Unset,
empty or anything but a whole number from 1: every core this process may run on, but one process
for work too small to be worth starting others, and where the platform cannot fork (start-up would
cost more than the work: each process would have to load the repository again).
"""

from __future__ import annotations

import multiprocessing
import os

ENV = "PROCSPEC_JOBS"


def requested() -> int | None:
    """The number of processes `PROCSPEC_JOBS` asks for, or None (automatic)."""
    value = os.environ.get(ENV, "").strip()
    if not value.isdecimal() or not value.isascii():
        return None
    number = int(value)
    return number if number >= 1 else None


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether worker processes can start as copies of this one (Linux, BSD)."""
    return "fork" in multiprocessing.get_all_start_methods()


def jobs(items: int, threshold: int) -> int:
    """The processes to use for `items` units of work that pay off in parallel from `threshold`
    units: `PROCSPEC_JOBS` when set, else every core for `items` >= `threshold`, else one."""
    if not can_fork():
        return 1
    wanted = requested()
    if wanted is not None:
        return wanted
    return cores() if items >= threshold else 1
