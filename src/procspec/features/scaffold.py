"""`init` and `new`: a new process repository, and a new process specification in one.

Every file written comes from a Jinja2 template in `templates/scaffold/` (see `procspec.templates`).
Nothing is written until everything has been checked and rendered: `init` refuses when any of its
files exists (unless forced) and writes them all or none, and `new` refuses a name that breaks an
error-level naming rule, an id that is taken, or a file that exists.

A new process file leaves every required field empty (`syfte:`), with a comment that explains the
field (Örebro Bilaga 1, Steg 5 and 6). An empty value is what `procspec validate` reports, at its
line, until it is filled in; a placeholder text would pass the checks and be forgotten.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from procspec.checking.hierarchy import Context
from procspec.errors import NotFoundError, ProcspecError, Refused, UsageError
from procspec.features.editor import (
    SCHEMA_FOLDER,
    VSCODE_EXTENSIONS,
    modeline,
    schema_texts,
    vscode_settings,
)
from procspec.features.install_source import check_source
from procspec.features.writing import not_a_folder, obstacle, write_all
from procspec.messages import say
from procspec.problem import Problem, Severity
from procspec.reading.dates import add_months, next_year_end
from procspec.reading.documents import Document, load_bytes
from procspec.reading.model import Process
from procspec.reading.profile import BUILTIN, Profile
from procspec.reading.repository import (
    ROSTER_FILE,
    SETTINGS_FILE,
    ProcessRecord,
    Repository,
    rel_path,
)
from procspec.reading.root import YAML_SUFFIXES
from procspec.reading.slug import is_valid_id, slug
from procspec.rendering.jinja import environment

SCAFFOLD = "scaffold"
EXAMPLE_PEOPLE: dict[str, list[dict[str, str]]] = {
    "orebro": [
        {"key": "anna.berg", "name": "Anna Berg", "title": "Ekonomidirektör"},
        {"key": "cecilia.dahl", "name": "Cecilia Dahl", "title": "Redovisningschef"},
        {"key": "bo.ek", "name": "Bo Ek", "title": "Ekonomiadministratör"},
    ],
    "botkyrka": [
        {
            "key": "anna.berg",
            "name": "Anna Berg",
            "title": "Förvaltningschef, arbetsmarknads- och vuxenutbildningsförvaltningen",
        },
        {"key": "cecilia.dahl", "name": "Cecilia Dahl", "title": "Utvecklingsledare"},
        {"key": "bo.ek", "name": "Bo Ek", "title": "Kommundirektör"},
    ],
}
EXAMPLES = {
    "orebro": ("stödprocess", "betala-leverantörsfakturor"),
    "botkyrka": ("medborgarprocess", "möjliggöra-arbete-och-företagande"),
}
ORGANISATIONS = {"orebro": "Örebro kommun", "botkyrka": "Botkyrka kommun"}

GITHUB_WORKFLOW = ".github/workflows/procspec.yml"
GITLAB_CI = ".gitlab-ci.yml"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
VSCODE_SETTINGS = ".vscode/settings.json"
VSCODE_EXTENSIONS_FILE = ".vscode/extensions.json"

# The repository files `init` writes: target path -> template below templates/scaffold/.
INIT_FILES = {
    SETTINGS_FILE: "repo/procspec.yaml.j2",
    ROSTER_FILE: "repo/personer.yaml.j2",
    "README.md": "repo/README.md.j2",
    PRE_COMMIT_CONFIG: "repo/pre-commit-config.yaml.j2",
    GITHUB_WORKFLOW: "repo/github-workflow.yml.j2",
    GITLAB_CI: "repo/gitlab-ci.yml.j2",
}
PROCESS_TEMPLATE = "process.yaml.j2"

MAX_ID_BYTES = 200
"""File names are at most 255 bytes on common file systems; leave room for '.yaml' and more."""

NAME_CODES = ("PS101", "PS102", "PS103", "PS104", "PS107")
"""The naming rules `new` runs on a name before it writes anything."""


def render_template(template: str, /, **params: Any) -> str:
    """Render one template of rendering/templates/scaffold/."""
    return environment("scaffold").get_template(f"{SCAFFOLD}/{template}").render(**params)


# --------------------------------------------------------------------------------------------
# init
# --------------------------------------------------------------------------------------------


def band_folder(profile: Profile, kind: str) -> str:
    """The folder for top-level processes of `kind`: its label as a name ("stodprocesser")."""
    label = next((t.label or t.name for t in profile.types if t.name == kind), kind)
    return slug(derive_id(label)) or "processer"


def init_files(
    profile_name: str, organisation: str | None, today: date, install: str | None = None
) -> dict[str, tuple[str, str]]:
    """Every file `init` writes: path relative to the new root -> (template, rendered text).

    `install` is where CI installs procspec from (`install_source.check_source`); without it the
    CI files carry an empty, clearly marked setting that stops the job with an explanation.
    """
    if install is not None:
        install = check_source(install)
    if organisation is not None:  # it goes into comments and values of the new files
        organisation = _given_text(organisation, "scaffold.bad_organisation")
    if profile_name not in BUILTIN:
        raise UsageError(
            say("scaffold.unknown_profile", profile=profile_name, builtin="|".join(BUILTIN))
        )
    from procspec.reading.profile import load_profile

    profile = load_profile(profile_name, Path("."))
    kind, example_id = EXAMPLES[profile_name]
    params: dict[str, Any] = {
        "organisation": organisation or ORGANISATIONS[profile_name],
        "profile": profile_name,
        "people": [{**p, "email": f"{p['key']}@example.org"} for p in EXAMPLE_PEOPLE[profile_name]],
        "today": today.isoformat(),
        "goal_deadline": next_year_end(today).isoformat(),
        "activity_deadline": add_months(today, 6).isoformat(),
        "example_type": kind,
        "example_id": example_id,
        "install": install,
    }
    files = {target: (template, render_template(template, **params))
             for target, template in INIT_FILES.items()}  # fmt: skip
    example = f"processer/{band_folder(profile, kind)}/{example_id}.yaml"
    template = f"exempel/{profile_name}.yaml.j2"
    files[example] = (template, render_template(template, **params, modeline=modeline(example)))
    files[VSCODE_SETTINGS] = ("", _json(vscode_settings("processer")))
    files[VSCODE_EXTENSIONS_FILE] = ("", _json(VSCODE_EXTENSIONS))
    return files


def _linked_folder(root: Path, base: Path, folder: Path) -> str | None:
    """The first folder below the processes folder `base` down to `folder` that is a link
    (relative to `root`), if any: validate does not enter it."""
    current = base
    for part in folder.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            return rel_path(root, current)
    return None


def _given_text(value: str, refused: str) -> str:
    """A name given on the command line, trimmed and in NFC; `UsageError` with the message
    `refused` unless it is one line of text: not empty, without control or format characters,
    nor bytes the terminal gave that are not UTF-8 (surrogates)."""
    text = unicodedata.normalize("NFC", value.strip())
    if not text or any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in text):
        raise UsageError(say(refused))
    return text


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def init(
    folder: Path,
    profile_name: str,
    organisation: str | None,
    today: date,
    force: bool = False,
    install: str | None = None,
) -> list[str]:
    """Write a new process repository into `folder`; returns the paths written (relative).

    Every file is made and checked before any is written: when any of them exists, nothing is
    written (exit 1) unless `force`, and a folder, a special file or a file where a folder
    belongs is never replaced. The files are then written all or none (`write_all`).
    """
    blocked = not_a_folder(folder)
    if blocked is not None:
        raise UsageError(say("scaffold.not_a_folder", path=blocked))
    enclosing = _enclosing_repository(folder)
    if enclosing is not None:  # a repository inside another: two roots for the same files
        raise Refused(say("scaffold.inside", dir=folder.resolve(), root=enclosing))
    files = init_files(profile_name, organisation, today, install)
    for rel, (template, text) in files.items():
        _check_parses(rel, template, text)
    texts = {rel: text for rel, (_, text) in files.items()}
    texts.update(_schemas(texts))
    in_the_way = {
        p.relative_to(folder).as_posix() for rel in texts if (p := obstacle(folder / rel))
    }
    existing = {rel for rel in texts if os.path.lexists(folder / rel)} | in_the_way
    if existing and not force:
        found = ", ".join(sorted(existing))
        raise Refused(say("scaffold.exists", files=found, dir=folder.resolve()))
    if in_the_way:  # --force replaces files, never a folder or a special file
        found = ", ".join(sorted(in_the_way))
        raise Refused(say("scaffold.in_the_way", files=found, dir=folder.resolve()))
    write_all({folder / rel: text for rel, text in texts.items()})
    return list(texts)


def _schemas(texts: dict[str, str]) -> dict[str, str]:
    """The new repository's own schemas (`schemas/`), made from its files in a folder of their
    own, so that they are known before anything is written."""
    with tempfile.TemporaryDirectory(prefix="procspec-init.") as scratch:
        top = Path(scratch)
        for rel, text in texts.items():
            (top / rel).parent.mkdir(parents=True, exist_ok=True)
            (top / rel).write_text(text, encoding="utf-8")
        return {f"{SCHEMA_FOLDER}/{name}": text for name, text in schema_texts(top).items()}


def _enclosing_repository(folder: Path) -> Path | None:
    """The procspec repository above `folder` (a folder holding procspec.yaml), if any."""
    try:
        here = folder.resolve()
    except (OSError, RuntimeError):
        return None
    for parent in here.parents:
        if (parent / "procspec.yaml").is_file():
            return parent
    return None


def _check_parses(rel: str, template: str, text: str) -> None:
    """A generated YAML file must parse (a broken template is a bug, exit 3 would hide it)."""
    if not rel.endswith(YAML_SUFFIXES):
        return
    doc = load_bytes(text.encode("utf-8"), Document(path=Path(rel), rel=rel))
    if not doc.ok:
        problem = doc.problems[0].message if doc.problems else "?"
        raise ProcspecError(say("scaffold.template_broken", template=template, problem=problem))


# --------------------------------------------------------------------------------------------
# new
# --------------------------------------------------------------------------------------------


def derive_id(name: str) -> str:
    """The id for a name: lower-case, spaces to hyphens, å ä ö kept, other letters without their
    accents, other punctuation dropped ("Följa upp budget (2027)" -> "följa-upp-budget-2027")."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", name.strip().lower()):
        if char in "åäö" or ("a" <= char <= "z") or (char.isdigit() and char.isascii()):
            out.append(char)
        elif char.isspace() or char in "-_/–—":
            out.append("-")
        elif char.isalpha():
            base = unicodedata.normalize("NFKD", char)[0]
            if base.isascii() and base.isalpha():
                out.append(base)
    return "-".join(part for part in "".join(out).split("-") if part)


@dataclass
class NewProcess:
    """What `new` will write, once every check has passed."""

    id: str
    path: Path
    rel: str
    text: str
    kind: str
    level: int
    parent: str | None
    warnings: list[Problem] = field(default_factory=list)
    """Naming problems below error level (Botkyrka makes the naming rules warnings)."""


def plan_new(
    repo: Repository, name: str, kind: str | None, parent: str | None, today: date
) -> NewProcess:
    """Check a new process (name, type, parent, id, file) and render its file; writes nothing."""
    name = _given_text(name, "scaffold.bad_name")
    ctx = Context.build(repo, today)
    parent_record = _parent(ctx, parent) if parent else None
    kind = _kind(ctx, kind, parent_record)
    pid = derive_id(name)
    if not is_valid_id(pid):
        raise UsageError(say("scaffold.no_id", name=name))
    if len(pid.encode("utf-8")) > MAX_ID_BYTES:
        raise UsageError(say("scaffold.too_long", max=MAX_ID_BYTES))
    _check_free(ctx, pid)
    level = _parent_level(ctx, parent_record, set()) + 1 if parent_record is not None else 1
    base = (repo.root / repo.settings.processes).resolve()  # as validate walks it
    if parent_record is not None:
        folder = parent_record.doc.path.parent
    else:
        folder = base / _top_folder(ctx, kind)
    linked = _linked_folder(repo.root, base, folder)
    if linked is not None:  # the file would be written elsewhere, and never read
        raise Refused(say("scaffold.linked_folder", folder=linked))
    path = folder / f"{pid}.yaml"
    rel = path.relative_to(repo.root).as_posix()
    for existing in (path, path.with_suffix(".yml")):
        if existing.exists():
            raise Refused(say("scaffold.file_exists", file=rel))
    warnings = _check_name(repo, ctx, pid, rel, name, kind, today)
    text = render_template(
        PROCESS_TEMPLATE,
        **_process_params(ctx, pid, name, kind, level, parent_record, today),
        modeline=modeline(rel),
    )
    _check_parses(rel, PROCESS_TEMPLATE, text)
    return NewProcess(pid, path, rel, text, kind, level, parent_record.id if parent_record else None,
                      warnings)  # fmt: skip


def write_new(plan: NewProcess) -> None:
    """Write the planned file (its folder is created when needed)."""
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    with plan.path.open("x", encoding="utf-8") as handle:
        handle.write(plan.text)


def _parent(ctx: Context, wanted: str) -> ProcessRecord:
    found = ctx.find(wanted)
    if found is None:
        hint = ctx.did_you_mean(wanted)
        raise NotFoundError(say("scaffold.unknown_parent", parent=wanted, hint=hint))
    if found.model is None and not found.doc.ok:
        raise Refused(say("scaffold.parent_unreadable", file=found.rel))
    return found


# A parent with schema errors (PS005–PS007: say, just written by `new`, its required fields still
# empty) has no model. `new` then reads what it needs from the parent's raw data: `typ` when it is
# one of the profile's types, `nivå` when it is a whole number, and the roles it names.


def _raw(record: ProcessRecord, key: str) -> object:
    data = record.doc.data
    return data.get(key) if isinstance(data, dict) else None


def _parent_kind(ctx: Context, parent: ProcessRecord | None) -> str | None:
    if parent is None:
        return None
    if parent.model is not None:
        return parent.model.kind
    kind = _raw(parent, "typ")
    return kind if isinstance(kind, str) and kind in ctx.repo.profile.type_names else None


def _parent_level(ctx: Context, parent: ProcessRecord, seen: set[str]) -> int:
    """The parent's level: as the rules count it, or from its raw `nivå` or `överordnad`."""
    if parent.model is not None:
        return ctx.level(parent.id)
    level = _raw(parent, "nivå")
    if isinstance(level, int) and not isinstance(level, bool) and level >= 1:
        return level
    above = _raw(parent, "överordnad")
    grand = ctx.find(above) if isinstance(above, str) and above.strip() else None
    if grand is not None and grand.id not in seen | {parent.id}:
        return _parent_level(ctx, grand, seen | {parent.id}) + 1
    return 1


def _parent_holders(ctx: Context, parent: ProcessRecord, role: str, seen: set[str]) -> list[str]:
    """Who effectively holds `role` in the parent (for the comment on inherited roles)."""
    if parent.model is not None:
        return ctx.leader(parent.id)[0] if role == "processledare" else ctx.role(parent.id, role)[0]
    own = _raw(parent, role)
    if isinstance(own, str) and own.strip():
        return [own]
    if isinstance(own, list) and own and all(isinstance(k, str) and k.strip() for k in own):
        return list(own)
    profile = ctx.repo.profile
    if role == "processledare":
        for fallback in profile.leader_fallback:
            if holders := _parent_holders(ctx, parent, fallback, seen):
                return holders
        return []
    above = _raw(parent, "överordnad")
    grand = ctx.find(above) if isinstance(above, str) and above.strip() else None
    inherits = profile.rule_for(_parent_level(ctx, parent, set())).inherits
    if grand is None or grand.id in seen | {parent.id} or role not in inherits:
        return []
    return _parent_holders(ctx, grand, role, seen | {parent.id})


def _kind(ctx: Context, kind: str | None, parent: ProcessRecord | None) -> str:
    profile = ctx.repo.profile
    allowed = ", ".join(profile.type_names)
    parent_kind = _parent_kind(ctx, parent)
    if kind is None:
        if parent is not None and parent_kind is None:
            raise Refused(say("scaffold.parent_no_type", file=parent.rel, allowed=allowed))
        if parent_kind is None:
            raise UsageError(say("scaffold.type_needed", allowed=allowed))
        return parent_kind
    kind = unicodedata.normalize("NFC", kind.strip())
    if kind not in profile.type_names:
        close = difflib.get_close_matches(kind, profile.type_names, n=1, cutoff=0.6)
        hint = say("schema.did_you_mean", suggestion=close[0]) if close else ""
        raise UsageError(
            say(
                "scaffold.unknown_type", kind=kind, profile=profile.name, hint=hint, allowed=allowed
            )
        )
    if parent is not None and parent_kind is not None and kind != parent_kind:
        raise UsageError(say("scaffold.type_differs", parent=parent.id, parent_kind=parent_kind))
    return kind


def _check_free(ctx: Context, pid: str) -> None:
    """The id and its output name must be free (PS106, PS108)."""
    for record in ctx.repo.records:
        if record.id == pid:
            raise Refused(say("scaffold.id_taken", id=pid, file=record.rel))
        if slug(record.id) == slug(pid):
            raise Refused(say("scaffold.slug_taken", id=pid, other=record.id, file=record.rel))


def _top_folder(ctx: Context, kind: str) -> str:
    """Where a top-level process of `kind` goes, relative to the processes folder: the folder
    most top-level processes of that type already use, else one named after the type's band."""
    base = (ctx.repo.root / ctx.repo.settings.processes).resolve()
    counts: dict[str, int] = {}
    for record, model in ctx.processes():
        if model.kind == kind and model.parent is None:
            try:
                folder = record.doc.path.parent.resolve().relative_to(base).as_posix()
            except ValueError:
                continue
            counts[folder] = counts.get(folder, 0) + 1
    if counts:
        best = max(sorted(counts), key=lambda f: counts[f])
        return "" if best == "." else best
    return band_folder(ctx.repo.profile, kind)


def _check_name(
    repo: Repository, ctx: Context, pid: str, rel: str, name: str, kind: str, today: date
) -> list[Problem]:
    """Run the naming rules (NAME_CODES) on `name` as if the process existed; refuse on an error
    after the profile's and the repository's severities, return the rest."""
    from procspec.checking.checker import context, run_rules, settle

    model = Process.model_validate(
        {
            "namn": name,
            "typ": kind,
            "syfte": "-",
            "starthändelse": "-",
            "sluthändelse": "-",
            "mottagare": ["-"],
        }  # fmt: skip
    )
    doc = Document(path=repo.root / rel, rel=rel, data={"namn": name})
    record = ProcessRecord(id=pid, rel=rel, doc=doc, model=model)
    trial = replace(repo, records=[*repo.records, record], problems=[])
    trial_ctx = context(trial, today)
    found = [p for p in run_rules(trial_ctx, NAME_CODES) if p.process == pid]
    settled = settle(found, trial)
    errors = [p for p in settled if p.severity is Severity.ERROR]
    if errors:
        raise Refused(
            say("scaffold.name_refused", name=name),
            hint=say("scaffold.name_hint", code=errors[0].code),
            details=tuple(say("scaffold.detail", code=p.code, message=p.message) for p in errors),
        )
    return settled


def _process_params(
    ctx: Context,
    pid: str,
    name: str,
    kind: str,
    level: int,
    parent: ProcessRecord | None,
    today: date,
) -> dict[str, Any]:
    profile = ctx.repo.profile
    rule = profile.rule_for(level)
    roles: list[dict[str, Any]] = []
    for role in profile.roles:
        holders: list[str] = []
        if parent is not None and role in rule.inherits:
            holders = _parent_holders(ctx, parent, role, set())
        if holders:
            mode = "inherited"
        elif role in rule.requires:
            mode = "required"
        else:
            mode = "optional"
        roles.append(
            {
                "key": role,
                "mode": mode,
                "holders": ", ".join(ctx.person(h) for h in holders),
                "locked": role in rule.locked,
                "max_owners": rule.max_owners,
                "fallback": " eller ".join(_DEFINITE.get(r, r) for r in profile.leader_fallback)
                or "processägaren",
                "example": _role_example(role),
            }
        )
    parent_name = None
    if parent is not None:
        raw_name = parent.model.name if parent.model is not None else _raw(parent, "namn")
        if isinstance(raw_name, str) and raw_name.strip():
            parent_name = f"{raw_name.strip()} ({parent.id})"
    people = ", ".join(sorted(ctx.roster)[:2])
    return {
        "id": pid,
        "name": name,
        "kind": kind,
        "types": ", ".join(profile.type_names),
        "profile": profile.name,
        "level": level if profile.level_required else None,
        "parent": parent.id if parent is not None else None,
        "parent_name": parent_name,
        "roles": roles,
        "forum": "processtöd" in profile.roles,
        "people": people,
        "today": today.isoformat(),
        "next_year": next_year_end(today).isoformat(),
        "goal_setter": (rule.goal_setters or ["processägare"])[0],
    }


def _role_example(role: str) -> str:
    if role == "processteam":
        return "[personnyckel, personnyckel]"
    if role == "processtöd":
        return "{processhandledare: personnyckel}"
    return "personnyckel"


_DEFINITE = {"processägare": "processägaren", "processledare": "processledaren"}
