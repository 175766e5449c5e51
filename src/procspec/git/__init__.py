"""Git, beside reading: the history walk (`log`), files at a revision, the cache's git state.

It returns plain data (`revisions.History`, `revisions.Revision`, file bytes) and never loads a
repository or runs a rule: a caller that wants the repository at a revision loads those bytes
itself (`procspec.features.revision`). GitPython is imported lazily, so validate works without git.

May import: `procspec.problem`, `procspec.errors`, `procspec.messages`, `procspec.collection`.
Never reading, checking or anything above.
"""
