"""The rule type: one small function per code, with its metadata (SPEC §3).

Each rule's docstring is its user documentation; `bad` and `good` are YAML examples. `procspec
rules` and the rule catalogue in the docs are generated from this registry, and a test walks it
and fails on a rule without docs, examples or test cases. Codes never change meaning.

`@rule(...)` turns a check function into a `Rule` and has no side effect: the registry is the
explicit family list in `procspec.checking.rules`.

Every rule says what its problems depend on (`scope`), so that `validate` can keep the problems of
unchanged files between runs (`procspec.features.incremental`):

- `FILE`: the problems in a process file depend on that file alone, on the configuration
  (procspec.yaml, the profile, personer.yaml), the date, the file's git history, the set of
  process ids and the facts (`procspec.checking.facts`) of the processes above it. Every problem
  lies in a file the rule was given (`ctx.processes()`, `ctx.repo.records`); other processes are
  read only through `Context`'s lookups (`parent`, `chain`, `level`, `role`, `leader`, `ids`).
- `REPOSITORY`: the rule compares processes with each other (duplicates, cycles, a person's load)
  or reads no process at all (personer.yaml, the history as a whole). It runs over the index of
  every process (`ctx.index`) on every run and must stay cheap: one pass, dictionaries.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from procspec.messages import Message, say
from procspec.problem import Problem, Severity

if TYPE_CHECKING:
    from procspec.checking.hierarchy import Context

CheckFunction = Callable[["Context"], Iterator[Problem]]
Scope = Literal["file", "repository"]
FILE: Scope = "file"
REPOSITORY: Scope = "repository"


@dataclass(frozen=True)
class Rule:
    """A rule: its stable code, default severity, source and documentation. Its title is the
    catalogue's `rule.<code>.title`, in every language."""

    code: str
    severity: Severity
    source: str
    bad: str
    good: str
    check: CheckFunction | None
    family: str
    scope: Scope

    def __call__(self, ctx: Context) -> Iterator[Problem]:
        """Run the check (so a rule can still be called like the function it decorates)."""
        assert self.check is not None
        return self.check(ctx)

    @property
    def title(self) -> Message:
        """The rule's title as a message (`rule.<code>.title` in the catalogues)."""
        return say(f"rule.{self.code}.title")

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "") if self.check else ""


def rule(
    code: str,
    severity: Severity,
    *,
    scope: Scope,
    source: str,
    bad: str,
    good: str,
) -> Callable[[CheckFunction], Rule]:
    """Make the decorated check function the rule `code`; the family list in
    `procspec.checking.rules` puts it in the registry."""

    def decorate(check: CheckFunction) -> Rule:
        family = check.__module__.rsplit(".", 1)[-1]
        return Rule(code, severity, source, bad, good, check, family, scope)

    return decorate


def collect(families: Iterable[ModuleType]) -> dict[str, Rule]:
    """The rules defined in `families`, by code; a code is defined exactly once."""
    found: dict[str, Rule] = {}
    for family in families:
        for value in vars(family).values():
            if isinstance(value, Rule):
                if value.code in found and found[value.code] is not value:
                    raise ValueError(f"rule {value.code} defined twice")
                found[value.code] = value
    return dict(sorted(found.items()))
