"""Run every rule over a repository and settle each problem's final severity.

Severity comes from the rule, then the profile's `regler`, then procspec.yaml's `regler`
(`off` drops the rule). A `# procspec: ignore PSnnn -- reason` line silences a code for its file.
The checker also refuses a `regler:` entry that names no rule (a configuration error, exit 2), and
gives the rules their default severities (`context`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from procspec.checking.facts import Facts
from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, REPOSITORY, Scope
from procspec.checking.rules import REGISTRY, all_rules
from procspec.git.revisions import History
from procspec.messages import say
from procspec.problem import Outcome, Problem, Severity
from procspec.reading.documents import Document
from procspec.reading.repository import ConfigError, Repository

__all__ = [
    "Checked",
    "Outcome",
    "check",
    "check_repository",
    "context",
    "run_rules",
    "run_scope",
    "settle",
    "severities",
    "silenced",
]


def context(
    repo: Repository,
    today: date,
    history: History | None = None,
    *,
    index: list[Facts] | None = None,
    documents: Callable[[str], Document] | None = None,
) -> Context:
    """The context the rules run in, with every rule's default severity (`index` and `documents`
    as in `Context.build`)."""
    defaults = {code: rule.severity for code, rule in REGISTRY.items()}
    return Context.build(repo, today, history, defaults, index=index, documents=documents)


def severities(repo: Repository) -> dict[str, str]:
    """The configured severity per code: the profile's, overridden by procspec.yaml's.

    A code in procspec.yaml's `regler:` that names no rule is a configuration error (exit 2)."""
    unknown = unknown_codes(repo)
    if unknown:
        rel = unknown[0].path
        raise ConfigError(say("repo.bad_file", path=rel), unknown)
    return {**repo.profile.rules, **repo.settings.rules}


def unknown_codes(repo: Repository) -> list[Problem]:
    """The codes under procspec.yaml's `regler:` that name no rule (PS007)."""
    doc = repo.settings_doc
    problems = []
    for code in repo.settings.rules:
        if code not in REGISTRY:
            pos = doc.key_pos(("regler", code)) if doc is not None else None
            line, column = (pos.line, pos.column) if pos is not None else (1, 1)
            text = say("repo.unknown_code", code=code)
            problems.append(Problem("procspec.yaml", line, column, "PS007", Severity.ERROR, text))
    return problems


def ignored_codes(repo: Repository) -> dict[str, set[str]]:
    """Codes silenced per file by ignore comments."""
    found: dict[str, set[str]] = {}
    docs = [record.doc for record in repo.records] + [repo.roster_doc]
    for doc in docs:
        codes = silenced(doc)
        if codes:
            found.setdefault(doc.rel, set()).update(codes)
    return found


def silenced(doc: Document) -> set[str]:
    """The codes a file's ignore comments silence."""
    return {code for ignore in doc.ignores for code in ignore.codes}


def settle(
    problems: list[Problem],
    repo: Repository,
    configured: dict[str, str] | None = None,
    ignored: dict[str, set[str]] | None = None,
) -> list[Problem]:
    """Apply severity overrides and ignore comments (`ignored`, by default those of the
    repository's files), then sort."""
    if configured is None:
        configured = severities(repo)
    if ignored is None:
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

    `history` (from `procspec.git.log.read_history`) enables the history rules PS601–PS603.
    """
    return check(repo, today, history).outcome


@dataclass(frozen=True)
class Checked:
    """A whole check: its outcome, the context it ran in and the `FILE` rules' own problems
    (what `procspec.features.incremental` keeps per file)."""

    outcome: Outcome
    context: Context
    local: list[Problem]


def check(repo: Repository, today: date, history: History | None = None) -> Checked:
    """`check_repository`, with what the run worked out on the way."""
    configured = severities(repo)  # refuses unknown codes before any rule runs
    ctx = context(repo, today, history)
    local = run_scope(ctx, FILE)
    problems = [*repo.problems, *local, *run_scope(ctx, REPOSITORY)]
    return Checked(Outcome(settle(problems, repo, configured), len(ctx.index) + 2), ctx, local)


def run_scope(ctx: Context, scope: Scope) -> list[Problem]:
    """The problems of every rule of `scope` (`FILE` or `REPOSITORY`; see
    `procspec.checking.registry`), before severities and ignores are settled."""
    found: list[Problem] = []
    for rule in all_rules():
        if rule.scope == scope and rule.check is not None:
            found.extend(rule.check(ctx))
    return found


def run_rules(ctx: Context, codes: Iterable[str]) -> list[Problem]:
    """The problems of the rules `codes` alone (before severities and ignores are settled)."""
    found: list[Problem] = []
    for code in codes:
        check = REGISTRY[code].check
        if check is not None:
            found.extend(check(ctx))
    return found
