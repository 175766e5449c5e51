"""Pydantic models of the files a user writes (SPEC §1), with the Swedish keys as aliases.

Types are strict: `kritiskt: no` or `målvärde: "2"` are errors, never coerced. Dates are ISO text in
YAML 1.2 (there is no timestamp type), parsed here so that a date that does not exist is an error at
its value. The models are the single source of the JSON Schemas (`procspec schema`).
"""

from __future__ import annotations

import math
import re
import sys
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from procspec.reading import handles, links
from procspec.reading.documents import SHARED_LENGTH

PERSON_KEY = re.compile(r"[a-z0-9][a-z0-9._-]*")
EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]?&%]+@[^@\s<>(),;:\"\[\]?&%]+\.[^@\s<>(),;:\"\[\].?&%]{2,}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

FREQUENCIES = ("månadsvis", "kvartalsvis", "tertialvis", "halvårsvis", "årligen", "delår och helår")
Frequency = Literal[
    "månadsvis", "kvartalsvis", "tertialvis", "halvårsvis", "årligen", "delår och helår"
]
GoalSetter = Literal["processägare", "processansvarig", "kommunfullmäktige", "nämnd"]
ActivityStatus = Literal["planerad", "pågående", "klar", "avbruten"]
ActivitySource = Literal[
    "uppföljning",
    "omvärldsbevakning",
    "avvikelse",
    "synpunkt",
    "klagomål",
    "förbättringsförslag",
    "internkontroll",
    "undersökning",
    "processkartläggning",
    "kommunledningen",
]
"""Where a need for development came from: Örebro Steg 6 ("uppföljning ... omvärldsbevakning ...
resultatanalyser i delårsrapporter ..., via internkontrollen, via undersökningar ..., strategier
och prioriteringar från kommunledningen ..., klagomål ... eller avvikelserapportering"), Steg 4
(a processkartläggning yields problems for Steg 6) and Botkyrka Bilaga 1 ("synpunkter, avvikelser
och förbättringsförslag")."""
Priority = Literal["hög", "medel", "låg"]
RequirementType = Literal["mottagarkrav", "lagkrav", "internt krav", "externt krav"]


CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\ufdd0-\ufdef\ufeff"
    "\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "\ud800-\udfff]"
)
"""Characters no text in a spec needs and a reader cannot see: the control and format characters
of Unicode (categories Cc and Cf) but tab, line breaks, the soft hyphen U+00AD and the zero-width
(non-)joiners U+200C and U+200D of emoji and scripts; so zero-width spaces, direction marks and
overrides (Trojan Source, CVE-2021-42574), invisible operators and tag characters. Also the
non-characters (U+FFFE, U+FFFF and the like) and lone surrogates, which XML 1.0 and the Atom feed
do not allow."""


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("tom_text", "empty text")
    hidden = CONTROL.search(value)
    if hidden is not None:
        code = f"U+{ord(hidden.group()):04X}"
        raise PydanticCustomError("kontrolltecken", "control character", {"char": code})
    return _shared(value)


def _shared(value: str) -> str:
    """`value`, kept once however many models hold it when it is short (person keys, ids,
    statuses, names of steps): 10,000 files would otherwise keep each thousands of times."""
    return sys.intern(value) if len(value) <= SHARED_LENGTH else value


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        if not ISO_DATE.fullmatch(value):
            raise PydanticCustomError("datum", "not an ISO date", {"value": value})
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("datum", "no such date", {"value": value}) from None
    if isinstance(value, date):
        return value
    raise PydanticCustomError("datum", "not a date", {"value": value})


def _person_key(value: str) -> str:
    if not PERSON_KEY.fullmatch(value):
        raise PydanticCustomError("personnyckel", "invalid person key", {"value": value})
    return _shared(value)


def _email(value: str) -> str:
    # Written into mailto: links: a '?', '&' or '%' could add recipients or a body there.
    if not EMAIL.fullmatch(value) or CONTROL.search(value):
        raise PydanticCustomError("epost", "invalid e-mail", {"value": value})
    return value


def _link(value: str) -> str:
    # Judged on what a browser or a Markdown converter reads (procspec.links): references
    # decoded, controls stripped, tabs and line breaks removed; only https, http, mailto and
    # relative paths are allowed.
    if not links.is_allowed(value):
        raise PydanticCustomError("länk", "unsafe link", {"value": value})
    return value


_NOT_IN_URL = frozenset(" \t\n\r\\<>\"'`")
"""Characters an address the pages are built on never needs (they are percent-encoded in one):
they could end an attribute or open a tag where the address is written."""


def _is_plain(value: str) -> bool:
    return not CONTROL.search(value) and _NOT_IN_URL.isdisjoint(value)


def _web_address(value: str) -> str:
    # Written into the Atom feed's links and every fragment's links: an absolute http(s) address
    # as it is written, judged on its decoded form like every link (procspec.reading.links).
    scheme = links.scheme(links.normalise(value) or "")
    if not (_is_plain(value) and links.is_allowed(value) and scheme in ("http", "https")):
        raise PydanticCustomError("webbadress", "not a web address", {"value": value})
    return value


def _forge_handle(forge: str) -> Any:
    def check(value: str) -> str:
        if not handles.is_valid(forge, value):
            raise PydanticCustomError("användarnamn", "invalid handle", {"forge": forge})
        return value

    return AfterValidator(check)


MAX_REVIEW_MONTHS = 120
"""A review at least every ten years: a longer period is a typo, not a policy."""
MAX_NUMBER = 10**15
"""The largest target or result procspec computes with exactly (floats hold 15 digits)."""


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("tal", "not a number", {"value": value})
    if isinstance(value, float) and not math.isfinite(value):  # .inf and .nan measure nothing
        raise PydanticCustomError("tal", "not a finite number", {"value": value})
    if abs(value) > MAX_NUMBER:  # beyond it, arithmetic on floats loses digits or overflows
        raise PydanticCustomError("tal_för_stort", "number too large", {"value": value})
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _adjacent(value: Any) -> Any:
    return {"process": value} if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(_text)]
MAX_TEXT = 10_000
"""The longest text a processkarta may hold where `bpmn export` writes it into an XML attribute
(names, answers, ids, times, risks, the process's name): `bpmn import` reads no longer attribute
(longer is no name but an attack), so validate refuses one first and export → import gives the map
back."""
AttributeText = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_text)]
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
PersonKey = Annotated[
    str,
    AfterValidator(_person_key),
    WithJsonSchema({"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]*$"}),
]
Email = Annotated[
    str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})
]
Link = Annotated[str, AfterValidator(_link)]


def _https(value: str) -> str:
    # A feedback form or issue tracker the rendered pages link to with the reader's context:
    # https only (an intranet page must not send readers to plain http), one absolute URL.
    if not _is_plain(value):
        raise PydanticCustomError("https", "not an https URL", {"value": value})
    try:
        parts = urlsplit(value)
    except ValueError:  # a host in `[` without its `]`, say
        raise PydanticCustomError("https", "not an https URL", {"value": value}) from None
    if parts.scheme.lower() != "https" or not parts.hostname or parts.username or parts.password:
        raise PydanticCustomError("https", "not an https URL", {"value": value})
    return value


HttpsUrl = Annotated[
    str,
    AfterValidator(_https),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://[^\\s]+$"}),
]
WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}),
]
GithubHandle = Annotated[
    str,
    _forge_handle("github"),
    WithJsonSchema({"type": "string", "pattern": "^" + handles.GRAMMARS["github"].pattern + "$"}),
]
GitlabHandle = Annotated[
    str,
    _forge_handle("gitlab"),
    WithJsonSchema({"type": "string", "pattern": "^" + handles.GRAMMARS["gitlab"].pattern + "$"}),
]
Number = Annotated[float | int, PlainValidator(_number), WithJsonSchema({"type": "number"})]
PersonKeys = Annotated[
    list[PersonKey],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]*$"},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]*$"},
                    "minItems": 1,
                },
            ]
        }
    ),
]


class Strict(BaseModel):
    """Base of every file model: Swedish aliases, unknown keys forbidden, no coercion.

    A model's validator is built when it is first used (`defer_build`): importing the models costs
    half as much, a run builds only the validators it uses, and on several cores the processes
    that read the files build theirs side by side (`procspec.checking.pool`)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        populate_by_name=True,
        validate_default=False,
        defer_build=True,
    )


class Result(Strict):
    """A recorded result (`utfall`)."""

    date: IsoDate = Field(alias="datum")
    value: Number = Field(alias="värde")
    comment: Text | None = Field(None, alias="kommentar")
    analysis: Text | None = Field(
        None,
        alias="analys",
        description="Uppföljningens analys: vad resultatet betyder och vad som görs åt det.",
    )


class Baseline(Strict):
    """The baseline a goal is measured from (`nuläge`): Örebro Steg 5, "utan ett nuläge är inga
    jämförelser möjliga"."""

    date: IsoDate = Field(alias="datum")
    value: Number = Field(alias="värde")


class FollowUp(Strict):
    """Örebro Steg 5, the uppföljningsplan's questions: how, how often, who, to whom, then what."""

    method: Text | None = Field(None, alias="metod", description="Hur mätningen går till.")
    frequency: Frequency | None = Field(None, alias="frekvens", description="Hur ofta.")
    responsible: PersonKey | None = Field(None, alias="ansvarig", description="Vem mäter.")
    reported_to: Text | None = Field(
        None, alias="rapporteras_till", description="Personnyckel eller text."
    )
    handling: Text | None = Field(
        None, alias="hantering", description="Hur resultatet används för att utveckla processen."
    )


class Goal(Strict):
    """A process goal (`mål`): Örebro Steg 5, Botkyrka Tabell 1."""

    id: Text = Field(alias="id")
    kind: Literal["resultatmål", "utvecklingsmål"] = Field(alias="typ")
    description: Text = Field(alias="beskrivning")
    measure: Text | None = Field(None, alias="mått")
    target: Number | None = Field(None, alias="målvärde")
    unit: Text | None = Field(None, alias="enhet")
    direction: Literal["öka", "minska"] | None = Field(None, alias="riktning")
    deadline: IsoDate | None = Field(None, alias="senast")
    set_by: GoalSetter | None = Field(None, alias="fastställt_av")
    follow_up: FollowUp | None = Field(None, alias="uppföljning")
    baseline: Baseline | None = Field(None, alias="nuläge")
    results: list[Result] = Field(default_factory=list, alias="utfall")


class Measure(Strict):
    """A measure followed without a target (`mått`): Botkyrka Bilaga 2."""

    id: Text = Field(alias="id")
    description: Text = Field(alias="beskrivning")
    unit: Text | None = Field(None, alias="enhet")
    frequency: Frequency | None = Field(None, alias="frekvens")
    results: list[Result] = Field(default_factory=list, alias="utfall")


class Activity(Strict):
    """An activity of the aktivitetsplan: Örebro Steg 6."""

    id: Text = Field(alias="id")
    description: Text = Field(alias="beskrivning")
    responsible: PersonKey = Field(alias="ansvarig")
    status: ActivityStatus = Field(alias="status")
    start: IsoDate | None = Field(None, alias="start")
    due: IsoDate = Field(alias="klart_senast")
    goals: list[Text] = Field(default_factory=list, alias="mål")
    decision: Text | None = Field(None, alias="beslut")
    effect: Text | None = Field(None, alias="effekt")
    source: ActivitySource | None = Field(
        None, alias="källa", description="Var behovet kom ifrån (Örebro Steg 6)."
    )
    priority: Priority | None = Field(None, alias="prioritet", description="hög, medel eller låg.")


class Requirement(Strict):
    """A requirement on the process (Örebro Bilaga 1, kravanalys in Steg 5)."""

    id: Text | None = Field(
        None, alias="id", description="Kravets id (t.ex. K1), som processkartans aktiviteter anger."
    )
    kind: RequirementType = Field(alias="typ")
    description: Text = Field(alias="beskrivning")
    critical: bool = Field(False, alias="kritiskt")


class Adjacent(Strict):
    """An adjacent process and what passes between them (gränssnitt)."""

    process: Text = Field(alias="process")
    interface: Text | None = Field(None, alias="gränssnitt")


AdjacentItem = Annotated[
    Adjacent,
    BeforeValidator(_adjacent),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "description": "process-id"},
                {
                    "type": "object",
                    "properties": {
                        "process": {"type": "string", "description": "process-id"},
                        "gränssnitt": {"type": "string"},
                    },
                    "required": ["process"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


FlowKind = Literal["start", "aktivitet", "beslut", "delprocess", "slut"]
FLOW_KINDS = ("start", "aktivitet", "beslut", "delprocess", "slut")


class FlowRisk(Strict):
    """A risk tied to an activity of the processkarta (riskanalys, Örebro Steg 4)."""

    description: AttributeText = Field(alias="beskrivning", description="Vad som kan gå fel.")
    likelihood: int = Field(alias="sannolikhet", ge=1, le=4, description="Sannolikhet, 1–4.")
    consequence: int = Field(alias="konsekvens", ge=1, le=4, description="Konsekvens, 1–4.")
    measure: AttributeText | None = Field(
        None, alias="åtgärd", description="Vad som görs åt risken."
    )


class FlowChoice(Strict):
    """One way out of a `beslut`: the answer (`om`) and the activity it leads to."""

    when: AttributeText = Field(alias="om", description="Svaret eller villkoret, t.ex. Ja.")
    next: AttributeText = Field(alias="nästa", description="Aktiviteten som följer (id).")


FlowNext = Annotated[
    list[AttributeText],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "description": "aktivitetens id"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        }
    ),
]


class FlowActivity(Strict):
    """An activity of the detailed processkarta: an event, a task, a decision or a sub-process."""

    model_config = ConfigDict(
        **Strict.model_config,
        json_schema_extra={
            "if": {"properties": {"typ": {"const": "delprocess"}}, "required": ["typ"]},
            "else": {"required": ["namn"]},
        },
    )

    id: AttributeText = Field(alias="id", description="Aktivitetens id, unikt i filen.")
    kind: FlowKind = Field("aktivitet", alias="typ", description="Slag av aktivitet.")
    name: AttributeText | None = Field(None, alias="namn", description="Aktivitetens namn.")
    actor: AttributeText | None = Field(
        None, alias="aktör", description="Vem som gör det (aktörens id)."
    )
    next: FlowNext = Field(default_factory=list, alias="nästa")
    choices: list[FlowChoice] = Field(default_factory=list, alias="val")
    process: AttributeText | None = Field(
        None, alias="process", description="Delprocessens process-id."
    )
    lead_time: AttributeText | None = Field(
        None, alias="ledtid", description="Arbetstid, t.ex. 1 dag."
    )
    wait_time: AttributeText | None = Field(None, alias="väntetid", description="Väntetid efteråt.")
    systems: list[Text] = Field(default_factory=list, alias="system")
    documents: list[Text] = Field(default_factory=list, alias="dokument")
    requirements: list[Text] = Field(default_factory=list, alias="krav")
    risks: list[FlowRisk] = Field(default_factory=list, alias="risker")

    @model_validator(mode="after")
    def _named(self) -> FlowActivity:
        # Only a delprocess may leave out its name: it takes the name of the process it calls.
        # Any other kind without one is a missing key (PS006) at the boundary.
        if self.name is None and self.kind != "delprocess":
            raise PydanticCustomError("saknas", "missing key", {"key": "namn"})
        return self


class FlowStep(Strict):
    """A processteg of the overview map, with the activities inside it."""

    id: AttributeText = Field(alias="id", description="Processtegets id, unikt i filen.")
    name: AttributeText = Field(alias="namn", description="Processtegets namn.")
    activities: list[FlowActivity] = Field(default_factory=list, alias="aktiviteter")


class FlowActor(Strict):
    """An aktör: a lane of the detailed processkarta."""

    id: AttributeText = Field(alias="id", description="Aktörens id, unikt i filen.")
    name: AttributeText = Field(alias="namn", description="Aktörens namn, t.ex. Handläggare.")


class FlowMap(Strict):
    """The processkarta: the overview (processteg) and the detailed flow (Örebro Steg 4)."""

    actors: list[FlowActor] = Field(default_factory=list, alias="aktörer")
    steps: list[FlowStep] = Field(alias="processteg", min_length=1)

    def all_activities(self) -> list[FlowActivity]:
        """Every activity of every step, in file order."""
        return [activity for step in self.steps for activity in step.activities]


class DocumentLink(Strict):
    """A routine, template or checklist (Örebro: dokumentnivå)."""

    title: Text = Field(alias="titel")
    link: Link = Field(alias="länk")


class Review(Strict):
    """The last review that found the specification current."""

    by: PersonKey = Field(alias="av")
    date: IsoDate = Field(alias="datum")
    comment: Text | None = Field(None, alias="kommentar")


class Approval(Strict):
    """The documentation's approval (Botkyrka Bilaga 1: the processägare fastställer)."""

    by: PersonKey = Field(alias="av")
    date: IsoDate = Field(alias="datum")
    reference: Text | None = Field(None, alias="diarienummer")
    valid_until: IsoDate | None = Field(
        None, alias="gäller_till", description="Till och med när beslutet gäller."
    )


class Acceptance(Strict):
    """The process documents' acceptance (Botkyrka Bilaga 1: processansvarig godkänner)."""

    by: PersonKey = Field(alias="av")
    date: IsoDate = Field(alias="datum")


class ProcessSupport(Strict):
    """Processtöd (Botkyrka 2.7)."""

    facilitator: PersonKey | None = Field(None, alias="processhandledare")
    communicator: PersonKey | None = Field(None, alias="processkommunikatör")
    controller: PersonKey | None = Field(None, alias="processcontroller")


class Process(Strict):
    """A process specification (Örebro Bilaga 1, with Botkyrka's levels and roles)."""

    name: AttributeText = Field(
        alias="namn", description="Processens namn: verb i infinitiv + substantiv."
    )
    kind: Text = Field(alias="typ", description="En av profilens processtyper.")
    level: int | None = Field(None, alias="nivå", ge=1, description="Processnivå (1 = högsta).")
    parent: Text | None = Field(None, alias="överordnad", description="Överordnad process (id).")
    owners: PersonKeys | None = Field(None, alias="processägare")
    responsible: PersonKey | None = Field(None, alias="processansvarig")
    leader: PersonKey | None = Field(None, alias="processledare")
    team: list[PersonKey] = Field(default_factory=list, alias="processteam")
    support: ProcessSupport | None = Field(None, alias="processtöd")
    forums: list[Text] = Field(default_factory=list, alias="forum")
    purpose: Text = Field(alias="syfte")
    start_event: Text = Field(alias="starthändelse")
    end_event: Text = Field(alias="sluthändelse")
    recipients: list[Text] = Field(alias="mottagare", min_length=1)
    order: int | None = Field(
        None,
        alias="ordning",
        description="Plats bland syskonen på kartor och i listor (källdokumentets ordning).",
    )
    requirements: list[Requirement] = Field(default_factory=list, alias="krav")
    adjacent: list[AdjacentItem] = Field(default_factory=list, alias="angränsande")
    documents: list[DocumentLink] = Field(default_factory=list, alias="dokument")
    goals: list[Goal] = Field(default_factory=list, alias="mål")
    measures: list[Measure] = Field(default_factory=list, alias="mått")
    activities: list[Activity] = Field(default_factory=list, alias="aktiviteter")
    flow_map: FlowMap | None = Field(None, alias="processkarta")
    reviewed: Review | None = Field(None, alias="granskad")
    approved: Approval | None = Field(None, alias="fastställd")
    accepted: Acceptance | None = Field(None, alias="godkänd")


class Person(Strict):
    """A roster entry (personer.yaml)."""

    name: Text = Field(alias="namn")
    email: Email = Field(alias="epost")
    title: Text | None = Field(None, alias="titel")
    github: GithubHandle | None = Field(None, alias="github")
    gitlab: GitlabHandle | None = Field(None, alias="gitlab")


class Publishing(Strict):
    """Rendering settings (`publicering`)."""

    title: Text | None = Field(None, alias="titel", description="Webbplatsens titel.")
    base_url: WebAddress | None = Field(
        None, alias="bas_url", description="Adressen där sidorna publiceras."
    )
    contact: Text | None = Field(
        None, alias="kontakt", description="Kontakt för frågor om sidorna."
    )
    feedback: HttpsUrl | None = Field(
        None,
        alias="synpunkter",
        description="Ett formulär eller en ärendehantering (https) dit läsare lämnar synpunkter; "
        "utan den går synpunkter med e-post till processledaren.",
    )


Severity = Literal["error", "warning", "info", "off"]


class Settings(Strict):
    """Repository settings (procspec.yaml)."""

    organisation: Text = Field(alias="organisation")
    profile: Text = Field(alias="profil")
    processes: Text = Field("processer", alias="processer")
    review_months: int = Field(12, alias="granskning_månader", ge=1, le=MAX_REVIEW_MONTHS)
    language: Literal["sv", "en"] = Field("sv", alias="språk")
    rules: dict[str, Severity] = Field(default_factory=dict, alias="regler")
    publishing: Publishing = Field(default_factory=Publishing, alias="publicering")
    positions: dict[str, PersonKey] = Field(
        default_factory=dict,
        alias="befattningar",
        description="Vem som har en befattning som profilen nämner, t.ex. kommundirektör.",
    )
    maintainers: list[PersonKey] = Field(default_factory=list, alias="förvaltare")


def build_validators() -> None:
    """Build the process model's validator now, which is otherwise built when the first process
    file is modelled: for a caller with a moment to spare before that (`render`, while the files
    are parsed)."""
    Process.model_rebuild()
