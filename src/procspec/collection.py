"""How procspec uses Python's cycle collector: one policy for every run.

procspec builds many small objects that live for the whole run (documents, models, views) and
makes few reference cycles. Python's collector, left at its defaults, walks those objects again
and again although nothing among them can become garbage.

- `collect_less` sets the thresholds of a run (the command line calls it first; workers forked
  later inherit it).
- `lean_gc` keeps the collector off everything that exists when a phase starts (`gc.freeze`):
  the loaded repository while the rules run or the pages are rendered.
- `no_collection` turns it off for a block that makes many objects and next to no cycles (the
  git history's decoding, a render); `in_a_copy` for the whole life of a forked copy that does
  one job and ends (the workers that parse or check the files or write pages, and the copies
  that make a value ahead).
- `leave_to_exit` keeps Python's last collection, as the program ends, off what the run left.

May import: the standard library only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

GC_THRESHOLDS = (50_000, 20, 100)
"""How often Python looks for reference cycles during a run. At Python's default (the youngest
generation every 700 allocations) a processkarta of 10,000 activities cost over 30 times one of
1,000, and a cold validate spent a sixth of its time collecting. Peak memory is unchanged."""


def collect_less() -> None:
    """Set the garbage collection policy of a procspec run (`GC_THRESHOLDS`); worker processes
    inherit it."""
    gc.set_threshold(*GC_THRESHOLDS)


@contextmanager
def lean_gc() -> Iterator[None]:
    """Keep the cycle collector off everything that exists now, and let it run less often, for
    the duration of the block."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], GC_THRESHOLDS[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def leave_to_exit() -> None:
    """The program's work is done and its process ends: keep Python's collection at exit off
    everything left (`gc.freeze`). Its memory goes back to the system with the process, and
    after a render that collection walked hundreds of thousands of objects in reference cycles
    for nothing, a tenth of the render's time. Only for the program itself, never for a caller
    that goes on (its later garbage would never be collected). procspec closes its files and
    waits for its processes itself: nothing it needs is left for the collector to finish."""
    gc.freeze()


@contextmanager
def no_collection() -> Iterator[None]:
    """No cycle collection while the block runs: for work that makes hundreds of thousands of
    small objects and no cycles, where every collection the allocations trigger would walk
    them, and everything loaded before, for nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def in_a_copy() -> None:
    """In a forked copy that does one job and ends: no cycle collection at all. What the copy
    makes lives until it ends, and procspec makes next to no cyclic garbage: a render of 1,000
    processes peaks at the same memory with the collector off (509 MB against 508 MB in its
    processes together), while its page workers spent a tenth of their time collecting."""
    gc.disable()
