"""Property tests (hypothesis) over generated repositories: render writes exactly one set of
documents per process or refuses and writes nothing; every link in the HTML and Markdown output
has an allowed scheme after decoding; every CODEOWNERS line parses as one path and valid owners."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from procspec.reading.slug import slug

from ..conftest import REPOS
from .conftest import assert_no_traceback, run_cli
from .test_links import assert_allowed_href, hrefs
from .test_roster import OWNER, parse_codeowners

SPEC = "processer/följa-upp-budget.yaml"
TEMPLATE = (REPOS / "orebro" / SPEC).read_text(encoding="utf-8")
FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
OVERVIEWS = {"index", "maloversikt", "mognad"}

ids = st.lists(
    st.text(alphabet=st.sampled_from("aåäoö"), min_size=1, max_size=3).map(lambda t: f"följa-{t}"),
    min_size=1,
    max_size=5,
)


def _repo(factory: pytest.TempPathFactory) -> Path:
    root = factory.mktemp("repo") / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    return root


@given(names=ids, folders=st.lists(st.sampled_from(["", "a/", "b/"]), min_size=5, max_size=5),
       off=st.booleans(), ignored=st.booleans())  # fmt: skip
@FEW
def test_one_set_of_documents_per_process(
    tmp_path_factory: pytest.TempPathFactory,
    names: list[str],
    folders: list[str],
    off: bool,
    ignored: bool,
) -> None:
    root = _repo(tmp_path_factory)
    for i, pid in enumerate(names):
        text = TEMPLATE.replace("namn: Följa upp budget", f"namn: Följa upp budget {i}")
        if ignored:
            text = "# procspec: ignore PS106 PS107 PS108 -- prov\n" + text
        target = root / "processer" / f"{folders[i]}{pid}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if off:
        settings_file = root / "procspec.yaml"
        settings_file.write_text(settings_file.read_text("utf-8") + "regler:\n  PS106: off\n  PS107: off\n  PS108: off\n", "utf-8")  # fmt: skip
    out = root.parent / "ut"
    result = run_cli(
        "render", str(root), "--out", str(out), "--format", "md", "--today", "2026-11-25"
    )
    assert_no_traceback(result)
    files = sorted(p.relative_to(root).as_posix() for p in (root / "processer").rglob("*.yaml"))
    stems = [Path(f).stem for f in files]
    if len({slug(s).casefold() for s in stems}) < len(stems):
        assert result.exit == 1, result.output  # two processes, one output name: refused
        assert not out.exists()
        return
    if result.exit != 0:
        assert result.exit == 1 and not out.exists(), result.output
        return
    written = sorted(p.name for p in out.iterdir() if p.name != ".procspec-render")
    expected = sorted(
        [
            f"{slug(s)}{kind}.md"
            for s in stems
            for kind in ("", ".aktivitetsplan", ".uppfoljningsplan")
        ]
        + [f"{name}.md" for name in OVERVIEWS]
    )
    assert written == expected


link_text = st.lists(
    st.sampled_from(["j", "a", "v", "s", "c", "r", "i", "p", "t", ":", "/", "&", "#", ";", "x",
                     "6", "0", "1", "A", "colon", "Tab", "NewLine", "amp", "\t", " ", "%", "3",
                     "h", "\\", "(", ")", "<", ">", "mailto", "@", ".", "&#106;", "&colon;"]),
    min_size=1,
    max_size=24,
).map("".join)  # fmt: skip


@given(
    link=st.one_of(
        link_text,
        link_text.map(lambda t: "https://" + t),
        link_text.map(lambda t: "javascript" + t),
    )
)
@FEW
def test_every_rendered_link_has_an_allowed_scheme(
    tmp_path_factory: pytest.TempPathFactory, link: str
) -> None:
    root = _repo(tmp_path_factory)
    (root / SPEC).write_text(
        TEMPLATE + f"dokument:\n  - titel: Rutin\n    länk: {json.dumps(link)}\n", encoding="utf-8"
    )
    for fmt in ("html", "md"):
        out = root.parent / f"ut-{fmt}"
        result = run_cli(
            "render", str(root), "--out", str(out), "--format", fmt, "--today", "2026-11-25"
        )
        assert_no_traceback(result)
        if result.exit != 0:
            assert result.exit == 1 and not out.exists()
            continue
        for page in out.iterdir():
            if page.suffix != f".{fmt}":
                continue
            text = page.read_text(encoding="utf-8")
            html_text = markdown.markdown(text, extensions=["tables"]) if fmt == "md" else text
            for href in hrefs(html_text):
                assert_allowed_href(href)


handle_text = st.text(
    alphabet=st.sampled_from(
        ["a", "b", "-", "_", ".", "/", "@", " ", "\n", "\r", "*", "#", "\\", "\u2028", "1", "ä"]
    ),
    min_size=1,
    max_size=20,
)


@given(github=handle_text, gitlab=handle_text)
@example(github="lars", gitlab="_")  # '@_' is a GitLab owner
@FEW
def test_every_codeowners_line_is_one_path_and_valid_owners(
    tmp_path_factory: pytest.TempPathFactory, github: str, gitlab: str
) -> None:
    root = _repo(tmp_path_factory)
    roster = root / "personer.yaml"
    text = roster.read_text("utf-8").replace(
        "  titel: Ekonomidirektör\n",
        f"  titel: Ekonomidirektör\n  github: {json.dumps(github)}\n  gitlab: {json.dumps(gitlab)}\n",
    )
    roster.write_text(text, "utf-8")
    for style in ("github", "gitlab"):
        result = run_cli("codeowners", str(root), "--style", style)
        assert_no_traceback(result)
        assume(result.exit == 0)
        for line in result.stdout.split("\n"):
            assert line.isprintable(), line
        for path, owners in parse_codeowners(result.stdout):
            assert path.startswith("/processer/") and path.endswith(".yaml"), path
            assert owners and all(OWNER.fullmatch(o) for o in owners), owners
