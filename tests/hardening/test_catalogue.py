"""The catalogue of hostile inputs (`cases.yaml`): each case a real repository, run through the real
command line, with its exit status and problem codes checked, and never a traceback (SPEC §4)."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from ..conftest import REPOS
from ..git.conftest import GitRepo, init
from .conftest import Result, assert_no_traceback, run_cli, run_subprocess

CASES: list[dict[str, Any]] = YAML(typ="safe").load(
    (Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8")
)
SECRET = "hemligt-värde"
"""Text in a file outside the repository; it must never reach the output."""

ENGLISH_LEAKS = ("Input should", "Field required", "while parsing", "while scanning", "found ",
                 "did not find", "Traceback")  # fmt: skip
"""Raw library messages (pydantic, libyaml) that must always be said in the user's language."""


# --- generators for contents too large or too deep to write in the catalogue ----------------


def _spec() -> str:
    return (REPOS / "orebro" / "processer" / "följa-upp-budget.yaml").read_text(encoding="utf-8")


def _big(megabytes: int) -> str:
    line = "# " + "x" * 98 + "\n"
    return _spec() + line * (megabytes * 1024 * 1024 // len(line))


def _long_line(length: int) -> str:
    return _spec().replace("Att säkra", "Att säkra " + "lång " * (length // 5), 1)


def _deep_block(depth: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b\n"


def _deep_sequence(depth: int) -> str:
    return "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "b\n"


def _deep_flow(depth: int) -> str:
    return "namn: " + "[" * depth + "]" * depth + "\n"


def _billion_laughs(levels: int) -> str:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        lines.append(f"l{i}: &l{i} [{refs}]")
    lines.append(f"namn: *l{levels - 1}")
    return "\n".join(lines) + "\n"


def _flow(count: int, loop: bool) -> str:
    """A processkarta of `count` activities in a chain: a start, `count - 2` activities, an end;
    with `loop`, the last activity leads back to the first instead, a loop with no way out."""
    lines = [
        "processkarta:",
        "  aktörer:",
        "    - {id: ekonom, namn: Ekonom}",
        "  processteg:",
        "    - id: steg",
        "      namn: Hantera flödet",
        "      aktiviteter:",
        "        - {id: a0, typ: start, namn: Flödet startar, aktör: ekonom, nästa: a1}",
    ]
    for i in range(1, count - 1):
        following = "a1" if loop and i == count - 2 else f"a{i + 1}"
        lines.append(
            f"        - {{id: a{i}, namn: Registrera post {i}, aktör: ekonom, "
            f"ledtid: 1 timme, nästa: {following}}}"
        )
    lines.append(f"        - {{id: a{count - 1}, typ: slut, namn: Klart, aktör: ekonom}}")
    return _spec() + "\n".join(lines) + "\n"


GENERATORS: dict[str, Callable[..., str | bytes]] = {
    "flow": _flow,
    "big": _big,
    "long_line": _long_line,
    "deep_block": _deep_block,
    "deep_sequence": _deep_sequence,
    "deep_flow": _deep_flow,
    "billion_laughs": _billion_laughs,
    "latin1": lambda: _spec().encode("latin-1"),
}


# --- building a case's repository -----------------------------------------------------------


class Place:
    """The folders a case may name: {root}, {outside} and {nogit}."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "förråd"
        self.outside = tmp_path / "utanför"
        self.nogit = tmp_path / "utan-git"
        self.outside.mkdir()
        self.nogit.mkdir()
        (self.outside / "hemlig.yaml").write_text(
            f"namn: {SECRET}\n{SECRET}: 1\n", encoding="utf-8"
        )

    def fill(self, text: str) -> str:
        return (
            text.replace("{root}", str(self.root))
            .replace("{outside}", str(self.outside))
            .replace("{nogit}", str(self.nogit))
        )


def _content(place: Place, rel: str, spec: Any) -> str | bytes:
    if isinstance(spec, str):
        return place.fill(spec)
    if "generate" in spec:
        args = {k: v for k, v in spec.items() if k not in ("generate", "bom", "crlf")}
        made = GENERATORS[spec["generate"]](**args)
        if isinstance(made, bytes):
            return made
        text = made
    else:
        source = spec.get("edit", rel)
        text = (REPOS / "orebro" / source).read_text(encoding="utf-8")
        for old, new in spec.get("replace", []):
            assert old in text, (rel, old)
            text = text.replace(old, place.fill(new), 1)
        text = place.fill(spec.get("prepend", "")) + text + place.fill(spec.get("append", ""))
    if spec.get("crlf"):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    return b"\xef\xbb\xbf" + raw if spec.get("bom") else raw


def write_files(place: Place, files: dict[str, Any]) -> None:
    """Write a case's files over the repository (see the head of cases.yaml)."""
    for rel, spec in files.items():
        target = place.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, dict) and {"fifo", "folder", "link"} & set(spec):
            target.unlink(missing_ok=True)
        if isinstance(spec, dict) and spec.get("delete"):
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        elif isinstance(spec, dict) and spec.get("fifo"):
            os.mkfifo(target)
        elif isinstance(spec, dict) and spec.get("folder"):
            target.mkdir()
        elif isinstance(spec, dict) and "link" in spec:
            target.symlink_to(place.fill(spec["link"]))
        else:
            content = _content(place, rel, spec)
            if isinstance(content, str):
                content = content.encode("utf-8")
            target.write_bytes(content)


def run_git_steps(place: Place, steps: list[str]) -> None:
    """Real git: init, commit, detach, shallow (a depth-1 clone becomes the case's root)."""
    repo = GitRepo(place.root, place.root)
    for step in steps:
        if step == "init":
            init(place.root)
        elif step == "commit":
            repo.commit("Lägg till processerna", "2026-01-10T09:00:00+01:00")
        elif step == "detach":
            repo.git("checkout", "-q", "--detach", "HEAD")
        elif step == "shallow":
            repo.replace("processer/följa-upp-budget.yaml", "En ny månad", "Ett nytt kvartal")
            repo.commit("Kvartalsvis", "2026-03-01T09:00:00+01:00")
            clone = place.root.with_name("klon")
            repo.git("clone", "-q", "--depth", "1", place.root.as_uri(), str(clone))
            shutil.rmtree(place.root)
            clone.rename(place.root)
        else:  # pragma: no cover - a typo in the catalogue
            raise AssertionError(f"unknown git step {step}")


# --- the checks every case gets -------------------------------------------------------------


def _problems(result: Result, args: list[str]) -> list[dict[str, Any]] | None:
    if "--format" not in args or args[args.index("--format") + 1] != "json" or not result.stdout:
        return None
    data = json.loads(result.stdout)
    if isinstance(data, dict) and "problems" in data:
        return list(data["problems"])
    return None


def check(case: dict[str, Any], place: Place, result: Result, args: list[str]) -> None:
    expect = case["expect"]
    assert_no_traceback(result)
    assert result.exit == expect["exit"], (result.exit, result.output[-3000:])
    problems = _problems(result, args)
    if problems is not None:
        for p in problems:
            assert p["line"] >= 1 and p["column"] >= 1 and p["path"] and p["message"], p
            assert not any(leak in p["message"] for leak in ENGLISH_LEAKS), p["message"]
            if expect.get("language") == "en":
                assert not any(w in p["message"] for w in (" är ", " ska ", "Skriv ")), p
        codes = {p["code"] for p in problems}
        found = {(p["path"], p["line"], p["column"], p["code"]) for p in problems}
    else:
        codes = {c for c in _all_codes() if c in result.output}
        found = set()
    for code in expect.get("codes", []):
        assert code in codes, (code, result.output[-3000:])
    for code in expect.get("not_codes", []):
        assert code not in codes, (code, result.output[-3000:])
    for path, line, column, code in expect.get("at", []):
        assert (path, line, column, code) in found, (path, line, column, code, sorted(found))
    for text in expect.get("output", []):
        assert place.fill(text) in result.output, (text, result.output[-3000:])
    for text in expect.get("output_absent", []) + expect.get("raw_absent", []):
        assert text not in result.output, (text, result.output[-3000:])
    if expect.get("outside_empty"):
        assert sorted(p.name for p in place.outside.iterdir()) == ["hemlig.yaml"]
    for rel in expect.get("kept", []):  # nothing lost: the file is still there, unchanged
        assert (place.root / rel).is_file(), rel
    pages = "".join(
        page.read_text(encoding="utf-8") for page in sorted((place.outside / "ut").rglob("*.html"))
    )
    for text in expect.get("rendered", []):
        assert text in pages, text
    for text in expect.get("rendered_absent", []):
        assert text not in pages, text


def _all_codes() -> list[str]:
    from procspec.checking.rules import REGISTRY, all_rules

    all_rules()
    return sorted(REGISTRY)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_input(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    place = Place(tmp_path)
    shutil.copytree(REPOS / "orebro", place.root)
    write_files(place, case.get("files", {}))
    if case.get("git"):
        run_git_steps(place, case["git"])
        write_files(place, case.get("after", {}))
    args = [place.fill(a) for a in case.get("command", ["validate", "{root}", "--format", "json"])]
    env = {k: place.fill(v) for k, v in case.get("env", {}).items()}
    monkeypatch.setenv("PROCSPEC_TODAY", "2026-11-25")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    if case.get("via") == "subprocess":
        result = run_subprocess(*args, env=env, cwd=tmp_path, timeout=60)
    else:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        result = run_cli(*args)
    elapsed = time.monotonic() - started
    check(case, place, result, args)
    assert elapsed < case["expect"].get("seconds", 30), elapsed


def test_catalogue_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
