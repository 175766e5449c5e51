"""The rule registry: one small function per code, registered with its metadata (SPEC §3).

Each rule's docstring is its user documentation; `bad` and `good` are YAML examples. `procspec
rules` and the rule catalogue in the docs are generated from this registry, and a test walks it
and fails on a rule without docs, examples or test cases. Codes never change meaning.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from procspec.problem import Problem, Severity

if TYPE_CHECKING:
    from procspec.context import Context

CheckFunction = Callable[["Context"], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    """A rule: its stable code, default severity, titles, source and documentation."""

    code: str
    severity: Severity
    title: dict[str, str]
    source: str
    bad: str
    good: str
    check: CheckFunction | None
    family: str

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "") if self.check else ""


REGISTRY: dict[str, Rule] = {}


def register(rule_: Rule) -> None:
    """Add a rule; a code is registered exactly once."""
    if rule_.code in REGISTRY:
        raise ValueError(f"rule {rule_.code} registered twice")
    REGISTRY[rule_.code] = rule_


def rule(
    code: str,
    severity: Severity,
    *,
    sv: str,
    en: str,
    source: str,
    bad: str,
    good: str,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated check function as the rule `code`."""

    def decorate(check: CheckFunction) -> CheckFunction:
        family = check.__module__.rsplit(".", 1)[-1]
        register(Rule(code, severity, {"sv": sv, "en": en}, source, bad, good, check, family))
        return check

    return decorate


def all_rules() -> list[Rule]:
    """Every rule, loaded and sorted by code."""
    from procspec.rules import (  # noqa: F401 - importing registers the rules
        activities,
        goals,
        history,
        loading,
        naming,
        references,
        roles,
    )

    return [REGISTRY[code] for code in sorted(REGISTRY)]


def catalogue_markdown() -> str:
    """The rule catalogue as Markdown (docs/regler.md is this text)."""
    lines = [
        "# Regler",
        "",
        "Genererad från regelregistret med `procspec rules --format md`. Koderna byter aldrig betydelse.",
        "",
        "| kod | allvar | regel | källa |",
        "|---|---|---|---|",
    ]
    rules = all_rules()
    for r in rules:
        lines.append(
            f"| [{r.code}](#{r.code.lower()}) | {r.severity.value} | {r.title['sv']} | {r.source} |"
        )
    for r in rules:
        lines += [
            "",
            f"## {r.code}",
            "",
            f"**{r.title['sv']}** ({r.title['en']}). Allvar: {r.severity.value}. Källa: {r.source}.",
            "",
            r.doc,
            "",
            "Fel:",
            "",
            "```yaml",
            r.bad.rstrip("\n"),
            "```",
            "",
            "Rätt:",
            "",
            "```yaml",
            r.good.rstrip("\n"),
            "```",
        ]
    return "\n".join(lines) + "\n"
