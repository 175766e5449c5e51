"""Checking: the resolved hierarchy and roles, the rule registry, the checker, and what is derived
from a checked repository.

`hierarchy.Context` is the repository as the rules see it (levels, parents, effective roles), built
once; `registry` defines the `Rule` type and `@rule`; `rules/` holds one module per rule family and
code range (PS0xx–PS7xx, PS7xx the processkarta) and the explicit `REGISTRY`;
`checker` runs the rules, applies default and configured severities and ignore comments, and
refuses unknown `regler:` codes. `goal_status` and `maturity` read where a process stands (Örebro
Steg 5–6, Bilaga 2); `process_list` is the list of processes with their roles, `goal_list` every
goal as a row (`procspec goals`); `comparison` what changed between two states, as data.

May import: `procspec.reading`, `procspec.git` (its data types, `revisions`), `procspec.problem`,
`procspec.errors`, `procspec.messages`. Never reporting, rendering, features or cli.
"""
