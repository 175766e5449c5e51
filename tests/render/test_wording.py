"""Words that agree with their number on the rendered pages: "processägarna" for two owners,
"1 planerad" but "2 planerade". Real example repositories on disk, rendered as a user would."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from procspec.checking.hierarchy import Context
from procspec.features.render import render
from procspec.reading.repository import load_repository
from procspec.rendering.jinja import whole_dates
from procspec.rendering.view import Builder

from ..conftest import EXAMPLES, TODAY, copy_example

LIVSMILJO = "processer/medborgarprocesser/skapa-en-god-och-trygg-livsmiljö-för-botkyrkaborna.yaml"


def _text(page: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text("utf-8")))


def test_two_owners_who_lead_the_process_are_processagarna(tmp_path: Path) -> None:
    """Botkyrka 2.3 allows two owners of a level-1 process (Tabell 2); when they lead it
    themselves, the page says that the owners hold the role, in the plural."""
    root = copy_example("botkyrka", tmp_path / "botkyrka")
    spec = root / LIVSMILJO
    text = spec.read_text("utf-8")
    assert "\nprocessägare: per.wallin\n" in text
    spec.write_text(
        text.replace(
            "\nprocessägare: per.wallin\n", "\nprocessägare: [per.wallin, sara.lindqvist]\n"
        ),
        "utf-8",
    )
    out = tmp_path / "ut"
    render(root, out, today=TODAY)
    page = _text(out / "skapa-en-god-och-trygg-livsmiljo-for-botkyrkaborna.html")
    assert "(processägarna har rollen)" in page
    assert "(processägaren har rollen)" not in page
    single = _text(out / "mota-botkyrkabornas-behov-av-ett-livslangt-larande.html")
    assert "(processägaren har rollen)" in single


def test_counts_agree_with_their_number(tmp_path: Path) -> None:
    """No "1 planerade", "1 uppnådda" or "1 aktiviteter" on any page of either example."""
    wrong = re.compile(
        r"(?<![\d,])1 (planerade|pågående aktiviteter|klara|avbrutna|försenade|uppnådda|"
        r"aktiviteter|processer|mål uppnådda|med risker)\b"
    )
    for name in ("botkyrka", "orebro"):
        out = tmp_path / name
        render(EXAMPLES / name, out, today=TODAY)
        found = {
            page.name: wrong.findall(_text(page))
            for page in sorted(out.glob("*.html"))
            if wrong.search(_text(page))
        }
        assert found == {}
        if name == "botkyrka":
            plan = _text(out / "tillhandahalla-forskola.aktivitetsplan.html")
            assert "4 aktiviteter: 1 pågående, 1 planerad, 1 klar, 1 avbruten." in plan


def test_dates_in_table_text_stay_on_one_line_and_attributes_are_untouched() -> None:
    html = '<td><a href="#andring-2026-01-14">Beslut 2026-01-14, ej 2026-01-140</a></td>'
    assert str(whole_dates(html)) == (
        '<td><a href="#andring-2026-01-14">Beslut <span class="nowrap">2026-01-14</span>,'
        " ej 2026-01-140</a></td>"
    )


def _whole_dates_per_text_run(html: str) -> str:
    """The rule read literally: every text run between `>` and the next `<`, its dates wrapped."""
    date = re.compile(r"(?<![\w-])(\d{4}-\d{2}-\d{2})(?![\w-])")
    return re.sub(
        r">([^<]+)<",
        lambda run: ">" + date.sub(r'<span class="nowrap">\1</span>', run.group(1)) + "<",
        html,
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "<td>",
                "</td>",
                '<a href="#d-2026-01-14">',
                "2026-01-14",
                "1999-12-31",
                "x",
                "-",
                " ",
                "2026-01-140",
                "a2026-01-14",
                "é",
                "&gt;",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_dates_are_kept_whole_exactly_where_text_runs_have_them(html: str) -> None:
    assert str(whole_dates(html)) == _whole_dates_per_text_run(html)


def test_labels_with_numbers_are_kept_apart_from_text_and_truth_values() -> None:
    """A label is made once per key and parameters (`Builder.t`, `Builder.tn`): a whole number,
    its text and a truth value that equals it are three labels, each written as it is."""
    repo = load_repository(EXAMPLES / "orebro")
    builder = Builder(Context.build(repo, TODAY), None, "html")
    for _ in range(2):  # made, then found among those made already
        assert builder.t("flow.risk.cell", score=1, level="låg") == "värde 1, låg"
        assert builder.t("flow.risk.cell", score="1", level="låg") == "värde 1, låg"
        assert builder.t("flow.risk.cell", score=True, level="låg") == "värde True, låg"
        assert builder.t("flow.risk.cell", score=1.5, level="låg") == "värde 1.5, låg"
        assert builder.tn("flow.step_count", 1, n=1) == "1 aktivitet"
        assert builder.tn("flow.step_count", 3, n=3) == "3 aktiviteter"
        assert builder.tn("flow.step_count", 3, n="tre") == "tre aktiviteter"
