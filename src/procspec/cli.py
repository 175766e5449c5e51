"""The command line: thin typer commands over the core modules (SPEC §4).

Each command builds its options, calls one core function, prints and returns an exit status. One
handler (`main`) maps failures to exit statuses: 1 problems found, 2 usage or configuration, 3 an
internal error (with a hint to run with --debug).
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from procspec import __version__
from procspec.errors import ProcspecError, UsageError
from procspec.messages import add, msg

if TYPE_CHECKING:
    from procspec.context import Context
    from procspec.repository import ProcessRecord

add(
    {
        "cli.bad_today": {
            "sv": "'{value}' är inget giltigt datum. Skriv --today ÅÅÅÅ-MM-DD.",
            "en": "'{value}' is not a valid date. Write --today YYYY-MM-DD.",
        },
        "cli.unknown_process": {
            "sv": "Processen '{id}' finns inte i {root}.{hint}",
            "en": "The process '{id}' is not in {root}.{hint}",
        },
        "cli.unknown_rule": {
            "sv": "Regeln '{code}' finns inte. 'procspec rules' listar alla regler.",
            "en": "There is no rule '{code}'. 'procspec rules' lists every rule.",
        },
        "cli.internal": {
            "sv": "procspec: internt fel ({error}). Kör igen med --debug för detaljer och "
            "rapportera felet.",
            "en": "procspec: internal error ({error}). Run again with --debug for details and "
            "report it.",
        },
        "cli.schema_written": {"sv": "Skrev {path}", "en": "Wrote {path}"},
        "cli.no_ignores": {"sv": "Inga undantag.", "en": "No ignores."},
        "cli.no_history": {"sv": "Ingen git-historik.", "en": "No git history."},
        "cli.shallow": {
            "sv": "Obs: en grund klon; historiken kan vara ofullständig ('git fetch --unshallow').",
            "en": "Note: a shallow clone; the history may be incomplete ('git fetch --unshallow').",
        },
        "cli.history.date": {"sv": "Datum", "en": "Date"},
        "cli.history.author": {"sv": "Författare", "en": "Author"},
        "cli.history.message": {"sv": "Beskrivning", "en": "Description"},
        "cli.history.version": {"sv": "Version", "en": "Version"},
        "cli.history.file": {"sv": "Fil", "en": "File"},
    }
)

app = typer.Typer(
    name="procspec",
    help="Processspecifikationer som kod: validera, rendera och följ upp kommunala processer.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class RulesFormat(str, Enum):
    table = "table"
    md = "md"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class DiffFormat(str, Enum):
    md = "md"
    text = "text"
    json = "json"


RepoPath = Annotated[
    Path, typer.Argument(help="Processförrådet (eller en mapp i det).", show_default=False)
]
RepoOption = Annotated[Path, typer.Option("--repo", help="Processförrådet.", show_default=False)]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="PROCSPEC_TODAY",
        help="Dagens datum för datumregler (ÅÅÅÅ-MM-DD).",
        show_default=False,
    ),
]


def parse_today(value: str | None) -> date:
    """`--today` or PROCSPEC_TODAY, else the system date."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(msg("cli.bad_today", "sv", value=value)) from None


def _version(value: bool) -> None:
    if value:
        print(f"procspec {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Visa hela felspårningen vid interna fel.")
    ] = False,
) -> None:
    """Processspecifikationer som kod för kommunal processbaserad verksamhetsutveckling."""


@app.command()
def validate(
    path: RepoPath = Path("."),
    output: Annotated[
        ValidateFormat, typer.Option("--format", help="Utdataformat.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Varningar ger också status 1.")] = False,
    today: TodayOption = None,
) -> None:
    """Kontrollera hela processförrådet mot alla regler."""
    from procspec.check import check_repository
    from procspec.report import FORMATTERS
    from procspec.repository import ConfigError, load_repository

    day = parse_today(today)
    try:
        repo = load_repository(path)
    except ConfigError as exc:
        _report_config(exc, output.value)
    from procspec.gitlog import read_history

    outcome = check_repository(repo, day, read_history(repo.root, repo.lang))
    FORMATTERS[output.value](outcome, repo.lang, sys.stdout, _prefix(repo.root))
    raise typer.Exit(1 if outcome.failed(strict) else 0)


def _prefix(root: Path) -> str:
    """Paths in reports stay relative to the repository root unless it lies below the cwd."""
    try:
        rel = root.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    return "" if str(rel) == "." else rel.as_posix() + "/"


def _report_config(exc: ProcspecError, output: str = "text") -> NoReturn:
    """Print a configuration error's problems and exit 2."""
    from procspec.check import Outcome
    from procspec.report import FORMATTERS

    problems = getattr(exc, "problems", [])
    if problems:
        stream = sys.stdout if output != "text" else sys.stderr
        FORMATTERS[output](Outcome(sorted(problems, key=lambda p: p.sort_key), 1), "sv", stream, "")
    raise exc


@app.command("list")
def list_processes(
    path: RepoPath = Path("."),
    output: Annotated[
        ListFormat, typer.Option("--format", help="Utdataformat.")
    ] = ListFormat.table,
) -> None:
    """Lista alla processer: id, namn, typ, nivå, överordnad och roller."""
    import json

    from procspec.overview import rows

    ctx = _context(path)
    found = rows(ctx)
    if output is ListFormat.json:
        print(json.dumps([r.to_dict() for r in found], ensure_ascii=False, indent=2))
    else:
        from procspec.console import list_table, make_console

        make_console().print(list_table(found, ctx.lang))


@app.command()
def show(
    process_id: Annotated[str, typer.Argument(metavar="ID", help="Processens id eller namn.")],
    repo: RepoOption = Path("."),
) -> None:
    """Visa en process i terminalen."""
    from procspec.console import make_console, process_panel
    from procspec.overview import rows

    ctx = _context(repo)
    record = _find(ctx, process_id)
    row = next(r for r in rows(ctx) if r.id == record.id)
    assert record.model is not None
    make_console().print(process_panel(ctx, row, record.model))


@app.command()
def tree(path: RepoPath = Path(".")) -> None:
    """Visa processhierarkin som ett träd med processägare."""
    from procspec.console import hierarchy, make_console
    from procspec.overview import rows

    ctx = _context(path)
    make_console().print(hierarchy(rows(ctx), ctx.repo.settings.organisation, ctx.lang))


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="En regelkod, till exempel PS101.")] = None,
    ignored: Annotated[
        bool, typer.Option("--ignored", help="Lista alla undantag i förrådet med motivering.")
    ] = False,
    repo: RepoOption = Path("."),
    output: Annotated[
        RulesFormat, typer.Option("--format", help="table i terminalen, md för dokumentation.")
    ] = RulesFormat.table,
) -> None:
    """Regelkatalogen, en regels dokumentation, eller förrådets undantag."""
    from procspec.console import make_console, rule_doc, rules_table
    from procspec.rules import REGISTRY, all_rules, catalogue_markdown

    console = make_console()
    catalogue = all_rules()
    if output is RulesFormat.md:
        sys.stdout.write(catalogue_markdown())
        return
    if ignored:
        _print_ignores(repo)
        return
    if code is None:
        console.print(rules_table(catalogue, "sv"))
        return
    found = REGISTRY.get(code.strip().upper())
    if found is None:
        raise UsageError(msg("cli.unknown_rule", "sv", code=code))
    console.print(rule_doc(found, "sv"))


def _print_ignores(path: Path) -> None:
    from rich.table import Table

    from procspec.console import make_console

    ctx = _context(path)
    table = Table(title=msg("console.ignored", ctx.lang))
    for key in ("file", "code", "reason"):
        table.add_column(msg(f"console.{key}", ctx.lang), overflow="fold")
    docs = [r.doc for r in ctx.repo.records] + [ctx.repo.roster_doc]
    count = 0
    for doc in docs:
        for ignore in doc.ignores:
            count += 1
            table.add_row(f"{doc.rel}:{ignore.line}", ", ".join(ignore.codes), ignore.reason or "–")
    console = make_console()
    console.print(table if count else msg("cli.no_ignores", ctx.lang))


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Skriv schemana till den här mappen.")
    ] = None,
) -> None:
    """JSON Schema för processfiler, procspec.yaml, personer.yaml och profiler."""
    import json

    from procspec.schema import json_schemas

    schemas = json_schemas()
    if out is None:
        print(json.dumps(schemas, ensure_ascii=False, indent=2))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, body in schemas.items():
        target = out / f"{name}.schema.json"
        target.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(msg("cli.schema_written", "sv", path=target))


@app.command()
def history(
    process_id: Annotated[str, typer.Argument(metavar="ID", help="Processens id eller namn.")],
    repo: RepoOption = Path("."),
    output: Annotated[
        ListFormat, typer.Option("--format", help="Utdataformat.")
    ] = ListFormat.table,
) -> None:
    """Revisionshistoriken för en process ur git, nyast först, genom flyttar och namnbyten."""
    import json

    from procspec.gitlog import read_history

    ctx = _context(repo)
    record = _find(ctx, process_id)
    found = read_history(ctx.repo.root, ctx.lang)
    if not found.available:
        raise UsageError(found.reason or msg("cli.no_history", ctx.lang))
    if found.shallow:
        print(msg("cli.shallow", ctx.lang), file=sys.stderr)
    revisions = found.of(record.rel)
    if output is ListFormat.json:
        rows = [
            {"sha": r.sha, "datum": r.date.isoformat(timespec="seconds"), "författare": r.author,
             "epost": r.email, "meddelande": r.message.strip(), "fil": r.path}
            for r in revisions
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from procspec.console import make_console

    title = record.model.name if record.model is not None else record.id
    table = Table(title=f"{title} ({record.id})")
    for key in ("date", "author", "message", "version", "file"):
        table.add_column(msg(f"cli.history.{key}", ctx.lang), overflow="fold")
    for r in revisions:
        table.add_row(r.date.strftime("%Y-%m-%d %H:%M"), r.author, r.subject, r.short, r.path)
    make_console().print(table)


@app.command()
def diff(
    path: RepoPath = Path("."),
    base: Annotated[str, typer.Option("--base", help="Revisionen att jämföra från.")] = "HEAD",
    head: Annotated[
        str | None,
        typer.Option("--head", help="Revisionen att jämföra till (standard: arbetskopian)."),
    ] = None,
    output: Annotated[DiffFormat, typer.Option("--format", help="Utdataformat.")] = DiffFormat.md,
) -> None:
    """Vad som ändrats i processerna mellan två revisioner, fält för fält."""
    import json

    from procspec.diff import diff_repositories, lines, to_markdown
    from procspec.gitlog import NotAtRevision, has_commits, repository_at
    from procspec.repository import ConfigError, find_root, load_repository

    root = find_root(path)
    try:
        new = load_repository(root) if head is None else repository_at(root, head)
        try:
            if base == "HEAD" and not has_commits(root):
                raise NotAtRevision(base)
            old = repository_at(root, base)
        except NotAtRevision:  # no commits yet, or no repository at base: everything is new
            old = replace(new, records=[], problems=[])
    except ConfigError as exc:
        _report_config(exc)
    lang = new.lang
    found = diff_repositories(old, new, base, head or msg("diff.worktree", lang))
    if output is DiffFormat.json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    elif output is DiffFormat.md:
        sys.stdout.write(to_markdown(found, lang))
    else:
        from rich.text import Text

        from procspec.console import make_console

        console = make_console()
        for kind, text in lines(found, lang):
            style = DIFF_STYLES.get(kind, "")
            console.print(Text(("  " if kind in INDENTED else "") + text, style=style))


DIFF_STYLES = {"title": "bold", "heading": "bold underline", "process": "bold", "added": "green",
               "removed": "red", "range": "dim"}  # fmt: skip
INDENTED = frozenset({"added", "removed", "change"})


def _context(path: Path) -> Context:
    """Load the repository for a read-only command; configuration errors exit 2."""
    from procspec.context import Context
    from procspec.repository import ConfigError, load_repository

    try:
        repo = load_repository(path)
    except ConfigError as exc:
        _report_config(exc)
    return Context.build(repo, parse_today(os.environ.get("PROCSPEC_TODAY")))


def _find(ctx: Context, wanted: str) -> ProcessRecord:
    """A process by id, or by name (case-insensitive); unknown is exit 1 with a suggestion."""
    import difflib
    import unicodedata

    from procspec.errors import NotFoundError

    key = unicodedata.normalize("NFC", wanted.strip())
    if key in ctx.by_id:
        return ctx.by_id[key]
    for record, model in ctx.processes():
        if model.name.casefold() == key.casefold():
            return record
    close = difflib.get_close_matches(key, sorted(ctx.by_id), n=1, cutoff=0.6)
    hint = msg("schema.did_you_mean", ctx.lang, suggestion=close[0]) if close else ""
    raise NotFoundError(
        msg("cli.unknown_process", ctx.lang, id=wanted, root=ctx.repo.root, hint=hint)
    )


def _safe_streams() -> None:
    """Never fail on a terminal or pipe that cannot print å, ä, ö or →."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the app and map every outcome to an exit status."""
    try:  # newer typer vendors click; older typer uses click itself
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover
        from click.exceptions import ClickException  # type: ignore[assignment]

    _safe_streams()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("PROCSPEC_DEBUG"))
    try:
        code = app(args=args, prog_name="procspec", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except ClickException as exc:
        exc.show()
        code = 2
    except typer.Abort:
        print("Avbrutet.", file=sys.stderr)
        code = 130
    except ProcspecError as exc:
        print(f"procspec: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # the one place that catches everything: a bug exits 3
        if debug:
            import traceback

            traceback.print_exc()
        print(msg("cli.internal", "sv", error=type(exc).__name__), file=sys.stderr)
        code = 3
    sys.exit(code if isinstance(code, int) else 0)
