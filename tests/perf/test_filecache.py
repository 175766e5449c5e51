"""The per-file cache (`.procspec-cache/files/`) and the parallel per-file stage.

A run with per-file entries from an earlier run must say exactly what a cold `--no-cache` run
says, byte for byte, whatever changed in between: each test changes one thing the outcome depends
on. The whole-outcome entry (validate.json) is removed before each warm run, so the run is built
from the per-file entries and not served whole. Runs are in-process through
`procspec.cli.app.main`; the pool forks real worker processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from procspec.cli.app import main
from procspec.features import cache, incremental
from procspec.reading import filecache, filestage

from ..conftest import copy_example
from .conftest import TODAY
from .test_cache import edit, git

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`procspec validate ROOT --today TODAY [args]` → (exit status, what it printed)."""

    def invoke(root: Path, *args: str) -> tuple[int, str]:
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(["validate", str(root), "--today", TODAY, *args])
        return int(done.value.code or 0), capsys.readouterr().out

    return invoke


def files_folder(root: Path) -> Path:
    return root / cache.FOLDER / filecache.SUBFOLDER


def entries(root: Path) -> list[Path]:
    """The packs in the per-file cache."""
    folder = files_folder(root)
    return sorted(folder.glob("*" + filecache.PACK_SUFFIX)) if folder.is_dir() else []


def stored_keys(root: Path) -> set[str]:
    """The keys of every entry in the packs, as a run finds them."""
    fd = os.open(files_folder(root), os.O_RDONLY)
    try:
        return set(filecache.index_folder(fd))
    finally:
        os.close(fd)


def warm(root: Path, run: Run, *args: str) -> tuple[int, str]:
    """A run from the per-file entries alone (the whole-outcome entry removed first)."""
    (root / cache.FOLDER / cache.RESULT_FILE).unlink(missing_ok=True)
    return run(root, *args)


def same_as_cold(root: Path, run: Run) -> tuple[int, str]:
    """The warm run in text and json equals the cold run; returns the text run."""
    for form in ("text", "json"):
        cold = run(root, "--no-cache", "--format", form)
        assert warm(root, run, "--format", form) == cold, form
    return run(root, "--no-cache")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "orebro"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    return root


def spec(root: Path) -> Path:
    return root / "processer" / "följa-upp-budget.yaml"


def test_a_run_stores_one_entry_per_process_file_and_a_second_uses_them(
    repo: Path, run: Run
) -> None:
    status, first = run(repo)
    assert len(stored_keys(repo)) == 3  # the two process files and personer.yaml
    assert len(entries(repo)) == 2  # in packs: personer.yaml is read on its own
    stamps = [p.stat().st_mtime_ns for p in entries(repo)]
    assert warm(repo, run) == (status, first)
    assert [p.stat().st_mtime_ns for p in entries(repo)] == stamps  # read, not written again
    assert same_as_cold(repo, run) == (status, first)


def test_an_edited_file_shows(repo: Path, run: Run) -> None:
    run(repo)
    edit(spec(repo), "processledare: cecilia.dahl", "processledare: cecilia.dahl\nokänd: 1")
    status, text = same_as_cold(repo, run)
    assert status == 1 and "PS005" in text


def test_an_added_and_a_deleted_file_show(repo: Path, run: Run) -> None:
    run(repo)
    copy = repo / "processer" / "följa-upp-budget-kopia.yaml"
    shutil.copy(spec(repo), copy)
    _, text = same_as_cold(repo, run)
    assert "följa-upp-budget-kopia.yaml" in text
    parent = repo / "processer" / "skapa-förutsättningar-för-styrning.yaml"
    parent.unlink()
    status, text = same_as_cold(repo, run)
    assert status == 1 and "PS301" in text


def test_a_renamed_file_shows(repo: Path, run: Run) -> None:
    """The same bytes under another name: another process id, and problems on the new path."""
    edit(spec(repo), "processledare: cecilia.dahl", "processledare: cecilia.dahl\nokänd: 1")
    run(repo)
    spec(repo).rename(spec(repo).with_name("följa-upp-ekonomi.yaml"))
    _, text = same_as_cold(repo, run)
    assert "följa-upp-ekonomi.yaml" in text and "följa-upp-budget.yaml" not in text


def test_a_repointed_link_shows(repo: Path, run: Run) -> None:
    drafts = repo / "utkast"
    drafts.mkdir()
    good = drafts / "bra.yaml"
    shutil.copy(spec(repo), good)
    bad = drafts / "dålig.yaml"
    shutil.copy(spec(repo), bad)
    edit(bad, "typ: styrprocess", "typ: okänd")
    spec(repo).unlink()
    spec(repo).symlink_to(good)
    assert same_as_cold(repo, run)[0] == 0
    spec(repo).unlink()
    spec(repo).symlink_to(bad)
    status, text = same_as_cold(repo, run)
    assert status == 1 and "PS007" in text


def test_a_changed_roster_shows(repo: Path, run: Run) -> None:
    run(repo)
    edit(repo / "personer.yaml", "anna.berg:", "anna.bergström:")
    status, text = same_as_cold(repo, run)
    assert status == 1 and "PS204" in text


def test_changed_settings_show(repo: Path, run: Run) -> None:
    edit(spec(repo), "processledare: cecilia.dahl", "processledare: cecilia.dahl\nokänd: 1")
    assert "PS005" in run(repo)[1]
    with (repo / "procspec.yaml").open("a", encoding="utf-8") as handle:
        handle.write("regler:\n  PS005: off\n")
    _, text = same_as_cold(repo, run)
    assert "PS005" not in text


def test_a_changed_profile_shows(repo: Path, run: Run) -> None:
    """Örebro has no processansvarig; Botkyrka has: the same file, another profile."""
    edit(
        spec(repo),
        "processledare: cecilia.dahl",
        "processledare: cecilia.dahl\nprocessansvarig: anna.berg",
    )
    _, before = run(repo)
    assert "PS005" in before
    edit(repo / "procspec.yaml", "profil: orebro", "profil: botkyrka")
    _, after = same_as_cold(repo, run)
    assert after != before


def test_another_day_shows(repo: Path, run: Run) -> None:
    _, before = run(repo)
    (repo / cache.FOLDER / cache.RESULT_FILE).unlink()
    later = run(repo, "--today", "2031-01-01")
    assert later == run(repo, "--today", "2031-01-01", "--no-cache")
    assert later[1] != before


def test_git_state_shows(repo: Path, run: Run) -> None:
    """The same bytes committed on another day: only git changed (PS603)."""
    with spec(repo).open("a", encoding="utf-8") as handle:
        handle.write("fastställd:\n  av: anna.berg\n  datum: 2026-03-01\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Lägg till processerna", when="2026-01-15T10:00:00+01:00")
    edit(spec(repo), "Att säkra", "Att säkerställa")
    git(repo, "commit", "-q", "-a", "-m", "Ändra syftet", when="2026-02-01T10:00:00+01:00")
    _, before = same_as_cold(repo, run)
    assert "PS603" not in before
    git(repo, "reset", "-q", "--soft", "HEAD~1")
    git(repo, "commit", "-q", "-m", "Ändra syftet", when="2026-10-01T10:00:00+01:00")
    _, after = same_as_cold(repo, run)
    assert "PS603" in after


GARBAGE = [
    b"\x00\xff not msgpack",
    b"",
    b"\x93\x01\x02\x03",  # a MessagePack array of another shape
    b"\x95\x01\xa3key\xc0\x90\x90",  # the right shape, a key that is not the file's
    b"\xc1" * 64,  # a byte MessagePack never uses
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_a_corrupt_or_foreign_pack_is_ignored(repo: Path, run: Run, garbage: bytes) -> None:
    edit(spec(repo), "processledare: cecilia.dahl", "processledare: cecilia.dahl\nokänd: 1")
    run(repo)
    for found in entries(repo):
        found.write_bytes(filecache.PACK_MAGIC + garbage)
    same_as_cold(repo, run)


@pytest.mark.parametrize("garbage", [g for g in GARBAGE if g])
def test_a_corrupt_or_foreign_entry_in_a_whole_pack_is_ignored(
    repo: Path, run: Run, garbage: bytes
) -> None:
    """The pack's head is right, the entry under each key is not the file's."""
    edit(spec(repo), "processledare: cecilia.dahl", "processledare: cecilia.dahl\nokänd: 1")
    run(repo)
    keys = stored_keys(repo)
    for found in entries(repo):
        found.unlink()
    (files_folder(repo) / filecache.pack_name()).write_bytes(
        filecache.pack([(key, garbage) for key in sorted(keys)])
    )
    assert stored_keys(repo) == keys
    same_as_cold(repo, run)


def test_a_pack_cut_short_or_with_a_wrong_head_is_no_pack(repo: Path, run: Run) -> None:
    run(repo)
    whole = max(entries(repo), key=lambda p: p.stat().st_size)
    data = whole.read_bytes()
    folder = os.open(files_folder(repo), os.O_RDONLY)
    try:
        assert filecache.read_header(folder, whole.name)
        for bad in (
            data[:-1],  # cut short
            data + b"x",  # longer than its entries
            data[:8] + b"\xc1" + data[9:],  # a head that does not decode
            b"PSPX" + data[4:],  # another magic
            data[:4] + (2**31).to_bytes(4, "big") + data[8:],  # a head longer than the file
        ):
            whole.write_bytes(bad)
            assert filecache.read_header(folder, whole.name) is None
    finally:
        os.close(folder)
    same_as_cold(repo, run)


def test_a_pack_that_is_a_link_or_too_large_is_ignored(
    repo: Path, run: Run, tmp_path: Path
) -> None:
    run(repo)
    first, second = entries(repo)
    outside = tmp_path / "utanför.pack"
    outside.write_bytes(first.read_bytes())
    first.unlink()
    first.symlink_to(outside)
    (files_folder(repo) / ("zero" + filecache.PACK_SUFFIX)).symlink_to("/dev/zero")
    with second.open("r+b") as handle:
        handle.truncate(filecache.MAX_PACK_BYTES + 1)
    assert stored_keys(repo) == set()  # neither is read
    before = outside.read_bytes()
    same_as_cold(repo, run)
    assert outside.read_bytes() == before  # never written through


def stale_packs(folder: Path, count: int) -> None:
    """`count` packs of one entry each that no file has, as runs of other branches leave."""
    for n in range(count):
        (folder / filecache.pack_name()).write_bytes(filecache.pack([(f"{n:040x}", b"\x90")]))


def test_a_run_writes_a_pack_per_batch_not_a_file_per_process(
    tmp_path: Path, run: Run, generator: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "korpus"
    made = generator.generate(root, 300)
    for jobs in ("1", "2"):
        shutil.rmtree(root / cache.FOLDER, ignore_errors=True)
        monkeypatch.setenv(filestage.JOBS_VARIABLE, jobs)
        run(root)
        assert len(stored_keys(root)) == len(made) + 1  # and personer.yaml
        # Full packs, and a part-full one per worker and for personer.yaml.
        assert len(entries(root)) <= -(-len(made) // filecache.PACK_ENTRIES) + int(jobs) + 1


def stored_corpus(
    tmp_path: Path, generator: ModuleType, run: Run, specs: int
) -> tuple[Path, list[Any], set[str]]:
    """A generated corpus validated once: its root, its specs and the keys that run stored."""
    root = tmp_path / "korpus"
    made = generator.generate(root, specs)
    run(root)
    return root, made, stored_keys(root)


def test_a_run_that_reads_only_the_changed_file_keeps_the_other_entries(
    tmp_path: Path, run: Run, generator: ModuleType
) -> None:
    """Only a run that looked up every file knows which entries no file needs."""
    root, made, before = stored_corpus(tmp_path, generator, run, 300)
    edit(root / made[0].rel, "namn:", "namn:  ")
    run(root)  # from the whole outcome kept, the changed file read
    after = stored_keys(root)
    assert before < after and len(after) == len(before) + 1
    edit(root / "personer.yaml", "  titel: Strateg", "  titel: Strateg  ")
    run(root)  # personer.yaml read on its own
    assert after < stored_keys(root)


def test_small_packs_are_merged_and_unused_entries_pruned(
    tmp_path: Path, run: Run, generator: ModuleType
) -> None:
    root, made, used = stored_corpus(tmp_path, generator, run, 40)
    folder = files_folder(root)
    stale_packs(folder, 40)  # forty runs that each parsed a file this branch does not have
    (folder / ("0" * 40 + filecache.SUFFIX)).write_bytes(b"an entry of the layout before packs")
    edit(root / made[0].rel, "namn:", "namn:  ")
    run(root)  # the changed file read: one entry written, and the packs tidied
    kept = stored_keys(root)
    assert used < kept and len(kept) == len(used) + 41  # too few to prune: merged
    assert len(entries(root)) <= 2
    assert not list(folder.glob("*" + filecache.SUFFIX))
    stale_packs(folder, filecache.PRUNE_MIN + 1)  # now more unused entries than `PRUNE_MIN`
    edit(root / made[0].rel, "namn:  ", "namn:   ")
    for kept_whole in (cache.RESULT_FILE, incremental.ENTRY_FILE):
        (root / cache.FOLDER / kept_whole).unlink()
    run(root)  # every file looked up: what no file uses is pruned
    current = {filecache.file_key(s.rel, root / s.rel, (root / s.rel).read_bytes()) for s in made}
    assert current <= stored_keys(root)
    assert not any(key.startswith("0000000000") for key in stored_keys(root))


def test_a_files_folder_that_is_a_link_is_no_cache(repo: Path, run: Run, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / cache.FOLDER).mkdir()
    (repo / cache.FOLDER / filecache.SUBFOLDER).symlink_to(elsewhere)
    same_as_cold(repo, run)
    assert list(elsewhere.iterdir()) == []


def test_no_cache_and_the_environment_write_no_entries(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(repo, "--no-cache")
    monkeypatch.setenv("PROCSPEC_NO_CACHE", "1")
    run(repo)
    assert not (repo / cache.FOLDER).exists()


def test_the_examples_validate_the_same_warm_and_cold(tmp_path: Path, run: Run) -> None:
    for name in ("botkyrka", "orebro"):
        root = copy_example(name, tmp_path / name)
        run(root)
        assert entries(root)
        same_as_cold(root, run)


def broken_corpus(tmp_path: Path, generator: ModuleType, specs: int) -> Path:
    """A generated corpus with problems of every stage: a load problem, a schema problem, a
    broken reference and an ignore comment."""
    root = tmp_path / "korpus"
    made = generator.generate(root, specs)
    files = [root / s.rel for s in made]
    with files[1].open("a", encoding="utf-8") as handle:
        handle.write("okänd_nyckel: 1\n")
    files[2].write_text("namn: [\n", encoding="utf-8")
    text = files[3].read_text(encoding="utf-8")
    files[3].write_text("# procspec: ignore PS602 -- ingen historik\n" + text, encoding="utf-8")
    files[4].unlink()  # the parent of others, perhaps: references break
    return root


def test_a_generated_corpus_validates_the_same_warm_and_cold(
    tmp_path: Path, run: Run, generator: ModuleType
) -> None:
    root = broken_corpus(tmp_path, generator, 60)
    run(root)
    edit(next((root / "processer").rglob("*.yaml")), "namn:", "namn:  ")
    status, text = same_as_cold(root, run)
    assert status == 1 and "PS005" in text and "PS001" in text


def test_parallel_and_serial_say_the_same(
    tmp_path: Path, run: Run, generator: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forced onto two processes (`PROCSPEC_JOBS=2`) even where the default would not bother."""
    roots = [broken_corpus(tmp_path, generator, 240)]
    for name in ("botkyrka", "orebro"):
        roots.append(copy_example(name, tmp_path / name))
    for root in roots:
        for form in ("text", "json"):
            monkeypatch.setenv(filestage.JOBS_VARIABLE, "1")
            serial = run(root, "--no-cache", "--format", form)
            monkeypatch.setenv(filestage.JOBS_VARIABLE, "2")
            assert run(root, "--no-cache", "--format", form) == serial
            assert warm(root, run, "--format", form) == serial  # the pool's misses stored


def test_the_parsing_pool_places_every_problem_as_one_process_does(
    tmp_path: Path, generator: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`load_repository`'s pool (render and the other commands) parses without positions, for
    what it sends keeps none: every problem of a check still stands where one process puts it,
    a file whose data cannot be an entry (a number beyond 64 bits) among them."""
    from procspec.checking.checker import check_repository
    from procspec.reading.repository import load_repository

    root = broken_corpus(tmp_path, generator, 120)
    files = sorted((root / "processer").rglob("*.yaml"))
    with files[5].open("a", encoding="utf-8") as handle:
        handle.write("stort_tal: 123456789012345678901234567890\nokänd: 1\n")
    found = []
    for jobs in ("1", "2"):
        monkeypatch.setenv(filestage.JOBS_VARIABLE, jobs)
        day = date.fromisoformat(TODAY)
        found.append(check_repository(load_repository(root), day).problems)
    assert found[0] == found[1]
    assert {"PS001", "PS005"} <= {p.code for p in found[1]}
    assert any(p.line > 1 for p in found[1] if p.path == files[5].relative_to(root).as_posix())


def _die(tasks: object) -> object:
    os._exit(3)  # a worker killed mid-chunk: the pool breaks


def _fail(tasks: object) -> object:
    raise MemoryError


@pytest.mark.parametrize("failure", [_die, _fail])
def test_a_failing_worker_falls_back_to_one_process(
    repo: Path, monkeypatch: pytest.MonkeyPatch, failure: Callable[[object], object]
) -> None:
    """The parsing pool (`load_repository`, which render and the other commands use; validate's
    own pool is `procspec.checking.pool`, tested in test_pool.py)."""
    from procspec.reading.repository import load_repository

    def loaded() -> list[object]:
        found = load_repository(repo)  # no cache: every file is parsed
        return [(r.rel, r.model, r.problems, r.doc.data) for r in found.records] + found.problems

    monkeypatch.setenv(filestage.JOBS_VARIABLE, "1")
    expected = loaded()
    monkeypatch.setenv(filestage.JOBS_VARIABLE, "2")
    assert loaded() == expected
    monkeypatch.setattr(filestage, "_parse_chunk", failure)  # the forked workers inherit it
    assert loaded() == expected


def test_the_number_of_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(filestage.JOBS_VARIABLE, raising=False)
    assert filestage.workers_for(filestage.PARALLEL_MIN - 1) == 1
    assert filestage.workers_for(10_000) == min(filestage.available_cpus(), 10_000)
    monkeypatch.setenv(filestage.JOBS_VARIABLE, "1")
    assert filestage.workers_for(10_000) == 1
    monkeypatch.setenv(filestage.JOBS_VARIABLE, "3")
    assert filestage.workers_for(10) == 3
    assert filestage.workers_for(2) == 2
    for value in ("auto", "", "0", "000", "-2", "många", "²"):
        monkeypatch.setenv(filestage.JOBS_VARIABLE, value)
        assert filestage.requested_jobs() is None
    # At most four per CPU: thousands of copies of the run would never start.
    most = filestage.JOBS_PER_CPU * filestage.available_cpus()
    for value, expected in (("003", 3), ("99999", most), ("9" * 5000, most)):
        monkeypatch.setenv(filestage.JOBS_VARIABLE, value)
        assert filestage.requested_jobs() == min(expected, most)
    assert filestage.workers_for(10_000) == most


def test_the_cache_folder_stays_out_of_git(repo: Path, run: Run) -> None:
    git(repo, "init", "-q", "-b", "main")
    run(repo)
    assert entries(repo)
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert cache.FOLDER not in status.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_counts_every_file_once_as_it_is_done(
    tmp_path: Path, generator: ModuleType, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    from procspec.reading.repository import load_repository

    root = tmp_path / "korpus"
    generator.generate(root, 30)
    monkeypatch.setenv(filestage.JOBS_VARIABLE, jobs)
    seen: list[tuple[int, int, str]] = []
    repo = load_repository(root, progress=lambda done, total, rel: seen.append((done, total, rel)))
    assert [s[0] for s in seen] == list(range(1, 31))
    assert {s[1] for s in seen} == {30}
    assert sorted(s[2] for s in seen) == sorted(r.rel for r in repo.records)


def test_a_stored_document_keeps_its_data_encoded_and_reads_its_positions_again(
    tmp_path: Path,
) -> None:
    """A document from an entry decodes its data when asked, lets go of it on `release` (and
    decodes it again for a later asker), and places its positions from the file read again, as
    a parse of the file would; a file that changed since its entry has no positions."""
    path = tmp_path / "p.yaml"
    raw = "namn: Följa upp budget\nsyfte:\n  text: ja\n".encode()
    path.write_bytes(raw)
    parsed = filestage.parse(filestage.Task(str(path), "p.yaml"))
    key = filecache.file_key("p.yaml", path, raw)
    entry = filecache.encode(key, parsed.doc)
    assert entry is not None
    stored = filecache.decode(entry, key, path, "p.yaml")
    assert isinstance(stored, filecache.StoredDocument)
    assert stored.ok and stored.data == parsed.doc.data
    stored.release()
    assert stored.data == parsed.doc.data
    assert stored.key_pos(("syfte", "text")) == parsed.doc.key_pos(("syfte", "text"))
    assert stored.value_pos(("namn",)) == parsed.doc.value_pos(("namn",))
    path.write_bytes(raw + b"# changed\n")
    changed = filecache.decode(entry, key, path, "p.yaml")
    assert changed is not None and changed.keys == {} and changed.values == {}


def test_models_share_their_given_field_sets_without_changing_them(repo: Path) -> None:
    """Equal sets of given fields are one set across models; the models still compare and dump
    as they did."""
    from procspec.reading.model import Process
    from procspec.reading.repository import load_repository
    from procspec.reading.schema import validate

    records = load_repository(repo).records
    models = [r.model for r in records if r.model is not None]
    assert len(models) >= 2
    again, _ = validate(Process, records[0].doc)
    assert again == records[0].model
    assert again is not None and again.__pydantic_fields_set__ is models[0].__pydantic_fields_set__
    dumped = Process.model_validate(records[0].doc.data).model_dump(exclude_unset=True)
    assert again.model_dump(exclude_unset=True) == dumped


@pytest.mark.parametrize("text", ["namn: Följa upp budget\nsyfte: Att följa upp.\n", "a: [b\n"])
def test_parsing_a_file_leaves_nothing_for_the_garbage_collector(tmp_path: Path, text: str) -> None:
    """The YAML loader refers to itself; parsing breaks that cycle, so a file's text is freed
    as soon as it is parsed, not at a full collection (which a run makes rarely)."""
    import gc

    from procspec.reading.documents import Document, load_bytes

    path = tmp_path / "p.yaml"
    load_bytes(text.encode(), Document(path=path, rel="p.yaml"))  # anything cached, cached
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            load_bytes(text.encode(), Document(path=path, rel="p.yaml"))
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_callers_own_work_runs_once_while_the_files_are_parsed(repo: Path, jobs: int) -> None:
    tasks = [
        filestage.Task(str(path), path.relative_to(repo).as_posix())
        for path in sorted((repo / "processer").glob("*.yaml"))
    ]
    calls: list[int] = []
    parsed = list(filestage.parse_each(tasks, jobs, meanwhile=lambda: calls.append(len(calls))))
    assert calls == [0]
    assert [p.doc.rel for p in parsed] == [t.rel for t in tasks]
    assert list(filestage.parse_each([], jobs, meanwhile=lambda: calls.append(len(calls)))) == []
    assert calls == [0, 1]


def test_a_failure_of_the_callers_own_work_is_not_taken_for_the_pools(repo: Path) -> None:
    """The pool's failures mean: parse here. The caller's own failure is raised."""
    tasks = [
        filestage.Task(str(path), path.relative_to(repo).as_posix())
        for path in sorted((repo / "processer").glob("*.yaml"))
    ]

    def broken() -> None:
        raise LookupError("egen")

    with pytest.raises(LookupError, match="egen"):
        list(filestage.parse_each(tasks, 2, meanwhile=broken))


def test_tidying_writes_full_packs_and_keeps_what_it_is_told(tmp_path: Path) -> None:
    """`tidy_folder` on its own: three hundred one-entry packs merged into full ones, then the
    entries a run that looked up every file did not use removed."""
    folder = tmp_path / filecache.SUBFOLDER
    folder.mkdir()
    stale_packs(folder, 300)
    keys = [f"{n:040x}" for n in range(300)]
    fd = os.open(folder, os.O_RDONLY)
    try:
        filecache.tidy_folder(fd, None)  # a run that read some files: nothing is pruned
        assert set(filecache.index_folder(fd)) == set(keys)
        sizes = sorted(len(filecache.read_header(fd, p.name) or []) for p in folder.iterdir())
        assert sizes == [300 - 2 * filecache.PACK_ENTRIES, *[filecache.PACK_ENTRIES] * 2]
        filecache.tidy_folder(fd, set(keys[:200]))  # 300 entries, fewer than twice 200: kept
        assert set(filecache.index_folder(fd)) == set(keys)
        filecache.tidy_folder(fd, set(keys[:100]))  # more than twice 100 and `PRUNE_MIN`
        assert set(filecache.index_folder(fd)) == set(keys[:100])
        index = filecache.index_folder(fd)
        assert all(filecache.read_at(fd, *index[key]) == b"\x90" for key in keys[:100])
    finally:
        os.close(fd)
