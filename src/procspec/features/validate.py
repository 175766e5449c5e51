"""`procspec validate`: every problem in the repository, from the cache when nothing changed.

A cold run loads and checks everything and stores the outcome when the cache is on and nothing
changed while checking (the key before the run equals the key after it; see `cache`).
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
    keys: dict[tuple[str, str | None], str] = {}
    hit = cache.lookup(root, today, keys) if root is not None else None
    if hit is not None and root is not None:
        return Validated(root, *hit)
    return _cold(path, today, root is not None, progress, keys)


def _cold(
    path: Path,
    today: date,
    use_cache: bool,
    progress: Progress | None,
    keys: dict[tuple[str, str | None], str],
) -> Validated:
    from procspec.checking.checker import check_repository
    from procspec.features.historycache import history_store
    from procspec.git.log import start_history
    from procspec.reading.repository import find_root, load_repository

    root = find_root(path)
    plan = cache.quick_plan(root) if use_cache else None
    before = None
    if plan is not None:
        before = keys.get((plan.processes, plan.profile)) or cache.compute_key(root, plan, today)
    # git reads the history while the files are loaded.
    reading = start_history(root, store=history_store(root, use_cache))
    try:
        repo = load_repository(root, progress=progress, cache=use_cache)
    except BaseException:
        reading.cancel()
        raise
    history = _history(reading, repo)
    outcome = check_repository(repo, today, history)
    settings = repo.settings
    settled = cache.plan_of(settings)
    if before is not None and plan == settled and before == cache.compute_key(root, plan, today):
        cache.store(root, before, plan, outcome)
    return Validated(root, repo.lang, outcome)


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
