"""The command line: thin typer commands over the core modules (SPEC §4).

Each command builds its options, calls one core function, prints and returns an exit status. One
handler (`main`) maps failures to exit statuses: 1 problems found, 2 usage or configuration, 3 an
internal error (with a hint to run with --debug).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from procspec import __version__
from procspec.errors import ProcspecError, UsageError
from procspec.messages import add, msg, msg_n, one_line

if TYPE_CHECKING:
    from procspec.context import Context
    from procspec.problem import Outcome
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
        "cli.validating": {"sv": "Läser processfiler", "en": "Reading process files"},
        "cli.wrote": {"sv": "Skrev {path}", "en": "Wrote {path}"},
        "cli.init_next": {
            "sv": "Klart. Nästa steg: {cd}git init && procspec validate; lägg till en process "
            'med procspec new "Namn" (se README.md).',
            "en": "Done. Next: {cd}git init && procspec validate; add a process with procspec "
            'new "Name" (see README.md).',
        },
        "cli.new_needs_flags": {
            "sv": 'Ange namnet och --type (eller --parent): procspec new "Följa upp budget" '
            "--type <typ>. Utan dem frågar procspec bara i en terminal.",
            "en": 'Give the name and --type (or --parent): procspec new "Följa upp budget" '
            "--type <type>. Without them procspec asks only in a terminal.",
        },
        "cli.new_written": {
            "sv": "Skrev {path}. Fyll i de tomma fälten och kör procspec validate.",
            "en": "Wrote {path}. Fill in the empty fields and run procspec validate.",
        },
        "cli.aborted": {"sv": "Avbrutet.", "en": "Aborted."},
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
    Path,
    typer.Argument(
        metavar="SÖKVÄG", help="Processförrådet (eller en mapp i det).", show_default=False
    ),
]
RepoOption = Annotated[
    Path, typer.Option("--repo", metavar="SÖKVÄG", help="Processförrådet.", show_default=False)
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="PROCSPEC_TODAY",
        metavar="ÅÅÅÅ-MM-DD",
        help="Dagens datum för datumregler.",
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
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Kontrollera allt på nytt utan cachen i .procspec-cache/."),
    ] = False,
) -> None:
    """Kontrollera hela processförrådet mot alla regler."""
    from procspec import cache
    from procspec.report import FORMATTERS

    day = parse_today(today)
    root = None if no_cache or cache.disabled() else cache.find_root(path)
    hit = cache.lookup(root, day) if root is not None else None
    if hit is not None and root is not None:
        lang, outcome = hit
    else:
        root, lang, outcome = _validate_cold(path, day, output.value, root is not None)
    FORMATTERS[output.value](outcome, lang, sys.stdout, _report_prefix(root, output.value))
    raise typer.Exit(1 if outcome.failed(strict) else 0)


def _validate_cold(
    path: Path, day: date, output: str, use_cache: bool
) -> tuple[Path, str, Outcome]:
    """Load and check everything; store the outcome when the cache is on and nothing changed
    while checking (the key before the run equals the key after it)."""
    from procspec import cache
    from procspec.check import check_repository
    from procspec.gitlog import read_history
    from procspec.repository import ConfigError, find_root, load_repository

    root = find_root(path)
    plan = cache.quick_plan(root) if use_cache else None
    before = cache.compute_key(root, plan, day) if plan is not None else None
    try:
        with _progress(msg("cli.validating", _language(root)), PROGRESS_FROM) as progress:
            repo = load_repository(root, progress=progress)
    except ConfigError as exc:
        _report_config(exc, output, root)
    outcome = check_repository(repo, day, read_history(repo.root, repo.lang))
    settled = cache.plan_from_settings(repo.settings.processes, repo.settings.profile)
    if before is not None and plan == settled and before == cache.compute_key(root, plan, day):
        cache.store(root, before, plan, repo.lang, outcome)
    return root, repo.lang, outcome


PROGRESS_FROM = 200
"""A cold validate of more process files than this shows a progress bar in a terminal."""


@contextlib.contextmanager
def _progress(label: str, from_files: int = 0) -> Iterator[Callable[[int, int, str], None] | None]:
    """A rich progress bar on stderr, only when stderr is a terminal, shown once more than
    `from_files` files are to be done; `advance(done, total, name)` moves it."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task: list[object] = []

        def advance(done: int, total: int, name: str) -> None:
            if total <= from_files:
                return
            if not task:
                task.append(bar.add_task(label, total=total))
            bar.update(task[0], completed=done, total=total)  # type: ignore[arg-type]

        yield advance


class RenderFormat(str, Enum):
    html = "html"
    md = "md"


@app.command()
def render(
    path: RepoPath = Path("."),
    out: Annotated[
        Path,
        typer.Option(
            "--out", metavar="MAPP", help="Mappen dokumenten skrivs till.", show_default=False
        ),
    ] = ...,  # type: ignore[assignment]
    output: Annotated[
        RenderFormat, typer.Option("--format", help="html för intranätet, md för förrådet.")
    ] = RenderFormat.html,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            metavar="REV",
            help="Rendera förrådet som det var vid en tagg, gren eller incheckning.",
        ),
    ] = None,
    today: TodayOption = None,
    fragment: Annotated[
        bool, typer.Option("--fragment", help="Bara sidornas innehåll, utan <html>-ram (för CMS).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Ersätt en mapp som procspec inte har skrivit.")
    ] = False,
) -> None:
    """Skriv processspecifikationer, aktivitets- och uppföljningsplaner och översikter."""
    from procspec.render import Refused
    from procspec.render import render as render_documents
    from procspec.report import FORMATTERS
    from procspec.repository import ConfigError

    day = parse_today(today) if today else None
    try:
        with _progress(msg("render.progress", _language(path))) as progress:
            done = render_documents(path, out, fmt=output.value, rev=rev, today=day,
                                    fragment=fragment, force=force, progress=progress)  # fmt: skip
    except ConfigError as exc:
        _report_config(exc)
    except Refused as exc:
        FORMATTERS["text"](exc.outcome, exc.lang, sys.stderr, _prefix(exc.root))
        raise
    written = len(done.files) - 1
    print(msg_n("render.written", done.lang, written, count=written, out=done.out))


def _prefix(root: Path) -> str:
    """Paths in reports stay relative to the repository root unless it lies below the cwd."""
    try:
        rel = root.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    return "" if str(rel) == "." else rel.as_posix() + "/"


CI_FORMATS = ("github", "gitlab")
"""Formats whose paths GitHub and GitLab resolve from the top of the git work tree."""


def _report_prefix(root: Path, output: str) -> str:
    """What leads each path in a report: for github and gitlab the root's place in the git work
    tree (where CI resolves annotation paths), whatever the cwd; otherwise, and outside git, as
    `_prefix`. The json format ignores it (SPEC §4: paths relative to the repository root)."""
    if output in CI_FORMATS:
        from procspec.gitlog import work_tree_top

        top = work_tree_top(root)
        if top is not None:
            rel = root.resolve().relative_to(top)
            return "" if str(rel) == "." else rel.as_posix() + "/"
    return _prefix(root)


def _report_config(exc: ProcspecError, output: str = "text", root: Path | None = None) -> NoReturn:
    """Print a configuration error's problems and exit 2."""
    from procspec.check import Outcome
    from procspec.report import FORMATTERS

    problems = getattr(exc, "problems", [])
    lang = getattr(exc, "lang", "sv")  # procspec.yaml's language once it could be read
    if problems:
        stream = sys.stdout if output != "text" else sys.stderr
        prefix = _report_prefix(root, output) if root is not None and output != "text" else ""
        found = Outcome(sorted(problems, key=lambda p: p.sort_key), 1)
        FORMATTERS[output](found, lang, stream, prefix)
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

    from procspec.overview import left_out, rows

    ctx = _context(path)
    found = rows(ctx)
    if output is ListFormat.json:
        print(json.dumps([r.to_dict() for r in found], ensure_ascii=False, indent=2))
    else:
        from procspec.console import list_table, make_console

        make_console().print(list_table(found, ctx.lang))
    _notice(left_out(ctx))


@app.command()
def show(
    process_id: Annotated[str, typer.Argument(metavar="ID", help="Processens id eller namn.")],
    repo: RepoOption = Path("."),
) -> None:
    """Visa en process i terminalen."""
    from procspec.console import make_console, process_panel
    from procspec.errors import NotFoundError
    from procspec.overview import rows

    ctx = _context(repo)
    record = _find(ctx, process_id)
    if record.model is None:
        raise NotFoundError(msg("overview.has_errors", ctx.lang, file=record.rel, id=record.id))
    row = next(r for r in rows(ctx) if r.id == record.id)
    make_console().print(process_panel(ctx, row, record.model))


@app.command()
def tree(path: RepoPath = Path(".")) -> None:
    """Visa processhierarkin som ett träd med processägare."""
    from procspec.console import hierarchy, make_console
    from procspec.overview import left_out, rows

    ctx = _context(path)
    make_console().print(hierarchy(rows(ctx), ctx.repo.settings.organisation, ctx.lang))
    _notice(left_out(ctx))


def _notice(line: str | None) -> None:
    """A one-line notice on stderr (stdout stays what scripts read)."""
    if line:
        print(one_line(line), file=sys.stderr)


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(metavar="KOD", help="En regelkod, till exempel PS101.")
    ] = None,
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
    lang = _language(repo)
    if code is None:
        console.print(rules_table(catalogue, lang))
        return
    found = REGISTRY.get(code.strip().upper())
    if found is None:
        raise UsageError(msg("cli.unknown_rule", lang, code=code))
    console.print(rule_doc(found, lang))


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
        Path | None,
        typer.Option("--out", metavar="MAPP", help="Skriv schemana till den här mappen."),
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
        print(msg("cli.schema_written", _language(Path(".")), path=target))


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
    base: Annotated[
        str, typer.Option("--base", metavar="REV", help="Revisionen att jämföra från.")
    ] = "HEAD",
    head: Annotated[
        str | None,
        typer.Option(
            "--head", metavar="REV", help="Revisionen att jämföra till (standard: arbetskopian)."
        ),
    ] = None,
    output: Annotated[DiffFormat, typer.Option("--format", help="Utdataformat.")] = DiffFormat.md,
) -> None:
    """Vad som ändrats i processerna mellan två revisioner, fält för fält."""
    import json

    from procspec.diff import diff_repositories, lines, to_markdown
    from procspec.gitlog import NotAtRevision, has_commits, repository_at
    from procspec.repository import ConfigError, find_root, load_repository

    root = find_root(path)
    lang = _language(root)
    committed = has_commits(root, lang, "diff.no_git")  # outside git: exit 2
    try:
        new = load_repository(root) if head is None else repository_at(root, head, lang)
        try:
            if base == "HEAD" and not committed:
                raise NotAtRevision(base)
            old = repository_at(root, base, lang)
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


class InitProfile(str, Enum):
    botkyrka = "botkyrka"
    orebro = "orebro"


class OwnersStyle(str, Enum):
    github = "github"
    gitlab = "gitlab"


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="MAPP", help="Mappen för det nya förrådet.", show_default=False),
    ] = Path("."),
    profile: Annotated[
        InitProfile, typer.Option("--profile", help="Den inbyggda profil förrådet följer.")
    ] = ...,  # type: ignore[assignment]
    organisation: Annotated[
        str | None, typer.Option("--organisation", metavar="NAMN", help="Organisationens namn.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över filer som finns.")] = False,
    install_source: Annotated[
        str | None,
        typer.Option(
            "--install-source",
            metavar="KÄLLA",
            help="Varifrån CI installerar procspec, med fast version: en git-URL med tagg eller "
            "incheckning, en URL eller sökväg till ett hjul (.whl), eller "
            "procspec-kommun==VERSION.",
        ),
    ] = None,
) -> None:
    """Skapa ett nytt processförråd: inställningar, personer, en exempelprocess, CI och pre-commit."""
    from procspec.scaffold import init as scaffold_init

    day = parse_today(os.environ.get("PROCSPEC_TODAY"))
    written = scaffold_init(folder, profile.value, organisation, day, force, install_source)
    for rel in written:
        print(msg("cli.wrote", "sv", path=(folder / rel).as_posix()))
    cd = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder.as_posix()} && "
    print(msg("cli.init_next", "sv", cd=cd))


@app.command()
def new(
    name: Annotated[
        str | None, typer.Argument(metavar="NAMN", help="Processens namn.", show_default=False)
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--type", metavar="TYP", help="Processtypen (en av profilens typer)."),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option("--parent", metavar="ID", help="Den överordnade processens id."),
    ] = None,
    repo: RepoOption = Path("."),
) -> None:
    """Skapa en ny processspecifikation från en mall, namngiven enligt reglerna."""
    from procspec.repository import ConfigError, load_repository
    from procspec.scaffold import plan_new, write_new

    try:
        loaded = load_repository(repo)
    except ConfigError as exc:
        _report_config(exc)
    lang = loaded.lang
    if not name or (kind is None and parent is None):
        if not sys.stdin.isatty():
            raise UsageError(msg("cli.new_needs_flags", lang))
        from procspec.console import ask_new

        name, kind, parent = ask_new(name, kind, parent, loaded.profile.type_names, lang)
    day = parse_today(os.environ.get("PROCSPEC_TODAY"))
    plan = plan_new(loaded, name, kind, parent, day)
    from procspec.report import help_pointer

    for p in plan.warnings:
        word = msg(f"report.severity.{p.severity.value}", lang)
        print(f"{p.code} {word}: {p.message}  [{help_pointer(p.code)}]", file=sys.stderr)
    write_new(plan)
    print(msg("cli.new_written", lang, path=_shown(loaded.root, plan.path)))


def _shown(root: Path, path: Path) -> str:
    """`path` relative to the working directory when it lies below it, else as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@app.command()
def status(
    path: RepoPath = Path("."),
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="NYCKEL", help="Bara den här personens punkter."),
    ] = None,
    today: TodayOption = None,
    output: Annotated[
        ListFormat, typer.Option("--format", help="Utdataformat.")
    ] = ListFormat.table,
    below_maturity: Annotated[
        int | None,
        typer.Option(
            "--below-maturity",
            metavar="NIVÅ",
            help="Visa processer under den här mognadsnivån (2–5).",
        ),
    ] = None,
) -> None:
    """Vad behöver göras: försenade aktiviteter och uppföljningar, granskningar, roller."""
    import json

    from procspec.gitlog import read_history
    from procspec.repository import ConfigError, load_repository
    from procspec.status import build_status

    day = parse_today(today)
    try:
        repo = load_repository(path)
    except ConfigError as exc:
        _report_config(exc)
    found = build_status(repo, day, read_history(repo.root, repo.lang), person, below_maturity)
    if output is ListFormat.json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    from procspec.console import make_console, status_view

    make_console().print(status_view(found, repo.lang))


@app.command()
def codeowners(
    path: RepoPath = Path("."),
    style: Annotated[
        OwnersStyle, typer.Option("--style", help="CODEOWNERS för GitHub eller GitLab.")
    ] = OwnersStyle.github,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FIL", help="Skriv filen hit i stället för till stdout."),
    ] = None,
) -> None:
    """Skriv en CODEOWNERS-fil: processägare och processledare godkänner ändringar i sin process."""
    from procspec.codeowners import build, missing_lines

    ctx = _context(path)
    found = build(ctx, style.value)
    for line in missing_lines(ctx, found, style.value):
        print(line, file=sys.stderr)
    if out is None:
        sys.stdout.write(found.text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(found.text, encoding="utf-8")
    print(msg("cli.wrote", ctx.lang, path=out.as_posix()), file=sys.stderr)


bpmn_app = typer.Typer(
    help="Utbyt processkartor med modelleringsverktyg som BPMN 2.0.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(bpmn_app, name="bpmn")


@bpmn_app.command("export")
def bpmn_export(
    process_id: Annotated[str, typer.Argument(metavar="ID", help="Processens id eller namn.")],
    repo: RepoOption = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FIL", help="Skriv filen hit i stället för till stdout."),
    ] = None,
) -> None:
    """Skriv processens processkarta som BPMN 2.0 XML med diagram."""
    from procspec.flowexchange import export_process
    from procspec.flowfile import write_atomically

    ctx = _context(repo)
    text = export_process(ctx, _find(ctx, process_id))
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out, text)
    print(msg("cli.wrote", ctx.lang, path=out.as_posix()), file=sys.stderr)


@bpmn_app.command("import")
def bpmn_import(
    file: Annotated[Path, typer.Argument(metavar="FIL", help="BPMN 2.0-filen (.bpmn).")],
    process_id: Annotated[
        str, typer.Option("--process", metavar="ID", help="Processen som får processkartan.")
    ],
    repo: RepoOption = Path("."),
    force: Annotated[
        bool, typer.Option("--force", help="Ersätt en processkarta som redan finns.")
    ] = False,
) -> None:
    """Läs in ett BPMN 2.0-diagram som processens processkarta."""
    from procspec.flowexchange import import_process

    ctx = _context(repo)
    outcome = import_process(ctx, _find(ctx, process_id), file, force)
    for line in outcome.warnings:
        print(one_line(line), file=sys.stderr)
    print(outcome.summary)


def _language(path: Path) -> str:
    """The language of the repository at or above `path`; Swedish when there is none (yet)."""
    from procspec.repository import find_root, load_settings

    try:
        return load_settings(find_root(path)).language
    except ProcspecError:
        return "sv"


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
    from procspec.errors import NotFoundError

    found = ctx.find(wanted)
    if found is None:
        hint = ctx.did_you_mean(wanted)
        raise NotFoundError(
            msg("cli.unknown_process", ctx.lang, id=wanted, root=ctx.repo.root, hint=hint)
        )
    return found


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
        print(msg("cli.aborted", "sv"), file=sys.stderr)
        code = 130
    except ProcspecError as exc:
        print(f"procspec: {one_line(exc.message)}", file=sys.stderr)
        for line in exc.details:
            print(f"  {one_line(line)}", file=sys.stderr)
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
