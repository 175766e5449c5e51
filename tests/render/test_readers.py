"""The readers' side of the HTML site: the search index, the changes page and Atom feed,
'Lämna synpunkt' and the print header. Real files on disk and real git repositories; the feed is
read by feedparser, as a feed reader would."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from xml.dom import minidom

import feedparser
import pytest

from procspec.features.render import render
from procspec.rendering.changes import cap
from procspec.rendering.jinja import css_string
from procspec.rendering.search import FIELDS, Entry, a_to_o, index_script, initial, sort_key, stems

from ..conftest import TODAY
from .conftest import GitRepo, procspec

BUDGET = "processer/följa-upp-budget.yaml"

BYGGLOV = """namn: Handlägga bygglov
typ: huvudprocess
processägare: anna.berg
processledare: bo.ek
syfte: Att den som vill bygga får ett rättssäkert beslut om bygglovet i tid.
starthändelse: En ansökan om bygglov kommer in.
sluthändelse: Ett beslut om bygglov.
mottagare:
  - Sökande
krav:
  - id: K1
    typ: lagkrav
    beskrivning: Beslut inom tio veckor enligt plan- och bygglagen.
processkarta:
  aktörer:
    - id: sökande
      namn: Sökande
    - id: handläggare
      namn: Bygglovshandläggare
  processteg:
    - id: ta-emot
      namn: Ta emot ansökan
      aktiviteter:
        - id: inkommer
          typ: start
          namn: Ansökan inkommer
          aktör: sökande
          nästa: registrera
        - id: registrera
          namn: Registrera bygglovsansökan
          aktör: handläggare
          system: [Ärendesystemet]
          krav: [K1]
          nästa: beslut
        - id: beslut
          typ: slut
          namn: Beslut skickat
          aktör: handläggare
"""


def _search_data(out: Path) -> dict[str, object]:
    text = (out / "sok-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.PROCSPEC_SOK=") and text.endswith(";\n")
    data: dict[str, object] = json.loads(text.removeprefix("window.PROCSPEC_SOK=")[:-2])
    return data


def _feedback_href(page: str) -> str:
    found = re.search(r'<p class="synpunkt noprint"><a href="([^"]+)">Lämna synpunkt</a>', page)
    assert found, "no 'Lämna synpunkt' link"
    return found.group(1).replace("&amp;", "&")


# --- search ---


def test_swedish_stems_meet() -> None:
    cache: dict[str, str] = {}
    assert stems("bygglovet", cache) == stems("bygglov", cache) == ["bygglov"]
    assert stems("fakturorna", cache) == ["faktur"]
    assert stems("Betala leverantörsfakturor", cache) == ["betal", "leverantörsfaktur"]
    assert stems("och att för", cache) == []  # stop words


def test_the_index_is_the_one_lunr_py_builds() -> None:
    """`index_script` builds the index itself, in one pass: the same postings, scores and JSON
    as lunr.py's own `Builder` given the same stemmed words (the search pipeline aside: it
    names the browser's stemmer)."""
    from lunr.builder import Builder

    entries = [
        Entry("Följa upp budget", "Följa upp budget", "Processspecifikation", "a.html",
              "Budgeten följs upp varje månad av ekonomerna", boost=3),
        Entry("M1: Prognosen träffar", "Följa upp budget", "Mål", "a.html#m1",
              "prognos budget budget avvikelse prognosen"),
        Entry("Tom", "Hantera post", "Aktivitet", "b.html", ""),
    ]  # fmt: skip
    ours = json.loads(index_script(entries).removeprefix("window.PROCSPEC_SOK=")[:-2])["index"]
    cache: dict[str, str] = {}
    builder = Builder()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for number, entry in enumerate(entries):
        words = {"namn": stems(entry.title, cache), "text": stems(entry.text, cache)}
        builder.add({"id": str(number), **words}, {"boost": entry.boost})
    theirs = json.loads(json.dumps(builder.build().serialize()))
    assert ours["pipeline"] == ["stemmer-sv"] and theirs["pipeline"] == []
    assert {**theirs, "pipeline": ours["pipeline"]} == ours
    assert ours["fieldVectors"][0][0] == "namn/0" and len(ours["invertedIndex"]) > 5
    empty = json.loads(index_script([]).removeprefix("window.PROCSPEC_SOK=")[:-2])["index"]
    assert empty["fieldVectors"] == [] and empty["invertedIndex"] == []


def test_search_index_holds_processes_goals_activities_and_map(liten: Path, tmp_path: Path) -> None:
    (liten / "processer" / "handlägga-bygglov.yaml").write_text(BYGGLOV, encoding="utf-8")
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    data = _search_data(out)
    docs = data["docs"]
    assert isinstance(docs, list)
    by_title = {d[0]: d for d in docs}
    assert by_title["Följa upp budget"][2:4] == ["Processspecifikation", "folja-upp-budget.html"]
    goal = by_title["M1: Prognosen avviker högst två procent från utfallet."]
    assert goal[1:4] == [
        "Följa upp budget",
        "Uppföljningsplan, mål M1",
        "folja-upp-budget.uppfoljningsplan.html#mal-1",
    ]
    activity = by_title["A1: Inför månadsvisa prognosmöten."]
    assert activity[2:4] == [
        "Aktivitetsplan, aktivitet A1",
        "folja-upp-budget.aktivitetsplan.html#aktivitet-1",
    ]
    # A map activity: found by its name, its actor and its system; it links to its row on the
    # processkarta page.
    mapped = by_title["Registrera bygglovsansökan"]
    assert mapped[1:4] == [
        "Handlägga bygglov",
        "Processkarta, processteg Ta emot ansökan",
        "handlagga-bygglov.processkarta.html#aktivitet-registrera",
    ]
    assert "Bygglovshandläggare" in mapped[4] and "Ärendesystemet" in mapped[4]
    index = data["index"]
    assert isinstance(index, dict)
    assert index["pipeline"] == ["stemmer-sv"]
    terms = {term for term, _ in index["invertedIndex"]}
    assert {"bygglov", "bygglovsansökan", *stems("prognosmöten registrera", {})} <= terms
    assert "och" not in terms


def test_search_page_lists_every_process_a_to_o(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = (out / "sok.html").read_text(encoding="utf-8")
    assert '<form id="sok-formular" class="sok-sida" role="search" action="sok.html"' in page
    assert '<label for="sok-ord">Sök bland processerna</label>' in page
    assert 'role="status" aria-live="polite"' in page
    names = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="muted">', page)
    assert [n for _, n in names] == [
        "Följa upp budget",
        "Skapa förutsättningar för styrning av ekonomi och verksamhet",
        "Tillhandahålla snöröjning",
    ]
    assert '<h3 id="bokstav-f">F</h3>' in page
    # every other page has the search box in its header, a form that works without script
    spec = (out / "folja-upp-budget.html").read_text(encoding="utf-8")
    assert '<form class="sok-ruta" role="search" action="sok.html" method="get">' in spec
    assert '<label for="sok-sidhuvud">Sök</label>' in spec


def test_a_to_o_is_in_swedish_order() -> None:
    names = ["Öppna", "Ärva", "Åka", "Zebra", "Ébauche", "Avsluta", "3D-skriva", "Ändra"]
    assert sorted(names, key=sort_key) == [
        "3D-skriva",
        "Avsluta",
        "Ébauche",
        "Zebra",
        "Åka",
        "Ändra",
        "Ärva",
        "Öppna",
    ]
    assert initial("Ébauche") == "E" and initial("Åka") == "Å" and initial("3D") == "#"
    assert a_to_o([]) == []


def test_search_assets_are_the_registry_packages_files(liten: Path, tmp_path: Path) -> None:
    """The JavaScript shipped is byte-for-byte the packages' files named in sok-licenser.txt."""
    import hashlib

    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    notes = (out / "sok-licenser.txt").read_text(encoding="utf-8")
    for name, pattern in (
        ("lunr.min.js", r"sha256 (\w+)\n\nsnowball"),
        ("snowball-base-stemmer.js", r"sha256 (\w+) \(base-stemmer.js\)"),
        ("snowball-swedish-stemmer.js", r"sha256 (\w+) \(swedish-stemmer.js\)"),
    ):
        found = re.search(pattern, notes)
        assert found, name
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == found.group(1), name


# --- Lämna synpunkt ---


def test_feedback_mails_the_process_leader_with_the_context(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    href = _feedback_href((out / "folja-upp-budget.aktivitetsplan.html").read_text("utf-8"))
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "cecilia.dahl@example.org"
    assert " " not in href and "ö" not in href  # RFC 6068: percent-encoded UTF-8
    query = parse_qs(parts.query)
    assert query["subject"] == ["Synpunkt på aktivitetsplan för Följa upp budget (utan version)"]
    assert query["body"][0].startswith("Min synpunkt på aktivitetsplan för Följa upp budget")


def test_feedback_without_a_leader_goes_to_the_owner(liten: Path, tmp_path: Path) -> None:
    path = liten / BUDGET
    path.write_text(
        path.read_text("utf-8").replace("processledare: cecilia.dahl\n", ""), encoding="utf-8"
    )
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = (out / "folja-upp-budget.html").read_text("utf-8")
    assert urlsplit(_feedback_href(page)).path == "anna.berg@example.org"
    assert "(e-post till Anna Berg, processledare)" in page


def test_feedback_form_gets_the_context_in_its_query(liten: Path, tmp_path: Path) -> None:
    settings = liten / "procspec.yaml"
    settings.write_text(
        settings.read_text("utf-8")
        + "  synpunkter: https://forms.example.org/synpunkt?kalla=processer&x=1\n",
        encoding="utf-8",
    )
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = (out / "tillhandahalla-snorojning.html").read_text("utf-8")
    href = _feedback_href(page)
    parts = urlsplit(href)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", "forms.example.org", "/synpunkt")
    assert parse_qs(parts.query, keep_blank_values=True) == {
        "kalla": ["processer"],
        "x": ["1"],
        "process": ["Tillhandahålla snöröjning"],
        "id": ["tillhandahålla-snöröjning"],
        "dokument": ["processspecifikation"],
        "revision": [""],
    }
    assert "formulär hos forms.example.org" in page


def test_feedback_form_placeholders_are_filled(liten: Path, tmp_path: Path) -> None:
    settings = liten / "procspec.yaml"
    settings.write_text(
        settings.read_text("utf-8")
        + '  synpunkter: "https://git.example.org/processer/issues/new?title={ämne}"\n',
        encoding="utf-8",
    )
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    href = _feedback_href((out / "folja-upp-budget.uppfoljningsplan.html").read_text("utf-8"))
    title = href.split("title=", 1)[1]
    assert "&" not in title and " " not in title
    assert unquote(title) == "Synpunkt på uppföljningsplan för Följa upp budget (utan version)"


@pytest.mark.parametrize(
    "url",
    [
        "http://forms.example.org/synpunkt",
        "javascript:alert(1)",
        "https://",
        "https://user:pw@forms.example.org/",
        "https://forms.example.org/a b",
        'https://forms.example.org/"><script>',
        "forms.example.org/synpunkt",
    ],
)
def test_feedback_form_must_be_https(liten: Path, url: str) -> None:
    settings = liten / "procspec.yaml"
    settings.write_text(
        settings.read_text("utf-8") + f"  synpunkter: {json.dumps(url)}\n", encoding="utf-8"
    )
    done = procspec("validate", str(liten))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "synpunkter" in done.stdout + done.stderr
    assert "https://" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


# --- what changed ---


def _history(liten_git: Callable[[], GitRepo]) -> GitRepo:
    repo = liten_git()
    repo.replace(BUDGET, "Inför månadsvisa prognosmöten.", "Inför prognosmöten varje vecka.")
    repo.replace(
        BUDGET,
        "syfte: Att säkra att verksamheten håller sin budget.",
        "syfte: Att säkra att verksamheten håller sin budget och sin plan.",
    )
    long = "Skärp syftet och aktiviteten\n\n" + "Efter mötet i processteamet. " * 30
    repo.commit(long, "2026-03-02T14:30:00+01:00", ("Bo Ek", "bo.ek@example.org"))
    repo.replace(BUDGET, "processledare: cecilia.dahl", "processledare: bo.ek")
    repo.commit("Byt processledare", "2026-04-01T08:00:00+02:00")
    return repo


def test_changes_page_and_feed_from_git(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = _history(liten_git)
    out = tmp_path / "ut"
    render(repo.root, out, today=TODAY)
    page = (out / "andringar.html").read_text("utf-8")
    newest = page.index("Byt processledare")
    assert newest < page.index("Skärp syftet")  # newest first
    assert "Processledare: Cecilia Dahl → Bo Ek" in page
    assert (
        "Aktivitet A1, beskrivning: Inför månadsvisa prognosmöten. → Inför prognosmöten varje vecka."
        in page
    )
    assert '<time datetime="2026-03-02T13:30:00Z">2026-03-02</time> · av Bo Ek' in page
    assert "Processen lades till." in page  # the first commit
    message = re.search(r"Meddelande: </span>(Skärp[^<]*)</p>", page)
    assert message and len(message.group(1)) <= 300 and message.group(1).endswith("…")
    assert '<a href="andringar.xml" type="application/atom+xml">' in page

    feed = feedparser.parse((out / "andringar.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Ändringar i processerna – Processer i Örebro kommun"
    assert feed.feed.id.startswith("urn:uuid:")
    assert feed.feed.updated == "2026-04-01T06:00:00Z"  # the newest commit, not the clock
    assert len(feed.entries) == 5  # 3 processes added, then 2 changes
    first = feed.entries[0]
    assert first.title == "Följa upp budget: Byt processledare"
    assert first.link == "folja-upp-budget.html"
    assert first.author == "Åsa Öberg"
    assert "Processledare: Cecilia Dahl → Bo Ek." in first.summary
    assert first.id.startswith("urn:uuid:")
    assert len({e.id for e in feed.entries}) == 5

    # ids and bytes are stable: a later render, on another day, writes the same feed
    again = tmp_path / "igen"
    render(repo.root, again)
    assert (again / "andringar.xml").read_bytes() == (out / "andringar.xml").read_bytes()


def test_feed_uses_the_base_url(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = liten_git()
    repo.replace(
        "procspec.yaml", "publicering:\n", "publicering:\n  bas_url: https://intra.example.org/p/\n"
    )
    repo.commit("Publicera på intranätet", "2026-02-02T09:00:00+01:00")
    out = tmp_path / "ut"
    render(repo.root, out, today=TODAY)
    feed = feedparser.parse((out / "andringar.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.id == "https://intra.example.org/p/andringar.xml"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == "https://intra.example.org/p/andringar.xml"
    assert feed.entries[0].link.startswith("https://intra.example.org/p/")


def test_changes_outside_git(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = (out / "andringar.html").read_text("utf-8")
    assert "Det finns ingen versionshistorik för processerna" in page
    feed = feedparser.parse((out / "andringar.xml").read_bytes())
    assert not feed.bozo and feed.entries == []
    assert feed.feed.updated == f"{TODAY.isoformat()}T00:00:00Z"


def test_process_pages_link_to_their_own_changes(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = _history(liten_git)
    out = tmp_path / "ut"
    render(repo.root, out, today=TODAY)
    # The specification's date is the file's last commit; the aktivitetsplan's is the commit
    # that last changed an activity (A1, on 2026-03-02), not the new processledare's.
    for name, day in (
        ("folja-upp-budget.html", "2026-04-01"),
        ("folja-upp-budget.aktivitetsplan.html", "2026-03-02"),
    ):
        page = (out / name).read_text("utf-8")
        assert (
            f'<dt>Senast ändrad</dt><dd>{day} <span class="noprint">'
            '(<a href="folja-upp-budget.html#revisionshistorik">processens ändringar</a>)'
        ) in page
    assert 'id="revisionshistorik"' in (out / "folja-upp-budget.html").read_text("utf-8")
    subject = parse_qs(urlsplit(_feedback_href(page)).query)["subject"][0]
    assert re.fullmatch(
        r"Synpunkt på aktivitetsplan för Följa upp budget \(version [0-9a-f]{7}, 2026-04-01\)",
        subject,
    )


def test_message_cap() -> None:
    assert cap("kort") == "kort"
    text = cap("ord " * 200)
    assert len(text) <= 300 and text.endswith("ord…")


# --- print ---


def test_print_header_names_organisation_document_and_date(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    page = (out / "folja-upp-budget.uppfoljningsplan.html").read_text("utf-8")
    assert '@top-left { content: "Örebro kommun"; }' in page
    assert '@top-center { content: "Uppföljningsplan"; }' in page
    assert f'@top-right {{ content: "{TODAY.isoformat()}"; }}' in page
    assert 'content: "Sida " counter(page) " av " counter(pages);' in page


def test_css_string_cannot_leave_the_string_or_the_style() -> None:
    assert str(css_string('Ö"; } </style><script>')) == (
        "Ö\\000022; } \\00003c/style\\00003e\\00003cscript\\00003e"
    )


def test_feed_never_carries_a_character_xml_forbids(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    # An earlier version of a file is not checked as the current one is: its purpose said with
    # U+FFFE and U+FFFF, then mended, is a change the feed tells of.
    repo = liten_git()
    repo.replace("processer/följa-upp-budget.yaml", "syfte: Att", 'syfte: "\\uFFFE\\uFFFFAtt')
    repo.replace("processer/följa-upp-budget.yaml", "budget.\n", 'budget."\n')
    repo.commit("Ändra syftet", "2026-02-02T09:00:00+01:00")
    repo.replace("processer/följa-upp-budget.yaml", '"\\uFFFE\\uFFFFAtt', "Att")
    repo.replace("processer/följa-upp-budget.yaml", 'budget."\n', "budget.\n")
    repo.commit("Laga syftet", "2026-02-03T09:00:00+01:00")
    out = tmp_path / "ut"
    render(repo.root, out, today=TODAY)
    feed = minidom.parse(str(out / "andringar.xml"))
    [entry] = [e for e in feed.getElementsByTagName("entry") if "Laga syftet" in e.toxml()]
    assert "\ufffd\ufffd" in entry.toxml()
