"""Run every rule over a repository and settle each problem's final severity.

Severity comes from the rule, then the profile's `regler`, then procspec.yaml's `regler`
(`off` drops the rule). A `# procspec: ignore PSnnn -- reason` line silences a code for its file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from procspec.context import Context
from procspec.problem import Outcome, Problem, Severity
from procspec.repository import Repository
from procspec.revisions import History
from procspec.rules import all_rules

__all__ = ["Outcome", "check_repository", "settle", "severities"]


def severities(repo: Repository) -> dict[str, str]:
    """The configured severity per code: the profile's, overridden by procspec.yaml's."""
    return {**repo.profile.rules, **repo.settings.rules}


def ignored_codes(repo: Repository) -> dict[str, set[str]]:
    """Codes silenced per file by ignore comments."""
    found: dict[str, set[str]] = {}
    docs = [record.doc for record in repo.records] + [repo.roster_doc]
    for doc in docs:
        for ignore in doc.ignores:
            found.setdefault(doc.rel, set()).update(ignore.codes)
    return found


def settle(problems: list[Problem], repo: Repository) -> list[Problem]:
    """Apply severity overrides and ignore comments, then sort."""
    configured = severities(repo)
    ignored = ignored_codes(repo)
    settled: list[Problem] = []
    for problem in problems:
        if problem.code != "PS008" and problem.code in ignored.get(problem.path, ()):
            continue
        level = configured.get(problem.code)
        if level == "off":
            continue
        if level is not None and level != problem.severity.value:
            problem = replace(problem, severity=Severity(level))
        settled.append(problem)
    return sorted(set(settled), key=lambda p: p.sort_key)


def check_repository(repo: Repository, today: date, history: History | None = None) -> Outcome:
    """Every problem in `repo`: those found while loading and those of every rule.

    `history` (from `procspec.gitlog.read_history`) enables the history rules PS601–PS603.
    """
    ctx = Context.build(repo, today, history)
    problems = list(repo.problems)
    for rule in all_rules():
        if rule.check is not None:
            problems.extend(rule.check(ctx))
    files = len(repo.records) + 2
    return Outcome(settle(problems, repo), files)
