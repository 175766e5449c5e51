"""The Swedish behind procspec's naming rules (PS101–PS104).

Örebro, Att namnge processer: a process name is a short form of the process's purpose, so it has
a verb in the infinitive, active form, and a noun — "tillhandahålla barnomsorg", "bedöma behov av
försörjningsstöd", "följa upp budget", "ta fram kvalitetssäkrade beslutsunderlag till
ledningsgruppen". Names that sound like an organisational function ("Kommunikationsprocessen",
too close to "Kommunikationsavdelningen") are to be avoided; write "Tillhandahålla
kommunikationsstöd" instead.

This module knows just enough Swedish to tell those apart. Its words are data, not code: the
tab-separated lists in ordlista/ (grammatik.tsv, the closed word classes, read at import; the
others, the open word lists, on first use), each with its source in its header. It is pure
(standard library only) and fast: each function does a handful of set lookups per name, and it
never raises on any string.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "NameFinding",
    "check_name",
    "functional_word",
    "is_only_verb",
    "leading_verb",
    "nominalisation",
    "object_form",
    "suggestion_from_purpose",
    "word_lists",
    "words",
]


def _rows(file_name: str) -> list[list[str]]:
    """The rows of a tab-separated word list; '#' lines and blank lines are comments."""
    text = resources.files("procspec.checking").joinpath("ordlista", file_name).read_text("utf-8")
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


# The closed word classes and endings of Swedish that the rules need (ordlista/grammatik.tsv).
_GRAMMAR = _rows("grammatik.tsv")


def _grammar_list(kind: str) -> list[str]:
    return [row[1] for row in _GRAMMAR if row[0] == kind]


def _grammar_words(kind: str) -> frozenset[str]:
    return frozenset(_grammar_list(kind))


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

# Stripped from both ends of a word. The hyphen is kept: "IT-stöd" is one word and "för-" in
# "för- och grundskola" is a truncated compound, not the preposition "för".
_EDGE_PUNCTUATION = (
    ".,;:!?\"'()[]{}<>«»“”„‘’‚…/\\|*&%#@+=~^$§–—−•·\u00ad\u200b\u200c\u200d\u2060\ufeff"
)

_EDGE_SET = frozenset(_EDGE_PUNCTUATION)

# Sentence punctuation and quotes that do not belong at the end of a suggested name.
_TRAILING = ".?!:;, \"'”»’"
_NUMBERING = re.compile(r"\d+(?:\.\d+)*")

_Token = tuple[str, int, int]  # (word as written, start, end) in the normalised name


def _normalise(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


def _tokens(text: str) -> list[_Token]:
    """Words of an already normalised text with their spans, punctuation stripped from the ends."""
    # A slash separates words too ("Planera/följa upp"); it has the length of the space.
    spaced = text.replace("/", " ") if "/" in text else text
    parts = spaced.split()
    result: list[_Token] = []
    # Offsets are running sums when the words are separated by single spaces, as nearly always.
    simple = " ".join(parts) == spaced
    position = 0
    for raw in parts:
        start = position if simple else spaced.find(raw, position)
        position = start + len(raw) + (1 if simple else 0)
        if raw[0] in _EDGE_SET or raw[-1] in _EDGE_SET:
            word = raw.strip(_EDGE_PUNCTUATION)
            if not word.strip("-"):
                continue
            start += len(raw) - len(raw.lstrip(_EDGE_PUNCTUATION))
        elif raw[0] == "-" and not raw.strip("-"):
            continue
        else:
            word = raw
        result.append((word, start, start + len(word)))
    return result


@functools.lru_cache(maxsize=4096)
def _parse(name: str) -> tuple[str, tuple[_Token, ...], int]:
    """The normalised name, its tokens and the length of its leading verb phrase in tokens.

    Cached: the naming rules ask several questions about the same name.
    """
    text = _normalise(name)
    tokens = _tokens(text)
    # A number before the name is its place in a process map ("1.2 Ta emot ansökan").
    if tokens and _NUMBERING.fullmatch(tokens[0][0]):
        while tokens and _NUMBERING.fullmatch(tokens[0][0]):
            tokens.pop(0)
        text = text[tokens[0][1] :] if tokens else ""
        tokens = _tokens(text)
    return text, tuple(tokens), _verb_span(tokens)


def words(name: str) -> list[str]:
    """Split a process name into words, NFC-normalised.

    Words are separated by whitespace; punctuation at the ends of a word is dropped, hyphenated
    words ("IT-stöd") stay whole. The naming rules of Örebro, Att namnge processer are about the
    words of a name (verb first, then a noun), so every other function here starts from this.
    """
    return [word for word, _, _ in _parse(name)[1]]


# --------------------------------------------------------------------------------------------
# Verbs
# --------------------------------------------------------------------------------------------

_SWEDISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzåäöéèüáàæøëïíóúôâç")

# Infinitives that do not end in -a: short verbs and their prefixed forms.
_SHORT_VERBS = _grammar_words("kortverb")

# Particle verbs whose particle is also a preposition, so the generic particles below would not
# find them, or whose verb is also a noun ("skola in").
_PARTICLE_VERBS: frozenset[tuple[str, ...]] = frozenset(
    tuple(entry.split()) for entry in _grammar_list("partikelverb")
)

# Adverbial particles: after an infinitive they belong to the verb ("följa upp", "ta fram",
# "ta emot", "betala ut", "köpa in"). Prepositions such as "för", "till", "av" are not here:
# "Planera för och säkerställa ..." has the verb "Planera" alone.
_PARTICLES = _grammar_words("partikel")

# Nouns ending in -a; compounds ending in them are nouns too ("förskola", "Botkyrka",
# "folkhälsa", "idrottsarena").
_A_NOUNS = _grammar_words("a-substantiv")
_A_NOUN_TUPLE = tuple(_A_NOUNS)
# Verbs that end in one of those nouns.
_NOUN_LOOKING_VERBS = _grammar_words("a-verb")

# Words ending in -a that are not verbs: pronouns, determiners, adverbs, ordinals,
# superlatives, adjectives and participles, place names.
_NOT_VERBS = _grammar_words("inte-verb")

# Endings of adjectives and of plural/definite nouns that end in -a ("politiska",
# "gemensamma", "kommunala", "medborgarna"), each with the few verbs that share the ending.
_NOT_VERB_ENDINGS: dict[str, frozenset[str]] = {
    row[1]: frozenset(row[2].split() if len(row) > 2 else ())
    for row in _GRAMMAR
    if row[0] == "inte-verb-ändelse"
}
_NOT_VERB_ENDING_SIZES = tuple(sorted({len(ending) for ending in _NOT_VERB_ENDINGS}))
_NOT_VERB_ENDING_TUPLE = tuple(_NOT_VERB_ENDINGS)


def _is_infinitive(word: str) -> bool:
    """Whether a lower-case word is a Swedish infinitive."""
    if word in _SHORT_VERBS:
        return True
    if len(word) < 3 or word[-1] != "a" or word in _NOT_VERBS:
        return False
    if not _SWEDISH_LETTERS.issuperset(word):
        return False
    if word.endswith(_NOT_VERB_ENDING_TUPLE):
        for size in _NOT_VERB_ENDING_SIZES:
            verbs = _NOT_VERB_ENDINGS.get(word[-size:])
            if verbs is not None and word not in verbs:
                return False
    if word in _NOUN_LOOKING_VERBS:
        return True
    return not word.endswith(_A_NOUN_TUPLE)


# Verbs that begin a particle verb listed in _PARTICLE_VERBS.
_PARTICLE_VERB_HEADS = frozenset(entry[0] for entry in _PARTICLE_VERBS)


def _verb_span(tokens: Sequence[_Token]) -> int:
    """How many leading tokens form the infinitive verb phrase (0 when there is none)."""
    if not tokens:
        return 0
    first = tokens[0][0].lower()
    start = 0
    if first in _PARTICLE_VERB_HEADS:
        following = [word.lower() for word, _, _ in tokens[start + 1 : start + 3]]
        for size in (2, 1):
            if len(following) >= size and (first, *following[:size]) in _PARTICLE_VERBS:
                return start + 1 + size
    if not _is_infinitive(first):
        return 0
    if len(tokens) > start + 1 and tokens[start + 1][0].lower() in _PARTICLES:
        return start + 2
    return start + 1


def leading_verb(name: str) -> str | None:
    """The infinitive verb phrase a process name starts with, as written, or None.

    Örebro, Att namnge processer: the name is a verb in the infinitive and active form plus a
    noun ("tillhandahålla barnomsorg", "följa upp budget"). The phrase includes the particle of a
    particle verb ("Ta fram ...", "följa upp ..."). Nouns and adjectives that merely end in -a
    ("Skola för alla", "Digitala tjänster") are not verbs. A leading "att" is accepted and kept.
    The phrase is returned NFC-normalised, with the spacing of the name.
    """
    text, tokens, span = _parse(name)
    if span == 0:
        return None
    return text[tokens[0][1] : tokens[span - 1][2]]


def is_only_verb(name: str) -> bool:
    """True when the whole name is its leading verb phrase ("Planera", "Följa upp").

    Örebro, Att namnge processer wants a verb and a noun, a bare verb only as the exception
    ("eventuellt bara verb"): the noun says what value the process delivers. PS104 warns.
    """
    _, tokens, span = _parse(name)
    if span == 0:
        return False
    index = span
    while index < len(tokens):
        # "Styra och leda": coordinated verbs with no noun are only verbs too.
        if tokens[index][0].lower() not in _CONJUNCTIONS or index + 1 == len(tokens):
            return False
        more = _verb_span(tokens[index + 1 :])
        if more == 0:
            return False
        index += 1 + more
    return True


# --------------------------------------------------------------------------------------------
# Word lists (data files in procspec/checking/ordlista)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordLists:
    """The word lists of procspec/checking/ordlista, read once. Each file documents its source."""

    nominalisations: dict[str, str]
    """Nominalisation -> verb phrase (substantiveringar.tsv)."""
    whole_only: frozenset[str]
    """Nominalisations that count only as a whole word, not as the tail of a compound."""
    verbs: dict[str, str]
    """Known verb phrases in the infinitive -> the object to add when a name is only the verb."""
    verb_words: frozenset[str]
    """Single words that are known infinitives (the first word of every known verb phrase)."""
    objects: dict[str, str]
    """Noun -> the form it takes as an object in a name (objekt.tsv)."""
    fronts: dict[str, str]
    """Compound front -> the word (fogformer.tsv)."""
    units: tuple[str, ...]
    processes: tuple[str, ...]
    functions: frozenset[str]
    collectives: frozenset[str]
    unit_exceptions: tuple[str, ...]
    process_types: tuple[str, ...]
    english_names: dict[str, str]
    english_verbs: dict[str, str]
    english_words: dict[str, str]
    ambiguous: frozenset[str]
    service_endings: tuple[str, ...]
    service_names: dict[str, str]


@functools.cache
def word_lists() -> WordLists:
    """The word lists behind the naming rules, loaded from the package on first use."""
    nominalisations: dict[str, str] = {}
    whole: set[str] = set()
    for row in _rows("substantiveringar.tsv"):
        word = row[0].lower()
        nominalisations[word] = row[1] if len(row) > 1 and row[1] != "-" else ""
        if len(row) > 2 and row[2] == "hel":
            whole.add(word)
    verbs: dict[str, str] = {}
    for row in _rows("verb.tsv"):
        obj = row[1] if len(row) > 1 else ""
        if obj or row[0] not in verbs:
            verbs[row[0]] = obj
    organisation: dict[str, list[str]] = {}
    for row in _rows("organisation.tsv"):
        organisation.setdefault(row[0], []).append(row[1].lower())
    english: dict[str, dict[str, str]] = {}
    for row in _rows("engelska.tsv"):
        english.setdefault(row[0], {})[row[1].lower()] = row[2] if len(row) > 2 else ""
    services: dict[str, dict[str, str]] = {}
    for row in _rows("tjanster.tsv"):
        services.setdefault(row[0], {})[row[1].lower()] = row[2] if len(row) > 2 else ""
    return WordLists(
        nominalisations=nominalisations,
        whole_only=frozenset(whole),
        verbs=verbs,
        verb_words=frozenset(
            phrase.split()[0] for phrase in (*verbs, *nominalisations.values()) if phrase
        )
        | _SHORT_VERBS,
        objects={row[0]: row[1] for row in _rows("objekt.tsv")},
        fronts={row[0]: row[1] for row in _rows("fogformer.tsv")},
        units=tuple(organisation.get("enhet", ())),
        processes=tuple(organisation.get("process", ())),
        functions=frozenset(organisation.get("funktion", ())),
        collectives=frozenset(organisation.get("samlande", ())),
        unit_exceptions=tuple(
            stem + ending
            for stem in organisation.get("undantag", ())
            for ending in ("", "en", "et", "ens", "ets")
        ),
        process_types=tuple(
            stem + ending
            for stem in organisation.get("processtyp", ())
            for ending in ("", "en", "er", "erna", "ens", "ernas")
        ),
        english_names=english.get("namn", {}),
        english_verbs=english.get("verb", {}),
        english_words=english.get("ord", {}),
        ambiguous=frozenset(english.get("tvetydig", {})),
        service_endings=tuple(services.get("efterled", {})),
        service_names=services.get("namn", {}),
    )


# --------------------------------------------------------------------------------------------
# Nominalisations
# --------------------------------------------------------------------------------------------

# The shortest dictionary entry looked for at the end of a compound, and the shortest front.
_MIN_COMPOUND_TAIL = 4
_MIN_COMPOUND_HEAD = 2

# Words that look like nominalisations but name a thing, a person or a body.
_NOT_NOMINALISATIONS = _grammar_words("inte-substantivering")
_NOT_NOMINALISATION_ENDINGS = tuple(_grammar_list("inte-substantivering-ändelse"))

# Words after an -ande/-ende word that show it is used as a noun ("Genomförande av ...").
# Otherwise it is an adjective ("Övergripande planering", "Förebyggande arbete").
_AFTER_NOMINAL_PARTICIPLE = _grammar_words("efter-substantiverat-particip")
_CONJUNCTIONS = _grammar_words("konjunktion")

# A linking -s is dropped after most consonants ("kvalitets", "behovs", "översikts") and after
# these endings ("kommunikations", "avtals", "avfalls", "leverantörs"). It belongs to the word
# after a vowel or s, l, n, r, x, z ("kris", "kurs", "kompetens") and in -ats ("plats", "insats").
_LINKING_S_CONSONANTS = frozenset("bcdfghjkmpqtvw")
_LINKING_S_AFTER = ("tion", "sion", "tal", "mål", "el", "ll", "ör", "är", "nkt")
_NOT_LINKING_S = ("ats",)


def _heuristic_verb(word: str) -> str | None:
    """Guess the verb behind an unknown nominalisation from its ending (to recognise it)."""
    if len(word) < 6 or not _SWEDISH_LETTERS.issuperset(word):
        return None
    if word.endswith("ering"):  # registrering -> registrera
        return word[:-3] + "a"
    if word.endswith("ning"):  # styrning -> styra
        return word[:-4] + "a"
    if word.endswith("ing") and word[-4] not in "aeiouyåäö":  # förbättring -> förbättra
        return word[:-3] + "a"
    if word.endswith("ande"):  # genomförande -> genomföra
        return word[:-3] + "a"
    if word.endswith("ende"):  # tillgodoseende -> tillgodose
        return word[:-4]
    return None


def _is_known_verb(phrase: str) -> bool:
    lists = word_lists()
    return phrase in lists.verbs or phrase.split()[0] in lists.verb_words


def _compound_object(front: str) -> str:
    """The object a compound's front names: "Budget" -> "budget", "Kvalitets" -> "kvalitet"."""
    front = front.rstrip("-")
    if not front:
        return front
    if front[1:] == front[1:].lower():
        front = front[0].lower() + front[1:]
    lowered = front.lower()
    fronts = word_lists().fronts
    if lowered in fronts:
        return fronts[lowered]
    for linking, word in fronts.items():
        if lowered.endswith(linking) and len(lowered) > len(linking):
            return front[: -len(linking)] + word
    if (
        len(lowered) > 2
        and lowered[-1] == "s"
        and not lowered.endswith(_NOT_LINKING_S)
        and (lowered[-2] in _LINKING_S_CONSONANTS or lowered[:-1].endswith(_LINKING_S_AFTER))
    ):
        return front[:-1]
    return front


def object_form(noun: str) -> str:
    """The form a noun takes as the object of a process name (objekt.tsv).

    A process handles many of a countable thing ("Hantera fakturor", "Hantera ärenden") and the
    one of a unique thing ("Planera verksamheten"); other nouns keep their form ("Följa upp
    budget"). A compound takes the form of its last part ("leverantörsfaktura" ->
    "leverantörsfakturor"); a definite form is read as its base ("fakturan" -> "fakturor").
    """
    if not noun or " " in noun:
        return noun
    objects = word_lists().objects
    low = noun.lower()
    for base in (low, *_definite_bases(low)):
        if base in objects:
            return objects[base]
        for cut in range(1, len(base) - 2):
            if base[cut:] in objects:
                return noun[:cut] + objects[base[cut:]]
    return noun


def _definite_bases(word: str) -> tuple[str, ...]:
    """Base forms a definite noun may have: "fakturan" -> "faktura", "ärendet" -> "ärende"."""
    bases: list[str] = []
    for ending, replacement in (
        ("orna", "a"),
        ("erna", ""),
        ("arna", ""),
        ("ena", ""),
        ("en", ""),
        ("et", ""),
        ("n", ""),
        ("t", ""),
        ("na", ""),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            bases.append(word[: -len(ending)] + replacement)
    return tuple(bases)


def _verb_for(word: str) -> tuple[str, str, bool] | None:
    """(verb phrase, object from a compound's front, whole phrase) for a nominalisation.

    The verb phrase is "" when the word is recognised as a nominalisation but no real verb is
    known for it; `whole` is True when the phrase replaces the whole word (a "hel" entry).
    """
    lists = word_lists()
    low = word.lower()
    if low.endswith("ingar") and len(low) > 8:  # utbetalningar -> utbetalning
        low = low[:-2]
        word = word[:-2]
    if low in lists.nominalisations:
        return lists.nominalisations[low], "", low in lists.whole_only
    if low in _NOT_NOMINALISATIONS:
        return None
    # The longest known thing the word ends with wins: "insatssamordning" ends in "samordning"
    # (a nominalisation), "delegationsordning" only in "ordning" (a document).
    excluded = 0
    if low.endswith(_NOT_NOMINALISATION_ENDINGS):
        excluded = max(len(end) for end in _NOT_NOMINALISATION_ENDINGS if low.endswith(end))
    for cut in range(_MIN_COMPOUND_HEAD, len(low) - _MIN_COMPOUND_TAIL + 1):
        tail = low[cut:]
        if tail in lists.nominalisations and tail not in lists.whole_only:
            if excluded >= len(tail):
                return None
            return lists.nominalisations[tail], _compound_object(word[:cut]), False
    if excluded:
        return None
    verb = _heuristic_verb(low)
    if verb is None or verb in _NOT_VERBS:
        return None
    return (verb if verb in lists.verb_words else ""), "", False


def _is_participle_noun(tokens: Sequence[_Token], index: int) -> bool:
    """Whether an -ande/-ende word at ``index`` is used as a noun rather than an adjective."""
    following = [word.lower() for word, _, _ in tokens[index + 1 : index + 3]]
    if not following:
        return True
    if following[0] in _AFTER_NOMINAL_PARTICIPLE:
        return True
    if following[0] in _CONJUNCTIONS:
        return len(following) < 2 or not following[1].endswith(("ande", "ende"))
    return False


def _convert(tokens: Sequence[_Token], index: int) -> tuple[str, str, bool] | None:
    word = tokens[index][0]
    if word.lower().endswith(("ande", "ende")) and not _is_participle_noun(tokens, index):
        return None
    return _verb_for(word)


def _phrase(verb: str, obj: str) -> str:
    return verb + (" " + object_form(obj) if obj else "")


def _capitalised_like(suggestion: str, name: str) -> str:
    text = _parse(name)[0]
    if text[:1].isupper() or (text[:1] in "\"'”“«" and text[1:2].isupper()):
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def nominalisation(name: str) -> tuple[str, str | None] | None:
    """The nominalisation a name starts with and a rewritten name (or None), or None.

    Örebro, Att namnge processer asks for a verb in an active form: "Uppföljning av budget" names
    an activity as a thing, "Följa upp budget" says what is done. Returns the nominalised word as
    written and a suggestion that starts with the verb, drops a following "av" and keeps the rest
    ("Hantering av fakturor" -> "Hantera fakturor"); a compound's front becomes the object, in
    the plural where the process handles many ("Fakturahantering" -> "Hantera fakturor").
    Coordinated nominalisations are rewritten too ("Planering och uppföljning" -> "Planera och
    följa upp"). The suggestion is None when no real verb is known (substantiveringar.tsv), and
    a bare verb gets its usual object (verb.tsv) or no suggestion. Names that already start with
    a verb give None.
    """
    text, tokens, span = _parse(name)
    if not tokens or span > 0:
        return None
    converted = _convert(tokens, 0)
    if converted is None:
        return None
    whole = " ".join(word.lower() for word, _, _ in tokens)
    if whole in word_lists().service_names:
        # A name with a better suggestion of its own (tjanster.tsv): "Utbildning".
        return tokens[0][0], _suggest(word_lists().service_names[whole], text)
    verb, obj, _ = converted
    if not verb:
        return tokens[0][0], None
    parts = [_phrase(verb, obj)]
    index = 0
    position = tokens[0][2]
    while True:
        if index + 1 < len(tokens) and tokens[index + 1][0].lower() == "av":
            index += 1
            position = tokens[index][2]
        if (
            index + 2 < len(tokens)
            and tokens[index + 1][0].lower() in _CONJUNCTIONS
            and (following := _convert(tokens, index + 2)) is not None
            and following[0]
        ):
            next_verb, next_obj, _ = following
            parts.append(text[position : tokens[index + 1][2]])
            parts.append(" " + _phrase(next_verb, next_obj))
            index += 2
            position = tokens[index][2]
            continue
        break
    if index + 1 < len(tokens) and tokens[index + 1][0].lower() in _CONJUNCTIONS:
        return tokens[0][0], None  # "Planering och budget": no verb phrase for the rest
    suggestion = ("".join(parts) + text[position:]).rstrip(_TRAILING)
    if is_only_verb(suggestion):
        suggestion = _complete_verb(suggestion.strip(), "") or ""
    suggestion = _capitalised_like(suggestion, name)
    return tokens[0][0], (suggestion if suggestion and _passes(suggestion) else None)


# --------------------------------------------------------------------------------------------
# Functional names
# --------------------------------------------------------------------------------------------

_FUNCTION_WORDS = _grammar_words("funktionsord")
_ADJECTIVE_ENDINGS = tuple(_grammar_list("adjektivändelse"))
_ADJECTIVES = _grammar_words("adjektiv")
# Prepositions after which a unit is the recipient of what the process delivers (Örebro's own
# example: "ta fram kvalitetssäkrade beslutsunderlag till ledningsgruppen").
# The same after a preposition of place ("Samordna arbetet inom socialförvaltningen"): the process
# is named for what it does there. A unit as the object ("Stödja IT-avdelningen") names the process
# after the unit.
_RECIPIENT_PREPOSITIONS = _grammar_words("mottagarpreposition")
_DEFINITE_UNIT_ENDINGS = ("en", "et", "ån")


def _is_exception(low: str) -> bool:
    return low.endswith(word_lists().unit_exceptions)


def _unit(low: str, *, compound: bool, definite: bool) -> bool:
    """Whether a lower-case word names a unit of the organisation (organisation.tsv)."""
    units = word_lists().units
    if not low.endswith(units) and not low[:-1].endswith(units):
        return False
    base = low[:-1] if low.endswith(("ens", "ets", "ns")) else low
    for ending in units:
        if not base.endswith(ending):
            continue
        if compound and len(base) <= len(ending) + 1:
            continue
        if definite and not ending.endswith(_DEFINITE_UNIT_ENDINGS):
            continue
        return not _is_exception(base)
    return False


def _process_compound(low: str, *, definite: bool) -> bool:
    processes = word_lists().processes
    if not low.endswith(processes):
        return False
    for ending in processes:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return not definite or ending.endswith(("en", "na"))
    return False


def _is_content_word(word: str) -> bool:
    low = word.lower()
    if low in _FUNCTION_WORDS or low in _ADJECTIVES or low.endswith("-"):
        return False
    return not (low.endswith(_ADJECTIVE_ENDINGS) and not _unit(low, compound=False, definite=False))


def _with_coordination(tokens: Sequence[_Token], index: int, text: str) -> str:
    """The word at `index` with a truncated coordination before it: "Styr- och ledningsprocesser"."""
    start = index
    while (
        start >= 2
        and tokens[start - 1][0].lower() in _CONJUNCTIONS
        and tokens[start - 2][0].endswith("-")
    ):
        start -= 2
    return text[tokens[start][1] : tokens[index][2]]


def _functional(text: str, tokens: Sequence[_Token], span: int) -> str | None:
    lists = word_lists()
    lowered = [word.lower() for word, _, _ in tokens]
    if span == 0:
        whole = " ".join(lowered)
        if whole in lists.functions:
            return text
        for index, low in enumerate(lowered):
            if _process_compound(low, definite=False) or (
                _unit(low, compound=True, definite=False)
            ):
                return _with_coordination(tokens, index, text)
        if _unit(lowered[0], compound=False, definite=False):
            return tokens[0][0]
        for index in range(len(lowered) - 1):
            low = lowered[index]
            if (
                low.endswith("s")
                and len(low) > 3
                and low not in _FUNCTION_WORDS
                and lowered[index + 1] in lists.collectives
            ):
                return text[tokens[index][1] : tokens[index + 1][2]]
        content = [word for word, _, _ in tokens if _is_content_word(word)]
        if len(content) == 1 and _unit(content[0].lower(), compound=False, definite=False):
            return content[0]
        return None
    for index in range(span, len(tokens)):
        low = lowered[index]
        if index > 0 and lowered[index - 1] in _RECIPIENT_PREPOSITIONS:
            continue
        genitive = low.endswith("s") and not low.endswith(("process", "processens"))
        following = lowered[index + 1] if index + 1 < len(lowered) else ""
        if genitive and following not in lists.collectives:
            continue  # "Samordna socialförvaltningens arbete": the unit qualifies the object
        if (
            _process_compound(low, definite=True) and not low.endswith(lists.process_types)
        ) or _unit(low, compound=True, definite=True):
            return _with_coordination(tokens, index, text)
    return None


def functional_word(name: str) -> str | None:
    """The words that make this a functional name, as written, or None.

    Örebro, Att namnge processer: avoid names associated with organisational functions, as they
    mix processes up with the traditional organisation chart — "Kommunikationsprocessen" is too
    close to "Kommunikationsavdelningen". Flags, anywhere in a name without a leading verb, a
    compound on a unit ending ("Ekonomiavdelningen", "IT-enheten", "Socialförvaltningen",
    "Stadsbyggnadskontoret", "HR-funktionen") or on "-process(en/er)" ("Stödprocesser"), a name
    that is a function ("Ekonomi", "HR"), a unit first ("Enheten för ..."), a genitive with
    "verksamhet" or "processer" ("Socialtjänstens verksamhet"), and a unit as the only noun
    ("Digitala enheten"). In a name that starts with a verb, a named unit in the definite form
    ("Stödja IT-avdelningen", "Följa upp ekonomiprocessen") is flagged too, unless it is the
    recipient ("... till ledningsgruppen", "Ge stöd till förvaltningen").
    """
    text, tokens, span = _parse(name)
    if not tokens:
        return None
    return _functional(text, tokens, span)


# --------------------------------------------------------------------------------------------
# Finite and passive verbs, English
# --------------------------------------------------------------------------------------------

# Words that look like a verb form but are not one in a name ("för" is not "föra" in the present).
_NOT_FINITE = _FUNCTION_WORDS | _grammar_words("inte-finit")


def _infinitive_of(word: str, *, passive: bool) -> str | None:
    """The known infinitive of a present-tense (or, with `passive`, s-passive) verb form."""
    low = word.lower()
    if (
        low[-1:] not in ("r", "s")
        or low in _NOT_FINITE
        or len(low) < 3
        or not _SWEDISH_LETTERS.issuperset(low)
    ):
        return None
    verbs = word_lists().verb_words
    candidates: list[str] = []
    if passive and low.endswith("s"):
        stem = low[:-1]
        candidates += [stem, stem + "a"]
        if stem.endswith("e"):
            candidates.append(stem[:-1] + "a")  # läses -> läsa
    if not passive and low.endswith("r"):
        stem = low[:-1]
        candidates += [stem, low + "a"]  # hanterar -> hantera, gör -> göra
        if stem.endswith("e"):
            candidates.append(stem[:-1] + "a")  # bedömer -> bedöma
    for candidate in candidates:
        if candidate in verbs and candidate not in _A_NOUNS:
            return candidate
    return None


def _finite(text: str, tokens: Sequence[_Token]) -> tuple[str, str, str | None] | None:
    """(kind, verb form as written, suggestion) for a finite or passive verb in the name."""
    lowered = [word.lower() for word, _, _ in tokens]
    for index, (word, _, end) in enumerate(tokens):
        for passive in (False, True):
            verb = _infinitive_of(word, passive=passive)
            if verb is None:
                continue
            kind = "passive" if passive else "finite"
            after = index + 1
            if after < len(tokens) and lowered[after] in _PARTICLES:
                verb += " " + lowered[after]
                end = tokens[after][2]
                after += 1
            rest = (
                _infinitives_after_conjunctions(text[end:].strip()) if after < len(tokens) else ""
            )
            if index == 0 and after < len(tokens) and lowered[after] in _CONJUNCTIONS:
                return kind, word, None  # "Leder och spår" is no verb phrase to rewrite
            if index == 0:
                if after < len(tokens) and lowered[after] in _FUNCTION_WORDS:
                    # "Placeras i förskola": the verb's object is missing.
                    # Only the verb's usual object that ends in the same words can fill it in.
                    obj = word_lists().verbs.get(verb, "")
                    if not obj or not obj.lower().endswith(" " + rest.lower()):
                        return kind, word, None
                    rest = obj
                return kind, word, _suggest(f"{verb} {rest}".strip(), text)
            subject = text[: tokens[index][1]].strip()
            if passive:
                head = subject.split()
                if len(head) == 1:
                    head[0] = object_form(_lower_first(head[0]))
                if rest and is_only_verb(f"{verb} {rest}"):
                    # "Anmälningar tas emot och utreds" -> "Ta emot och utreda anmälningar"
                    phrase = f"{verb} {rest} {' '.join(head)}"
                else:
                    phrase = f"{verb} {' '.join(head)} {rest}"
            else:
                # "Hur hanterar vi fakturor?": the subject after the verb goes too.
                first, _, remainder = rest.partition(" ")
                phrase = f"{verb} {remainder if first.lower() in _PRONOUNS else rest}"
            return kind, word, _suggest(phrase.strip(), text)
    return None


def _infinitives_after_conjunctions(text: str) -> str:
    """ "anmälningar och utreds" -> "anmälningar och utreda": coordinated verb forms too."""
    parts = text.split(" ")
    for index in range(1, len(parts)):
        if parts[index - 1].lower() in _CONJUNCTIONS:
            for passive in (True, False):
                verb = _infinitive_of(parts[index], passive=passive)
                if verb is not None:
                    parts[index] = verb
                    break
    return " ".join(parts)


_PRONOUNS = frozenset({"vi", "man", "jag", "ni", "de", "du"})


def _lower_first(word: str) -> str:
    if len(word) > 1 and word[1:2].isupper():
        return word  # an acronym: "IT-stöd"
    return word[:1].lower() + word[1:]


def _english(tokens: Sequence[_Token]) -> tuple[str, str | None] | None:
    """(kind, suggestion) when the name is in English."""
    lists = word_lists()
    lowered = [word.lower() for word, _, _ in tokens]
    english = lists.english_words.keys() | lists.english_verbs.keys()
    if (
        len(lowered) > 1
        and lowered[0] in english
        and lowered[0] not in lists.ambiguous
        and not all(w in english or w in lists.ambiguous for w in lowered)
    ):
        # "Onboarding av nya medarbetare": an English word, then Swedish; what follows "av" is
        # the object of the verb.
        verb = lists.english_verbs.get(lowered[0])
        rest = " ".join(word for word, _, _ in tokens[2:])
        suggestion = None
        if verb and lowered[1] == "av" and rest:
            suggestion = _suggest(f"{verb} {rest}", "")
        return " ".join(lowered), suggestion
    if any(char in "åäö" for word in lowered for char in word):
        return None
    if lowered and lowered[-1] in ("process", "processes"):
        lowered = lowered[:-1]
    whole = " ".join(lowered)
    if whole in lists.english_names:
        return whole, _suggest(lists.english_names[whole], "")
    known = [w in english or w in lists.ambiguous for w in lowered]
    strict = [w for w in lowered if w in english and w not in lists.ambiguous]
    if not strict or not all(known):
        return None
    suggestion = None
    verb = lists.english_verbs.get(lowered[-1])
    objects = [lists.english_words.get(w, "") for w in lowered[:-1]]
    if verb and len(objects) == 1 and objects[0]:
        suggestion = _suggest(f"{verb} {objects[0]}", "")
    return whole, suggestion


# --------------------------------------------------------------------------------------------
# Suggestions
# --------------------------------------------------------------------------------------------

_STOP_WORDS = _grammar_words("stoppord")
_MAX_SUGGESTION_WORDS = 8
# A suggestion is a short form of the purpose, well within any profile's `max_namnlängd` (PS104).
_MAX_SUGGESTION_LENGTH = 70


def _passes(name: str) -> bool:
    """Whether a suggestion is itself a good name: no naming rule fires on it."""
    return (
        bool(name.strip())
        and len(name) <= _MAX_SUGGESTION_LENGTH
        and _finding(name, "", "", False) is None
    )


def _suggest(phrase: str, name: str) -> str | None:
    """`phrase` as a suggestion (capitalised like `name`), or None when it breaks a rule."""
    phrase = " ".join(phrase.split()).rstrip(_TRAILING)
    if not phrase:
        return None
    if is_only_verb(phrase):
        completed = _complete_verb(phrase, "")
        if completed is None:
            return None
        phrase = completed
    phrase = _capitalised_like(phrase, name) if name else phrase[:1].upper() + phrase[1:]
    return phrase if _passes(phrase) else None


def _complete_verb(verb: str, purpose: str) -> str | None:
    """A bare verb with what it is done to: from the purpose ("att rekrytera X") or verb.tsv."""
    low = " ".join(verb.lower().split())
    for candidate in _purpose_phrases(purpose):
        if candidate.lower().startswith(low + " "):
            return verb + candidate[len(low) :]
    obj = word_lists().verbs.get(low, "")
    return f"{verb} {obj}" if obj else None


def _purpose_phrases(text: str) -> list[str]:
    """Verb phrases in a purpose or end event text ("Syftet är att ge invånarna ...")."""
    if not text or not text.strip():
        return []
    found: list[str] = []
    for sentence in re.split(r"[.;:!?\n]", _normalise(text)):
        tokens = _tokens(sentence.strip())
        sentence = sentence.strip()
        starts = [0] + [
            i + 1
            for i, (w, _, _) in enumerate(tokens)
            if w.lower() == "att"
            or (w.lower() in ("ska", "skall") and i > 0 and _is_doer(tokens[i - 1][0]))
        ]
        for start in starts:
            if start >= len(tokens):
                continue
            span = _verb_span(tokens[start:])
            if span == 0:
                continue
            end = start + span
            while (
                end < len(tokens)
                and end - start < _MAX_SUGGESTION_WORDS
                and tokens[end][0].lower() not in _STOP_WORDS
                and not sentence[tokens[end - 1][2] : tokens[end][1]].strip()
            ):
                end += 1
            while end > start + span and tokens[end - 1][0].lower() in (
                _FUNCTION_WORDS | _CONJUNCTIONS
            ):
                end -= 1
            found.append(sentence[tokens[start][1] : tokens[end - 1][2]])
    return found


# Who "ska" do something in a purpose that names the process's work ("Processen ska ge ...");
# "Invånarna ska få ..." says what the recipients get, not what the process does.
_DOERS = _grammar_words("utförare")


def _is_doer(word: str) -> bool:
    return word.lower() in _DOERS


def _participle_verb(word: str) -> str | None:
    """The verb of a past participle: "betald" -> "betala", "fattat" -> "fatta"."""
    low = word.lower()
    verbs = word_lists().verb_words
    for ending, replacement in (("ade", "a"), ("ad", "a"), ("at", "a"), ("d", "a"), ("t", "a")):
        if low.endswith(ending):
            stem = low[: -len(ending)]
            for candidate in (stem + replacement, stem):
                if candidate in verbs:
                    return candidate
    return None


def _end_event_phrase(text: str) -> str | None:
    """A verb phrase from an end event such as "Fakturan är betald" -> "Betala fakturor"."""
    if not text:
        return None
    tokens = _tokens(_normalise(text).split(".")[0])
    lowered = [w.lower() for w, _, _ in tokens]
    for index, low in enumerate(lowered):
        if low in ("är", "har") and 0 < index < len(tokens) - 1:
            verb = _participle_verb(lowered[index + 1])
            if verb is None:
                return None
            subject = [w for w, _, _ in tokens[:index]]
            if len(subject) == 1:
                subject[0] = object_form(_lower_first(subject[0]))
            elif subject:
                subject[0] = _lower_first(subject[0])
            return f"{verb} {' '.join(subject)}"
    return None


def suggestion_from_purpose(purpose: str, end_event: str) -> str | None:
    """A name from what the process delivers: its `syfte`, else its `sluthändelse`.

    Örebro, Att namnge processer: "Processens namn ska vara en kortversion av syftet". The first
    verb phrase of the purpose that is a good name is taken ("Syftet är att ge invånarna
    snabba besked" -> "Ge invånarna snabba besked"); an end event in the form "<något> är
    <gjort>" gives the verb and object ("Fakturan är betald" -> "Betala fakturor").
    """
    for phrase in _purpose_phrases(purpose):
        suggestion = _suggest(phrase, "")
        if suggestion is not None:
            return suggestion
    event = _end_event_phrase(end_event)
    return _suggest(event, "") if event else None


def _service_suggestion(text: str, tokens: Sequence[_Token]) -> str | None:
    """'Tillhandahålla <tjänst>' for a name that is only a service ("Hemtjänst")."""
    lists = word_lists()
    whole = " ".join(word.lower() for word, _, _ in tokens)
    if whole in lists.service_names:
        return _suggest(lists.service_names[whole], text)
    last = tokens[-1][0].lower()
    if len(tokens) <= 3 and last.endswith(lists.service_endings):
        if any(w.lower() in _FUNCTION_WORDS - _CONJUNCTIONS for w, _, _ in tokens):
            return None
        return _suggest("tillhandahålla " + _lower_first(text), text)
    return None


# --------------------------------------------------------------------------------------------
# The finding
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameFinding:
    """What a Swedish reader objects to in a process name, and what to write instead.

    `code` is the rule (PS101–PS104), `kind` the variant of its message ("att", "finite",
    "passive", "english", "noun", "nominalisation", "functional", "verb_only"), `word` the words
    at fault as written, and `suggestion` a whole name that passes every naming rule, or None
    when procspec cannot build one from the name (or from `syfte`/`sluthändelse` for PS103).
    """

    code: str
    kind: str
    word: str
    suggestion: str | None


def check_name(name: str, purpose: str = "", end_event: str = "") -> NameFinding | None:
    """The naming finding for a process name, or None when a Swedish reader accepts it.

    Örebro, Att namnge processer: the name is a short form of the purpose, a verb in the
    infinitive and active form and a noun, never the name of a function. One finding per name,
    the most precise one: a functional name (PS103), an "Att" before the verb, a finite or
    passive verb, English (PS101), a nominalisation (PS102), no verb (PS101), only a verb
    (PS104). `purpose` and `end_event` (the process's `syfte` and `sluthändelse`) supply PS103's
    suggestion, and any other when the name itself gives none. The length limit of PS104 is the
    rule's business.
    """
    found = _finding(name, purpose or "", end_event or "", True)
    if found is not None and found.suggestion is None and found.code != "PS103":
        # Nothing to build from the name: the name is a short form of the purpose.
        advice = suggestion_from_purpose(purpose or "", end_event or "")
        if advice is not None:
            return dataclasses.replace(found, suggestion=advice)
    return found


@functools.lru_cache(maxsize=4096)
def _finding(name: str, purpose: str, end_event: str, suggest: bool) -> NameFinding | None:
    text, tokens, span = _parse(name)
    if not tokens:
        return None
    unit = _functional(text, tokens, span)
    if unit is not None:
        advice = suggestion_from_purpose(purpose, end_event) if suggest else None
        return NameFinding("PS103", "functional", unit, advice)
    if tokens[0][0].lower() == "att" and len(tokens) > 1 and _verb_span(tokens[1:]):
        rest = text[tokens[1][1] :]
        advice = None
        if suggest:
            if is_only_verb(rest):
                completed = _complete_verb(rest, purpose)
                advice = _suggest(completed, text) if completed else None
            else:
                advice = _suggest(rest, text)
        return NameFinding("PS101", "att", tokens[0][0], advice)
    if span:
        if not is_only_verb(text):
            return None
        advice = None
        if suggest:
            completed = _complete_verb(text, purpose)
            advice = _suggest(completed, text) if completed else None
        return NameFinding("PS104", "verb_only", text, advice)
    english = _english(tokens)
    if english is not None:
        return NameFinding("PS101", "english", text, english[1] if suggest else None)
    finite = _finite(text, tokens)
    if finite is not None:
        kind, word, advice = finite
        return NameFinding("PS101", kind, word, advice if suggest else None)
    found = nominalisation(text) if suggest else _bare_nominalisation(tokens)
    if found is not None:
        return NameFinding("PS102", "nominalisation", found[0], found[1])
    advice = _service_suggestion(text, tokens) if suggest else None
    return NameFinding("PS101", "noun", text, advice)


def _bare_nominalisation(tokens: Sequence[_Token]) -> tuple[str, None] | None:
    return (tokens[0][0], None) if _convert(tokens, 0) is not None else None
