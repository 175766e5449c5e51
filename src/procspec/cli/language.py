"""The language of the command line's own words, and Click's and typer's strings in it.

The language is, in order: `PROCSPEC_LANGUAGE` (`sv` or `en`) when set; else the `språk` of the
repository the command works on (the folder given, or the current folder), read only when there is
something to say; else Swedish. Output about a repository (problems, status, documents) always
follows that repository's `språk`.

procspec's own help — each command's, option's and argument's help and metavar — is a message
key (`help.*`, `metavar.*`) that the command classes below put in words when asked for.

Click and typer print their own strings ("Usage:", "Options:", "Show this message and exit.",
"No such option", "Missing argument" …). typer's help strings go through `gettext` (typer.core's
`_`); the Click that typer vendors prints plain English. `install` puts procspec's catalogue behind
typer's `_`, and the command classes below write the usage line and the help option in it; `main`
shows Click's errors through `click_words`, which reads each English message and says it from the
catalogue (`click.*` keys).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import typer
import typer.core

from procspec.errors import UsageError
from procspec.messages import LANGUAGES, has, msg, say

WHERE: list[Path] = []
"""The repository folder the command works on, once it is known."""


def at(path: Path) -> Path:
    """Remember `path` as the repository the command works on (for the language of its words)."""
    WHERE[:] = [path]
    return path


def repository_language(path: Path) -> str:
    """The `språk` of the repository at or above `path`; Swedish when there is none (yet)."""
    from procspec.reading.root import declared, nearest_root

    root = nearest_root(path)
    spoken = declared(root).get("språk") if root is not None else None
    return spoken if isinstance(spoken, str) and spoken in LANGUAGES else "sv"


def language() -> str:
    """The language of the command line's own words (see the module docstring)."""
    chosen = os.environ.get("PROCSPEC_LANGUAGE", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    return _cached_language(WHERE[0] if WHERE else Path("."))


@cache
def _cached_language(path: Path) -> str:
    return repository_language(path)


EXACT = {
    "Arguments": "click.arguments",
    "Options": "click.options",
    "Commands": "click.commands",
    "(dynamic)": "click.dynamic",
    "Aborted!": "click.aborted",
    "required": "click.required",
    "Missing command.": "click.missing_command",
    "Show this message and exit.": "click.help",
    "Install completion for the current shell.": "click.install_completion",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "click.show_completion"
    ),
    "Usage:": "click.usage",
    "Error:": "click.error",
    "[OPTIONS]": "click.options_metavar",
    "COMMAND [ARGS]...": "click.command_metavar",
    "<path>": "click.type.path",
    "<file>": "click.type.file",
    "<directory>": "click.type.directory",
    "<integer>": "click.type.integer",
    "<float>": "click.type.float",
    "<text>": "click.type.text",
}
"""Click's and typer's fixed strings → procspec's message keys."""

PATTERNS = (
    (re.compile(r"Value error, (?P<detail>.*)", re.S), "click.value_error"),
    (re.compile(r"Input should be a valid integer.*", re.S), "click.input_integer"),
    (re.compile(r"default: (?P<default>.*)", re.S), "click.default"),
    (re.compile(r"env var: (?P<var>.*)", re.S), "click.env_var"),
    (re.compile(r"No such command (?P<name>.*)\.", re.S), "click.no_such_command"),
    (
        re.compile(r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)", re.S),
        "click.no_such_option_possible",
    ),  # fmt: skip
    (re.compile(r"No such option: (?P<option>\S+)", re.S), "click.no_such_option"),
    (re.compile(r"No such option '(?P<option>\S+)'\.", re.S), "click.no_such_option"),
    (
        re.compile(r"No such option '(?P<option>\S+)'\. Did you mean (?P<options>.*)\?", re.S),
        "click.no_such_option_possible",
    ),  # fmt: skip
    (
        re.compile(r"Missing argument (?P<name>\S+)\. Choose from:(?P<choices>.*)", re.S),
        "click.missing_argument_choices",
    ),  # fmt: skip
    (
        re.compile(r"Missing option (?P<name>\S+)\. Choose from:(?P<choices>.*)", re.S),
        "click.missing_option_choices",
    ),  # fmt: skip
    (re.compile(r"Missing argument (?P<name>.*)\.", re.S), "click.missing_argument"),
    (re.compile(r"Missing option (?P<name>.*)\.", re.S), "click.missing_option"),
    (re.compile(r"Missing parameter: (?P<name>.*)", re.S), "click.missing_parameter"),
    (re.compile(r"Option (?P<option>.*) requires an argument\.", re.S), "click.needs_value"),
    (
        re.compile(r"Option (?P<option>.*) requires (?P<count>\d+) arguments\.", re.S),
        "click.needs_values",
    ),  # fmt: skip
    (re.compile(r"Option (?P<option>.*) does not take a value\.", re.S), "click.no_value"),
    (
        re.compile(r"Got unexpected extra (?:arguments?|argument\(s\)) \((?P<args>.*)\)", re.S),
        "click.extra",
    ),  # fmt: skip
    (re.compile(r"Invalid value for (?P<name>[^:]*): (?P<detail>.*)", re.S), "click.invalid_for"),
    (re.compile(r"Invalid value: (?P<detail>.*)", re.S), "click.invalid"),
    (re.compile(r"(?P<value>.*) is not one of (?P<choices>.*)\.", re.S), "click.not_one_of"),
    (re.compile(r"(?P<value>.*) is not a valid integer( range)?\.", re.S), "click.not_integer"),
    (re.compile(r"(?P<value>.*) is not a valid float( range)?\.", re.S), "click.not_float"),
    (re.compile(r"(?P<value>.*) is not a valid boolean\.", re.S), "click.not_boolean"),
    (
        re.compile(r"(?:File|Directory|Path) (?P<path>.*) does not exist\.", re.S),
        "click.path_missing",
    ),  # fmt: skip
    # A suggestion after any message: typer's after its "No such command" (already in words, by
    # `_gettext`), Click's after its own.
    (re.compile(r"(?P<detail>.*\.) Did you mean (?P<options>.*)\?", re.S), "click.did_you_mean"),
    (
        re.compile(r"(?P<detail>.*\.) \(Did you mean one of: (?P<options>.*)\?\)", re.S),
        "click.did_you_mean",
    ),  # fmt: skip
)
"""Click's messages with values in them → procspec's message keys (named groups → parameters)."""


def click_words(english: str, lang: str | None = None) -> str:
    """Click's or typer's English `english` in the command line's language (itself when the
    catalogue has no sentence for it)."""
    lang = lang or language()
    if english in EXACT:
        return msg(EXACT[english], lang)
    for pattern, key in PATTERNS:
        found = pattern.fullmatch(english)
        if found:
            params = {k: _param(k, v, lang) for k, v in found.groupdict().items() if v is not None}
            return msg(key, lang, **params)
    return english


def _param(name: str, value: str, lang: str) -> str:
    """A value taken from Click's message: a detail is itself a message of Click's; a list of
    choices, one per line with tabs, is written on one line."""
    if name == "detail":
        return click_words(value, lang)
    if name == "choices":
        return " ".join(value.split())
    return value


def install() -> None:
    """Put procspec's catalogue behind typer's gettext calls (typer.core's `_`)."""
    typer.core._ = _gettext


def _gettext(message: str) -> str:
    return click_words(message)


_TYPE_LABEL = re.compile(r"<(?:path|file|directory|integer|float|text)>")


OWN_WORDS = ("help.", "metavar.")
"""The prefixes of the message keys procspec's commands, options and arguments give as their help
and metavars (`help="help.validate.strict"`): the words are in the catalogues."""


def in_words(thing: Any, attribute: str) -> None:
    """Put `thing.attribute`, a message key (`help.*`, `metavar.*`), in the command line's
    language; the key is kept, so the words follow the language whenever they are asked for."""
    keys: dict[str, str] = thing.__dict__.setdefault("_procspec_keys", {})
    key = keys.get(attribute, getattr(thing, attribute, None))
    if isinstance(key, str) and key.startswith(OWN_WORDS) and has(key):
        keys[attribute] = key
        setattr(thing, attribute, msg(key, language()))


class _Words:
    """What procspec's command and group classes add to typer's: the usage line and the help
    option in the command line's language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = [click_words(p) for p in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        prefix = click_words("Usage:") + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def get_help(self, ctx: Any) -> str:
        """The help text, with the type labels typer adds ("<path>") in the language."""
        found: str = super().get_help(ctx)  # type: ignore[misc]
        return _TYPE_LABEL.sub(lambda m: click_words(m.group()), found)

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters, with their help and metavars (procspec's `help.*` and `metavar.*`
        keys, and the help typer gives its own options) in the command line's language."""
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            in_words(param, "help")
            in_words(param, "metavar")
            text = getattr(param, "help", None)
            if text in EXACT:
                param.help = click_words(text)
            if param.name == "install_completion":
                param.callback = _install_completion
        return params

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        in_words(self, "help")
        super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        """The line a group's help shows for this command, in the command line's language."""
        in_words(self, "help")
        found: str = super().get_short_help_str(limit)  # type: ignore[misc]
        return found

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = click_words("Show this message and exit.")
        return option


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """typer's `--install-completion`, which says what it did in plain English: the same
    installation, said in the command line's language."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import Shells, _get_shell_name
    from typer._completion_shared import install as install_script

    program = value if isinstance(value, str) else _get_shell_name()
    if program not in {s.value for s in Shells}:
        raise UsageError(say("click.completion_unsupported", program=program or "?"))
    name, path = install_script(program)
    print(msg("click.completion_installed", language(), program=name, path=path))
    raise typer.Exit(0)


class Command(_Words, typer.core.TyperCommand):
    """A procspec command: typer's, with its own words in the command line's language."""


class Group(_Words, typer.core.TyperGroup):
    """A procspec command group: typer's, with its own words in the command line's language."""


def show_click_error(exc: Any) -> None:
    """Click's usage error on stderr, as Click shows it, in the command line's language."""
    import sys

    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            command, option = ctx.command_path, ctx.help_option_names[0]
            print(
                msg("click.try_help", language(), command=command, option=option), file=sys.stderr
            )
        print(file=sys.stderr)
    print(f"{click_words('Error:')} {click_words(exc.format_message())}", file=sys.stderr)
