"""The command line: thin typer commands (`app`) and the rich terminal views (`console`).

Each command parses its options, calls one function of a lower layer and hands the result to a
formatter or a console view. The only package that imports typer; with the text formatter, the
only one that imports rich.

May import: everything.
"""

from procspec.cli.app import main

__all__ = ["main"]
