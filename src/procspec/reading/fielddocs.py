"""What every key of every file means, in Swedish, and where it comes from.

One source for the JSON Schemas' descriptions (completion and hover texts in the editor) and for
the format reference `docs/format.md`. Keys are written as paths: `mål[].målvärde` is `målvärde`
in an item of the list `mål`; `*.namn` is `namn` in any entry of a mapping (a person in
personer.yaml). The source is the handbook section the key comes from ("Örebro Bilaga 1",
"Botkyrka 2.3"), or "procspec" for what the tool itself adds. `tests/test_fielddocs.py` fails on a
key of a schema without an entry here, and on an entry for a key that no longer exists.
"""

from __future__ import annotations

PROCSPEC = "procspec"

PROCESS: dict[str, tuple[str, str]] = {
    "namn": (
        "Processens namn: ett verb i infinitiv och ett substantiv, som säger vad processen "
        'gör ("Följa upp budget").',
        "Örebro, Att namnge processer; Bilaga 1",
    ),
    "typ": (
        "Processtypen, en av profilens typer (Örebro: huvudprocess, stödprocess, "
        "styrprocess; Botkyrka: medborgarprocess, styr- och ledningsprocess, stödprocess).",
        "Örebro Begreppsdefinitioner; Botkyrka 1.2",
    ),
    "nivå": (
        "Processnivån: 1 är högsta nivån under organisationen. Krävs där profilen kräver den.",
        "Botkyrka 1.2.4",
    ),
    "överordnad": (
        "Den överordnade processens id; utelämnas på högsta nivån.",
        "Örebro Begreppsdefinitioner (delprocesser); Botkyrka 1.2.4",
    ),
    "processägare": (
        "Processägaren: en personnyckel, eller en lista där profilen tillåter flera. "
        "Äger processen och fastställer specifikationen.",
        "Örebro Steg 2; Botkyrka 2.3, Tabell 2",
    ),
    "processansvarig": (
        "Den processansvarige (personnyckel): leder utvecklingen av processen på sin nivå.",
        "Botkyrka 2.4",
    ),
    "processledare": (
        "Processledaren (personnyckel): håller specifikationen, aktivitets- och "
        "uppföljningsplanen aktuella.",
        "Örebro Steg 3; Botkyrka 2.5",
    ),
    "processteam": (
        "Processteamet: personnycklar för dem som utvecklar processen med processledaren.",
        "Örebro Steg 3",
    ),
    "processtöd": (
        "Processtöd: de stödroller som hjälper processen (processhandledare, "
        "processkommunikatör, processcontroller).",
        "Botkyrka 2.7",
    ),
    "processtöd.processhandledare": (
        "Processhandledaren (personnyckel): stöd i metod och verktyg.",
        "Botkyrka 2.7",
    ),
    "processtöd.processkommunikatör": (
        "Processkommunikatören (personnyckel): stöd i kommunikation om processen.",
        "Botkyrka 2.7",
    ),
    "processtöd.processcontroller": (
        "Processcontrollern (personnyckel): stöd i mått, uppföljning och analys.",
        "Botkyrka 2.7",
    ),
    "forum": (
        "De forum där processen bereds och följs upp (till exempel en processutvecklingsgrupp).",
        "Botkyrka 3.2–3.3",
    ),
    "syfte": (
        "Processens syfte: varför den finns och vilket värde den skapar för mottagaren.",
        "Örebro Bilaga 1",
    ),
    "starthändelse": ("Det som startar processen.", "Örebro Bilaga 1"),
    "sluthändelse": (
        "Det som avslutar processen: resultatet som lämnas till mottagaren.",
        "Örebro Bilaga 1",
    ),
    "mottagare": (
        "Processens mottagare (minst en): vem processens resultat är till för.",
        "Örebro Bilaga 1",
    ),
    "krav": (
        "Krav på processen: mottagarens krav, lagkrav, interna och externa krav.",
        "Örebro Bilaga 1; Steg 4",
    ),
    "krav[].id": (
        "Kravets id (till exempel K1), som processkartans aktiviteter hänvisar till.",
        PROCSPEC,
    ),
    "krav[].typ": (
        "Slag av krav: mottagarkrav, lagkrav, internt krav eller externt krav.",
        "Örebro Bilaga 1",
    ),
    "krav[].beskrivning": ("Vad kravet säger.", "Örebro Bilaga 1"),
    "krav[].kritiskt": (
        "true när kravet är kritiskt för mottagaren (ett kritiskt kvalitetskrav).",
        "Örebro Steg 4",
    ),
    "angränsande": (
        "Angränsande processer: processer som lämnar till eller tar emot från den här.",
        "Örebro Bilaga 1; Begreppsdefinitioner (gränssnitt)",
    ),
    "angränsande[].process": ("Den angränsande processens id.", "Örebro Bilaga 1"),
    "angränsande[].gränssnitt": (
        "Vad som går mellan processerna (gränssnittet).",
        "Örebro Begreppsdefinitioner",
    ),
    "dokument": ("Styrande och stödjande dokument för processen.", "Örebro Bilaga 1"),
    "dokument[].titel": ("Dokumentets titel.", "Örebro Bilaga 1"),
    "dokument[].länk": (
        "Var dokumentet finns: en webbadress (https://) eller en sökväg.",
        "Örebro Bilaga 1",
    ),
    "mål": ("Processens mål, mätbara med angivna värden.", "Örebro Steg 5; Botkyrka Tabell 1"),
    "mål[].id": ("Målets id (M1, M2 …), unikt i filen; aktiviteterna hänvisar till det.", PROCSPEC),
    "mål[].typ": ("resultatmål eller utvecklingsmål.", "Örebro Steg 5"),
    "mål[].beskrivning": ("Vad målet är, formulerat så att det går att mäta.", "Örebro Steg 5"),
    "mål[].mått": ("Vad som mäts.", "Örebro Steg 5; Botkyrka Bilaga 2"),
    "mål[].målvärde": ("Målvärdet: det tal måttet ska nå (undvik diffusa mål).", "Örebro Steg 5"),
    "mål[].enhet": ("Enheten för målvärdet och utfallen (%, dagar, st).", "Örebro Steg 5"),
    "mål[].riktning": ("öka eller minska: om ett högre eller ett lägre värde är bättre.", PROCSPEC),
    "mål[].senast": ("Datum (ÅÅÅÅ-MM-DD) då målet ska vara nått.", "Örebro Steg 5"),
    "mål[].fastställt_av": (
        "Vem som fastställer målet: processägare, processansvarig, kommunfullmäktige eller nämnd.",
        "Botkyrka Tabell 1",
    ),
    "mål[].uppföljning": (
        "Uppföljningsplanen för målet: hur, hur ofta, av vem, till vem och "
        "vad som händer med resultatet.",
        "Örebro Steg 5",
    ),
    "mål[].uppföljning.metod": ("Hur mätningen går till.", "Örebro Steg 5"),
    "mål[].uppföljning.frekvens": ("Hur ofta målet följs upp.", "Örebro Steg 5"),
    "mål[].uppföljning.ansvarig": ("Vem som mäter (personnyckel).", "Örebro Steg 5"),
    "mål[].uppföljning.rapporteras_till": (
        "Vem resultatet rapporteras till: en personnyckel eller en text (till exempel en nämnd).",
        "Örebro Steg 5",
    ),
    "mål[].uppföljning.hantering": (
        "Hur resultatet används för att utveckla processen.",
        "Örebro Steg 5–6",
    ),
    "mål[].utfall": ("Uppmätta värden, ett per mättillfälle.", "Örebro Steg 6"),
    "mål[].utfall[].datum": ("Mätdatum (ÅÅÅÅ-MM-DD).", "Örebro Steg 6"),
    "mål[].utfall[].värde": ("Det uppmätta värdet, i målets eller måttets enhet.", "Örebro Steg 6"),
    "mål[].utfall[].kommentar": ("En kommentar till mätningen.", "Örebro Steg 6"),
    "mått": ("Mått som följs utan målvärde.", "Botkyrka Bilaga 2 (mått och målsatta mått)"),
    "mått[].id": ("Måttets id (till exempel T1), unikt i filen.", PROCSPEC),
    "mått[].beskrivning": ("Vad som mäts.", "Botkyrka Bilaga 2"),
    "mått[].enhet": ("Enheten för utfallen.", "Botkyrka Bilaga 2"),
    "mått[].frekvens": ("Hur ofta måttet mäts.", "Örebro Steg 5"),
    "mått[].utfall": ("Uppmätta värden, ett per mättillfälle.", "Örebro Steg 6"),
    "mått[].utfall[].datum": ("Mätdatum (ÅÅÅÅ-MM-DD).", "Örebro Steg 6"),
    "mått[].utfall[].värde": (
        "Det uppmätta värdet, i målets eller måttets enhet.",
        "Örebro Steg 6",
    ),
    "mått[].utfall[].kommentar": ("En kommentar till mätningen.", "Örebro Steg 6"),
    "aktiviteter": (
        "Aktivitetsplanen: förbättringar av processen, kopplade till målen.",
        "Örebro Steg 6",
    ),
    "aktiviteter[].id": ("Aktivitetens id (A1, A2 …), unikt i filen.", PROCSPEC),
    "aktiviteter[].beskrivning": ("Vad som ska göras.", "Örebro Steg 6"),
    "aktiviteter[].ansvarig": ("Vem som ansvarar för aktiviteten (personnyckel).", "Örebro Steg 6"),
    "aktiviteter[].status": ("planerad, pågående, klar eller avbruten.", "Örebro Steg 6"),
    "aktiviteter[].start": ("Startdatum (ÅÅÅÅ-MM-DD).", "Örebro Steg 6"),
    "aktiviteter[].klart_senast": (
        "Datum (ÅÅÅÅ-MM-DD) då aktiviteten ska vara klar.",
        "Örebro Steg 6",
    ),
    "aktiviteter[].mål": ("De mål (id) aktiviteten ska bidra till.", "Örebro Steg 6"),
    "aktiviteter[].beslut": (
        "Beslutet bakom aktiviteten (vem, när, diarienummer).",
        "Örebro Steg 6",
    ),
    "aktiviteter[].effekt": (
        "Vilken effekt aktiviteten fick; fylls i när den är klar.",
        "Örebro Steg 6",
    ),
    "processkarta": (
        "Processkartan: aktörer, processteg och aktiviteternas flöde.",
        "Örebro Steg 4",
    ),
    "processkarta.aktörer": ("Aktörerna, en simbana var.", "Örebro Steg 4"),
    "processkarta.aktörer[].id": ("Aktörens id, unikt i filen.", PROCSPEC),
    "processkarta.aktörer[].namn": ("Aktörens namn, till exempel Handläggare.", "Örebro Steg 4"),
    "processkarta.processteg": ("Processtegen, i ordning (minst ett).", "Örebro Steg 4"),
    "processkarta.processteg[].id": ("Processtegets id, unikt i filen.", PROCSPEC),
    "processkarta.processteg[].namn": ("Processtegets namn.", "Örebro Steg 4"),
    "processkarta.processteg[].aktiviteter": ("Processtegets aktiviteter.", "Örebro Steg 4"),
    "processkarta.processteg[].aktiviteter[].id": ("Aktivitetens id, unikt i filen.", PROCSPEC),
    "processkarta.processteg[].aktiviteter[].typ": (
        "Slag av aktivitet: start, aktivitet, beslut, delprocess eller slut.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].namn": ("Aktivitetens namn.", "Örebro Steg 4"),
    "processkarta.processteg[].aktiviteter[].aktör": (
        "Vem som gör det (aktörens id).",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].nästa": (
        "Aktiviteten eller aktiviteterna (id) som följer.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].val": (
        "För ett beslut: svaren och vart de leder.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].val[].om": (
        "Svaret eller villkoret, till exempel Ja.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].val[].nästa": (
        "Aktiviteten som följer (id).",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].process": (
        "För en delprocess: dess process-id.",
        "Örebro Begreppsdefinitioner",
    ),
    "processkarta.processteg[].aktiviteter[].ledtid": (
        "Arbetstid, till exempel 1 dag.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].väntetid": (
        "Väntetid efter aktiviteten.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].system": ("IT-system som används.", "Örebro Steg 4"),
    "processkarta.processteg[].aktiviteter[].dokument": (
        "Dokument som används eller skapas.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].krav": (
        "Krav (id under krav) som aktiviteten uppfyller.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].risker": ("Risker i aktiviteten.", "Örebro Steg 4"),
    "processkarta.processteg[].aktiviteter[].risker[].beskrivning": (
        "Vad som kan gå fel.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].risker[].sannolikhet": (
        "Sannolikhet, 1–4.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].risker[].konsekvens": (
        "Konsekvens, 1–4.",
        "Örebro Steg 4",
    ),
    "processkarta.processteg[].aktiviteter[].risker[].åtgärd": (
        "Vad som görs åt risken.",
        "Örebro Steg 4",
    ),
    "granskad": ("Senaste granskningen av specifikationen.", "Örebro Steg 6"),
    "granskad.av": ("Vem som granskade (personnyckel).", "Örebro Steg 6"),
    "granskad.datum": ("Granskningsdatum (ÅÅÅÅ-MM-DD).", "Örebro Steg 6"),
    "granskad.kommentar": ("Vad granskningen kom fram till.", "Örebro Steg 6"),
    "fastställd": ("Fastställelsen av specifikationen.", "Botkyrka Bilaga 1; Örebro Steg 2"),
    "fastställd.av": (
        "Vem som fastställde (personnyckel), normalt processägaren.",
        "Botkyrka Bilaga 1",
    ),
    "fastställd.datum": ("Datum för fastställelsen (ÅÅÅÅ-MM-DD).", "Botkyrka Bilaga 1"),
    "fastställd.diarienummer": ("Beslutets diarienummer.", "Botkyrka, dokumentets metadata"),
    "ordning": ("Plats bland syskonen på kartor och i listor (källdokumentets ordning).", PROCSPEC),
    "mål[].nuläge": (
        "Nuläget målet mäts från: utan ett nuläge är inga jämförelser möjliga.",
        "Örebro Steg 5",
    ),
    "mål[].nuläge.datum": ("När nuläget mättes (ÅÅÅÅ-MM-DD).", "Örebro Steg 5"),
    "mål[].nuläge.värde": ("Nulägets värde, i målets enhet.", "Örebro Steg 5"),
    "mål[].utfall[].analys": (
        "Uppföljningens analys: vad resultatet betyder och vad som görs åt det.",
        "Örebro Steg 5–6",
    ),
    "mått[].utfall[].analys": (
        "Uppföljningens analys: vad resultatet betyder och vad som görs åt det.",
        "Örebro Steg 5–6",
    ),
    "aktiviteter[].källa": ("Var behovet kom ifrån.", "Örebro Steg 6"),
    "aktiviteter[].prioritet": ("hög, medel eller låg.", "Örebro Steg 6"),
    "fastställd.gäller_till": (
        "Till och med när beslutet gäller (ÅÅÅÅ-MM-DD).",
        "Botkyrka, dokumentets metadata",
    ),
    "godkänd": (
        "Godkännandet av processens dokument: processansvarig godkänner.",
        "Botkyrka Bilaga 1",
    ),
    "godkänd.av": ("Vem som godkände (personnyckel).", "Botkyrka Bilaga 1"),
    "godkänd.datum": ("Datum för godkännandet (ÅÅÅÅ-MM-DD).", "Botkyrka Bilaga 1"),
}

SETTINGS: dict[str, tuple[str, str]] = {
    "organisation": (
        "Organisationens namn, till exempel Botkyrka kommun (nivå 0 i Botkyrkas modell).",
        "Botkyrka 1.2.4",
    ),
    "profil": (
        "Profilen förrådet följer: botkyrka, orebro eller en sökväg till en egen profilfil.",
        PROCSPEC,
    ),
    "processer": ("Mappen med processfilerna (standard: processer).", PROCSPEC),
    "granskning_månader": (
        "En specifikation som inte ändrats på så många månader ska granskas (standard: 12).",
        "Örebro Steg 6",
    ),
    "språk": ("Språk för meddelanden och dokument: sv (standard) eller en.", PROCSPEC),
    "regler": ("Allvarlighetsgrad per regel: regelkod → error, warning, info eller off.", PROCSPEC),
    "förvaltare": (
        "De som förvaltar förrådets inställningar och personlista (personnycklar); "
        "CODEOWNERS kräver deras godkännande för procspec.yaml och personer.yaml.",
        PROCSPEC,
    ),
    "regler.*": ("error, warning, info eller off.", PROCSPEC),
    "publicering": ("Inställningar för publicering (render).", PROCSPEC),
    "publicering.titel": ("Webbplatsens titel.", PROCSPEC),
    "publicering.bas_url": (
        "Adressen där sidorna publiceras; länkarna i fragment (--fragment) "
        "blir absoluta under den.",
        PROCSPEC,
    ),
    "publicering.kontakt": ("Kontakt för frågor om sidorna.", PROCSPEC),
    "befattningar": (
        "Vem som har en befattning som profilen nämner: befattning → "
        "personnyckel, till exempel kommundirektör: helena.strand.",
        "Botkyrka 2.3",
    ),
    "befattningar.*": ("Personnyckeln för befattningen.", "Botkyrka 2.3"),
    "publicering.synpunkter": (
        "Ett formulär eller en ärendehantering (https) dit läsare "
        "lämnar synpunkter; utan den går synpunkter med e-post till "
        "processledaren.",
        "Botkyrka 3.1 (förbättringskanal)",
    ),
}

ROSTER: dict[str, tuple[str, str]] = {
    "*": (
        "En person, med personnyckeln (till exempel anna.berg) som nyckel; processfilerna "
        "nämner personen med den.",
        "Örebro Bilaga 1 (namn och e-postadress)",
    ),
    "*.namn": ("Personens namn.", "Örebro Bilaga 1"),
    "*.epost": ("Personens e-postadress.", "Örebro Bilaga 1"),
    "*.titel": ("Befattning, till exempel Förvaltningschef.", "Botkyrka Tabell 2"),
    "*.github": ("Användarnamnet på GitHub, för CODEOWNERS.", PROCSPEC),
    "*.gitlab": ("Användarnamnet på GitLab, för CODEOWNERS.", PROCSPEC),
}

PROFILE: dict[str, tuple[str, str]] = {
    "namn": ("Profilens namn.", PROCSPEC),
    "beskrivning": ("Vad profilen beskriver.", PROCSPEC),
    "källa": ("Dokumentet profilen bygger på.", PROCSPEC),
    "bas": ("En inbyggd profil (botkyrka, orebro) att utgå från.", PROCSPEC),
    "typer": ("Processtyperna (minst en).", "Örebro Begreppsdefinitioner; Botkyrka 1.2"),
    "typer[].namn": ("Typens namn, som det skrivs under typ i processfilen.", "Botkyrka 1.2"),
    "typer[].band": ("Var typen ritas i processkartan: styr, huvud eller stöd.", "Örebro Steg 1"),
    "typer[].etikett": ("Typens namn i plural, för översikterna.", PROCSPEC),
    "nivå_krävs": ("true när varje process ska ange nivå.", "Botkyrka 1.2.4"),
    "roller": ("Rollerna en process kan ha.", "Botkyrka Bilaga 1; Örebro Steg 2–3"),
    "processledare_annars": (
        "Roller som är processledare när ingen processledare är utsedd.",
        "Örebro Steg 3",
    ),
    "nivåer": ("Regler per processnivå.", "Botkyrka Tabell 1"),
    "nivåer[].från": ("Första nivån regeln gäller.", "Botkyrka 1.2.4"),
    "nivåer[].till": (
        "Sista nivån regeln gäller (utelämnad: alla nivåer därunder).",
        "Botkyrka 1.2.4",
    ),
    "nivåer[].kräver": ("Roller som måste vara utsedda på nivån.", "Botkyrka Bilaga 1"),
    "nivåer[].max_ägare": ("Högsta antal processägare på nivån.", "Botkyrka 2.3"),
    "nivåer[].ärver": ("Roller som ärvs från den överordnade processen.", "Botkyrka 2.3"),
    "nivåer[].låsta": ("Ärvda roller som inte får ändras på nivån.", "Botkyrka 2.3"),
    "nivåer[].målsättare": ("Vem som får fastställa mål på nivån.", "Botkyrka Tabell 1"),
    "fasta_ägare": ("Processägare som är bestämda av befattning.", "Botkyrka Tabell 2"),
    "fasta_ägare[].typ": ("Processtypen.", "Botkyrka Tabell 2"),
    "fasta_ägare[].nivå": ("Nivån.", "Botkyrka Tabell 2"),
    "fasta_ägare[].titel": ("Befattningen som är processägare.", "Botkyrka Tabell 2"),
    "max_processer_per_ägare": ("Högsta antal processer per processägare.", "Örebro Steg 2"),
    "max_namnlängd": ("Högsta antal tecken i ett processnamn.", "Örebro, Att namnge processer"),
    "regler": (
        "Allvarlighetsgrad per regel i profilen: regelkod → error, warning, info eller off.",
        PROCSPEC,
    ),
    "regler.*": ("error, warning, info eller off.", PROCSPEC),
    "nivåer[].ägare_normalt": (
        "Så många processägare brukar en process ha på nivån; fler är en "
        "varning (PS211), fler än max_ägare ett fel (PS201).",
        "Botkyrka 2.3",
    ),
    "nivåer[].utan_roller": (
        "Roller som inte finns på nivån; anges de ändå är det en varning (PS212).",
        "Botkyrka 2.4",
    ),
    "fasta_ägare[].befattning": (
        "Nyckeln i procspec.yamls befattningar som pekar ut personen; "
        "går före titeln när den finns.",
        "Botkyrka 2.3, Tabell 2",
    ),
    "målsättare_alla_nivåer": (
        "Får sätta mål på vilken nivå som helst (kommunfullmäktige eller en nämnd).",
        "Botkyrka 1.2.5.1",
    ),
    "utvecklingsmål_alla_nivåer": (
        "Får sätta utvecklingsmål på vilken nivå som helst (processägaren eller processansvarig).",
        "Botkyrka 1.2.5.1",
    ),
    "styr_utan_karta_till_nivå": (
        "Styrprocesser till och med den här nivån behöver ingen processkarta för mognadsnivå 3.",
        "Örebro Steg 4",
    ),
    "källor": (
        "Källhänvisningar i profilens egna ord, per ämne eller regelkod (till exempel "
        "mål: Botkyrka 1.2.5, Bilaga 2).",
        PROCSPEC,
    ),
    "källor.*": ("Källhänvisningen.", PROCSPEC),
    "regelkällor": (
        "Varifrån varje regel kommer i profilens källa, per regelkod (PS201) eller familj "
        "(PS7xx); procspec rules citerar dem i förråd med profilen.",
        PROCSPEC,
    ),
    "regelkällor.*": ("En regels källa i profilens källdokument.", PROCSPEC),
    "regelkällor.*.källa": (
        "Avsnittet i källan, i källans egna ord (till exempel Botkyrka 2.3, Tabell 2).",
        PROCSPEC,
    ),
    "regelkällor.*.citat": ("Stycken ur källan, ordagrant, som regeln bygger på.", PROCSPEC),
    "regelkällor.*.tolkning": (
        "true när källan inte själv ställer regeln och regeln är procspecs tolkning.",
        PROCSPEC,
    ),
    "regelkällor.*.gäller_inte": ("true när regeln aldrig slår till i profilen.", PROCSPEC),
    "regelkällor.*.fel": ("Ett felaktigt exempel i profilens ord (YAML).", PROCSPEC),
    "regelkällor.*.rätt": ("Ett riktigt exempel i profilens ord (YAML).", PROCSPEC),
    "termer": (
        "Profilens egna ord på sidorna, per etikett (till exempel spec.goals: Mål och "
        "målsatta mått); gäller svenska sidor.",
        PROCSPEC,
    ),
    "termer.*": ("Ordet på sidorna.", PROCSPEC),
}

DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "process": PROCESS,
    "settings": SETTINGS,
    "roster": ROSTER,
    "profile": PROFILE,
}
