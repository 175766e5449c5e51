"""The commands' features: one module per command that does more than print a list.

`render` (check, then write the documents), `status` (what needs doing), `diff` (what changed
between revisions), `codeowners`, `scaffold` (`init` and `new`), `cache` (validate's outcome
cache) and `validate` (the cache-aware validate run). `revision` (the repository at a git
revision) is shared: the one place where git's bytes are loaded as a repository; so is `writing`,
which writes the files of `--out`, `init`, `schema --repo` and `bpmn import` (atomically, all or
none).

May import: every layer below (rendering, reporting, checking, reading, git) and the shared
`revision` and `writing`; a feature never imports another feature (an import-linter independence
contract).
Never typer or rich: the terminal belongs to `procspec.cli`.
"""
