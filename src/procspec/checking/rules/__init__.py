"""The rule registry: every rule family, listed explicitly, one module per code range.

| module        | codes  | what it checks                                   |
|---------------|--------|--------------------------------------------------|
| `loading`     | PS0xx  | problems found while reading a file (documented) |
| `naming`      | PS1xx  | process names and ids                            |
| `roles`       | PS2xx  | roles and the roster                             |
| `references`  | PS3xx  | references between processes, the hierarchy      |
| `goals`       | PS4xx  | goals and the uppföljningsplan                   |
| `activities`  | PS5xx  | the aktivitetsplan                               |
| `history`     | PS6xx  | the revision trail in git (PS601–PS603)          |
| `approval`    | PS604  | the approval's own term (`gäller_till`)          |
| `flow`        | PS7xx  | the processkarta (flow, analyses' inputs)        |

A new family (the processkarta's PS7xx) is one module here and one entry in `FAMILIES`. Importing
a family has no side effect: `@rule` returns a `Rule`, and `REGISTRY` is collected from this list.

May import: `procspec.checking.registry`, `procspec.checking.hierarchy` and the layers below
checking (reading, git data types, problem, messages).
"""

from __future__ import annotations

from procspec.checking.registry import Rule, collect
from procspec.checking.rules import (
    activities,
    approval,
    flow,
    goals,
    history,
    loading,
    naming,
    references,
    roles,
)

FAMILIES = (loading, naming, roles, references, goals, activities, history, approval, flow)
"""Every rule family in code order (PS0xx … PS7xx)."""

REGISTRY: dict[str, Rule] = collect(FAMILIES)
"""Every rule by code, sorted by code."""


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return list(REGISTRY.values())
