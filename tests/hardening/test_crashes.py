"""Crashes and wrong positions: extreme dates and numbers, long parent chains, deep folders,
outputs that cannot be written, characters YAML does not read as line breaks, large flow-style
files, numbers written the Swedish way and ignore comments. Each gets a problem or one clear
sentence, with the contract's exit status, and nothing outside the output is touched."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPOS, copy_example
from .conftest import Result, assert_no_traceback, run_cli, run_subprocess, snapshot

SPEC = "processer/följa-upp-budget.yaml"
ORIGINAL = (REPOS / "orebro" / SPEC).read_text(encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", target)
    return target


def _write(root: Path, text: str) -> None:
    (root / SPEC).write_text(text, encoding="utf-8")


def problems(result: Result) -> list[tuple[int, int, str]]:
    return [(p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]]


COMMANDS = [
    ["validate", "{root}", "--format", "json"],
    ["status", "{root}", "--format", "json"],
    ["list", "{root}", "--format", "json"],
    ["tree", "{root}"],
    ["show", "följa-upp-budget", "--repo", "{root}"],
    ["codeowners", "{root}"],
    ["render", "{root}", "--out", "{out}"],
    ["render", "{root}", "--out", "{out}", "--format", "md"],
]


def _every_command(root: Path, *extra: str) -> list[Result]:
    results = []
    for command in COMMANDS:
        args = [
            a.replace("{root}", str(root)).replace("{out}", str(root.parent / "ut"))
            for a in command
        ]
        if args[0] in ("validate", "status", "render"):
            args += list(extra)
        result = run_cli(*args)
        assert_no_traceback(result)
        results.append(result)
    return results


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      - datum: 2026-09-30", "      - datum: 9999-12-31"),
        ("aktiviteter:", "granskad:\n  av: anna.berg\n  datum: 9999-12-31\naktiviteter:"),
        ("    senast: 2027-12-31", "    senast: 9999-12-31"),
        ("    klart_senast: 2026-04-30", "    klart_senast: 9999-12-31"),
        ("      - datum: 2026-09-30", "      - datum: 0001-01-01"),
    ],  # fmt: skip
)
def test_extreme_dates(root: Path, old: str, new: str) -> None:
    _write(root, ORIGINAL.replace(old, new))
    _every_command(root, "--today", "2026-11-25")


@pytest.mark.parametrize("today", ["9999-12-15", "9999-12-31", "0001-01-01"])
def test_extreme_today(root: Path, today: str) -> None:
    _every_command(root, "--today", today)


def test_a_review_period_of_100000_months(root: Path) -> None:
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text("utf-8") + "granskning_månader: 100000\n", "utf-8")
    result = run_cli("validate", str(root), "--format", "json")
    assert_no_traceback(result)
    assert result.exit == 2
    assert "120" in result.output


@pytest.mark.parametrize("key", ["målvärde: 2", "värde: 2.5"])
def test_a_400_digit_number(root: Path, key: str) -> None:
    name = key.split(": ")[0]
    _write(root, ORIGINAL.replace(key, f"{name}: {'9' * 400}"))
    results = _every_command(root, "--today", "2026-11-25")
    assert results[0].exit == 1
    assert any(code == "PS007" for _, _, code in problems(results[0]))
    assert results[-1].exit == 1  # render refuses


def test_a_number_longer_than_python_converts(root: Path) -> None:
    # Python refuses to convert a decimal integer of more than 4,300 digits (a guard against
    # denial of service): the value is a PS004 problem on its own line, in every file kind.
    long = "9" * (sys.get_int_max_str_digits() + 1)
    _write(root, ORIGINAL.replace("målvärde: 2\n", f"målvärde: {long}\n"))
    results = _every_command(root, "--today", "2026-11-25")
    assert results[0].exit == 1
    found = [p for p in json.loads(results[0].stdout)["problems"] if p["code"] == "PS004"]
    assert [(p["path"], p["line"], p["column"]) for p in found] == [(SPEC, 18, 15)]
    assert "4 300 siffror" in found[0]["message"]
    assert results[-1].exit == 1  # render refuses

    _write(root, ORIGINAL)
    for name, text in (("procspec.yaml", f"granskning_månader: {long}\n"),
                       ("personer.yaml", f"kalle.nummer:\n  namn: {long}\n")):  # fmt: skip
        path = root / name
        before = path.read_text("utf-8")
        path.write_text(before + text, "utf-8")
        result = run_cli("validate", str(root), "--format", "json")
        assert_no_traceback(result)
        assert result.exit == 2, result.output
        codes = [(p["path"], p["code"]) for p in json.loads(result.stdout)["problems"]]
        assert (name, "PS004") in codes
        path.write_text(before, "utf-8")


def test_a_setting_written_twice_is_a_configuration_error(root: Path, tmp_path: Path) -> None:
    # The settings would take the first and silently drop the second, which a process leader
    # appended to change them.
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text("utf-8") + "organisation: Nya kommunen\n", "utf-8")
    result = run_cli("validate", str(root), "--format", "json")
    assert_no_traceback(result)
    assert result.exit == 2
    found = json.loads(result.stdout)["problems"]
    assert [(p["path"], p["line"], p["code"]) for p in found] == [("procspec.yaml", 3, "PS002")]
    before = snapshot(tmp_path)
    result = run_cli("render", str(root), "--out", str(tmp_path / "ut"))
    assert result.exit == 2 and "PS002" in result.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_repository_without_processes_renders(root: Path, tmp_path: Path, fmt: str) -> None:
    # A new repository, or one whose processes folder is still empty: the site says so, and
    # its search index is empty (lunr.py divides by the number of documents).
    shutil.rmtree(root / "processer")
    (root / "processer").mkdir()
    result = run_cli("render", str(root), "--out", str(tmp_path / "ut"), "--format", fmt)
    assert_no_traceback(result)
    assert result.exit == 0, result.output
    if fmt == "html":
        index = (tmp_path / "ut" / "sok-index.js").read_text("utf-8")
        data = json.loads(index.removeprefix("window.PROCSPEC_SOK=").rstrip(";\n"))
        assert data["docs"] == [] and data["index"]["fieldVectors"] == []
    assert (tmp_path / "ut" / f"index.{fmt}").is_file()


def test_a_file_name_that_is_not_utf8(root: Path, tmp_path: Path) -> None:
    # Linux allows any bytes in a file name: Python keeps those that are not UTF-8 as
    # surrogates, which every output, the caches and the schemas must get through.
    name = os.fsencode(root / "processer") + b"/betala-fakturor-\xff.yaml"
    with open(name, "wb") as stream:
        stream.write(ORIGINAL.replace("Följa upp budget", "Betala fakturor").encode())
    for fmt in ("text", "json", "github", "gitlab"):
        for _ in range(2):  # the second from the cache
            result = run_cli("validate", str(root), "--format", fmt, "--today", "2026-11-25")
            assert_no_traceback(result)
            assert result.exit == 1, (fmt, result.output)
            assert "PS105" in result.output
    # CSV is written as bytes to the standard output's buffer: a real process.
    done = subprocess.run(
        [sys.executable, "-m", "procspec", "goals", str(root), "--format", "csv"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "betala-fakturor-?;Betala fakturor" in done.stdout.decode("utf-8")
    result = run_cli("schema", "--repo", str(root), "--out", str(tmp_path / "scheman"))
    assert_no_traceback(result)
    assert result.exit == 0
    schema = (tmp_path / "scheman" / "process.schema.json").read_text("utf-8")
    assert "betala-fakturor-" not in schema  # an id no file can refer to is not offered


def test_a_level_beyond_64_bits_is_a_problem_and_no_cache_entry(root: Path) -> None:
    # MessagePack holds integers of 64 bits: the per-file results are not kept, the run goes on.
    _write(root, ORIGINAL.replace("typ: ", "nivå: 99999999999999999999\ntyp: ", 1))
    for _ in range(2):  # the second run, without an entry, finds the same
        result = run_cli("validate", str(root), "--format", "json", "--today", "2026-11-25")
        assert_no_traceback(result)
        assert result.exit == 1, result.output
        found = [(p["line"], p["code"]) for p in json.loads(result.stdout)["problems"]
                 if p["path"] == SPEC]  # fmt: skip
        assert (2, "PS303") in found, result.output  # not one below its parent's level


def test_goals_on_the_day_given_whatever_the_environment_says(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROCSPEC_TODAY", "2026-13-01")
    result = run_cli("goals", str(root), "--today", "2026-11-25", "--format", "json")
    assert result.exit == 0, result.output
    result = run_cli("goals", str(root), "--format", "json")
    assert result.exit == 2 and "2026-13-01" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "{root}"],
        ["tree", "{root}"],
        ["show", "följa-upp-budget", "--repo", "{root}"],
        ["codeowners", "{root}"],
        ["rules", "--ignored", "--repo", "{root}"],
    ],
)
def test_a_bad_day_in_the_environment_stops_no_command_that_shows_no_date(
    root: Path, args: list[str]
) -> None:
    done = run_subprocess(
        *[a.replace("{root}", str(root)) for a in args], env={"PROCSPEC_TODAY": "abc"}
    )
    assert done.exit == 0, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{root}"],
        ["status", "{root}"],
        ["goals", "{root}"],
        ["list", "{root}", "--format", "json"],  # each process's maturity depends on the day
        ["render", "{root}", "--out", "{out}"],
        ["new", "Följa upp avtal", "--type", "huvudprocess", "--repo", "{root}"],
    ],
)
def test_a_bad_day_in_the_environment_is_named_where_it_was_written(
    root: Path, args: list[str]
) -> None:
    before = snapshot(root.parent)
    filled = [
        a.replace("{root}", str(root)).replace("{out}", str(root.parent / "ut")) for a in args
    ]
    done = run_subprocess(*filled, env={"PROCSPEC_TODAY": "abc"})
    assert done.exit == 2
    assert done.stderr.startswith("procspec: Miljövariabeln PROCSPEC_TODAY är 'abc'"), done.stderr
    assert "--today" not in done.stderr
    assert snapshot(root.parent) == before
    if args[0] in ("validate", "status", "goals"):  # with a --today to write it in
        given = run_subprocess(*filled, "--today", "abc")
        assert given.exit == 2 and "Skriv --today ÅÅÅÅ-MM-DD" in given.stderr, given.stderr


def test_a_loop_of_links_among_the_process_files(root: Path) -> None:
    (root / "processer" / "loop.yaml").symlink_to("loop.yaml")
    (root / "processer" / "a.yaml").symlink_to("b.yaml")
    (root / "processer" / "b.yaml").symlink_to("a.yaml")
    results = _every_command(root, "--today", "2026-11-25")
    assert results[0].exit == 1
    found = {(p["path"], p["code"]) for p in json.loads(results[0].stdout)["problems"]}
    assert {(f"processer/{n}.yaml", "PS004") for n in ("a", "b", "loop")} <= found


@pytest.mark.parametrize(("written", "number"), [("0,85", "0.85"), ("1 000", "1000"), ("'95'", "95"), ("85 %", "85")])  # fmt: skip
def test_a_number_written_the_swedish_way(root: Path, written: str, number: str) -> None:
    _write(root, ORIGINAL.replace("målvärde: 2\n", f"målvärde: {written}\n"))
    result = run_cli("validate", str(root), "--format", "json")
    assert result.exit == 1
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "PS007"]
    assert [(p["line"], p["column"]) for p in found] == [(18, 15)]
    assert f"skriv målvärde: {number}" in found[0]["message"]


def _chain(root: Path, length: int) -> None:
    previous = "följa-upp-budget"
    for i in range(length):
        text = ORIGINAL.replace(
            "överordnad: skapa-förutsättningar-för-styrning", f"överordnad: {previous}"
        )
        text = text.replace("namn: Följa upp budget", f"namn: Leda steg {i}")
        text = text.replace("angränsande:\n  - skapa-förutsättningar-för-styrning\n", "")
        (root / "processer" / f"leda-steg-{i}.yaml").write_text(text, "utf-8")
        previous = f"leda-steg-{i}"


def test_a_300_level_parent_chain(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "4000")  # the tree indents each level
    _chain(root, 300)
    results = _every_command(root, "--today", "2026-11-25")
    assert results[3].exit == 0 and "Leda steg 299" in results[3].stdout
    assert results[-2].exit == 0 and results[-1].exit == 0
    index = (root.parent / "ut" / "index.md").read_text("utf-8")
    assert "  " * 301 + "- [Leda steg 299]" in index


def test_1100_nested_folders(root: Path) -> None:
    folder = str(root / "processer")
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        for _ in range(1100):
            os.mkdir("m")
            os.chdir("m")
        Path("djup-process.yaml").write_text("namn: [\n", "utf-8")
    finally:
        os.chdir(cwd)
    try:
        results = _every_command(root)
        assert results[0].exit == 1
        assert any(code == "PS001" for _, _, code in problems(results[0]))
    finally:
        _remove_deep(root / "processer" / "m")


def _remove_deep(top: Path) -> None:
    """Remove a deep chain of folders without recursion (shutil.rmtree recurses per level)."""
    depth = 0
    path = top
    while (path / "m").is_dir():
        path, depth = path / "m", depth + 1
    for entry in path.iterdir():
        entry.unlink()
    for _ in range(depth + 1):
        path.rmdir()
        path = path.parent


def test_schema_into_a_device(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", "/dev/null")
    assert_no_traceback(result)
    assert result.exit == 2 and "/dev/null" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["codeowners", "{root}", "--out", "{out}"],
        ["schema", "--repo", "{root}", "--out", "{folder}"],
        ["bpmn", "export", "betala-leverantörsfakturor", "--repo", "{root}", "--out", "{out}"],
    ],
)
def test_an_output_that_is_not_a_file_is_never_replaced(
    root: Path, tmp_path: Path, args: list[str]
) -> None:
    # The file is written beside the target and renamed over it: over /dev/null, for a user
    # who may write into /dev, a device would become a file. A named pipe stands in for one.
    if "export" in args:  # a process with a processkarta
        root = copy_example("orebro", tmp_path / "exempel")
    folder = tmp_path / "ut"
    folder.mkdir()
    out = folder / ("process.schema.json" if "schema" in args else "CODEOWNERS")
    os.mkfifo(out)
    result = run_cli(
        *[a.replace("{root}", str(root)).replace("{out}", str(out)).replace("{folder}", str(folder))
          for a in args]
    )  # fmt: skip
    assert_no_traceback(result)
    assert result.exit == 2, result.output
    assert "är ingen vanlig fil" in result.stderr
    assert stat.S_ISFIFO(os.lstat(out).st_mode)


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["codeowners", "{root}", "--out", "{target}"], "procspec.yaml"),
        (["codeowners", "{root}", "--out", "{target}"], ".git/HEAD"),
        (["schema", "--out", "{target}"], ".git/scheman"),
        (["bpmn", "export", "betala-leverantörsfakturor", "--repo", "{root}", "--out", "{target}"],
         "processer/stodprocesser/betala-leverantörsfakturor.yaml"),
        (["bpmn", "export", "betala-leverantörsfakturor", "--repo", "{root}", "--out", "{target}"],
         "g/config"),
        (["codeowners", "{root}", "--out", "{target}"], "g/HEAD"),
        (["schema", "--out", "{target}"], "g/hooks"),
        (["schema", "--repo", "{root}", "--out", "{target}"], "g/scheman"),
        (["codeowners", "{root}", "--out", "{target}"], "länk-till-config"),
    ],
)  # fmt: skip
def test_an_output_never_replaces_a_source(tmp_path: Path, args: list[str], target: str) -> None:
    # A slip of the path: the settings, a process or git's own files are never written over, nor
    # through a link: `g` leads to .git and `länk-till-config` to .git/config, and what the path
    # resolves to, and the folder it is written in, are checked as the path itself is.
    root = copy_example("orebro", tmp_path / "exempel")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "g").symlink_to(".git")
    (root / "länk-till-config").symlink_to(".git/config")
    before = snapshot(root)
    path = root / target
    result = run_cli(*[a.replace("{root}", str(root)).replace("{target}", str(path)) for a in args])
    assert_no_traceback(result)
    assert result.exit == 2, result.output
    assert "är en källfil" in result.stderr
    assert snapshot(root) == before
    subprocess.run(["git", "-C", str(root), "status"], check=True, capture_output=True)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_new_output_gets_the_mode_of_the_umask(tmp_path: Path, umask: int) -> None:
    # As a file made with open(): a web server or a colleague reads what the umask lets them.
    root = copy_example("orebro", tmp_path / "exempel")
    runs = [
        ["codeowners", str(root), "--out", str(tmp_path / ".github" / "CODEOWNERS")],
        ["schema", "--out", str(tmp_path / "s")],
        ["bpmn", "export", "betala-leverantörsfakturor", "--repo", str(root),
         "--out", str(tmp_path / "faktura.bpmn")],
        ["init", str(tmp_path / "nytt"), "--profile", "botkyrka"],
    ]  # fmt: skip
    for args in runs:
        result = run_subprocess(*args, umask=umask)
        assert result.exit == 0, result.output
    written = [tmp_path / ".github" / "CODEOWNERS", tmp_path / "faktura.bpmn",
               *(tmp_path / "s").iterdir(), *(tmp_path / "nytt").rglob("*.json"),
               tmp_path / "nytt" / "procspec.yaml"]  # fmt: skip
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in written}
    assert modes == dict.fromkeys(modes, 0o666 & ~umask)


def test_a_replaced_output_keeps_its_mode(tmp_path: Path) -> None:
    root = copy_example("orebro", tmp_path / "exempel")
    out = tmp_path / "CODEOWNERS"
    out.write_text("# gammal\n", encoding="utf-8")
    out.chmod(0o640)
    result = run_subprocess("codeowners", str(root), "--out", str(out), umask=0o022)
    assert result.exit == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert "# gammal" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args", [["validate", "{root}"], ["rules"], ["schema"], ["list", "{root}", "--format", "json"]]
)
def test_stdout_on_a_full_disk(root: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "procspec", *[a.replace("{root}", str(root)) for a in args]],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False, timeout=60,
            env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.mark.parametrize(
    ("args", "stdout_full", "status"),
    [
        (["validate", "--bogus"], False, 2),
        (["render", "{root}"], False, 2),  # no --out
        (["validate", "{root}", "--today", "x"], False, 2),
        (["render", "{root}", "--out", "/"], False, 2),
        (["validate", "{root}"], False, 0),
        (["codeowners", "{root}"], False, 0),
        (["validate", "{root}"], True, 2),  # the report could not be written either
        (["list", "{root}"], True, 2),
    ],
)  # fmt: skip
def test_stderr_on_a_full_disk(root: Path, args: list[str], stdout_full: bool, status: int) -> None:
    # A message that cannot be written is lost; the status stays the documented one (it was 1,
    # from an error while printing the message of another).
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "procspec", *[a.replace("{root}", str(root)) for a in args]],
            stdout=full if stdout_full else subprocess.DEVNULL, stderr=full, check=False,
            timeout=60, env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
    assert done.returncode == status


def _with_closed(
    args: list[str], closed: tuple[str, ...], unbuffered: bool
) -> subprocess.CompletedProcess[str]:
    """procspec run with `closed` ("stdout", "stderr") a pipe whose reader is gone before the
    first line (`| head -0`); the other stream captured."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    reader, writer = os.pipe()
    os.close(reader)
    try:
        streams = {
            name: writer if name in closed else subprocess.PIPE for name in ("stdout", "stderr")
        }
        return subprocess.run(
            [sys.executable, "-m", "procspec", *args],
            **streams, text=True, check=False, timeout=120, env=env,
        )  # fmt: skip
    finally:
        os.close(writer)


CLOSED_STREAM_CASES = [
    (["validate", "{root}"], 0),
    (["validate", "{root}", "--format", "github"], 1),  # with an error written in below
    (["list", "{root}"], 0),
    (["goals", "{root}", "--format", "csv"], 0),
    (["rules"], 0),
    (["validate", "{root}/saknas"], 2),
    (["validate", "--ingen-sådan-flagga"], 2),
    (["render", "{root}", "--out", "{out}"], 0),
]
"""Commands whose status must not change when their standard output or error is closed."""

CLOSED = (("stdout",), ("stderr",), ("stdout", "stderr"))


def _filled(root: Path, args: list[str], status: int) -> list[str]:
    """`args` for the repository at `root` (with an error in it for a case of status 1), checked
    to end with `status` when nothing is closed."""
    if status == 1:
        _write(root, ORIGINAL.replace("syfte:", "syftet:", 1))
    filled = [
        a.replace("{root}", str(root)).replace("{out}", str(root.parent / "ut")) for a in args
    ]
    assert run_cli(*filled).exit == status  # nothing closed
    return filled


@pytest.mark.parametrize("unbuffered", [False, True])
@pytest.mark.parametrize(("args", "status"), CLOSED_STREAM_CASES)
def test_a_reader_that_closes_early_leaves_the_exit_status_as_it_was(
    root: Path, args: list[str], status: int, unbuffered: bool
) -> None:
    # `procspec list | head`: what the reader no longer reads is dropped, and the command's own
    # status stands (rich's console exited 1 on a broken pipe, the interpreter 120 when its last
    # flush of standard error failed).
    filled = _filled(root, args, status)
    for closed in CLOSED:
        done = _with_closed(filled, closed, unbuffered)
        assert done.returncode == status, closed
        if done.stderr is not None:  # nothing more there than the command's own lines
            assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def _with_closed_fds(args: list[str], closed: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """procspec run with `closed` ("stdout", "stderr") closed before it starts (`>&-`, `2>&-`),
    so that Python finds no such stream; the other stream captured."""
    closes = " ".join(f"{fd}>&-" for fd, name in ((1, "stdout"), (2, "stderr")) if name in closed)
    return subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {closes}', sys.executable, "-m", "procspec", *args],
        capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "status"),
    [*CLOSED_STREAM_CASES, (["--help"], 0), (["-V"], 0), (["tree", "{root}"], 0)],
)
def test_a_stream_closed_from_the_start_leaves_the_exit_status_as_it_was(
    root: Path, args: list[str], status: int
) -> None:
    # `procspec list >&-`: Python starts with no sys.stdout (None), and the command still ends
    # with its own status, not an internal error.
    filled = _filled(root, args, status)
    for closed in CLOSED:
        done = _with_closed_fds(filled, closed)
        assert done.returncode == status, (closed, done.stderr)
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_with_stderr_closed_nothing_meant_for_it_lands_in_the_output(tmp_path: Path) -> None:
    # A closed descriptor 2 would be the next file opened: the file codeowners writes and what
    # it prints on stdout are the same whether stderr (its notices) is closed or not.
    root = copy_example(
        "botkyrka", tmp_path / "exempel"
    )  # people without 'github:': notices on stderr
    written = {}
    for closed in ((), ("stderr",)):
        out = tmp_path / f"CODEOWNERS-{len(closed)}"
        done = _with_closed_fds(["codeowners", str(root), "--out", str(out)], closed)
        assert done.returncode == 0, done.stderr
        assert (done.stderr != "") is not closed
        written[closed] = (done.stdout, out.read_text("utf-8"))
    assert written[("stderr",)] == written[()]


def _in_a_removed_folder(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """procspec run in `folder` after it was removed (a shell still standing in it)."""
    folder.mkdir()
    return subprocess.run(
        ["sh", "-c", 'cd "$0" && rmdir "$0" && exec "$@"', str(folder), sys.executable, "-m",
         "procspec", *args],
        capture_output=True, text=True, check=False, timeout=60,
        env={**os.environ, "NO_COLOR": "1", "PROCSPEC_TODAY": "2026-11-25"},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["validate", "{root}"], 0),
        (["validate", "{root}", "--format", "github"], 0),
        (["list", "{root}"], 0),
        (["rules", "--repo", "{root}"], 0),
        (["new", "Följa upp avtal", "--type", "huvudprocess", "--repo", "{root}"], 0),
        (["init", "{tmp}/ny", "--profile", "botkyrka"], 0),
        (["render", "{root}", "--out", "{tmp}/ut"], 0),
    ],
)  # fmt: skip
def test_a_removed_working_folder_with_absolute_paths(
    root: Path, tmp_path: Path, args: list[str], status: int
) -> None:
    # Nothing of the command needs the folder it runs in: it works (it said "could not write
    # the output", or wrote the new process and then exited 2).
    filled = [a.replace("{root}", str(root)).replace("{tmp}", str(tmp_path)) for a in args]
    done = _in_a_removed_folder(tmp_path / "borta", filled)
    assert done.returncode == status, done.stderr
    assert "kunde inte" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["list", "."],
        ["rules"],
        ["new", "Följa upp avtal", "--type", "huvudprocess"],
        ["init", "ny", "--profile", "botkyrka"],
        ["render", "{root}", "--out", "ut"],
        ["codeowners", "{root}", "--out", "CODEOWNERS"],
    ],
)
def test_a_removed_working_folder_with_relative_paths(
    root: Path, tmp_path: Path, args: list[str]
) -> None:
    # The message says why and what to do (it said "could not write the output").
    done = _in_a_removed_folder(tmp_path / "borta", [a.replace("{root}", str(root)) for a in args])
    assert done.returncode == 2, done.stderr
    last = done.stderr.splitlines()[-1]  # codeowners' notices come before it
    assert last.startswith("procspec: Mappen som kommandot körs i finns inte längre"), last
    assert "'cd'" in last


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_characters_yaml_does_not_break_lines_on(root: Path, char: str) -> None:
    text = ORIGINAL.replace("syfte: Att säkra", f"syfte: Att{char}säkra", 1)
    text = text.replace(
        "    ansvarig: cecilia.dahl\n    status: klar", "    ansvarig: okand\n    status: klar"
    )
    text += "#procspec: ignroe PS005\n"
    _write(root, text)
    found = problems(run_cli("validate", str(root), "--format", "json"))
    if char in "\x0b\x0c":  # no YAML character at all: a syntax error at it
        assert (6, 17, "PS001") in found, found
    elif char == "\x85":  # a control character: refused in text, where it stands
        assert (6, 8, "PS007") in found, found
    else:
        assert (35, 15, "PS204") in found, found
    assert (42, 1, "PS008") in found, found


def test_several_codes_in_one_ignore(root: Path) -> None:
    text = ORIGINAL.replace(
        "    ansvarig: cecilia.dahl\n    status: klar", "    ansvarig: okand\n    status: klar"
    )
    for separator in (" ", ", ", ",", "  "):
        _write(root, f"# procspec: ignore PS205{separator}PS204 -- prov\n" + text)
        result = run_cli("validate", str(root), "--format", "json")
        assert result.exit == 0, result.stdout
    rules = run_cli("rules", "--ignored", "--repo", str(root))
    assert "PS204" in rules.stdout and "PS205" in rules.stdout


@pytest.mark.parametrize(
    "comment",
    [
        "# procspec: ignore",
        "# procspec: ignore PS30",
        "# procspec ignore PS305 -- x",
        "# procspec: ignroe PS305 -- x",
        "# PROCSPEC: ignore PS305 -- x",
    ],  # fmt: skip
)
def test_a_malformed_ignore_is_a_warning(root: Path, comment: str) -> None:
    _write(root, comment + "\n" + ORIGINAL)
    found = problems(run_cli("validate", str(root), "--format", "json"))
    assert (1, 1, "PS008") in found, found


def test_4000_goals_in_flow_style_are_no_alias_bomb(root: Path) -> None:
    goal = ("{id: M%d, typ: resultatmål, beskrivning: Prognosen avviker högst två procent, mått: A, "
            "målvärde: 2, enhet: '%%', riktning: minska, senast: 2027-12-31, fastställt_av: processägare, "
            "uppföljning: {metod: J, frekvens: kvartalsvis, ansvarig: cecilia.dahl, "
            "rapporteras_till: anna.berg, hantering: F}, utfall: [{datum: 2026-09-30, värde: 2.5}]}")  # fmt: skip
    head = ORIGINAL[: ORIGINAL.index("mål:")]
    _write(root, head + "mål: [" + ", ".join(goal % i for i in range(4000)) + "]\n")
    result = run_cli("validate", str(root), "--format", "json", "--no-cache")
    assert_no_traceback(result)
    assert not any(code == "PS004" for _, _, code in problems(result)), result.stdout[:2000]


def test_an_alias_bomb_is_still_one(root: Path) -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    _write(root, "\n".join(lines) + "\nnamn: *l8\n")
    result = run_cli("validate", str(root), "--format", "json")
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "PS004"]
    assert found and "alias" in found[0]["message"]


def test_nothing_outside_is_touched(root: Path, tmp_path: Path) -> None:
    _chain(root, 20)
    before = snapshot(tmp_path, skip=("ut", "förråd"))
    _every_command(root, "--today", "9999-12-31")
    assert snapshot(tmp_path, skip=("ut", "förråd")) == before
