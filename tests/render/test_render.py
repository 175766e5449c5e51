"""`procspec render`: the documents, their safety, determinism and the output folder rules."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from procspec.errors import ProcspecError, Refused, UsageError
from procspec.features.render import render
from procspec.rendering.output import MARKER

from ..conftest import EXAMPLES, TODAY, said
from .conftest import GitRepo, procspec


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BUDGET = "processer/följa-upp-budget.yaml"
SNOW = "processer/tillhandahålla-snöröjning.yaml"
SEARCH_SCRIPTS = (
    "lunr.min.js",
    "snowball-base-stemmer.js",
    "snowball-swedish-stemmer.js",
    "sok-index.js",
    "sok.js",
)


class Page(HTMLParser):
    """Tags, attributes and text of an HTML document, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


# --- the examples ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["botkyrka", "orebro"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_examples_render(example: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    done = procspec("render", str(EXAMPLES / example), "--out", str(out), "--format", fmt)
    assert done.returncode == 0, done.stderr
    names = set(listing(out))
    assert {f"index.{fmt}", f"maloversikt.{fmt}", f"mognad.{fmt}", MARKER} <= names
    overviews = {f"index.{fmt}", f"maloversikt.{fmt}", f"mognad.{fmt}"}
    overviews |= {f"sok.{fmt}", f"andringar.{fmt}"}
    specs = [n for n in names - overviews if n.endswith(f".{fmt}") and n.count(".") == 1]
    assert len(specs) > 3
    for spec in specs:
        stem = spec.rsplit(".", 1)[0]
        assert f"{stem}.aktivitetsplan.{fmt}" in names
        assert f"{stem}.uppfoljningsplan.{fmt}" in names


def test_html_structure(liten: Path, tmp_path: Path) -> None:
    """Every page: a language, one h1, landmarks, a skip link, named tables and scoped headers,
    unique ids, and no external resources."""
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    for name, raw in listing(out).items():
        if not name.endswith(".html"):
            continue
        text = raw.decode("utf-8")
        page = Page(text)
        assert page.named("html")[0]["lang"] == "sv"
        assert len(page.named("h1")) == 1, name
        for landmark in ("header", "nav", "main", "footer"):
            assert page.named(landmark), (name, landmark)
        assert page.named("a")[0]["href"] == "#innehall"
        # Every table is named: by a caption, or by the heading right above it (a caption that
        # repeated that heading would print it twice).
        named = [t for t in page.named("table") if t.get("aria-labelledby")]
        assert len(page.named("table")) == len(page.named("caption")) + len(named), name
        assert all(th.get("scope") in ("col", "row", "rowgroup") for th in page.named("th")), name
        ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
        assert len(ids) == len(set(ids)), name
        for svg in page.named("svg"):
            assert svg.get("role") == "img" and svg.get("aria-labelledby"), name
        assert "@media print" in text and "size: A4" in text
        assert not re.search(r"""(src|href)=["']?(https?:)?//(?!intranat|botwebb)""", text), name
        # Only the search page has scripts, and only the site's own files; the one <link> is
        # the feed's autodiscovery link, to the site's own feed.
        for script in page.named("script"):
            assert name == "sok.html" and (out / script["src"]).is_file(), name
        assert [link["href"] for link in page.named("link")] == ["andringar.xml"], name


def test_specification_content(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    spec = (out / "folja-upp-budget.html").read_text(encoding="utf-8")
    assert "<h1>Processspecifikation för Följa upp budget</h1>" in spec
    rows = re.findall(r'<th scope="row">([^<]+)</th>', spec)
    assert rows == [
        "Processägare",
        "Processledare",
        "Processteam",
        "Typ av process",
        "Syfte med processen",
        "Starthändelse",
        "Sluthändelse (resultat/leverans)",
        "Mottagare",
        "Processmål och mätetal",
        "Uppföljning",
        "Angränsande processer",
        "Överordnad process",
        "Krav",
    ]
    assert "Kritiskt krav" in spec
    assert 'href="mailto:anna.berg@example.org"' in spec
    assert "KS 2026/12" in spec and "2026-03-01" in spec
    assert 'href="folja-upp-budget.aktivitetsplan.html"' in spec
    assert 'href="skapa-forutsattningar-for-styrning.html"' in spec
    assert "Budgeten lämnas över för löpande uppföljning." in spec
    assert "Ingen git-historik finns" in spec
    parent = (out / "skapa-forutsattningar-for-styrning.html").read_text(encoding="utf-8")
    assert "Delprocesser" in parent and 'href="folja-upp-budget.html"' in parent
    # Struck rows: no team, no sub-processes; the implied leader says so; not approved.
    snow = (out / "tillhandahalla-snorojning.html").read_text(encoding="utf-8")
    assert "Processteam" not in snow and "Delprocesser" not in snow
    assert "processägaren har rollen" in snow
    assert "Ej fastställd" in snow
    assert "Inga mål ännu" in snow


def test_plans(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    plan = (out / "folja-upp-budget.aktivitetsplan.html").read_text(encoding="utf-8")
    assert "Försenad" in plan and "⚠" in plan  # A2 is past klart_senast and pågående
    assert plan.count("⚠</span> Försenad") == 1
    follow = (out / "folja-upp-budget.uppfoljningsplan.html").read_text(encoding="utf-8")
    for question in (
        "Hur är målet formulerat – vad ska uppnås och när?",
        "Vilka mått är aktuella för att se om ni når målen, dvs. vad ska mätas?",
        "Hur ska mätningen gå till och hur ofta ska den göras?",
        "Vem ska utföra mätningen och följa upp?",
        "Hur ska resultatet rapporteras och till vem?",
        "Hur ska resultatet av uppföljningen hanteras för att bidra till utveckling av processen?",
    ):
        assert question in follow
    assert "På väg" in follow and "högst 2\u00a0%" in follow and "2,5\u00a0%" in follow
    page = Page(follow)
    charts = [s for s in page.named("svg") if s.get("role") == "img"]
    assert len(charts) == 2  # the goal (with a target line) and the measure (without)
    assert follow.count('stroke-dasharray="8 5"') == 1
    assert "<title id=" in follow and "<desc id=" in follow
    goals = (out / "maloversikt.html").read_text(encoding="utf-8")
    assert "2 mål: 1 på väg, 1 uppnått." in goals
    assert "den raka linjen från nuläget" in goals and "den raka linjen från nuläget" in follow
    maturity = (out / "mognad.html").read_text(encoding="utf-8")
    assert "2 Styrd" in maturity and "en processkarta över flödet" in maturity


def test_index_map(liten: Path, tmp_path: Path) -> None:
    """The map is one named image; its boxes are links laid over it, named by the process."""
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    svg = page.named("svg")[0]
    assert svg["role"] == "img" and svg["aria-labelledby"] == "karta-titel karta-besk"
    assert page.named("polygon"), "huvud processes are chevrons"
    links = [a["href"] for a in page.named("a") if a.get("class") == "map-link"]
    # One styr process with a sub-process: the band is titled by it and shows the sub-process.
    assert links == [
        "skapa-forutsattningar-for-styrning.html",
        "folja-upp-budget.html",
        "tillhandahalla-snorojning.html",
    ]
    text = "".join(page.text)
    assert "Tillhandahålla snöröjning (Huvudprocess)" in text


# --- determinism -------------------------------------------------------------------------------


def test_deterministic(liten: Path, tmp_path: Path) -> None:
    """Two renders without --today are byte-identical (the date comes from the data)."""
    render(liten, tmp_path / "a")
    render(liten, tmp_path / "b")
    assert listing(tmp_path / "a") == listing(tmp_path / "b")
    text = (tmp_path / "a" / "maloversikt.html").read_text(encoding="utf-8")
    assert "Läget per 2026-10-01" in text  # the newest recorded result


def test_deterministic_in_git(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = liten_git()
    render(repo.root, tmp_path / "a")
    render(repo.root, tmp_path / "b")
    assert listing(tmp_path / "a") == listing(tmp_path / "b")
    assert "Läget per 2026-02-01" in (tmp_path / "a" / "index.html").read_text(encoding="utf-8")


# --- refusal and the output folder ---------------------------------------------------------------


def test_refuses_errors(liten: Path, tmp_path: Path) -> None:
    edit(liten, BUDGET, "processledare: cecilia.dahl", "processledare: okänd.person")
    out = tmp_path / "ut"
    done = procspec("render", str(liten), "--out", str(out))
    assert done.returncode == 1
    assert "PS" in done.stderr and "följa-upp-budget.yaml" in done.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ut.")]


def test_refusal_keeps_previous_output(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    before = listing(out)
    edit(liten, BUDGET, "typ: styrprocess", "typ: okänd")
    with pytest.raises(Refused) as caught:
        render(liten, out, today=TODAY)
    assert caught.value.exit_code == 1
    assert listing(out) == before


def test_failure_while_writing_keeps_previous_output(
    liten: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    before = listing(out)
    edit(liten, BUDGET, "namn: Följa upp budget", "namn: Följa upp budgeten")
    calls = {"n": 0}
    original = Path.write_text

    def failing(self: Path, *args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(ProcspecError):
        render(liten, out, today=TODAY)
    monkeypatch.undo()
    assert listing(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failure_while_rendering_keeps_previous_output(
    liten: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    before = listing(out)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("template failed")

    monkeypatch.setattr("procspec.rendering.view.Builder.goal", boom)
    with pytest.raises(RuntimeError):
        render(liten, out, today=TODAY)
    assert listing(out) == before


def test_rerender_replaces_own_output(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    old = out / "tillhandahalla-snorojning.html"
    assert old.is_file()
    (liten / SNOW).unlink()  # a process removed: its pages go with the next render
    render(liten, out, today=TODAY)
    assert not old.exists()


def test_rerender_keeps_a_folder_with_a_file_render_did_not_write(
    liten: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    (out / "egen.html").write_text("min egen sida", encoding="utf-8")
    for force in (False, True):
        with pytest.raises(UsageError):
            render(liten, out, today=TODAY, force=force)
    assert (out / "egen.html").read_text(encoding="utf-8") == "min egen sida"


@pytest.mark.parametrize("where", ["root", "above", "filesystem"])
def test_out_traps(liten: Path, where: str) -> None:
    out = {"root": liten, "above": liten.parent, "filesystem": Path("/")}[where]
    done = procspec("render", str(liten), "--out", str(out))
    assert done.returncode == 2, done.stderr
    assert "--out" in done.stderr
    assert (liten / "procspec.yaml").is_file()


def test_out_not_ours(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "mina-filer"
    out.mkdir()
    (out / "viktig.txt").write_text("behåll mig", encoding="utf-8")
    done = procspec("render", str(liten), "--out", str(out))
    assert done.returncode == 2
    assert "--force" in done.stderr
    assert (out / "viktig.txt").read_text(encoding="utf-8") == "behåll mig"
    done = procspec("render", str(liten), "--out", str(out), "--force")
    assert done.returncode == 2, done.stderr
    assert (out / "viktig.txt").read_text(encoding="utf-8") == "behåll mig"


def test_out_with_only_pages_is_replaced_with_force(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "gamla-sidor"
    out.mkdir()
    (out / "index.html").write_text("<p>gammal</p>", encoding="utf-8")
    done = procspec("render", str(liten), "--out", str(out))
    assert done.returncode == 2
    assert "--force" in done.stderr
    done = procspec("render", str(liten), "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert (out / MARKER).is_file() and "gammal" not in (out / "index.html").read_text("utf-8")


def test_out_is_a_file(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "fil"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        render(liten, out)


def test_reserved_name(liten: Path, tmp_path: Path) -> None:
    (liten / SNOW).rename(liten / "processer" / "index.yaml")
    with pytest.raises(ProcspecError) as caught:
        render(liten, tmp_path / "ut", today=TODAY)
    assert caught.value.exit_code == 1
    assert "index.html" in said(caught.value.message)


# --- git: history and --rev ----------------------------------------------------------------------


def test_revision_history(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = liten_git()
    repo.replace(BUDGET, "Nämnderna", "Nämnderna och styrelserna")
    sha = repo.commit("Lägg till styrelserna som mottagare", "2026-04-02T10:00:00+02:00")
    repo.replace(BUDGET, "En ny månad börjar.", "En ny månad har börjat.")
    out = tmp_path / "ut"
    render(repo.root, out, today=TODAY)
    text = (out / "folja-upp-budget.html").read_text(encoding="utf-8")
    assert "Revisionshistorik" in text
    assert "Lägg till styrelserna som mottagare" in text
    assert f"<code>{sha[:7]}</code>" in text
    assert "Åsa Öberg" in text
    assert "ej incheckad" in text
    assert "2026-04-02 (det finns ändringar som inte är incheckade)" in text
    # Both changes are to the specification: the plans list only the commit that wrote them.
    for name in ("folja-upp-budget.aktivitetsplan.html", "folja-upp-budget.uppfoljningsplan.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "Revisionshistorik" in text
        assert "Lägg till styrelserna som mottagare" not in text
        assert "Lägg till processerna" in text
        assert "<dt>Senast ändrad</dt><dd>2026-02-01 <span" in text
        assert "inte är incheckade" not in text


def test_rev_renders_the_old_state(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = liten_git()
    repo.git("tag", "beslutad")
    repo.replace(BUDGET, "namn: Följa upp budget", "namn: Följa upp budgeten")
    repo.commit("Byt namn", "2026-05-01T10:00:00+02:00")
    out = tmp_path / "ut"
    done = procspec("render", str(repo.root), "--out", str(out), "--rev", "beslutad")
    assert done.returncode == 0, done.stderr
    spec = (out / "folja-upp-budget.html").read_text(encoding="utf-8")
    assert "Processspecifikation för Följa upp budget</h1>" in spec
    assert "Byt namn" not in spec
    assert "vid revisionen beslutad" in spec
    render(repo.root, tmp_path / "utan-datum", rev="beslutad")
    index = (tmp_path / "utan-datum" / "index.html").read_text(encoding="utf-8")
    assert "Läget per 2026-02-01" in index  # the date of the revision's last commit
    current = tmp_path / "nu"
    render(repo.root, current)
    assert "Följa upp budgeten" in (current / "folja-upp-budget.html").read_text(encoding="utf-8")


def test_rev_outside_git(liten: Path, tmp_path: Path) -> None:
    done = procspec("render", str(liten), "--out", str(tmp_path / "ut"), "--rev", "HEAD")
    assert done.returncode == 2
    assert not (tmp_path / "ut").exists()


def test_unknown_rev(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = liten_git()
    done = procspec("render", str(repo.root), "--out", str(tmp_path / "ut"), "--rev", "finnsinte")
    assert done.returncode == 2


# --- escaping --------------------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script> \"citat\" & 'apostrof'"


def make_hostile(root: Path) -> None:
    edit(root, "personer.yaml", "namn: Anna Berg", "namn: 'Anna <img src=x onerror=alert(1)>'")
    edit(root, "personer.yaml", "titel: Controller", 'titel: "\\"><script>alert(2)</script>"')
    edit(
        root,
        BUDGET,
        "syfte: Att säkra att verksamheten håller sin budget.",
        "syfte: " + json.dumps(HOSTILE),
    )
    edit(root, BUDGET, "  - Nämnderna", "  - '\"><svg onload=alert(3)>'")
    edit(
        root,
        BUDGET,
        "gränssnitt: Budgeten lämnas över för löpande uppföljning.",
        "gränssnitt: '</td></tr></table><script>alert(4)</script>'",
    )
    edit(
        root,
        BUDGET,
        "kommentar: Sommaren ger större avvikelser.",
        "kommentar: '<iframe src=\"https://evil.example\"></iframe>'",
    )
    edit(
        root,
        BUDGET,
        "beslut: Ledningsgruppen 2026-01-05",
        "beslut: '[klick](javascript:alert(5)) | <b>fet</b>'",
    )
    with (root / BUDGET).open("a", encoding="utf-8") as f:
        f.write(
            "dokument:\n"
            "  - titel: '<script>alert(6)</script>'\n"
            "    länk: 'https://example.org/?a=\"><script>alert(7)</script>'\n"
        )


def test_hostile_text_is_escaped_in_html(liten: Path, tmp_path: Path) -> None:
    make_hostile(liten)
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    seen_text = ""
    for name, raw in listing(out).items():
        if not name.endswith(".html"):
            continue
        page = Page(raw.decode("utf-8"))
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"img", "iframe", "b"}, name
        scripts = [attrs.get("src") for tag, attrs in page.tags if tag == "script"]
        assert scripts == ([*SEARCH_SCRIPTS] if name == "sok.html" else []), name
        for tag, attrs in page.tags:
            for key, value in attrs.items():
                assert not key.startswith("on"), (name, tag, key)
                if key == "href" and value is not None:
                    assert not value.lower().startswith("javascript:"), name
        seen_text += "".join(page.text)
    assert HOSTILE in seen_text
    assert "</td></tr></table><script>alert(4)</script>" in seen_text
    assert "Anna <img src=x onerror=alert(1)>" in seen_text
    spec = Page((out / "folja-upp-budget.html").read_text(encoding="utf-8"))
    hrefs = [a["href"] for a in spec.named("a")]
    assert 'https://example.org/?a="><script>alert(7)</script>' in hrefs


def test_hostile_text_is_escaped_in_markdown(liten: Path, tmp_path: Path) -> None:
    make_hostile(liten)
    out = tmp_path / "ut"
    render(liten, out, fmt="md", today=TODAY)
    for name, raw in listing(out).items():
        if not name.endswith(".md"):
            continue
        text = raw.decode("utf-8")
        for bad in ("<script", "<img", "<svg", "<iframe", "<b>"):
            assert bad not in text, (name, bad)
        assert not re.search(r"(?<!\\)\]\(javascript:", text), name
    plan = (out / "folja-upp-budget.aktivitetsplan.md").read_text(encoding="utf-8")
    assert "\\[klick\\](javascript:alert(5)) \\| &lt;b&gt;fet&lt;/b&gt;" in plan


def test_javascript_link_is_refused(liten: Path, tmp_path: Path) -> None:
    with (liten / BUDGET).open("a", encoding="utf-8") as f:
        f.write("dokument:\n  - titel: Rutin\n    länk: 'javascript:alert(1)'\n")
    with pytest.raises(Refused):
        render(liten, tmp_path / "ut", today=TODAY)


def _cells(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def test_markdown_table_cells(liten: Path, tmp_path: Path) -> None:
    """`|` and line breaks in text never break a GFM table row."""
    out = tmp_path / "ut"
    render(liten, out, fmt="md", today=TODAY)
    spec = (out / "tillhandahalla-snorojning.md").read_text(encoding="utf-8")
    assert "Invånare \\| trafikanter" in spec
    assert "Gatorna är plogade och sandade.<br>Invånarna kan ta sig fram." in spec
    for name, raw in listing(out).items():
        if not name.endswith(".md"):
            continue
        lines = raw.decode("utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("|---"):
                width = _cells(lines[i - 1])
                j = i + 1
                while j < len(lines) and lines[j].startswith("|"):
                    assert _cells(lines[j]) == width, (name, lines[j])
                    j += 1


# --- variants --------------------------------------------------------------------------------------


def test_fragment(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    done = procspec("render", str(liten), "--out", str(out), "--fragment", "--today", "2026-11-25")
    assert done.returncode == 0, done.stderr
    for name, raw in listing(out).items():
        if name.endswith(".html"):
            text = raw.decode("utf-8")
            assert text.startswith('<div class="ps-dokument">'), name
            for chrome in ("<html", "<head", "<!DOCTYPE", "<body", "<style"):
                assert chrome not in text, (name, chrome)
            assert text.count("<h1>") == 1


def test_english(liten: Path, tmp_path: Path) -> None:
    with (liten / "procspec.yaml").open("a", encoding="utf-8") as f:
        f.write("språk: en\n")
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Process overview" in index
    spec = (out / "folja-upp-budget.html").read_text(encoding="utf-8")
    assert "Process specification for Följa upp budget" in spec
    assert "Revision history" in spec and "Purpose of the process" in spec
    follow = (out / "folja-upp-budget.uppfoljningsplan.html").read_text(encoding="utf-8")
    assert "How is it measured, and how often?" in follow and "2.5\u00a0%" in follow


def test_progress_callback(liten: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    render(liten, tmp_path / "ut", today=TODAY, progress=lambda d, t, _: seen.append((d, t)))
    # 13 documents, the search page with its index and 5 assets, the changes page and feed
    assert seen[0] == (1, 22) and seen[-1] == (22, 22)


def test_a_person_s_address_is_percent_encoded_in_every_mailto_link(
    liten: Path, tmp_path: Path
) -> None:
    # '#' and '/' are allowed in the local part; unencoded, '#' would end the address.
    edit(liten, "personer.yaml", "anna.berg@example.org", "anna#berg/å@example.org")
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = Page((out / "tillhandahalla-snorojning.html").read_text("utf-8"))
    mailto = {a["href"] for a in page.named("a") if (a["href"] or "").startswith("mailto:")}
    assert "mailto:anna%23berg%2F%C3%A5@example.org" in mailto
    assert not any("#" in href or "å" in href for href in mailto if href)
    render(liten, tmp_path / "md", fmt="md", today=TODAY)
    text = (tmp_path / "md" / "tillhandahalla-snorojning.md").read_text("utf-8")
    assert "(mailto:anna%23berg%2F%C3%A5@example.org)" in text
