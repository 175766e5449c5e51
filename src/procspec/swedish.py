"""The Swedish behind procspec's naming rules (PS101–PS104).

Örebro, Att namnge processer: a process name is a short form of the process's purpose, so it has
a verb in the infinitive, active form, and a noun — "tillhandahålla barnomsorg", "bedöma behov av
försörjningsstöd", "följa upp budget", "ta fram kvalitetssäkrade beslutsunderlag till
ledningsgruppen". Names that sound like an organisational function ("Kommunikationsprocessen",
too close to "Kommunikationsavdelningen") are to be avoided; write "Tillhandahålla
kommunikationsstöd" instead.

This module knows just enough Swedish to tell those apart. It is pure (standard library only)
and fast: every table is built once at import, and each function does a handful of set lookups
per name. It never raises on any string.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

__all__ = [
    "functional_word",
    "is_only_verb",
    "leading_verb",
    "nominalisation",
    "words",
]

# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

# Stripped from both ends of a word. The hyphen is kept: "IT-stöd" is one word and "för-" in
# "för- och grundskola" is a truncated compound, not the preposition "för".
_EDGE_PUNCTUATION = (
    ".,;:!?\"'()[]{}<>«»“”„‘’‚…/\\|*&%#@+=~^$§–—−•·\u00ad\u200b\u200c\u200d\u2060\ufeff"
)

_EDGE_SET = frozenset(_EDGE_PUNCTUATION)

_Token = tuple[str, int, int]  # (word as written, start, end) in the normalised name


def _wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated block, for readable word lists."""
    return frozenset(text.split())


def _normalise(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


def _tokens(text: str) -> list[_Token]:
    """Words of an already normalised text with their spans, punctuation stripped from the ends."""
    parts = text.split()
    result: list[_Token] = []
    # Offsets are running sums when the words are separated by single spaces, as nearly always.
    simple = " ".join(parts) == text
    position = 0
    for raw in parts:
        start = position if simple else text.find(raw, position)
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
_SHORT_VERBS = _wordset(
    """
    be bli bo dra dö fly få ge gro gå ha klä le må nå ro se sko ske slå spå spy stå strö sy ta
    tro två
    anse avse bese förse inse tillse utse överse tillgodose
    avge inge medge omge uppge utge återge tillge
    bistå bestå framstå förstå kvarstå motstå tillstå uppstå åtstå
    avgå begå fortgå förgå genomgå ingå tillgå undergå uppgå utgå återgå åtgå övergå
    uppnå förbli bebo
    """
)

# Particle verbs whose particle is also a preposition, so the generic particles below would not
# find them, or whose verb is also a noun ("skola in").
_PARTICLE_VERBS: frozenset[tuple[str, ...]] = frozenset(
    tuple(entry.split())
    for entry in (
        "ta hand om",
        "ta vara på",
        "ta till vara",
        "ta del av",
        "ta sig an",
        "ta över",
        "ta med",
        "ta till",
        "se till",
        "se över",
        "gå över",
        "hålla i",
        "lägga om",
        "göra om",
        "ställa om",
        "bygga om",
        "tänka om",
        "skola om",
        "skola in",
        "sätta av",
        "komma åt",
        "hälsa på",
        "friska upp",
        "skala upp",
        "bena ut",
        "räkna av",
        "lämna över",
    )
)

# Adverbial particles: after an infinitive they belong to the verb ("följa upp", "ta fram",
# "ta emot", "betala ut", "köpa in"). Prepositions such as "för", "till", "av" are not here:
# "Planera för och säkerställa ..." has the verb "Planera" alone.
_PARTICLES = _wordset(
    """
    upp ut in fram emot bort ihop undan tillbaka igenom ner ned hem loss isär kvar tillvara
    samman itu iväg
    """
)

# Nouns ending in -a; compounds ending in them are nouns too ("förskola", "Botkyrka",
# "folkhälsa", "idrottsarena").
_A_NOUNS = _wordset(
    """
    skola kyrka gata arena hälsa kvinna människa flicka vecka sida krona kassa kollega agenda
    media data tema schema villa opera pizza drama dilemma karta tavla lampa kamera saga aula
    area timma klocka mössa soffa väska kärna massa flora fauna natura
    """
)
_A_NOUN_TUPLE = tuple(_A_NOUNS)
# Verbs that end in one of those nouns.
_NOUN_LOOKING_VERBS = frozenset({"omskola", "inskola", "utskola"})

# Words ending in -a that are not verbs: pronouns, determiners, adverbs, ordinals,
# superlatives, adjectives and participles, place names.
_NOT_VERBS = _wordset(
    """
    alla andra bara båda dessa flera många några samma sina våra dina mina era vilka vissa egna
    hela halva ena enda själva varenda inga varandra mera nära extra bra ja ofta gärna sakta
    ska fyra olika lika rika
    första sista nästa bästa största minsta högsta lägsta främsta yttersta översta nedersta
    flesta mesta
    nya goda stora höga låga långa unga gamla vuxna sjuka svaga starka gröna röda svarta vita
    gula blå döva blinda sköra
    särskilda enskilda utvalda bestämda kända berörda anställda nyanlända utsatta avlidna givna
    skrivna bundna funna inkomna födda
    digitala totala vitala mentala fundamentala horisontala vertikala sentimentala lokala
    vokala fiskala normala formala minimala maximala optimala legala illegala ovala ideala
    primära sekundära tertiära
    svenska engelska finska tyska norska danska franska spanska ryska romska
    europa afrika amerika asien
    botkyrka uppsala nacka solna sigtuna sollentuna vallentuna eskilstuna järfälla knivsta
    kiruna sala svedala motala pajala vetlanda alvesta kinda vadstena haparanda arvika eda
    tomelilla örkelljunga uddevalla kungsbacka härryda emmaboda mörbylånga arboga kumla nora
    karlskoga lomma mora orsa landskrona karlskrona
    """
)

# Endings of adjectives and of plural/definite nouns that end in -a ("politiska",
# "gemensamma", "kommunala", "medborgarna"), each with the few verbs that share the ending.
_NOT_VERB_ENDINGS: dict[str, frozenset[str]] = {
    "iska": frozenset({"fiska", "viska", "diska", "piska", "uppfriska"}),  # politiska
    "iga": frozenset({"tiga", "stiga", "bestiga", "överstiga", "understiga", "niga"}),  # viktiga
    "ella": frozenset(),  # nationella, kulturella
    "tiva": frozenset(),  # operativa, administrativa
    "siva": frozenset(),  # intensiva, inklusiva
    "bara": frozenset({"uppenbara"}),  # hållbara
    "samma": frozenset({"uppmärksamma"}),  # gemensamma
    "nala": frozenset(),  # kommunala, regionala
    "rala": frozenset(),  # centrala, neutrala
    "iala": frozenset(),  # sociala
    "bala": frozenset(),  # globala
    "sala": frozenset(),  # universala
    "ulära": frozenset(),  # populära
    "ylära": frozenset(),  # molekylära
    "mära": frozenset(),  # primära
    "dära": frozenset(),  # sekundära
    "itära": frozenset(),  # militära
    "ntära": frozenset(),  # elementära
    "satta": frozenset(),  # funktionsnedsatta
    "ställda": frozenset(),  # anställda
    "tuna": frozenset(),  # Sigtuna, Eskilstuna
    "arna": frozenset({"varna", "förvarna"}),  # medborgarna
    "orna": frozenset({"torna"}),  # skolorna
    "erna": frozenset(),  # tjänsterna
    "ia": frozenset({"fria", "befria"}),  # historia, kostnadsfria
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
    if first == "att" and len(tokens) > 1:
        start = 1
        first = tokens[1][0].lower()
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
    return span > 0 and span == len(tokens)


# --------------------------------------------------------------------------------------------
# Nominalisations
# --------------------------------------------------------------------------------------------

# Common nominalisations in municipal process names, with the verb phrase to use instead.
_NOMINALISATIONS: dict[str, str] = {
    "administration": "administrera",
    "analys": "analysera",
    "anmälan": "anmäla",
    "anordnande": "anordna",
    "ansökan": "ansöka",
    "anpassning": "anpassa",
    "anställning": "anställa",
    "antagning": "anta",
    "arkivering": "arkivera",
    "avräkning": "räkna av",
    "avveckling": "avveckla",
    "bedömning": "bedöma",
    "bemanning": "bemanna",
    "bemötande": "bemöta",
    "beredning": "bereda",
    "beräkning": "beräkna",
    "beslut": "besluta",
    "beslutsfattande": "fatta beslut",
    "betalning": "betala",
    "bevakning": "bevaka",
    "bevarande": "bevara",
    "bokföring": "bokföra",
    "budgetering": "budgetera",
    "debitering": "debitera",
    "deltagande": "delta",
    "diarieföring": "diarieföra",
    "digitalisering": "digitalisera",
    "dokumentation": "dokumentera",
    "drift": "driva",
    "etablering": "etablera",
    "fakturering": "fakturera",
    "fastställande": "fastställa",
    "framtagande": "ta fram",
    "framtagning": "ta fram",
    "förebyggande": "förebygga",
    "förmedling": "förmedla",
    "försäljning": "sälja",
    "förvaltning": "förvalta",
    "främjande": "främja",
    "fördelning": "fördela",
    "genomförande": "genomföra",
    "genomgång": "gå igenom",
    "godkännande": "godkänna",
    "granskning": "granska",
    "handledning": "handleda",
    "handläggning": "handlägga",
    "hantering": "hantera",
    "implementering": "implementera",
    "information": "informera",
    "inbetalning": "betala in",
    "införande": "införa",
    "inköp": "köpa in",
    "insamling": "samla in",
    "inskolning": "skola in",
    "integration": "integrera",
    "intagning": "ta in",
    "introduktion": "introducera",
    "inventering": "inventera",
    "kartläggning": "kartlägga",
    "kommunikation": "kommunicera",
    "kontroll": "kontrollera",
    "kvalitetssäkring": "kvalitetssäkra",
    "ledning": "leda",
    "marknadsföring": "marknadsföra",
    "matlagning": "laga mat",
    "medverkan": "medverka",
    "mottagande": "ta emot",
    "mottagning": "ta emot",
    "mätning": "mäta",
    "omhändertagande": "ta hand om",
    "placering": "placera",
    "planering": "planera",
    "prövning": "pröva",
    "rapportering": "rapportera",
    "redovisning": "redovisa",
    "registrering": "registrera",
    "rekrytering": "rekrytera",
    "renhållning": "hålla rent",
    "rådgivning": "ge råd",
    "räkning": "räkna",
    "samordning": "samordna",
    "samråd": "samråda",
    "samverkan": "samverka",
    "schemaläggning": "schemalägga",
    "skötsel": "sköta",
    "snöröjning": "röja snö",
    "städning": "städa",
    "styrning": "styra",
    "stöd": "ge stöd",
    "tilldelning": "tilldela",
    "tillhandahållande": "tillhandahålla",
    "tolkning": "tolka",
    "underhåll": "underhålla",
    "upphandling": "upphandla",
    "uppbyggnad": "bygga upp",
    "uppdatering": "uppdatera",
    "uppföljning": "följa upp",
    "upprätthållande": "upprätthålla",
    "uthyrning": "hyra ut",
    "utbetalning": "betala ut",
    "utbildning": "utbilda",
    "utformning": "utforma",
    "utförande": "utföra",
    "utlåning": "låna ut",
    "utlämning": "lämna ut",
    "utredning": "utreda",
    "utskick": "skicka ut",
    "utveckling": "utveckla",
    "utvärdering": "utvärdera",
    "vägledning": "vägleda",
    "verkställande": "verkställa",
    "verkställighet": "verkställa",
    "återkoppling": "återkoppla",
    "återrapportering": "återrapportera",
    "överlämning": "lämna över",
    "översyn": "se över",
    "översättning": "översätta",
    "övervakning": "övervaka",
}

# Entries that only count as a whole word: "Försörjningsstöd" is a benefit, not support given,
# and "Biståndsbeslut" is a document.
_WHOLE_WORD_ONLY = frozenset({"stöd", "beslut"})

# The shortest dictionary entry looked for at the end of a compound, and the shortest front.
_MIN_COMPOUND_TAIL = 5
_MIN_COMPOUND_HEAD = 3

# Words that look like nominalisations but name a thing, a person or a body.
_NOT_NOMINALISATIONS = _wordset(
    """
    ring ting kring viking ingen inget inga ande
    """
)
_NOT_NOMINALISATION_ENDINGS = (
    "flykting",
    "släkting",
    "lärling",
    "nykomling",
    "främling",
    "yngling",
    "älskling",
    "tvilling",
    "penning",
    "regering",
    "förening",
    "tidning",
    "näring",
    "mening",
    "ordning",
    "omgivning",
    "avdelning",
    "ärende",
    "boende",
    "beroende",
    "utseende",
    "avseende",
    "leende",
    "väsende",
    "företagande",
    "inflytande",
    "åtagande",
    "sökande",
    "studerande",
    "resande",
    "gående",
    "stående",
    "kommande",
    "nuvarande",
    "övergripande",
    "grundläggande",
    "uppsökande",
    "gällande",
    "rådande",
    "ledande",
    "styrelse",
    "stiftelse",
    "händelse",
    "rörelse",
)

# Words after an -ande/-ende word that show it is used as a noun ("Genomförande av ...").
# Otherwise it is an adjective ("Övergripande planering", "Förebyggande arbete").
_AFTER_NOMINAL_PARTICIPLE = _wordset(
    """
    av inom kring för till med i på vid genom mot åt om utifrån enligt under
    """
)
_CONJUNCTIONS = frozenset({"och", "samt", "eller"})

# Fronts of compounds whose linking form differs from the word ("arbetsplanering" is about
# "arbete", "löneutbetalning" about "lön").
_COMPOUND_FRONTS = {
    "arbets": "arbete",
    "samhälls": "samhälle",
    "löne": "lön",
    "skol": "skola",
    "skole": "skola",
    "medborgar": "medborgare",
    "invånar": "invånare",
    "användar": "användare",
    "brukar": "brukare",
    "lärar": "lärare",
    "vuxen": "vuxna",
    "rätts": "rätt",
}
# A linking -s is dropped after most consonants ("kvalitets", "behovs", "översikts") and after
# these endings ("kommunikations", "avtals", "avfalls", "leverantörs"). It belongs to the word
# after a vowel or s, l, n, r, x, z ("kris", "kurs", "kompetens") and in -ats ("plats", "insats").
_LINKING_S_CONSONANTS = frozenset("bcdfghjkmpqtvw")
_LINKING_S_AFTER = ("tion", "sion", "tal", "mål", "el", "ll", "ör", "är")
_NOT_LINKING_S = ("ats",)


def _heuristic_verb(word: str) -> str | None:
    """Guess the verb behind an unknown nominalisation from its ending."""
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
    if word.endswith("else"):  # bekräftelse -> bekräfta, förståelse -> förstå
        stem = word[:-4]
        return stem if stem[-1] in "aeiouyåäö" else stem + "a"
    return None


def _compound_object(front: str) -> str:
    """The object a compound's front names: "Budget" -> "budget", "Kvalitets" -> "kvalitet"."""
    front = front.rstrip("-")
    if not front:
        return front
    if front[1:] == front[1:].lower():
        front = front[0].lower() + front[1:]
    lowered = front.lower()
    if lowered in _COMPOUND_FRONTS:
        return _COMPOUND_FRONTS[lowered]
    for linking, word in _COMPOUND_FRONTS.items():
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


def _verb_for(word: str) -> tuple[str, str] | None:
    """(verb phrase, object from a compound's front) for a nominalisation, or None."""
    low = word.lower()
    if low.endswith("ingar") and len(low) > 8:  # utbetalningar -> utbetalning
        low = low[:-2]
        word = word[:-2]
    if low in _NOMINALISATIONS:
        return _NOMINALISATIONS[low], ""
    if low in _NOT_NOMINALISATIONS:
        return None
    # The longest known thing the word ends with wins: "insatssamordning" ends in "samordning"
    # (a nominalisation), "delegationsordning" only in "ordning" (a document).
    excluded = 0
    if low.endswith(_NOT_NOMINALISATION_ENDINGS):
        excluded = max(len(end) for end in _NOT_NOMINALISATION_ENDINGS if low.endswith(end))
    for cut in range(_MIN_COMPOUND_HEAD, len(low) - _MIN_COMPOUND_TAIL + 1):
        tail = low[cut:]
        if tail in _NOMINALISATIONS and tail not in _WHOLE_WORD_ONLY:
            if excluded >= len(tail):
                return None
            return _NOMINALISATIONS[tail], _compound_object(word[:cut])
    if excluded:
        return None
    verb = _heuristic_verb(low)
    if verb is None or verb in _NOT_VERBS:
        return None
    return verb, ""


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


def _convert(tokens: Sequence[_Token], index: int) -> tuple[str, str] | None:
    word = tokens[index][0]
    if word.lower().endswith(("ande", "ende")) and not _is_participle_noun(tokens, index):
        return None
    return _verb_for(word)


def nominalisation(name: str) -> tuple[str, str] | None:
    """The nominalisation a name starts with and a rewritten name, or None.

    Örebro, Att namnge processer asks for a verb in an active form: "Uppföljning av budget" names
    an activity as a thing, "Följa upp budget" says what is done. Returns the nominalised word as
    written and a suggestion that starts with the verb, drops a following "av" and keeps the rest
    ("Hantering av fakturor" -> "Hantera fakturor"); the suggestion is capitalised iff the name
    is. Coordinated nominalisations are rewritten too ("Planering och uppföljning" -> "Planera
    och följa upp"). Names that already start with a verb give None.
    """
    text, tokens, span = _parse(name)
    if not tokens or span > 0:
        return None
    converted = _convert(tokens, 0)
    if converted is None:
        return None
    verb, obj = converted
    parts = [verb + (" " + obj if obj else "")]
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
        ):
            next_verb, next_obj = following
            parts.append(text[position : tokens[index + 1][2]])
            parts.append(" " + next_verb + (" " + next_obj if next_obj else ""))
            index += 2
            position = tokens[index][2]
            continue
        break
    suggestion = "".join(parts) + text[position:]
    if tokens[0][0][:1].isupper():
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return tokens[0][0], suggestion


# --------------------------------------------------------------------------------------------
# Functional names
# --------------------------------------------------------------------------------------------

# Compounds only: "Ekonomiprocessen" is named after a function, "Process för ..." is not.
_PROCESS_ENDINGS = ("process", "processen", "processer", "processerna")
_UNIT_ENDINGS = (
    "avdelningen",
    "avdelning",
    "enheten",
    "enhet",
    "förvaltningen",
    "kontoret",
    "sektionen",
    "staben",
    "funktionen",
    "kansliet",
    "sekretariatet",
)
# Words ending in a unit ending that are no unit: "öppenhet" and "erfarenhet" are qualities
# (adjectives in -en + -het), "lägenhet" is a flat.
_NOT_UNIT_ENDINGS = tuple(
    form
    for stem in (
        "ägenhet",
        "öppenhet",
        "vetenhet",
        "ogenhet",
        "mögenhet",
        "egenhet",
        "renhet",
        "tagenhet",
        "slutenhet",
        "åtenhet",
        "farenhet",
        "givenhet",
    )
    for form in (stem, stem + "en")
)

_FUNCTION_WORDS = _wordset(
    """
    av för till i på med om från vid under över inom kring mellan genom mot åt efter utan hos
    bland enligt utifrån gentemot per via inför och samt eller men som att både varken
    en ett den det de dess deras alla vår våra vårt sin sina sitt denna detta dessa hela
    varje all allt annan annat andra egen eget egna
    """
)
_ADJECTIVE_ENDINGS = (
    "isk",
    "iska",
    "iskt",
    "ig",
    "iga",
    "igt",
    "ell",
    "ella",
    "ellt",
    "iv",
    "iva",
    "ivt",
    "ern",
    "erna",
    "ernt",
    "sam",
    "samma",
    "samt",
    "bar",
    "bara",
    "bart",
)
_ADJECTIVES = _wordset(
    """
    ny nya nytt god goda gott stor stora stort liten lilla små digital digitala digitalt
    social sociala socialt kommunal kommunala kommunalt central centrala centralt lokal lokala
    lokalt regional regionala regionalt global globala globalt total totala totalt
    trygg trygga tryggt säker säkra säkert öppen öppna öppet
    """
)


def _is_unit(word: str) -> bool:
    low = word.lower()
    return low.endswith(_UNIT_ENDINGS) and not low.endswith(_NOT_UNIT_ENDINGS)


def _is_content_word(word: str) -> bool:
    low = word.lower()
    if low in _FUNCTION_WORDS or low in _ADJECTIVES or low.endswith("-"):
        return False
    return not (low.endswith(_ADJECTIVE_ENDINGS) and not _is_unit(low))


def functional_word(name: str) -> str | None:
    """The word that makes this a functional name, as written, or None.

    Örebro, Att namnge processer: avoid names associated with organisational functions, as they
    mix processes up with the traditional organisation chart — "Kommunikationsprocessen" is too
    close to "Kommunikationsavdelningen". Flags a compound ending in "-processen"/"-processer"
    (also "-process", "-processerna"), and a name whose first word, or only noun, is an
    organisational unit ("Ekonomiavdelningen", "IT-enheten", "Digitala enheten"). A name that
    starts with a verb is about what is done, so a unit it mentions is a recipient ("Ge stöd
    till förvaltningen"), not its name.
    """
    _, tokens, span = _parse(name)
    if not tokens or span > 0:
        return None
    for word, _, _ in tokens:
        low = word.lower()
        if low.endswith(_PROCESS_ENDINGS) and low not in _PROCESS_ENDINGS:
            return word
    first = tokens[0][0]
    if _is_unit(first):
        return first
    content = [word for word, _, _ in tokens if _is_content_word(word)]
    if len(content) == 1 and _is_unit(content[0]):
        return content[0]
    return None
