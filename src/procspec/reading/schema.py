"""The boundary between plain YAML data and the pydantic models.

`validate` turns pydantic's errors into Problems (PS005 unknown key with a did-you-mean, PS006
missing key, PS007 wrong type or value) with Swedish sentences; nothing past this module sees a
`ValidationError`. `json_schemas` derives the published JSON Schemas from the same models.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from procspec.messages import Text, plural, say
from procspec.problem import Pos, Problem, Severity
from procspec.reading.documents import Document, KeyPath

M = TypeVar("M", bound=BaseModel)

_TYPE_ERRORS = {
    "string_type": "schema.expected_text",
    "int_type": "schema.expected_int",
    "int_from_float": "schema.expected_int",
    "float_type": "schema.expected_number",
    "tal": "schema.expected_number",
    "bool_type": "schema.expected_bool",
    "list_type": "schema.expected_list",
    "dict_type": "schema.expected_mapping",
    "model_type": "schema.expected_mapping",
    "model_attributes_type": "schema.expected_mapping",
}


def validate(
    model: type[M], doc: Document, process: str | None = None, data: Any = None
) -> tuple[M | None, list[Problem]]:
    """Validate `doc.data` (or `data`) as `model`; on failure return None and the problems."""
    try:
        valid = model.model_validate(doc.data if data is None else data)
    except ValidationError as exc:
        problems = [to_problem(model, doc, error, process) for error in exc.errors()]
        return None, problems
    return _shared(valid), []


def valid(model: type[M], data: Any) -> M | None:
    """`data` as `model`, or None when it does not validate (then `validate` tells why)."""
    try:
        return _shared(model.model_validate(data))
    except ValidationError:
        return None


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
"""One set of given field names per distinct set: every model instance keeps the names of the
fields its data gave (pydantic's `__pydantic_fields_set__`), a set of several hundred bytes, and
10,000 files hold about 400,000 models but only a few hundred distinct sets."""


def _shared(model: M) -> M:
    """`model` with each of its models' given-field sets shared with equal ones. The models are
    frozen, so the sets are never changed (a copy gets a copy); only memory is saved."""
    shared = _FIELDS_SETS
    stack: list[BaseModel] = [model]
    while stack:
        current = stack.pop()
        given = current.__pydantic_fields_set__
        one = shared.setdefault(frozenset(given), given)
        if one is not given:
            object.__setattr__(current, "__pydantic_fields_set__", one)
        values = current.__dict__
        for name in _nested(type(current)):
            value = values[name]
            if isinstance(value, BaseModel):
                stack.append(value)
            elif type(value) is list:
                stack.extend(item for item in value if isinstance(item, BaseModel))
    return model


@cache
def _nested(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose type holds a model (alone, in a list or in a union)."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(isinstance(t, type) and issubclass(t, BaseModel) for t in _types(info.annotation))
    )


def _types(annotation: Any) -> list[Any]:
    """`annotation` and every type argument in it, at any depth."""
    found, todo = [], [annotation]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(typing.get_args(current))
    return found


def to_problem(
    model: type[BaseModel], doc: Document, error: ErrorDetails, process: str | None
) -> Problem:
    """One pydantic error as one Problem, positioned on the key or value it concerns."""
    loc: KeyPath = tuple(error["loc"])
    kind = error["type"]
    key = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    value = error.get("input")
    code = "PS007"
    pos = doc.value_pos(loc)
    if kind == "extra_forbidden":
        code = "PS005"
        pos = doc.key_pos(loc)
        keys = sorted(aliases_at(model, loc[:-1]))
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
        hint = (
            say("schema.did_you_mean", suggestion=close[0])
            if close
            else say("schema.allowed_keys", keys=", ".join(keys))
        )
        text = say("schema.unknown_key", key=key, hint=hint)
    elif kind == "missing":
        code = "PS006"
        parent = loc[:-1]
        pos = doc.key_pos(parent) if parent else Pos()
        where = say("schema.missing_where", parent=_describe(parent)) if parent else ""
        text = say("schema.missing", key=key, where=where)
    elif kind in _NUMBER_ERRORS and (written := number_written(value, kind)) is not None:
        text = say("schema.number_written", key=key, value=_short(value), number=written)
    elif kind in _TYPE_ERRORS:
        got = say("schema.got", got=describe_value(value))
        text = say(_TYPE_ERRORS[kind], key=key, got=got)
    elif kind == "tal_för_stort":
        text = say("schema.number_too_large", key=key, value=_short(value, 24))
    elif kind == "literal_error":
        allowed = _literal_values(model, loc)
        if isinstance(value, str):
            text = say("schema.enum", key=key, value=_short(value), allowed=allowed)
        else:  # null, true, a number, a list: said as what was written, not as Python shows it
            text = say("schema.enum_got", key=key, got=describe_value(value), allowed=allowed)
    elif kind == "datum":
        text = say("schema.date", key=key, value=_short(value))
    elif kind == "epost":
        text = say("schema.email", value=_short(value))
    elif kind == "personnyckel":
        text = say("schema.person_key", value=_short(value))
    elif kind == "tom_text":
        text = say("schema.empty_text", key=key)
    elif kind == "kontrolltecken":
        text = say("schema.control", key=key, char=error.get("ctx", {}).get("char", ""))
    elif kind == "webbadress":
        text = say("schema.web_address", key=key, value=_short(value))
    elif kind == "användarnamn":
        forge = error.get("ctx", {}).get("forge", key)
        text = say(f"schema.handle.{forge}", value=_short(value))
    elif kind == "länk":
        text = say("schema.link", value=_short(value))
    elif kind == "https":
        text = say("schema.https", key=key, value=_short(value))
    elif kind == "too_short":
        least = error.get("ctx", {}).get("min_length", 1)
        text = plural("schema.empty_list", least, key=key, min=least)
    elif kind == "saknas":
        # A key required only in some cases (a model validator): the problem is a missing key,
        # on the mapping that lacks it.
        code = "PS006"
        pos = doc.key_pos(loc) if loc else Pos()
        missing = str(error.get("ctx", {}).get("key", key))
        where = say("schema.missing_where", parent=_describe(loc)) if loc else ""
        text = say("schema.missing", key=missing, where=where)
    elif kind == "too_long":
        most = error.get("ctx", {}).get("max_length", 0)
        text = say("schema.max_length", key=key, max=most)
    elif kind == "string_too_long":
        most = error.get("ctx", {}).get("max_length", 0)
        text = say("schema.max_text", key=key, max=most, length=len(str(value)))
    elif kind in ("greater_than_equal", "greater_than"):
        ctx = error.get("ctx", {})
        if "ge" in ctx:
            text = say("schema.min_value", key=key, min=ctx["ge"], got=_short(value))
        else:
            text = say("schema.above_value", key=key, min=ctx.get("gt", ""), got=_short(value))
    elif kind in ("less_than_equal", "less_than"):
        ctx = error.get("ctx", {})
        if "le" in ctx:
            text = say("schema.max_value", key=key, max=ctx["le"], got=_short(value))
        else:
            text = say("schema.below_value", key=key, max=ctx.get("lt", ""), got=_short(value))
    else:
        text = say("schema.invalid", key=key, detail=error["msg"])
    return Problem(doc.rel, pos.line, pos.column, code, Severity.ERROR, text, process)


_NUMBER_ERRORS = frozenset({"tal", "float_type", "int_type", "int_from_float"})
_WRITTEN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?")


def number_written(value: Any, kind: str = "tal") -> str | None:
    """How to write a number given as text the Swedish way (`0,85`, `1 000`, `'95'`, `85 %`):
    the YAML number, or None when the text is no such number (or no whole number where one is
    wanted)."""
    if not isinstance(value, str):
        return None
    text = value.strip().removesuffix("%").strip()
    if not _WRITTEN_NUMBER.fullmatch(text):
        return None
    written = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    return None if kind.startswith("int") and "." in written else written


def describe_value(value: Any) -> Text:
    """A short description of what the user wrote, for 'must be X, not Y' sentences."""
    if isinstance(value, str):
        return f"'{_short(value)}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return (
        say(f"schema.type.{type(value).__name__}")
        if value is None or isinstance(value, list | dict)
        else type(value).__name__
    )


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(loc: KeyPath) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/list/Annotated/Union annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return [annotation]


def _field_by_alias(model: type[BaseModel], alias: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == alias:
            return info
    return None


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = _field_by_alias(current, part)
        if info is None:
            return None
        current = next(
            (
                t
                for t in _unwrap(info.annotation)
                if isinstance(t, type) and issubclass(t, BaseModel)
            ),
            None,
        )
    return current


@cache
def _aliases(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(info.alias or name for name, info in model.model_fields.items())


def aliases_at(model: type[BaseModel], loc: KeyPath) -> frozenset[str]:
    """The keys allowed in the mapping at `loc` of `model`."""
    inner = _model_at(model, loc)
    return _aliases(inner) if inner is not None else frozenset()


def _members(annotation: Any) -> list[Any]:
    """The alternatives of an annotation: Annotated and Optional/Union taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _step(annotation: Any, part: str | int) -> list[Any]:
    """The annotations one `loc` step below `annotation`: a model's field, a list's items, a
    mapping's values."""
    found: list[Any] = []
    for member in _members(annotation):
        origin = typing.get_origin(member)
        args = typing.get_args(member)
        if isinstance(member, type) and issubclass(member, BaseModel) and isinstance(part, str):
            info = _field_by_alias(member, part)
            if info is not None:
                found.append(info.annotation)
        elif origin is list and args and isinstance(part, int):
            found.append(args[0])
        elif origin is dict and len(args) == 2:
            found.append(args[1])
    return found


def _literal_values(model: type[BaseModel], loc: KeyPath) -> str:
    """The values allowed at `loc` (a field, a list item or a mapping value), from the models'
    Literal types, comma-separated."""
    current: list[Any] = [model]
    for part in loc:
        below = [a for annotation in current for a in _step(annotation, part)]
        if below or isinstance(part, int):
            current = below
        # else: pydantic names a union member in `loc` ("literal['a','b']"); it is no key
    values: list[str] = []
    for annotation in current:
        for member in _members(annotation):
            if typing.get_origin(member) is typing.Literal:
                values.extend(str(v) for v in typing.get_args(member) if str(v) not in values)
    return ", ".join(values)
