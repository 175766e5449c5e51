"""A process repository on disk: settings, roster, profile and process files (SPEC §1).

`load_repository` reads everything once and returns plain records; the rules then work on the
records without reading files again.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from procspec.errors import ConfigError, UsageError
from procspec.messages import Text, say
from procspec.problem import Pos, Problem, Severity
from procspec.reading.documents import Document, KeyPath, load_bytes, load_file
from procspec.reading.filestage import documents_each, workers_for
from procspec.reading.model import Person, Process, Settings
from procspec.reading.profile import Profile, ProfileError, load_profile
from procspec.reading.root import (
    ROSTER_FILE,
    SETTINGS_FILE,
    YAML_SUFFIXES,
    nearest_root,
    working_folder_gone,
)
from procspec.reading.schema import valid, validate
from procspec.reading.walk import walk


@dataclass
class ProcessRecord:
    """One process file: its id, where it is, what it says (when it validated)."""

    id: str
    rel: str
    doc: Document
    model: Process | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Repository:
    """Everything read from a process repository."""

    root: Path
    settings: Settings
    profile: Profile
    roster: dict[str, Person]
    roster_doc: Document
    records: list[ProcessRecord]
    problems: list[Problem]
    settings_doc: Document | None = None
    """procspec.yaml as read (for positions, such as the codes under `regler:`)."""

    @property
    def lang(self) -> str:
        return self.settings.language

    def processes(self) -> Iterator[ProcessRecord]:
        """Records whose file validated against the model."""
        return (r for r in self.records if r.model is not None)


def reachable(path: Path) -> Path:
    """`path`, which a command is to use; a usage error when it is relative and the folder the
    command runs in is gone, so that it leads nowhere (whatever it would be said of it)."""
    if not path.is_absolute() and working_folder_gone():
        raise UsageError(say("repo.cwd_gone"))
    return path


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds procspec.yaml."""
    if not reachable(start).exists():
        raise UsageError(say("repo.no_path", path=str(start)))
    root = nearest_root(start)
    if root is None:
        folder = start.resolve()
        folder = folder.parent if folder.is_file() else folder
        raise UsageError(say("repo.no_settings", path=str(folder)), hint=say("repo.init_hint"))
    return root


def rel_path(root: Path, path: Path) -> str:
    """A path relative to the root, with '/', in NFC."""
    text, base = str(path), os.path.join(str(root), "")
    if os.sep == "/" and text.startswith(base) and base != "/":  # the common case, without pathlib
        rel = text[len(base) :]
    else:
        rel = path.relative_to(root).as_posix()
    return rel if rel.isascii() else unicodedata.normalize("NFC", rel)


def process_id(path: Path) -> str:
    """The process id is the file stem, compared after Unicode NFC."""
    return unicodedata.normalize("NFC", path.stem)


def _within(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except RuntimeError:  # a loop of links (Python 3.11; OSError later) leads nowhere: reading
        return True  # it fails, with a problem on the file, as for a link to nothing
    except (ValueError, OSError):
        return False
    return True


def inside(root: Path, path: Path) -> bool:
    """`_within` for an entry of a folder already known to be inside the root (the walk does not
    follow links): only a link can lead outside, so only a link needs resolving."""
    return not os.path.islink(path) or _within(root, path)


def discover(root: Path, folder: Path, linked: list[Path] | None = None) -> list[Path]:
    """Every YAML file below `folder`, sorted. A linked folder is not entered (its files would
    be checked and published as the repository's own, or twice): each is added to `linked`. A
    linked file is listed, and `load_process` reports it unread when it leads outside."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for current, dirs, files in walk(folder):
        base = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if linked is not None:
            linked.extend(base / d for d in dirs if os.path.islink(base / d))
        for name in files:
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                found.append(base / name)
    return sorted(found, key=lambda p: rel_path(root, p))


Files = Mapping[str, bytes]
"""A repository read from elsewhere than the disk (git objects at a revision): file contents keyed
by the path relative to the root, with '/'."""


def _load(root: Path, rel: str, files: Files | None) -> Document:
    """Load `rel` from the disk, or from `files` when given."""
    if files is None:
        if not _within(root, root / rel):  # a link to a file elsewhere is not read, or published
            doc = Document(path=root / rel, rel=rel)
            doc.problems.append(Problem(rel, 1, 1, "PS004", Severity.ERROR, say("load.outside")))
            return doc
        return load_file(root / rel, rel)
    return load_bytes(files[rel], Document(path=root / rel, rel=rel))


def _discover_in(folder_rel: str, files: Files) -> list[str]:
    """The YAML files below `folder_rel` in `files` (hidden files and folders skipped), sorted."""
    prefix = "" if folder_rel in ("", ".") else folder_rel.rstrip("/") + "/"
    found = []
    for rel in files:
        if not rel.startswith(prefix) or not rel.endswith(YAML_SUFFIXES):
            continue
        if any(part.startswith(".") for part in rel[len(prefix) :].split("/")):
            continue
        found.append(unicodedata.normalize("NFC", rel))
    return sorted(found)


def _config_error(doc: Document, problems: list[Problem]) -> ConfigError:
    return ConfigError(say("repo.bad_file", path=doc.rel), problems)


def _setting_error(doc: Document, key: str, message: Text) -> ConfigError:
    """A value of procspec.yaml that its type allows but the repository cannot use (a profile
    file that is not there, a process folder outside the repository): PS007 on its line."""
    return _config_error(doc, [doc.wrong_value((key,), message)])


def load_settings(root: Path, files: Files | None = None) -> Settings:
    """Read procspec.yaml; any problem in it is a configuration error (exit 2)."""
    return _read_settings(root, files)[0]


def _read_settings(root: Path, files: Files | None) -> tuple[Settings, Document]:
    doc = _load(root, SETTINGS_FILE, files)
    if not doc.ok:
        raise _config_error(doc, doc.problems)
    settings, problems = validate(Settings, doc)
    # A key written twice, say, is a problem too: the settings would silently take the first.
    if settings is None or doc.problems:
        raise _config_error(doc, [*doc.problems, *problems])
    return settings, doc


def load_roster(
    root: Path, files: Files | None = None, *, cache: bool = False
) -> tuple[dict[str, Person], Document, list[Problem]]:
    """Read personer.yaml. An unreadable roster is a configuration error; bad entries are problems.

    With `cache`, its parsed data comes from the per-file cache when its bytes are unchanged, and
    positions are read again only for a problem to place."""
    path = root / ROSTER_FILE
    if not (path.is_file() if files is None else ROSTER_FILE in files):
        raise ConfigError(say("repo.no_roster", path=ROSTER_FILE), [])
    if cache and files is None and _within(root, path):
        [doc] = documents_each(root, [(path, ROSTER_FILE)], cache=True, jobs=1)
    else:
        doc = _load(root, ROSTER_FILE, files)
    if not doc.ok:
        raise _config_error(doc, doc.problems)
    roster: dict[str, Person] = {}
    problems: list[Problem] = list(doc.problems)
    from procspec.reading.model import PERSON_KEY

    failed: list[str] = []
    for key, entry in doc.data.items():
        if not PERSON_KEY.fullmatch(key):
            failed.append(key)
            continue
        person = valid(Person, entry)
        if person is None:
            failed.append(key)
        else:
            roster[key] = person
    if failed:  # only now are the positions needed
        problems.extend(_roster_problems(doc, failed))
    return roster, doc, problems


def _roster_problems(doc: Document, keys: list[str]) -> list[Problem]:
    """The problems of the roster entries `keys`, each placed in the file."""
    from procspec.reading.model import PERSON_KEY

    # Positions grouped by person once: filtering all of them per person is quadratic.
    keys_of: dict[object, dict[KeyPath, Pos]] = {}
    values_of: dict[object, dict[KeyPath, Pos]] = {}
    for found, by_person in ((doc.keys, keys_of), (doc.values, values_of)):
        for k, v in found.items():
            if k:
                by_person.setdefault(k[0], {})[k[1:]] = v
    problems: list[Problem] = []
    for key in keys:
        if not PERSON_KEY.fullmatch(key):
            pos = doc.key_pos((key,))
            problems.append(
                Problem(
                    ROSTER_FILE,
                    pos.line,
                    pos.column,
                    "PS007",
                    Severity.ERROR,
                    say("schema.person_key", value=key),
                )
            )
            continue
        sub = Document(path=doc.path, rel=doc.rel, data=doc.data[key], keys={}, values={})
        sub.keys = keys_of.get(key, {})
        sub.values = values_of.get(key, {})
        sub.values.setdefault((), doc.key_pos((key,)))
        problems.extend(validate(Person, sub)[1])
    return problems


def load_process(
    root: Path,
    path: Path,
    profile: Profile,
    files: Files | None = None,
    doc: Document | None = None,
) -> ProcessRecord:
    """Read and validate one process file (from `files` when given, keyed by `rel_path`; `doc`
    when it was read already, by `filestage.documents_each`)."""
    rel = rel_path(root, path)
    # From the disk, read the path as it is: its name may be in another Unicode form than `rel`.
    if doc is not None:
        pass
    elif files is not None:
        doc = _load(root, rel, files)
    else:
        doc = read_document(root, path)
    pid = process_id(path)
    record = ProcessRecord(id=pid, rel=rel, doc=doc, model=None, problems=list(doc.problems))
    for i, problem in enumerate(record.problems):
        record.problems[i] = _with_process(problem, pid)
    if not doc.ok:
        return record
    model, problems = validate(Process, doc, process=pid)
    record.problems.extend(problems)
    record.problems.extend(_profile_keys(doc, profile, pid))
    if model is not None:
        if profile.level_required and model.level is None:
            record.problems.append(
                Problem(rel, 1, 1, "PS006", Severity.ERROR, say("schema.missing_level"), pid)
            )
        if model.kind not in profile.type_names:
            pos = doc.value_pos(("typ",))
            record.problems.append(
                Problem(
                    rel,
                    pos.line,
                    pos.column,
                    "PS007",
                    Severity.ERROR,
                    say(
                        "schema.enum",
                        key="typ",
                        value=model.kind,
                        allowed=", ".join(profile.type_names),
                    ),
                    pid,
                )
            )
            model = None
    record.model = model
    doc.release()  # the model holds what the rules read: the data can be had again if asked for
    return record


_ROLE_KEYS = ("processansvarig", "processtöd", "processledare", "processteam", "processägare")


def outside(path: Path, rel: str) -> Document:
    """A link to a file elsewhere: not read, or published (PS004)."""
    doc = Document(path=path, rel=rel)
    doc.problems.append(Problem(rel, 1, 1, "PS004", Severity.ERROR, say("load.outside")))
    return doc


def _profile_keys(doc: Document, profile: Profile, pid: str) -> list[Problem]:
    """Roles the profile does not use are unknown keys for it (Örebro has no processansvarig)."""
    problems = []
    for key in _ROLE_KEYS:
        if key in doc.data and key not in profile.roles:
            pos = doc.key_pos((key,))
            problems.append(
                Problem(
                    doc.rel,
                    pos.line,
                    pos.column,
                    "PS005",
                    Severity.ERROR,
                    say("schema.not_in_profile", key=key, profile=profile.name),
                    pid,
                )
            )
    return problems


def _with_process(problem: Problem, pid: str) -> Problem:
    from dataclasses import replace

    return replace(problem, process=pid)


def load_repository(
    start: Path,
    files: Files | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    jobs: int | None = None,
    cache: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> Repository:
    """Read a whole repository from the folder at or above `start`.

    With `files` (for example `procspec.git.log.files_at`: the repository at a git revision), the
    root is still found on the disk, but every settings, roster and process file is read from
    `files` instead; a custom profile file is read from the disk. `progress` is called after each
    process file with (files done, files in all, the file's path relative to the root).

    From the disk, the process files are parsed by `filestage.documents_each`: in parallel when
    that pays (`jobs` processes, default `PROCSPEC_JOBS` or every CPU), and from the per-file
    cache in `.procspec-cache/files/` with `cache`. `meanwhile` is called once while the files
    are parsed (`filestage.parse_each`): work of the caller's own that needs no process file.
    """
    repo, paths = open_repository(start, files, cache=cache)
    if files is None:
        records = read_records(
            repo, paths, jobs=jobs, cache=cache, every_file=True, progress=progress,
            meanwhile=meanwhile,
        )  # fmt: skip
    else:
        if meanwhile is not None:
            meanwhile()
        records = []
        for path in paths:
            records.append(load_process(repo.root, path, repo.profile, files))
            if progress is not None:
                progress(len(records), len(paths), records[-1].rel)
    return with_records(repo, records)


def with_records(repo: Repository, records: list[ProcessRecord]) -> Repository:
    """`repo` (opened by `open_repository`) with its process files' records and their
    problems."""
    repo.records = records
    for record in records:
        repo.problems.extend(record.problems)
    return repo


def open_repository(
    start: Path, files: Files | None = None, *, cache: bool = False
) -> tuple[Repository, list[Path]]:
    """The repository at or above `start` with its settings, profile and roster read, but no
    process file (`records` is empty), and the process files it has, in order (`cache` as in
    `load_repository`)."""
    root = find_root(start) if files is None else _root_for(start)
    settings, settings_doc = _read_settings(root, files)
    try:
        profile = load_profile(settings.profile, root)
    except ProfileError as exc:  # a configuration error: its problems are reported like the rest
        if exc.problems:  # in the profile file
            raise ConfigError(exc.message, exc.problems) from None
        raise _setting_error(settings_doc, "profil", exc.message) from None
    roster, roster_doc, problems = load_roster(root, files, cache=cache)
    folder = (root / settings.processes).resolve()
    if not _within(root, folder):
        message = say("repo.processes_outside", path=settings.processes)
        raise _setting_error(settings_doc, "processer", message)
    if files is None and folder.exists() and not folder.is_dir():
        message = say("repo.processes_not_folder", path=settings.processes)
        raise _setting_error(settings_doc, "processer", message)
    if files is None:
        linked: list[Path] = []
        paths = discover(root, folder, linked)
        problems.extend(
            Problem(rel_path(root, p), 1, 1, "PS004", Severity.ERROR, say("load.linked_folder"))
            for p in linked
        )
    else:
        paths = [root / rel for rel in _discover_in(rel_path(root, folder), files)]
    repo = Repository(root, settings, profile, roster, roster_doc, [], problems, settings_doc)
    return repo, paths


def read_records(
    repo: Repository,
    paths: list[Path],
    *,
    jobs: int | None = None,
    cache: bool = False,
    every_file: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[ProcessRecord]:
    """The records of the process files `paths` on the disk, in order (see `load_repository`);
    `every_file`: `paths` are all the repository's process files (the per-file cache may then
    prune the entries they did not use).

    With the pool, each model is built as soon as its document is there, while the workers parse
    the files after it. In one process every file is parsed first and then every model built:
    parsing and modelling in turn, file by file, costs a tenth more (each evicts what the other
    keeps in the processor's caches)."""
    docs: Iterable[Document] = _documents(
        repo.root, paths, jobs, cache, every_file, progress, meanwhile
    )
    if workers_for(len(paths), jobs) < 2:
        docs = list(docs)
    return [
        load_process(repo.root, p, repo.profile, doc=d) for p, d in zip(paths, docs, strict=True)
    ]


def read_document(root: Path, path: Path) -> Document:
    """A process file's document read from the disk (a link that leads outside the repository
    is not read)."""
    rel = rel_path(root, path)
    return load_file(path, rel) if inside(root, path) else outside(path, rel)


def _documents(
    root: Path,
    paths: list[Path],
    jobs: int | None,
    cache: bool,
    every_file: bool,
    progress: Callable[[int, int, str], None] | None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[Document]:
    """The documents of the process files on the disk, in order, each as soon as it is there; a
    link that leads outside the repository is not read."""
    rels = [rel_path(root, path) for path in paths]
    read_here = [i for i, path in enumerate(paths) if inside(root, path)]
    count = [len(paths) - len(read_here)]  # the links that lead outside are done: they are not read

    def done_one(rel: str) -> None:
        count[0] += 1
        if progress is not None:
            progress(count[0], len(paths), rel)

    wanted = [(paths[i], rels[i]) for i in read_here]
    read = documents_each(
        root, wanted, jobs=jobs, cache=cache, every_file=every_file, done_one=done_one,
        meanwhile=meanwhile,
    )  # fmt: skip
    chosen = set(read_here)
    for i, (path, rel) in enumerate(zip(paths, rels, strict=True)):
        yield next(read) if i in chosen else outside(path, rel)
    for _ in read:  # run to its end: it stores what it parsed and closes the cache
        pass


def _root_for(start: Path) -> Path:
    """The root for a repository read from `files`: found on the disk when possible (the work
    tree), otherwise `start` itself."""
    try:
        return find_root(start)
    except UsageError:
        return start.resolve()
