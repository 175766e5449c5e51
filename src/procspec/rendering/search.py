"""The search of the published site: a prebuilt Lunr index in a JavaScript file, and the A–Ö list.

Readers find a process by the words they use, not by its place in the hierarchy. The index is
built here as lunr.py builds it (its scoring; `index_script`) and loaded in the browser by
lunr.js (both MIT), so the page works opened from disk (`file://`, where a browser refuses to fetch
index files) as well as from a web server: the index is a `<script>` the page includes, and no
request leaves the site.

Words are Swedish: every word is reduced to its stem with the Snowball Swedish stemmer (Python:
snowballstemmer; in the browser the same algorithm, Snowball 3.0.1 generated JavaScript), so
"bygglovet" and "bygglov" meet. Swedish writes compounds as one word; the page matches a query
stem as the head or tail of an indexed compound ("fakturorna" → faktur → leverantörsfaktur), and an
indexed word as the head or tail of a compound query, with Lunr's wildcards and the index's own
vocabulary (see `templates/assets/sok.js`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

import msgspec

from procspec.reading.model import Process
from procspec.reading.repository import ProcessRecord
from procspec.rendering.flowview import anchor as flow_anchor
from procspec.rendering.view import (
    Builder,
    ProcessView,
    activity_anchor,
    goal_anchor,
    measure_anchor,
    pages_of,
)

SEARCH_PAGE = "sok"
INDEX_SCRIPT = "sok-index.js"
ASSETS = (
    "lunr.min.js",
    "snowball-base-stemmer.js",
    "snowball-swedish-stemmer.js",
    "sok.js",
    "sok-licenser.txt",
)
"""Files copied from `templates/assets/` into the output beside the search page."""

STEMMER_LABEL = "stemmer-sv"
"""The name the index's search pipeline records; `sok.js` registers the stemmer under it."""

FIELDS = (("namn", 10), ("text", 1))
"""Indexed fields and their boosts: a hit in a name outranks one in the text."""

_WORD = re.compile(r"\w+")

# Snowball's Swedish stop words (snowballstem.org/algorithms/swedish/stop.txt): words that say
# nothing about a process. They are neither indexed nor searched for.
_STOP_TEXT = (
    "och det att i en jag hon som han på den med var sig för så till är men ett om hade de av "
    "icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde "
    "något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under "
    "någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli "
    "blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom "
    "mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra "
    "ert era vilkas"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer("swedish").stemWord
    return stem


def load_libraries() -> None:
    """Import lunr.py and the Snowball stemmer now, before they are needed."""
    import lunr.idf  # noqa: F401

    _stemmer()


def stems(text: str, cache: dict[str, str]) -> list[str]:
    """The stems of the words of `text`, lower-cased, stop words left out."""
    stem = _stemmer()
    out = []
    for word in _WORD.findall(text.lower()):
        found = cache.get(word)
        if found is None:
            found = "" if word in STOP_WORDS else stem(word)
            cache[word] = found
        if found:
            out.append(found)
    return out


@dataclass(frozen=True)
class Entry:
    """One thing a reader can find: a process, a goal, an activity, a step of the map."""

    title: str
    process: str
    where: str
    href: str
    text: str
    boost: int = 1
    """A process itself outranks its goals and activities when both match as well."""


@dataclass
class Labels:
    """The words the entries are described with, in the site's language."""

    spec: str
    activities: str
    follow_up: str
    flow_map: str
    goal: str
    measure: str
    activity: str
    step: str


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(p for p in parts if p)


def entries(
    builder: Builder,
    records: list[tuple[ProcessRecord, Process]],
    labels: Labels,
    map_pages: dict[str, str],
) -> list[Entry]:
    """Everything the search finds, in the order of `records` (tree order), with the words the
    processes' documents show: made from the models, without the documents' views."""
    found: list[Entry] = []
    for record, model in records:
        pid, name = record.id, model.name
        pages = pages_of(pid, "html")
        found.append(
            Entry(
                name,
                name,
                labels.spec,
                pages.spec,
                _join(
                    [
                        model.purpose,
                        model.start_event,
                        model.end_event,
                        *model.recipients,
                        builder.kind_label(model.kind),
                        *(r.description for r in model.requirements),
                        *model.forums,
                        *(d.title for d in model.documents),
                        *builder.people(pid),
                    ]
                ),
                boost=3,
            )
        )
        for number, goal in enumerate(model.goals, 1):
            follow = goal.follow_up
            found.append(
                Entry(
                    f"{goal.id}: {goal.description}",
                    name,
                    f"{labels.follow_up}, {labels.goal} {goal.id}",
                    f"{pages.follow_up}#{goal_anchor(number)}",
                    _join(
                        [
                            goal.measure,
                            follow.method if follow else None,
                            follow.handling if follow else None,
                        ]
                    ),
                )
            )
        for number, measure in enumerate(model.measures, 1):
            found.append(
                Entry(
                    f"{measure.id}: {measure.description}",
                    name,
                    f"{labels.follow_up}, {labels.measure} {measure.id}",
                    f"{pages.follow_up}#{measure_anchor(number)}",
                    "",
                )
            )
        for number, activity in enumerate(model.activities, 1):
            found.append(
                Entry(
                    f"{activity.id}: {activity.description}",
                    name,
                    f"{labels.activities}, {labels.activity} {activity.id}",
                    f"{pages.activities}#{activity_anchor(number)}",
                    _join([activity.decision, activity.effect]),
                )
            )
        if model.flow_map is not None:
            found.extend(_map_entries(name, pages.spec, model, labels, map_pages.get(pid)))
    return found


def _map_entries(
    name: str, spec: str, model: Process, labels: Labels, page: str | None
) -> list[Entry]:
    """The processteg and activities of a process's map; they link to its processkarta page when
    the site has one, else to the processspecifikation (`spec`)."""
    assert model.flow_map is not None
    actors = {a.id: a.name for a in model.flow_map.actors}
    href = page or spec
    out = []
    for step in model.flow_map.steps:
        where = f"{labels.flow_map}, {labels.step} {step.name}"
        if not step.activities:
            out.append(Entry(step.name, name, where, href, step.name))
        for activity in step.activities:
            title = activity.name or activity.process or activity.id
            text = _join(
                [
                    actors.get(activity.actor or ""),
                    *activity.systems,
                    *activity.documents,
                    *(c.when for c in activity.choices),
                    *(r.description for r in activity.risks),
                    *(r.measure for r in activity.risks),
                ]
            )
            # On the processkarta page, straight to the activity's row of the flow table.
            target = f"{page}#{flow_anchor(activity.id)}" if page else href
            out.append(Entry(title, name, where, target, text))
    return out


_NO_METADATA: dict[str, list[Any]] = {}
"""What the index records of a word in a document beyond its presence: nothing."""

K1, B = 1.2, 0.75
"""BM25's constants as lunr.py's `Builder` and lunr.js have them."""


def index_script(found: list[Entry]) -> str:
    """`sok-index.js`: the Lunr index and what each result shows, as one script that sets
    `window.PROCSPEC_SOK`. Deterministic: the same entries give the same bytes.

    The index is lunr.py 0.8's (`Builder.add`, `build`, `Index.serialize`) for words that
    arrive stemmed and without metadata (it records no positions), made here in one pass over
    the entries and one over their fields: the same postings, the same scores by the same
    arithmetic in the same order (lunr.py's `idf`), the same JSON. lunr.py's own `add` runs each
    field through its tokenizer and copies a metadata dict per word, which cost more than the
    rest of the indexing together. Each word is counted per distinct word of a field, in the
    order it first occurs, as lunr.py counts them. The search pipeline records only the name of
    its stemmer, which sok.js provides with the same Snowball algorithm."""
    from lunr import __TARGET_JS_VERSION__
    from lunr.idf import idf

    names = [name for name, _ in FIELDS]
    boosts = dict(FIELDS)
    cache: dict[str, str] = {}
    postings: dict[str, dict[str, Any]] = {}
    # Each field of each entry: its reference, name, the entry's boost, its words' counts and
    # its length.
    fields: list[tuple[str, str, int, dict[str, int], int]] = []
    totals = dict.fromkeys(names, 0)
    docs: list[list[str]] = []
    for number, entry in enumerate(found):
        ref = str(number)
        for name, text in (("namn", entry.title), ("text", entry.text)):
            terms = stems(text, cache)
            counts: dict[str, int] = {}
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
            for term in counts:
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {**{n: {} for n in names}, "_index": len(postings)}
                posting[name][ref] = _NO_METADATA
            fields.append((f"{name}/{ref}", name, entry.boost, counts, len(terms)))
            totals[name] += len(terms)
        # The snippet is what the title does not already say: the text around the hit.
        docs.append([entry.title, entry.process, entry.where, entry.href, entry.text])
    count = len(found)
    # lunr.py divides by the number of documents: none on the site of a repository without
    # processes, whose index is then empty.
    average = {n: totals[n] / count for n in names} if count else dict.fromkeys(names, 0)
    k1_plus = K1 + 1
    indexes = {term: posting["_index"] for term, posting in postings.items()}
    weights = {term: idf(posting, count) for term, posting in postings.items()}
    vectors: list[list[Any]] = []
    for field_ref, name, doc_boost, counts, length in fields:
        field_boost = boosts[name]
        norm = K1 * (1 - B + B * (length / average[name]))
        scored = sorted(
            [
                (indexes[term], round(weights[term] * (k1_plus * tf) / (norm + tf) * field_boost
                                      * doc_boost, 3))
                for term, tf in counts.items()
            ]
        )  # fmt: skip
        vectors.append([field_ref, list(chain.from_iterable(scored))])
    index = {
        "version": __TARGET_JS_VERSION__,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": [STEMMER_LABEL],
    }
    payload: dict[str, Any] = {"index": index, "docs": docs, "stop": sorted(STOP_WORDS)}
    # msgspec writes the same compact JSON as `json.dumps(..., ensure_ascii=False,
    # separators=(",", ":"))`, the shortest text of each score included, in a third of the time.
    text = msgspec.json.encode(payload).decode()
    return f"window.PROCSPEC_SOK={text};\n"


# --- the A–Ö list (the search page without JavaScript) ---

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
_KEEP = {"Å", "Ä", "Ö"}
_AS = {"Æ": "Ä", "Ø": "Ö", "Ü": "Y"}  # Swedish alphabetical order (SAOL): ü with y, æ ø with ä ö


def _letter_key(char: str) -> str:
    upper = char.upper()
    if upper in _KEEP:
        return upper
    if upper in _AS:
        return _AS[upper]
    base = unicodedata.normalize("NFD", upper)[:1]
    return base if base in ALPHABET else ""


_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})
"""å, ä, ö after z (the characters after 'z' in code point order), as SAOL orders them."""


def sort_key(name: str) -> str:
    """A name's place in Swedish alphabetical order: å, ä, ö after z; é as e."""
    folded = name.casefold()
    if not folded.isascii():
        folded = "".join(
            c if c in "åäöæøü" else unicodedata.normalize("NFD", c)[:1] for c in folded
        )
    return folded.translate(_ORDER)


def initial(name: str) -> str:
    """The letter a name is listed under, or '#' for one that starts otherwise."""
    letter = _letter_key(name.strip()[:1]) if name.strip() else ""
    return letter or "#"


@dataclass(frozen=True)
class Letter:
    letter: str
    anchor: str
    items: list[ProcessView]


def a_to_o(views: list[ProcessView]) -> list[Letter]:
    """Every process under its initial letter, in Swedish order."""
    groups: dict[str, list[ProcessView]] = {}
    for view in sorted(views, key=lambda v: (sort_key(v.name), v.id)):
        groups.setdefault(initial(view.name), []).append(view)
    order = ["#", *ALPHABET]
    out = []
    for letter in sorted(groups, key=order.index):
        anchor = "bokstav-" + ("ovrigt" if letter == "#" else _anchor(letter))
        out.append(Letter(letter, anchor, groups[letter]))
    return out


def _anchor(letter: str) -> str:
    return {"Å": "aa", "Ä": "ae", "Ö": "oe"}.get(letter, letter.lower())
