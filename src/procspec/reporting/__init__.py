"""Reporting: problems → text, json, github and gitlab (`formats`), the rule catalogue as
Markdown (`catalogue`), and the words of the commands' data: `diff` (the pull-request comment,
the terminal's lines, JSON), `goals` (the table's cells, CSV) and
`codeowners` (the CODEOWNERS file).

May import: `procspec.checking`, `procspec.reading`, `procspec.problem`, `procspec.messages`. Never
rendering, features or cli. Only the text formatter knows rich.
"""
