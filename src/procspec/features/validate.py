"""`procspec validate`: every problem in the repository, from the cache when nothing changed.

A cold run loads and checks everything (on every core when that pays: `incremental.check_on_cores`,
`procspec.checking.pool`) and stores the outcome when the cache is on and nothing changed while
checking (the key before the run equals the key after it; see `cache`). The key after the run
trusts only the records the key before it would store, so a file saved during the run is read
again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from procspec.features import cache
from procspec.problem import Outcome
from procspec.reading.root import nearest_root

if TYPE_CHECKING:  # a cache hit imports none of the models, rules or git: they are the cold run's
    from procspec.git.log import HistoryRead
    from procspec.git.revisions import History
    from procspec.reading.repository import Repository

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Validated:
    """A validate run: the repository root, its language and the outcome."""

    root: Path
    lang: str
    outcome: Outcome


def validate(
    path: Path, today: date, *, use_cache: bool = True, progress: Progress | None = None
) -> Validated:
    """The outcome for the repository at or above `path` on `today`; a configuration error
    raises `ConfigError` (exit 2) with its problems."""
    root = nearest_root(path) if use_cache and not cache.disabled() else None
    keys: dict[tuple[str, str | None], cache.Hashed] = {}
    hit = cache.lookup(root, today, keys) if root is not None else None
    if hit is not None and root is not None:
        return Validated(root, *hit)
    return _run(path, today, root is not None, progress, keys)


def _run(
    path: Path,
    today: date,
    use_cache: bool,
    progress: Progress | None,
    keys: dict[tuple[str, str | None], cache.Hashed],
) -> Validated:
    """A run that keeps the problems of unchanged files when it can (`incremental`), else a full
    run; either stores what it found when nothing changed while it ran."""
    from procspec.features import incremental
    from procspec.features.historycache import history_store
    from procspec.git.log import start_history
    from procspec.reading.repository import (
        find_root,
        open_repository,
        read_records,
        with_records,
    )

    root = find_root(path)
    plan = cache.quick_plan(root) if use_cache else None
    hashed = None
    if plan is not None:
        hashed = keys.get((plan.processes, plan.profile))
        if hashed is None:
            hashed = cache.Hashed()
            cache.compute_key(root, plan, today, hashed)
    trusted = hashed.records() if hashed is not None else None
    # git reads the history while the files are loaded.
    reading = start_history(root, store=history_store(root, use_cache))
    read: list[History | None] = []

    def history_for(repo: Repository) -> History | None:
        if not read:  # read once, whether the kept run or the full run asks
            read.append(_history(reading, repo))
        return read[0]

    try:
        if plan is not None and hashed is not None:
            rechecked = incremental.recheck(root, plan, today, hashed, history_for, progress)
            if rechecked is not None:
                repo, outcome, kept = rechecked
                if incremental.still_current(root, hashed, repo):
                    cache.store(root, hashed.key, plan, outcome, trusted)
                    kept.save(root)
                return Validated(root, repo.lang, outcome)
        repo, paths = open_repository(root, cache=use_cache)
        after: list[cache.Hashed] = []  # the key once every file was read, while workers check

        def all_read() -> None:
            if plan is not None:
                after.append(_key_now(root, plan, today, trusted))

        spread = incremental.check_on_cores(
            repo, paths, today, history_for, hashed,
            use_cache=use_cache, progress=progress, all_read=all_read,
        )  # fmt: skip
        if spread is None:
            after.clear()  # the files are read again here
            records = read_records(repo, paths, cache=use_cache, every_file=True, progress=progress)
            repo = with_records(repo, records)
    except BaseException:
        reading.cancel()
        raise
    if spread is not None:
        outcome, results = spread
    else:
        outcome, results = incremental.check(repo, today, history_for(repo), hashed)
    settled = cache.plan_of(repo.settings)
    if plan is not None and hashed is not None and plan == settled:
        now = after[0] if after else _key_now(root, plan, today, trusted)
        if cache.unchanged_since(hashed, now):
            cache.store(root, hashed.key, plan, outcome, trusted)
            if results is not None:
                results.save(root)
    return Validated(root, repo.lang, outcome)


def _key_now(
    root: Path, plan: cache.Plan, today: date, trusted: dict[str, cache.Record] | None
) -> cache.Hashed:
    now = cache.Hashed()
    cache.compute_key(root, plan, today, now, trusted=trusted)
    return now


def _history(reading: HistoryRead, repo: Repository) -> History | None:
    """As much of the history as the rules will read: none when PS601–PS603 are all `off`."""
    from procspec.checking.rules.history import history_need

    need = history_need(repo)
    if need == "log":
        return reading.result(repo.settings.processes)
    if need == "presence":
        return reading.presence()
    reading.cancel()
    return None
