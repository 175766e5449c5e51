"""Reading: files → YAML documents with positions → pydantic models → the repository.

`documents` reads YAML with 1-based positions and turns syntax and safety failures into problems;
`schema` validates documents against the models (`model`) at this boundary, so nothing past the
loader sees a `ValidationError`; `profile` reads the built-in (`profiles/`) or custom profile;
`repository` finds the root and reads settings, roster, profile and every process file once,
through `filestage` (the per-file stage: files parsed on every core, or taken from the per-file
cache of `filecache`, whose folder `cachefolder` opens safely).
`dates` and `slug` are the small helpers of the format (follow-up months, ids from names).

May import: `procspec.problem`, `procspec.errors`, `procspec.messages`, `procspec.collection`, and
the libraries ruamel.yaml, pydantic and msgspec. Never git, checking, rendering, reporting,
features or cli.
"""
