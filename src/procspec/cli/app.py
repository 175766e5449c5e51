"""The command line: thin typer commands over the features and the pipeline (SPEC §4).

Each command parses its options, calls one function and hands the result to a formatter or a
console view. One handler (`main`) maps failures to exit statuses: 1 problems found, 2 usage or
configuration, 3 an internal error (with a hint to run with --debug); it also prints the problems a
configuration error or a refused render carries.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from procspec import __version__, collection
from procspec.cli.failures import write_utf8
from procspec.cli.language import (
    Command,
    Group,
    at,
    install,
    language,
    repository_language,
    show_click_error,
)
from procspec.errors import ConfigError, ProcspecError, Refused, UsageError
from procspec.messages import Text, msg, msg_n, one_line, say, text

if TYPE_CHECKING:
    from procspec.checking.hierarchy import Context
    from procspec.problem import Outcome
    from procspec.reading.profile import Profile


app = typer.Typer(
    name="procspec",
    help="help.command.procspec",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["--help", "-h"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=Group,
)


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class RulesFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class GoalsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class DiffFormat(str, Enum):
    md = "md"
    text = "text"
    json = "json"


class RenderFormat(str, Enum):
    html = "html"
    md = "md"


class InitProfile(str, Enum):
    botkyrka = "botkyrka"
    orebro = "orebro"


class OwnersStyle(str, Enum):
    github = "github"
    gitlab = "gitlab"


# --- the options, declared once so that each command is its signature and a few lines ---

RepoPath = Annotated[
    Path,
    typer.Argument(metavar="metavar.path", help="help.path", show_default=False),
]
RepoOption = Annotated[
    Path, typer.Option("--repo", metavar="metavar.path", help="help.repo", show_default=False)
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="metavar.date",
        help="help.today",
        show_default=False,
    ),
]
ProcessId = Annotated[str, typer.Argument(metavar="ID", help="help.process_id")]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="help.format")]
ValidateFormatOption = Annotated[ValidateFormat, typer.Option("--format", help="help.format")]
StrictOption = Annotated[bool, typer.Option("--strict", help="help.strict")]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="help.no_cache"),
]
OutFolder = Annotated[
    Path,
    typer.Option("--out", metavar="metavar.folder", help="help.render.out", show_default=False),
]
RenderFormatOption = Annotated[RenderFormat, typer.Option("--format", help="help.render.format")]
RevOption = Annotated[
    str | None,
    typer.Option(
        "--rev",
        metavar="REV",
        help="help.render.rev",
    ),
]
FragmentOption = Annotated[bool, typer.Option("--fragment", help="help.render.fragment")]
ForceRenderOption = Annotated[bool, typer.Option("--force", help="help.render.force")]
RuleCode = Annotated[str | None, typer.Argument(metavar="metavar.code", help="help.rules.code")]
IgnoredOption = Annotated[bool, typer.Option("--ignored", help="help.rules.ignored")]
RulesFormatOption = Annotated[
    RulesFormat,
    typer.Option("--format", help="help.rules.format"),
]
SchemaOut = Annotated[
    Path | None, typer.Option("--out", metavar="metavar.folder", help="help.schema.out")
]
SchemaRepo = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        metavar="metavar.path",
        help="help.schema.repo",
    ),
]
BaseOption = Annotated[str, typer.Option("--base", metavar="REV", help="help.diff.base")]
HeadOption = Annotated[
    str | None,
    typer.Option("--head", metavar="REV", help="help.diff.head"),
]
DiffFormatOption = Annotated[DiffFormat, typer.Option("--format", help="help.format")]
InitFolder = Annotated[
    Path, typer.Argument(metavar="metavar.folder", help="help.init.folder", show_default=False)
]
ProfileOption = Annotated[InitProfile, typer.Option("--profile", help="help.init.profile")]
OrganisationOption = Annotated[
    str | None,
    typer.Option("--organisation", metavar="metavar.name", help="help.init.organisation"),
]
ForceInitOption = Annotated[bool, typer.Option("--force", help="help.init.force")]
InstallSourceOption = Annotated[
    str | None,
    typer.Option(
        "--install-source",
        metavar="metavar.source",
        help="help.init.install_source",
    ),
]
NameArgument = Annotated[
    str | None, typer.Argument(metavar="metavar.name", help="help.new.name", show_default=False)
]
TypeOption = Annotated[
    str | None, typer.Option("--type", metavar="metavar.type", help="help.new.type")
]
ParentOption = Annotated[str | None, typer.Option("--parent", metavar="ID", help="help.new.parent")]
PersonOption = Annotated[
    str | None,
    typer.Option("--person", metavar="metavar.key", help="help.status.person"),
]
MaturityOption = Annotated[
    int | None,
    typer.Option("--below-maturity", metavar="metavar.level", help="help.status.below_maturity"),
]
StyleOption = Annotated[OwnersStyle, typer.Option("--style", help="help.codeowners.style")]
BpmnOut = Annotated[
    Path | None,
    typer.Option("--out", metavar="metavar.file", help="help.out_file"),
]
BpmnFile = Annotated[Path, typer.Argument(metavar="metavar.file", help="help.bpmn.file")]
BpmnProcess = Annotated[str, typer.Option("--process", metavar="ID", help="help.bpmn.process")]
ForceBpmnOption = Annotated[bool, typer.Option("--force", help="help.bpmn.force")]
GoalsFormatOption = Annotated[GoalsFormat, typer.Option("--format", help="help.goals.format")]
OwnersOut = Annotated[
    Path | None,
    typer.Option("--out", metavar="metavar.file", help="help.out_file"),
]


def given_day(value: str | None) -> date | None:
    """The day the date rules use as given: `--today` (`value`), else PROCSPEC_TODAY; None when
    neither is. Read only by a command whose output depends on the day, so that a bad variable
    stops no other; the message says which of the two to correct."""
    if value is not None:  # `--today ""` is a date written wrong, not one left out
        return _day(value, "cli.bad_today")
    from_environment = os.environ.get("PROCSPEC_TODAY")
    if from_environment:
        return _day(from_environment, "cli.bad_today_env")
    return None


def parse_today(value: str | None = None) -> date:
    """`--today` or PROCSPEC_TODAY, else the system date."""
    return given_day(value) or date.today()


def _day(value: str, key: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(say(key, value=value)) from None


def _version(value: bool) -> None:
    if value:
        print(f"procspec {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="help.version"),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="help.debug")] = False,
) -> None:
    """The options every command shares (their help is in the catalogues, `help.*`)."""


PROGRESS_FROM = 200
"""A cold validate of more process files than this shows a progress bar in a terminal."""


@app.command(cls=Command, help="help.command.validate")
def validate(
    path: RepoPath = Path("."),
    output: ValidateFormatOption = ValidateFormat.text,
    strict: StrictOption = False,
    today: TodayOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the whole process repository against every rule."""
    from procspec.cli.progress import progress
    from procspec.features.validate import validate as validate_repository
    from procspec.reporting.paths import report_prefix

    day = parse_today(today)
    with _config_problems(output.value, path), progress(_label(path), PROGRESS_FROM) as advance:
        done = validate_repository(at(path), day, use_cache=not no_cache, progress=advance)
    _report_problems(output.value, done.outcome, done.lang, report_prefix(done.root, output.value))
    raise typer.Exit(1 if done.outcome.failed(strict) else 0)


@app.command(cls=Command, help="help.command.render")
def render(
    path: RepoPath = Path("."),
    out: OutFolder = ...,  # type: ignore[assignment]
    output: RenderFormatOption = RenderFormat.html,
    rev: RevOption = None,
    today: TodayOption = None,
    fragment: FragmentOption = False,
    force: ForceRenderOption = False,
) -> None:
    """Write process specifications, activity and follow-up plans and overviews."""
    from procspec.cli.progress import progress
    from procspec.features.render import render as render_documents

    day = given_day(today)
    with progress(msg("render.progress", _language(path))) as advance:
        done = render_documents(path, out, fmt=output.value, rev=rev, today=day,
                                fragment=fragment, force=force, progress=advance)  # fmt: skip
    written = len(done.files) - 1
    print(msg_n("render.written", done.lang, written, count=written, out=done.out))


@app.command("list", cls=Command, help="help.command.list")
def list_processes(path: RepoPath = Path("."), output: ListFormatOption = ListFormat.table) -> None:
    """List every process: id, name, type, level, parent and roles."""
    from procspec.checking.process_list import left_out, rows, tree_order

    # Only the json shows each process's maturity, which depends on the day.
    ctx = _context(path, parse_today() if output is ListFormat.json else None)
    found = tree_order(rows(ctx))
    if output is ListFormat.json:
        _json([r.to_dict(lambda m: text(m, ctx.lang)) for r in found])
    else:
        from procspec.cli.console import list_table, make_console

        make_console().print(list_table(found, ctx.lang))
    _notice(left_out(ctx), ctx.lang)


@app.command(cls=Command, help="help.command.show")
def show(process_id: ProcessId, repo: RepoOption = Path(".")) -> None:
    """Show a process in the terminal."""
    from procspec.checking.process_list import shown_process
    from procspec.cli.console import make_console, process_panel

    ctx = _context(repo)
    row, model = shown_process(ctx, process_id)
    console = make_console()
    console.print(process_panel(ctx, row, model))
    if model.flow_map is not None:
        from procspec.checking.process_list import rows
        from procspec.cli.flowconsole import flow_table

        names = {r.id: r.name for r in rows(ctx)}
        console.print(flow_table(model.flow_map, ctx.lang, names))


@app.command(cls=Command, help="help.command.tree")
def tree(path: RepoPath = Path(".")) -> None:
    """Show the process hierarchy as a tree with process owners."""
    from procspec.checking.process_list import left_out, rows
    from procspec.cli.console import hierarchy, make_console

    ctx = _context(path)
    make_console().print(hierarchy(rows(ctx), ctx.repo.settings.organisation, ctx.lang))
    _notice(left_out(ctx), ctx.lang)


@app.command(cls=Command, help="help.command.rules")
def rules(
    code: RuleCode = None,
    ignored: IgnoredOption = False,
    repo: RepoOption = Path("."),
    output: RulesFormatOption = RulesFormat.table,
) -> None:
    """The rule catalogue, one rule's documentation, or the repository's exceptions."""
    from procspec.checking.ruledocs import document
    from procspec.checking.rules import REGISTRY
    from procspec.cli.console import ignores_table, make_console, rule_doc, rules_table
    from procspec.reporting.catalogue import catalogue_markdown, documented, rule_dict

    if ignored:
        make_console().print(ignores_table(_context(repo)))
        return
    lang, profile, overrides = _language(repo), *_rules_profile(repo)
    if output is RulesFormat.md:
        write_utf8(catalogue_markdown(profile, overrides, lang))
        return
    found = documented(profile, overrides)
    if code is not None:
        one = REGISTRY.get(code.strip().upper())
        if one is None:
            raise UsageError(msg("cli.unknown_rule", lang, code=code))
        found = [document(one, profile, overrides)]
    if output is RulesFormat.json:
        _json([rule_dict(d, lang) for d in found])
    elif code is None:
        make_console().print(rules_table(found, lang))
    else:
        make_console().print(rule_doc(found[0], lang))


@app.command(cls=Command, help="help.command.schema")
def schema(out: SchemaOut = None, repo: SchemaRepo = None) -> None:
    """JSON Schema for process files, procspec.yaml, personer.yaml and profiles."""
    from procspec.features.writing import write_out
    from procspec.reading.json_schemas import json_schemas

    if repo is not None:
        from procspec.features.editor import write_repo_schemas

        for target in write_repo_schemas(repo, out):
            print(msg("cli.schema_written", _language(repo), path=target))
        return
    schemas = json_schemas()
    if out is None:
        _json(schemas)
        return
    files = {out / f"{name}.schema.json": json.dumps(body, ensure_ascii=False, indent=2) + "\n"
             for name, body in schemas.items()}  # fmt: skip
    # Each replaced in one rename: a link named like a schema is replaced, never written through.
    write_out(files)
    for target in files:
        print(msg("cli.schema_written", _language(Path(".")), path=target))


@app.command(cls=Command, help="help.command.history")
def history(
    process_id: ProcessId, repo: RepoOption = Path("."), output: ListFormatOption = ListFormat.table
) -> None:
    """A process's revision history from git, newest first, through moves and renames."""
    from procspec.cli.console import history_table, make_console
    from procspec.features.history import process_history

    ctx = _context(repo)
    found = process_history(ctx, process_id)
    _notice(found.note, ctx.lang)
    if output is ListFormat.json:
        uncommitted = msg("git.uncommitted", ctx.lang)
        _json(found.to_list(uncommitted))
    else:
        make_console().print(history_table(found, ctx.lang))


@app.command(cls=Command, help="help.command.diff")
def diff(
    path: RepoPath = Path("."),
    base: BaseOption = "HEAD",
    head: HeadOption = None,
    output: DiffFormatOption = DiffFormat.md,
) -> None:
    """What changed in the processes between two revisions, field by field."""
    from procspec.cli.console import diff_view, make_console
    from procspec.features.diff import diff_revisions
    from procspec.reporting.diff import to_dict, to_markdown

    found, lang = diff_revisions(at(path), base, head)
    if output is DiffFormat.json:
        _json(to_dict(found, lang))
    elif output is DiffFormat.md:
        write_utf8(to_markdown(found, lang))
    else:
        make_console().print(diff_view(found, lang))
    if found.unreadable:  # the changes to these files cannot be shown (PS001): exit 1
        raise typer.Exit(1)


@app.command(cls=Command, help="help.command.init")
def init(
    folder: InitFolder = Path("."),
    profile: ProfileOption = ...,  # type: ignore[assignment]
    organisation: OrganisationOption = None,
    force: ForceInitOption = False,
    install_source: InstallSourceOption = None,
) -> None:
    """Create a new process repository: settings, people, an example process, CI, pre-commit."""
    from procspec.features.scaffold import init as scaffold_init

    day = parse_today()
    for rel in scaffold_init(folder, profile.value, organisation, day, force, install_source):
        print(msg("cli.wrote", language(), path=(folder / rel).as_posix()))
    from procspec.reporting.paths import shown

    cd = "" if shown(folder) == "." else f"cd {folder.as_posix()} && "
    print(msg("cli.init_next", language(), cd=cd))


@app.command(cls=Command, help="help.command.new")
def new(
    name: NameArgument = None,
    kind: TypeOption = None,
    parent: ParentOption = None,
    repo: RepoOption = Path("."),
) -> None:
    """Create a new process specification from a template, named by the rules."""
    from procspec.features.scaffold import plan_new, write_new
    from procspec.reading.repository import load_repository
    from procspec.reporting.formats import problem_lines
    from procspec.reporting.paths import shown

    loaded = load_repository(at(repo))
    if not name or (kind is None and parent is None):
        name, kind, parent = _ask_new(name, kind, parent, loaded.profile.type_names, loaded.lang)
    plan = plan_new(loaded, name, kind, parent, parse_today())
    for line in problem_lines(plan.warnings, loaded.lang):
        print(line, file=sys.stderr)
    write_new(plan)
    print(msg("cli.new_written", loaded.lang, path=shown(plan.path)))


def _ask_new(
    name: str | None, kind: str | None, parent: str | None, types: list[str], lang: str
) -> tuple[str, str | None, str | None]:
    """Ask in a terminal for what `new` was not given; elsewhere a usage error."""
    if not sys.stdin.isatty():
        raise UsageError(msg("cli.new_needs_flags", lang))
    from procspec.cli.console import ask_new

    return ask_new(name, kind, parent, types, lang)


@app.command(cls=Command, help="help.command.status")
def status(
    path: RepoPath = Path("."),
    person: PersonOption = None,
    today: TodayOption = None,
    output: ListFormatOption = ListFormat.table,
    below_maturity: MaturityOption = None,
) -> None:
    """What needs doing: late activities and follow-ups, reviews, roles."""
    from procspec.cli.console import make_console, status_view
    from procspec.features.status import status_of

    found, lang = status_of(at(path), parse_today(today), person, below_maturity)
    if output is ListFormat.json:
        _json(found.to_dict(lambda m: text(m, lang)))
    else:
        make_console().print(status_view(found, lang))


@app.command(cls=Command, help="help.command.goals")
def goals(
    path: RepoPath = Path("."),
    today: TodayOption = None,
    output: GoalsFormatOption = GoalsFormat.table,
) -> None:
    """Every goal with its process, target, baseline, latest result and status."""
    from procspec.checking.goal_list import goal_rows
    from procspec.checking.process_list import left_out
    from procspec.cli.console import goals_table, make_console
    from procspec.reporting.goals import to_csv

    day = parse_today(today)
    ctx = _context(path, day)
    found = goal_rows(ctx, day)
    if output is GoalsFormat.json:
        _json([r.to_dict() for r in found])
    elif output is GoalsFormat.csv:
        write_utf8(to_csv(found, ctx.lang))
    else:
        make_console().print(goals_table(found, ctx.lang) if found else msg("goals.none", ctx.lang))
    _notice(left_out(ctx), ctx.lang)


@app.command(cls=Command, help="help.command.codeowners")
def codeowners(
    path: RepoPath = Path("."), style: StyleOption = OwnersStyle.github, out: OwnersOut = None
) -> None:
    """Write a CODEOWNERS file: process owners and leaders approve changes to their process."""
    from procspec.features.codeowners import build, missing_lines
    from procspec.features.writing import write_out
    from procspec.reporting.codeowners import codeowners_file

    ctx = _context(path)
    found = build(ctx, style.value)
    for line in missing_lines(ctx, found, style.value):
        print(text(line, ctx.lang), file=sys.stderr)
    written = codeowners_file(found.lines, ctx.lang)
    if out is None:
        write_utf8(written)
        return
    # A committed CODEOWNERS that is a link is replaced by the file, never written through.
    write_out({out: written})
    print(msg("cli.wrote", ctx.lang, path=out.as_posix()), file=sys.stderr)


bpmn_app = typer.Typer(
    help="help.command.bpmn",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["--help", "-h"]},
    rich_markup_mode=None,
    cls=Group,
)
app.add_typer(bpmn_app, name="bpmn")


@bpmn_app.command("export", cls=Command, help="help.command.bpmn.export")
def bpmn_export(process_id: ProcessId, repo: RepoOption = Path("."), out: BpmnOut = None) -> None:
    """Write the process's map as BPMN 2.0 XML with its diagram."""
    from procspec.checking.process_list import find_process
    from procspec.features.flowexchange import export_process
    from procspec.features.writing import write_out

    ctx = _context(repo)
    text = export_process(ctx, find_process(ctx, process_id))
    if out is None:
        write_utf8(text)
        return
    try:
        write_out({out: text})
    except OSError as exc:
        raise UsageError(msg("bpmn.cannot_write", ctx.lang, file=out.as_posix())) from exc
    print(msg("cli.wrote", ctx.lang, path=out.as_posix()), file=sys.stderr)


@bpmn_app.command("import", cls=Command, help="help.command.bpmn.import")
def bpmn_import(
    file: BpmnFile,
    process_id: BpmnProcess,
    repo: RepoOption = Path("."),
    force: ForceBpmnOption = False,
) -> None:
    """Read a BPMN 2.0 diagram as the process's map."""
    from procspec.checking.process_list import find_process
    from procspec.features.flowexchange import import_process

    ctx = _context(repo)
    outcome = import_process(ctx, find_process(ctx, process_id), file, force)
    for line in outcome.warnings:
        _notice(line, ctx.lang)
    print(text(outcome.summary, ctx.lang))


# --- glue shared by the commands ---


def _language(path: Path) -> str:
    """The language of the repository at or above `path` (remembered for the words of errors)."""
    return repository_language(at(path))


def _rules_profile(path: Path) -> tuple[Profile | None, dict[str, str]]:
    """The profile and `regler:` of the repository at or above `path`, for the rule docs; none
    outside a repository, or when its settings or profile cannot be read (validate says why)."""
    from procspec.reading.profile import load_profile
    from procspec.reading.repository import find_root, load_settings, reachable

    reachable(path)  # a folder that is gone is no repository's absence
    try:
        root = find_root(at(path))
        settings = load_settings(root)
        return load_profile(settings.profile, root), dict(settings.rules)
    except ProcspecError:
        return None, {}


def _label(path: Path) -> Any:
    """The progress bar's label, worked out only when a bar is shown."""
    return lambda: msg("cli.validating", _language(path))


def _context(path: Path, today: date | None = None) -> Context:
    """Load the repository for a read-only command (a configuration error exits 2), on `today`
    for a command whose output depends on the day (`parse_today`), else on the system date."""
    from procspec.checking.hierarchy import Context
    from procspec.reading.repository import load_repository

    return Context.build(load_repository(at(path)), today or date.today())


def _notice(line: Text | None, lang: str) -> None:
    """A one-line notice on stderr (stdout stays what scripts read)."""
    if line:
        print(one_line(text(line, lang)), file=sys.stderr)


@contextlib.contextmanager
def _config_problems(output: str, path: Path) -> Iterator[None]:
    """A configuration error's problems in a machine format go to stdout, where CI reads the
    report; `main` prints the message (and, for the text format, the problems)."""
    try:
        yield
    except ConfigError as exc:
        if output == "text" or not exc.problems:
            raise
        from procspec.problem import Outcome
        from procspec.reading.repository import find_root
        from procspec.reporting.paths import report_prefix

        found = Outcome(sorted(exc.problems, key=lambda p: p.sort_key), 1)
        lang = repository_language(path)
        _report_problems(output, found, lang, report_prefix(find_root(path), output))
        raise UsageError(exc.message) from None


def _report_problems(output: str, outcome: Outcome, lang: str, prefix: str) -> None:
    """A report in the format `output` on stdout: the text for a person, as the terminal can
    show it; a machine format (json, github, gitlab) in UTF-8, whatever the locale."""
    from procspec.reporting.formats import FORMATTERS

    if output == "text":
        FORMATTERS[output](outcome, lang, sys.stdout, prefix)
        return
    report = io.StringIO()
    FORMATTERS[output](outcome, lang, report, prefix)
    write_utf8(report.getvalue())


def _json(data: object) -> None:
    """`data` as JSON on stdout, in UTF-8 whatever the locale (SPEC §4: the machine formats)."""
    write_utf8(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _report(exc: ProcspecError) -> None:
    """Print a failure: the problems it carries, its message, details and hint (on stderr)."""
    from procspec.problem import Outcome
    from procspec.reporting.formats import FORMATTERS
    from procspec.reporting.paths import cwd_prefix

    lang = language()
    if isinstance(exc, ConfigError) and exc.problems:
        found = Outcome(sorted(exc.problems, key=lambda p: p.sort_key), 1)
        FORMATTERS["text"](found, lang, sys.stderr, "")
    if isinstance(exc, Refused) and exc.outcome is not None and exc.root is not None:
        FORMATTERS["text"](exc.outcome, lang, sys.stderr, cwd_prefix(exc.root))
    print(f"procspec: {one_line(text(exc.message, lang))}", file=sys.stderr)
    for line in exc.details:
        print(f"  {one_line(text(line, lang))}", file=sys.stderr)
    if exc.hint:
        print(text(exc.hint, lang), file=sys.stderr)


def _safe_streams() -> None:
    """Never fail on a terminal or pipe that cannot print å, ä, ö or →."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the app and map every outcome to an exit status."""
    from procspec.cli import failures

    collection.collect_less()
    # procspec's models are its own: no pydantic plugin observes them, and none is looked for
    # (finding them reads the metadata of every installed package, on every command).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

    try:  # newer typer vendors click; older typer uses click itself
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover
        from click.exceptions import ClickException  # type: ignore[assignment]

    if argv is None:  # the program itself: its streams, not a caller's
        failures.fill_closed_streams()
    _safe_streams()
    if argv is None:
        failures.tolerate_early_readers()
    install()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("PROCSPEC_DEBUG"))
    try:
        code = failures.flush_stdout(app(args=args, prog_name="procspec", standalone_mode=False))
    except typer.Exit as exc:
        code = exc.exit_code
    except ClickException as exc:
        show_click_error(exc)
        code = 2
    except typer.Abort:
        print(msg("cli.aborted", language()), file=sys.stderr)
        code = 130
    except ProcspecError as exc:
        _report(exc)
        code = exc.exit_code
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        failures.silence_stdout()
        code = 0
    except OSError as exc:  # a full disk, a device or a file where a folder belongs
        failures.silence_stdout()
        print(failures.describe(exc, language()), file=sys.stderr)
        code = 2
    except Exception as exc:  # the one place that catches everything: a bug exits 3
        if debug:
            import traceback

            traceback.print_exc()
        print(msg("cli.internal", language(), error=type(exc).__name__), file=sys.stderr)
        code = 3
    if argv is None:  # the program itself (not a caller in Python), which ends here
        collection.leave_to_exit()
    sys.exit(code if isinstance(code, int) else 0)
