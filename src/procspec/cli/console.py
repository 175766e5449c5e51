"""Terminal presentation of overviews, rules and processes with rich (used only by the CLI)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from procspec.messages import msg, msg_n, visible
from procspec.messages import text as in_words

if TYPE_CHECKING:  # for the annotations: `validate` need not import what the other views show
    from procspec.checking.goal_list import GoalRow
    from procspec.checking.hierarchy import Context
    from procspec.checking.process_list import Holder, Row
    from procspec.checking.ruledocs import RuleDoc
    from procspec.features.diff import Diff
    from procspec.features.history import ProcessHistory
    from procspec.features.status import Status
    from procspec.reading.model import Process


def people(holders: list[Holder] | None, implied: str | None, lang: str) -> str:
    if not holders:
        return msg("console.none", lang)
    text = ", ".join(h.name or h.key for h in holders)
    if implied == "ärvd":
        text += f" ({msg('console.inherited', lang)})"
    elif implied:
        text += f" ({msg('console.holds', lang, role=implied)})"
    return text


def list_table(rows: list[Row], lang: str) -> Table:
    table = Table(title=msg("console.processes", lang), show_lines=False)
    for key in ("id", "name", "type", "level", "parent", "processägare", "processansvarig",
                "processledare"):  # fmt: skip
        table.add_column(msg(f"console.{key}", lang), overflow="fold")
    for row in rows:
        table.add_row(
            row.id,
            row.name,
            row.kind,
            str(row.level),
            row.parent or "",
            *(
                people(row.roles[r], row.implied[r], lang)
                for r in ("processägare", "processansvarig", "processledare")
            ),  # fmt: skip
        )
    return table


def goals_table(found: list[GoalRow], lang: str) -> Table:
    """`procspec goals` as a table, with the method of the status under it."""
    from procspec.reporting.goals import table_cells

    table = Table(title=msg("goals.title", lang), caption=msg("goal_status.method", lang))
    for key in ("process", "description", "set_by", "baseline", "target", "latest", "status"):
        table.add_column(msg(f"goals.{key}", lang), overflow="fold")
    for row in found:
        table.add_row(*table_cells(row, lang))
    return table


def hierarchy(rows: list[Row], title: str, lang: str) -> Tree:
    """`procspec tree`: every readable process under its parent, a parent cycle's too."""
    from procspec.checking.process_list import tree_walk

    tree = Tree(Text(title, style="bold"))

    def label(row: Row) -> Text:
        text = Text(row.name, style="bold")
        text.append(f"  {row.id}", style="dim")
        owners = people(row.roles["processägare"], row.implied["processägare"], lang)
        text.append(f"  {msg('console.processägare', lang)}: {owners}")
        return text

    path = [tree]  # the node at each depth on the way down to the current row
    for depth, row in tree_walk(rows):
        del path[depth + 1 :]
        path.append(path[depth].add(label(row)))
    return tree


def process_panel(ctx: Context, row: Row, model: Process) -> Panel:
    lang = ctx.lang
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row(msg("console.type", lang), row.kind)
    table.add_row(msg("console.level", lang), str(row.level))
    if row.parent:
        table.add_row(msg("console.parent", lang), row.parent)
    for role in ("processägare", "processansvarig", "processledare"):
        if role in ctx.repo.profile.roles:
            table.add_row(
                msg(f"console.{role}", lang), people(row.roles[role], row.implied[role], lang)
            )
    table.add_row(msg("console.purpose", lang), model.purpose)
    table.add_row(msg("console.start", lang), model.start_event)
    table.add_row(msg("console.end", lang), model.end_event)
    table.add_row(msg("console.recipients", lang), ", ".join(model.recipients))
    if row.children:
        table.add_row(msg("console.children", lang), ", ".join(row.children))
    for goal in model.goals:
        target = "" if goal.target is None else f" → {goal.target:g} {goal.unit or ''}"
        table.add_row(msg("console.goals", lang), f"{goal.id}: {goal.description}{target}")
    for activity in model.activities:
        table.add_row(
            msg("console.activities", lang),
            f"{activity.id} [{activity.status}] {activity.description} ({activity.due})",
        )
    table.add_row(msg("console.file", lang), row.file)
    return Panel(table, title=Text(row.name, style="bold"), subtitle=row.id)


def severity_word(severity: str, lang: str) -> str:
    """The word validate uses for a severity ("fel", "varning", "info"); "off" as it is."""
    from procspec.messages import has

    key = f"report.severity.{severity}"
    return msg(key, lang) if has(key) else severity


def rules_table(docs: list[RuleDoc], lang: str) -> Table:
    from procspec.reporting.catalogue import title_words

    table = Table(show_lines=False)
    for key in ("code", "severity", "rule", "source"):
        table.add_column(msg(f"console.{key}", lang), overflow="fold")
    for doc in docs:
        table.add_row(doc.code, severity_word(doc.severity, lang), title_words(doc, lang),
                      in_words(doc.source, lang))  # fmt: skip
    return table


def rule_doc(doc: RuleDoc, lang: str) -> Group:
    from rich.markdown import Markdown  # only `procspec rules CODE` shows Markdown

    from procspec.reporting.catalogue import quote_lines, title_words

    parts: list[RenderableType] = [
        Text(f"{doc.code} — {title_words(doc, lang)}", style="bold"),
        Text(
            f"{msg('console.severity', lang)}: {severity_word(doc.severity, lang)}   "
            f"{msg('console.source', lang)}: {in_words(doc.source, lang)}"
        ),  # fmt: skip
    ]
    for note in (doc.reading, doc.inactive):
        if note is not None:
            parts.append(Text(in_words(note, lang), style="italic"))
    parts += [Text(), Markdown(doc.doc)]
    for heading, quotes in quote_lines(doc, lang):
        parts += [Text(), Text(heading + ":", style="bold")]
        parts += [Text("  " + quote) for quote in quotes]
    parts += [
        Text(),
        Text(msg("console.bad", lang) + ":", style="bold red"),
        Markdown(f"```yaml\n{doc.bad}```"),
        Text(msg("console.good", lang) + ":", style="bold green"),
        Markdown(f"```yaml\n{doc.good}```"),
    ]
    return Group(*parts)


UNBOUNDED = 1_000_000
"""The width a pipe or file is measured at: wider than any line procspec writes."""

FILLING_WIDTH = 80
"""rich's default width, for what fills any width it is given (Markdown's code blocks)."""


class PipeConsole(Console):
    """A console for a pipe or file: each table, tree and panel at its natural width.

    rich lays tables and trees out at 80 columns when it cannot ask a terminal, folding cells and
    dropping deep levels; a file gets whole lines instead, so a path or id can be searched for."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        for part in _parts(objects):
            needed = Measurement.get(self, self.options, part).maximum
            width = FILLING_WIDTH if needed >= UNBOUNDED else max(needed, 1)
            super().print(part, width=width, **kwargs)


def _parts(objects: Iterable[Any]) -> Iterator[Any]:
    """The renderables to measure one by one: a group's members, so one Markdown block in it
    does not make a table beside it as wide as the pipe."""
    for part in objects:
        if isinstance(part, Group):
            yield from _parts(part.renderables)
        else:
            yield part


def make_console(stderr: bool = False) -> Console:
    # No markup: names and descriptions are the user's text, and '[/]' in one is not a style tag.
    # A pipe or file gets whole lines (soft wrap, natural widths): no path broken or folded.
    stream = sys.stderr if stderr else sys.stdout
    if hasattr(stream, "isatty") and stream.isatty():
        return Console(stderr=stderr, highlight=False, emoji=False, markup=False)
    return PipeConsole(stderr=stderr, highlight=False, soft_wrap=True, emoji=False,
                       markup=False, width=UNBOUNDED)  # fmt: skip


# --- status and new (the process leader's workflow) ---


def status_view(found: Status, lang: str) -> Group:
    """`procspec status` as one table per person, overdue items in red."""
    parts: list[RenderableType] = []
    if found.empty:
        parts.append(Text(msg("console.status.nothing", lang, today=found.today.isoformat())))
    for group in found.groups:
        if not group.items:
            continue
        if group.key is None:
            title = msg("console.status.nobody", lang)
        else:
            title = f"{group.name or group.key} ({group.key})"
        table = Table(title=title, title_justify="left", title_style="bold")
        for key in ("what", "process", "when", "text"):
            table.add_column(msg(f"console.status.{key}", lang), overflow="fold")
        for item in group.items:
            when = Text(
                item.due.isoformat() if item.due else "",
                style="red" if item.overdue and item.due else "",
            )
            table.add_row(
                msg(f"status.kind.{item.kind}", lang),
                f"{item.process_name}\n{item.file}:{item.line}",
                when,
                in_words(item.text, lang),
            )
        parts.append(table)
    if found.unreadable:
        count = len(found.unreadable)
        text = msg_n("console.status.unreadable", lang, count, count=count,
                     files=", ".join(found.unreadable))  # fmt: skip
        parts.append(Text(text, style="yellow"))
    if found.history_note:
        parts.append(
            Text(msg("console.status.no_history", lang, reason=found.history_note), style="dim")
        )
    return Group(*parts)


def ask_new(
    name: str | None, kind: str | None, parent: str | None, types: list[str], lang: str
) -> tuple[str, str | None, str | None]:
    """Ask in the terminal for what `procspec new` was not given: name, type and parent."""
    from rich.prompt import Prompt

    console = make_console()
    if not name:
        name = Prompt.ask(msg("console.new.name", lang), console=console).strip()
    if kind is None and parent is None:
        kind = Prompt.ask(msg("console.new.type", lang), choices=types, console=console)
        parent = Prompt.ask(msg("console.new.parent", lang), default="", console=console,
                            show_default=False).strip() or None  # fmt: skip
    return name, kind, parent


# --- progress, ignores, history and diff ---


def ignores_table(ctx: Context) -> RenderableType:
    """Every `# procspec: ignore` comment in the repository with its reason."""
    table = Table(title=msg("console.ignored", ctx.lang))
    for key in ("file", "code", "reason"):
        table.add_column(msg(f"console.{key}", ctx.lang), overflow="fold")
    docs = [r.doc for r in ctx.repo.records] + [ctx.repo.roster_doc]
    count = 0
    for doc in docs:
        for ignore in doc.ignores:
            count += 1
            table.add_row(f"{doc.rel}:{ignore.line}", ", ".join(ignore.codes), ignore.reason or "–")
    return table if count else Text(msg("console.no_ignores", ctx.lang))


def history_table(found: ProcessHistory, lang: str) -> Table:
    """`procspec history` in the terminal: one row per revision, newest first."""
    table = Table(title=found.title)
    for key in ("date", "author", "message", "version", "file"):
        table.add_column(msg(f"console.history.{key}", lang), overflow="fold")
    for r in found.revisions:
        subject = r.subject if r.committed else msg("git.uncommitted", lang)
        table.add_row(
            r.date.strftime("%Y-%m-%d %H:%M"), r.author, subject, r.short, visible(r.path)
        )
    return table


DIFF_STYLES = {"title": "bold", "heading": "bold underline", "process": "bold", "added": "green",
               "removed": "red", "range": "dim"}  # fmt: skip
INDENTED = frozenset({"added", "removed", "change"})


def diff_view(found: Diff, lang: str) -> Group:
    """`procspec diff --format text`: the diff's lines, coloured by kind."""
    from procspec.reporting.diff import lines

    # Each line one line, as in the Markdown comment: a name or value that holds a line break
    # (a file name may) cannot start a line of its own.
    return Group(
        *(
            Text(
                ("  " if kind in INDENTED else "") + " ".join(visible(text).split()),
                style=DIFF_STYLES.get(kind, ""),
            )
            for kind, text in lines(found, lang)
        )
    )
