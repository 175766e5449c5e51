"""Reporting: problems → text, json, github and gitlab (`formats`), and the rule catalogue as
Markdown (`catalogue`).

May import: `procspec.checking`, `procspec.reading`, `procspec.problem`, `procspec.messages`. Never
rendering, features or cli. Only the text formatter knows rich.
"""
