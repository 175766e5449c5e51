"""Every label and sentence of the rendered documents and of `render` itself, in sv and en.

Templates reach these through `t("key")`, which looks up `render.<key>`.
"""

from __future__ import annotations

from procspec.messages import add

LABELS: dict[str, dict[str, str]] = {
    # --- chrome ---
    "skip": {"sv": "Hoppa till innehållet", "en": "Skip to content"},
    "nav.label": {"sv": "Översikter", "en": "Overviews"},
    "nav.index": {"sv": "Processöversikt", "en": "Process overview"},
    "nav.goals": {"sv": "Mål", "en": "Goals"},
    "nav.maturity": {"sv": "Processmognad", "en": "Process maturity"},
    "nav.documents": {"sv": "Processens dokument", "en": "The process's documents"},
    "footer.generated": {
        "sv": "Sidorna är skapade med procspec ur processförrådet{rev}. Läget per {today}.",
        "en": "These pages were made by procspec from the process repository{rev}. Status as of "
        "{today}.",
    },
    "footer.rev": {"sv": " vid revisionen {rev}", "en": " at revision {rev}"},
    "footer.contact": {
        "sv": "Frågor om sidorna: {contact}",
        "en": "Questions about these pages: {contact}",
    },
    "scroll.hint": {
        "sv": "Tabellen kan rullas i sidled.",
        "en": "The table scrolls sideways.",
    },
    "status_as_of": {"sv": "Läget per {today}", "en": "Status as of {today}"},
    "none": {"sv": "–", "en": "–"},
    "not_appointed": {"sv": "Ej utsedd", "en": "Not appointed"},
    # --- roles ---
    "role.processägare": {"sv": "Processägare", "en": "Process owner"},
    "role.processansvarig": {"sv": "Processansvarig", "en": "Process manager"},
    "role.processledare": {"sv": "Processledare", "en": "Process leader"},
    "role.processteam": {"sv": "Processteam", "en": "Process team"},
    "role.processtöd": {"sv": "Processtöd", "en": "Process support"},
    "role.processhandledare": {"sv": "Processhandledare", "en": "Process facilitator"},
    "role.processkommunikatör": {"sv": "Processkommunikatör", "en": "Process communicator"},
    "role.processcontroller": {"sv": "Processcontroller", "en": "Process controller"},
    "role.inherited": {"sv": "ärvd från {parent}", "en": "inherited from {parent}"},
    "role.implied.processägare": {
        "sv": "processägaren har rollen",
        "en": "the process owner holds the role",
    },
    "role.implied.processansvarig": {
        "sv": "processansvarig har rollen",
        "en": "the process manager holds the role",
    },
    "role.not_at_level": {
        "sv": "– (ingen roll på nivå {level})",
        "en": "– (no role at level {level})",
    },
    "role.email": {"sv": "e-post till {name}", "en": "e-mail {name}"},
    # --- specification ---
    "spec.title": {
        "sv": "Processspecifikation för {name}",
        "en": "Process specification for {name}",
    },
    "spec.doc_kind": {"sv": "Processspecifikation", "en": "Process specification"},
    "spec.facts": {"sv": "Fakta om processen", "en": "Facts about the process"},
    "spec.field": {"sv": "Uppgift", "en": "Item"},
    "spec.value": {"sv": "Innehåll", "en": "Content"},
    "spec.kind": {"sv": "Typ av process", "en": "Type of process"},
    "spec.purpose": {"sv": "Syfte med processen", "en": "Purpose of the process"},
    "spec.start": {"sv": "Starthändelse", "en": "Start event"},
    "spec.end": {"sv": "Sluthändelse (resultat/leverans)", "en": "End event (result/delivery)"},
    "spec.recipients": {"sv": "Mottagare", "en": "Recipients"},
    "spec.goals": {"sv": "Processmål och mätetal", "en": "Process goals and measures"},
    "spec.follow_up": {"sv": "Uppföljning", "en": "Follow-up"},
    "spec.children": {"sv": "Delprocesser", "en": "Sub-processes"},
    "spec.adjacent": {"sv": "Angränsande processer", "en": "Adjacent processes"},
    "spec.level": {"sv": "Nivå", "en": "Level"},
    "spec.parent": {"sv": "Överordnad process", "en": "Parent process"},
    "spec.forums": {"sv": "Forum", "en": "Forums"},
    "spec.documents": {"sv": "Dokument", "en": "Documents"},
    "spec.requirements": {"sv": "Krav", "en": "Requirements"},
    "spec.critical": {"sv": "Kritiskt krav", "en": "Critical requirement"},
    "spec.no_goals": {
        "sv": "Inga mål ännu.",
        "en": "No goals yet.",
    },
    "spec.goal_line": {"sv": "{target} senast {deadline}", "en": "{target} by {deadline}"},
    "spec.measures_without_target": {
        "sv": "Mått utan målvärde",
        "en": "Measures without a target",
    },
    "spec.follow_up_link": {
        "sv": "Uppföljningsplan för {name}",
        "en": "Follow-up plan for {name}",
    },
    "spec.activities_link": {"sv": "Aktivitetsplan för {name}", "en": "Activity plan for {name}"},
    "spec.spec_link": {
        "sv": "Processspecifikation för {name}",
        "en": "Process specification for {name}",
    },
    "spec.no_adjacent": {"sv": "Inga angivna.", "en": "None given."},
    "spec.unknown_process": {"sv": "{id} (okänd process)", "en": "{id} (unknown process)"},
    "spec.interface": {"sv": "Gränssnitt", "en": "Interface"},
    "meta.label": {"sv": "Om dokumentet", "en": "About the document"},
    "meta.organisation": {"sv": "Organisation", "en": "Organisation"},
    "meta.document": {"sv": "Dokument", "en": "Document"},
    "meta.process_id": {"sv": "Process-id", "en": "Process id"},
    "meta.approved": {"sv": "Fastställd", "en": "Approved"},
    "meta.approved_by": {"sv": "Fastställd av", "en": "Approved by"},
    "meta.approved_date": {"sv": "Fastställd den", "en": "Approved on"},
    "meta.reference": {"sv": "Diarienummer", "en": "Reference number"},
    "meta.not_approved": {"sv": "Ej fastställd", "en": "Not approved"},
    "meta.last_change": {"sv": "Senast ändrad", "en": "Last changed"},
    "meta.uncommitted_note": {
        "sv": "det finns ändringar som inte är incheckade",
        "en": "there are changes that are not committed",
    },
    "meta.only_uncommitted": {"sv": "ej incheckad", "en": "not committed"},
    "meta.reviewed": {"sv": "Senast granskad", "en": "Last reviewed"},
    "meta.reviewed_by": {"sv": "{date} av {name}", "en": "{date} by {name}"},
    "meta.no_history_plain": {
        "sv": "Ingen git-historik finns: förrådet ligger inte i git, eller git kan inte läsas.",
        "en": "No git history is available: the repository is not in git, or git cannot be read.",
    },
    "meta.shallow": {
        "sv": "Historiken kommer från en grund klon och kan vara ofullständig.",
        "en": "The history comes from a shallow clone and may be incomplete.",
    },
    "history.title": {"sv": "Revisionshistorik", "en": "Revision history"},
    "history.date": {"sv": "Datum", "en": "Date"},
    "history.author": {"sv": "Författare", "en": "Author"},
    "history.description": {"sv": "Beskrivning", "en": "Description"},
    "history.version": {"sv": "Version", "en": "Version"},
    "history.uncommitted": {"sv": "ej incheckad", "en": "not committed"},
    "history.none": {
        "sv": "Filen har inga incheckningar ännu.",
        "en": "The file has no commits yet.",
    },
    # --- activity plan ---
    "meta.maintained_by": {"sv": "Hålls aktuell av", "en": "Kept current by"},
    "act.title": {"sv": "Aktivitetsplan för {name}", "en": "Activity plan for {name}"},
    "act.doc_kind": {"sv": "Aktivitetsplan", "en": "Activity plan"},
    "act.table": {"sv": "Aktiviteter", "en": "Activities"},
    "act.id": {"sv": "Id", "en": "Id"},
    "act.description": {"sv": "Aktivitet", "en": "Activity"},
    "act.status": {"sv": "Status", "en": "Status"},
    "act.responsible": {"sv": "Ansvarig", "en": "Responsible"},
    "act.start": {"sv": "Start", "en": "Start"},
    "act.due": {"sv": "Klart senast", "en": "Due"},
    "act.goals": {"sv": "Mål", "en": "Goals"},
    "act.decision": {"sv": "Beslut", "en": "Decision"},
    "act.effect": {"sv": "Effekt", "en": "Effect"},
    "act.overdue": {"sv": "Försenad", "en": "Overdue"},
    "act.none": {
        "sv": "Inga aktiviteter är planerade.",
        "en": "No activities are planned.",
    },
    "act.summary": {"sv": "{total} aktiviteter: {counts}.", "en": "{total} activities: {counts}."},
    "act.summary.one": {"sv": "{total} aktivitet: {counts}.", "en": "{total} activity: {counts}."},
    "act.count.pågående": {"sv": "{n} pågående", "en": "{n} ongoing"},
    "act.count.planerad": {"sv": "{n} planerade", "en": "{n} planned"},
    "act.count.planerad.one": {"sv": "{n} planerad", "en": "{n} planned"},
    "act.count.klar": {"sv": "{n} klara", "en": "{n} completed"},
    "act.count.klar.one": {"sv": "{n} klar", "en": "{n} completed"},
    "act.count.avbruten": {"sv": "{n} avbrutna", "en": "{n} cancelled"},
    "act.count.avbruten.one": {"sv": "{n} avbruten", "en": "{n} cancelled"},
    "act.count.overdue": {"sv": "{n} försenade", "en": "{n} overdue"},
    "act.count.overdue.one": {"sv": "{n} försenad", "en": "{n} overdue"},
    "act.source": {"sv": "Källa: {value}", "en": "Source: {value}"},
    "act.decision_text": {"sv": "Beslut: {value}", "en": "Decision: {value}"},
    "act.priority": {"sv": "Prioritet", "en": "Priority"},
    "act.priority.hög": {"sv": "Hög", "en": "High"},
    "act.priority.medel": {"sv": "Medel", "en": "Medium"},
    "act.priority.låg": {"sv": "Låg", "en": "Low"},
    "act.when": {"sv": "Klart senast", "en": "Due"},
    "act.started": {"sv": "start {date}", "en": "start {date}"},
    "act.status.planerad": {"sv": "Planerad", "en": "Planned"},
    "act.status.pågående": {"sv": "Pågående", "en": "Ongoing"},
    "act.status.klar": {"sv": "Klar", "en": "Completed"},
    "act.status.avbruten": {"sv": "Avbruten", "en": "Cancelled"},
    "act.no_effect": {"sv": "Ingen effekt noterad", "en": "No effect recorded"},
    # --- follow-up plan ---
    "fu.title": {"sv": "Uppföljningsplan för {name}", "en": "Follow-up plan for {name}"},
    "fu.doc_kind": {"sv": "Uppföljningsplan", "en": "Follow-up plan"},
    "fu.intro": {
        "sv": "Varje mål besvarar uppföljningsplanens sex frågor.",
        "en": "Each goal answers the six questions of the follow-up plan.",
    },
    "fu.goals": {"sv": "Processmål", "en": "Process goals"},
    "fu.intro_cited": {
        "sv": "Varje mål besvarar uppföljningsplanens sex frågor ({source}).",
        "en": "Each goal answers the six questions of the follow-up plan ({source}).",
    },
    "spec.no_goals_cited": {
        "sv": "Inga mål ännu ({source} återstår).",
        "en": "No goals yet ({source} is still to do).",
    },
    "fu.no_goals": {
        "sv": "Processen har inga mål ännu.",
        "en": "The process has no goals yet.",
    },
    "fu.q1": {
        "sv": "Hur är målet formulerat – vad ska uppnås och när?",
        "en": "How is the goal worded – what is to be achieved, and by when?",
    },
    "fu.q2": {
        "sv": "Vilka mått är aktuella för att se om ni når målen, dvs. vad ska mätas?",
        "en": "Which measures show whether the goal is reached, that is, what is measured?",
    },
    "fu.q3": {
        "sv": "Hur ska mätningen gå till och hur ofta ska den göras?",
        "en": "How is it measured, and how often?",
    },
    "fu.q4": {
        "sv": "Vem ska utföra mätningen och följa upp?",
        "en": "Who measures and follows up?",
    },
    "fu.q5": {
        "sv": "Hur ska resultatet rapporteras och till vem?",
        "en": "How, and to whom, is the result reported?",
    },
    "fu.q6": {
        "sv": "Hur ska resultatet av uppföljningen hanteras för att bidra till utveckling av "
        "processen?",
        "en": "How is the result of the follow-up used to develop the process?",
    },
    "fu.question": {"sv": "Fråga", "en": "Question"},
    "fu.answer": {"sv": "Svar", "en": "Answer"},
    "fu.not_given": {"sv": "Ej angivet", "en": "Not given"},
    "fu.deadline": {"sv": "senast {date}", "en": "by {date}"},
    "fu.kind": {"sv": "Typ av mål", "en": "Kind of goal"},
    "fu.set_by": {"sv": "fastställt av {who}", "en": "set by {who}"},
    "fu.target": {"sv": "Målvärde", "en": "Target"},
    "fu.at_least": {"sv": "minst {value}", "en": "at least {value}"},
    "fu.at_most": {"sv": "högst {value}", "en": "at most {value}"},
    "fu.frequency": {"sv": "Frekvens: {value}", "en": "Frequency: {value}"},
    "fu.reported_as": {"sv": "Rapporteras till", "en": "Reported to"},
    "fu.result": {"sv": "Resultat", "en": "Result"},
    "fu.latest": {
        "sv": "Senaste utfall {value} ({date}) mot målvärdet {target}.",
        "en": "Latest result {value} ({date}) against the target {target}.",
    },
    "fu.latest_plain": {
        "sv": "Senaste utfall {value} ({date}).",
        "en": "Latest result {value} ({date}).",
    },
    "fu.no_results": {"sv": "Inga utfall är registrerade.", "en": "No results are recorded."},
    "fu.status": {"sv": "Status", "en": "Status"},
    "fu.next": {"sv": "Nästa uppföljning senast {date}.", "en": "Next follow-up due {date}."},
    "fu.next_overdue": {
        "sv": "Uppföljningen är försenad: nästa utfall skulle ha registrerats senast {date}.",
        "en": "The follow-up is overdue: the next result was due {date}.",
    },
    "fu.results": {"sv": "Utfall för {id}", "en": "Results for {id}"},
    "fu.date": {"sv": "Datum", "en": "Date"},
    "fu.value": {"sv": "Värde", "en": "Value"},
    "fu.comment": {"sv": "Kommentar", "en": "Comment"},
    "fu.activities": {"sv": "Aktiviteter för målet", "en": "Activities for the goal"},
    "fu.measures": {"sv": "Mått utan målvärde", "en": "Measures without a target"},
    "fu.measure_frequency": {"sv": "Frekvens", "en": "Frequency"},
    "fu.unit": {"sv": "Enhet", "en": "Unit"},
    "chart.title": {"sv": "Utfall för {id} över tid", "en": "Results for {id} over time"},
    "chart.desc_target": {
        "sv": "Linjediagram med {count} utfall från {first} till {last}: från {first_value} till "
        "{last_value}. Målvärdet är {target}. Samma värden finns i tabellen nedan.",
        "en": "Line chart of {count} results from {first} to {last}: from {first_value} to "
        "{last_value}. The target is {target}. The table below holds the same values.",
    },
    "chart.desc_target.one": {
        "sv": "Linjediagram med {count} utfall, {first}: {first_value}. Målvärdet är {target}. "
        "Samma värde finns i tabellen nedan.",
        "en": "Line chart of {count} result, on {first}: {first_value}. The target is {target}. "
        "The table below holds the same value.",
    },
    "chart.desc": {
        "sv": "Linjediagram med {count} utfall från {first} till {last}: från {first_value} till "
        "{last_value}. Samma värden finns i tabellen nedan.",
        "en": "Line chart of {count} results from {first} to {last}: from {first_value} to "
        "{last_value}. The table below holds the same values.",
    },
    "chart.desc.one": {
        "sv": "Linjediagram med {count} utfall, {first}: {first_value}. Samma värde finns i "
        "tabellen nedan.",
        "en": "Line chart of {count} result, on {first}: {first_value}. The table below holds "
        "the same value.",
    },
    "chart.target": {"sv": "Målvärde {value}", "en": "Target {value}"},
    "chart.expected": {"sv": "Förväntad väg", "en": "Expected path"},
    "chart.desc_expected": {
        "sv": "Den streckade grå linjen är den förväntade vägen från nuläget {start} ({start_date}) "
        "till målvärdet {end} ({end_date}).",
        "en": "The dashed grey line is the expected path from the baseline {start} "
        "({start_date}) to the target {end} ({end_date}).",
    },
    "chart.desc_broken": {
        "sv": "Y-axeln börjar på {value}, inte på noll (bruten axel).",
        "en": "The y-axis starts at {value}, not at zero (broken axis).",
    },
    "chart.legend_results": {"sv": "Utfall", "en": "Results"},
    # --- index ---
    "index.title": {"sv": "Processöversikt", "en": "Process overview"},
    "index.intro": {
        "sv": "{count} processer hos {organisation}.",
        "en": "{count} processes at {organisation}.",
    },
    "index.intro.one": {
        "sv": "{count} process hos {organisation}.",
        "en": "{count} process at {organisation}.",
    },
    "map.title": {"sv": "Processkarta", "en": "Process map"},
    "map.label": {
        "sv": "Processkarta för {organisation}: styrprocesser överst, huvudprocesserna som "
        "flöden från behov till uppfyllt behov, stödprocesser nederst. Varje ruta är en länk.",
        "en": "Process map of {organisation}: management processes on top, the core processes as "
        "flows from need to met need, support processes below. Each box is a link.",
    },
    "map.caption": {
        "sv": "Processkartan. Samma processer finns som lista under Processer per nivå.",
        "en": "The process map. The same processes are listed under Processes by level.",
    },
    "map.flow": {"sv": "från behov till uppfyllt behov", "en": "from need to met need"},
    "map.band.styr": {"sv": "Styrprocesser", "en": "Management processes"},
    "map.band.huvud": {"sv": "Huvudprocesser", "en": "Core processes"},
    "map.band.stöd": {"sv": "Stödprocesser", "en": "Support processes"},
    "map.box": {"sv": "{name} ({kind})", "en": "{name} ({kind})"},
    "map.empty": {"sv": "Inga processer.", "en": "No processes."},
    "index.hierarchy": {"sv": "Processer per nivå", "en": "Processes by level"},
    "index.level": {"sv": "nivå {level}", "en": "level {level}"},
    "index.owners": {"sv": "Vem äger vad", "en": "Who owns what"},
    "index.process": {"sv": "Process", "en": "Process"},
    "index.none": {
        "sv": "Förrådet har inga processer ännu.",
        "en": "The repository has no processes yet.",
    },
    # --- goal overview ---
    "goals.title": {"sv": "Måluppföljning", "en": "Goal follow-up"},
    "goals.intro": {
        "sv": "Uppföljningen av alla {goals} inför delår och helår: status, senaste utfall och "
        "analys per process och processgrupp, processerna jämförda sida vid sida, och målen "
        "ordnade efter vem som fastställt dem.",
        "en": "The follow-up of every goal for the interim and annual reports: status, latest "
        "result and analysis per process and process group, the processes compared side by "
        "side, and the goals by who set them.",
    },
    "report.counts": {"sv": "Status för alla mål", "en": "Status of all goals"},
    "report.compare": {
        "sv": "Processerna sida vid sida",
        "en": "The processes side by side",
    },
    "report.compare_intro": {
        "sv": "Antal mål per status för varje processgrupp (fet) och process.",
        "en": "Number of goals per status for each process group (bold) and process.",
    },
    "report.total": {"sv": "Mål", "en": "Goals"},
    "report.own": {"sv": "{name}: egna mål", "en": "{name}: own goals"},
    "report.all": {"sv": "Alla processer", "en": "All processes"},
    "report.by_setter": {"sv": "Mål efter vem som fastställt dem", "en": "Goals by who set them"},
    "report.filter": {"sv": "Visa mål fastställda av", "en": "Show goals set by"},
    "report.setter.kommunfullmäktige": {"sv": "Kommunfullmäktige", "en": "The municipal council"},
    "report.setter.nämnd": {"sv": "En nämnd", "en": "A committee"},
    "report.setter.processägare": {"sv": "Processägare", "en": "The process owner"},
    "report.setter.processansvarig": {"sv": "Processansvarig", "en": "The process manager"},
    "report.setter.ej angivet": {"sv": "Ej angivet", "en": "Not given"},
    "report.setter_title": {"sv": "Fastställda av: {who}", "en": "Set by: {who}"},
    "report.none_set": {
        "sv": "Inga mål är fastställda av {who}.",
        "en": "No goals are set by {who}.",
    },
    "report.baseline": {"sv": "Nuläge", "en": "Baseline"},
    "report.analysis": {"sv": "Analys", "en": "Analysis"},
    "report.back": {"sv": "Till början av målen", "en": "Back to the goals"},
    "goals.summary": {"sv": "{total} mål: {counts}.", "en": "{total} goals: {counts}."},
    "goals.summary.one": {"sv": "{total} mål: {counts}.", "en": "{total} goal: {counts}."},
    "goals.count.uppnått": {"sv": "{n} uppnådda", "en": "{n} reached"},
    "goals.count.uppnått.one": {"sv": "{n} uppnått", "en": "{n} reached"},
    "goals.count.på väg": {"sv": "{n} på väg", "en": "{n} on track"},
    "goals.count.på väg.one": {"sv": "{n} på väg", "en": "{n} on track"},
    "goals.count.risk": {"sv": "{n} med risk", "en": "{n} at risk"},
    "goals.count.risk.one": {"sv": "{n} med risk", "en": "{n} at risk"},
    "goals.count.ej uppnått": {"sv": "{n} ej uppnådda", "en": "{n} not reached"},
    "goals.count.ej uppnått.one": {"sv": "{n} ej uppnått", "en": "{n} not reached"},
    "goals.count.utan utfall": {"sv": "{n} utan utfall", "en": "{n} without results"},
    "goals.count.utan utfall.one": {"sv": "{n} utan utfall", "en": "{n} without a result"},
    "goals.table": {"sv": "Alla mål", "en": "All goals"},
    "goals.status_count": {"sv": "Antal", "en": "Number"},
    "goals.goal": {"sv": "Mål", "en": "Goal"},
    "goals.latest": {"sv": "Senaste utfall", "en": "Latest result"},
    "goals.target": {"sv": "Målvärde", "en": "Target"},
    "goals.deadline": {"sv": "Senast", "en": "Deadline"},
    "goals.next": {"sv": "Nästa uppföljning", "en": "Next follow-up"},
    "goals.none": {"sv": "Inga processer har mål ännu.", "en": "No process has goals yet."},
    # --- maturity overview ---
    "maturity.title": {"sv": "Processmognad", "en": "Process maturity"},
    "maturity.intro": {
        "sv": "Mognadsnivå 1–5 per process efter CMMI:s nivåer, bedömd utifrån vad "
        "dokumentationen visar över tid: en karta, gällande beslut, utfall i tid och "
        "förbättringar som märks i resultaten.",
        "en": "Maturity level 1–5 per process after CMMI's levels, judged from what the "
        "documentation shows over time: a map, current decisions, results on time and "
        "improvements that show in the results.",
    },
    "maturity.reading": {
        "sv": "Mognadstrappan bygger på CMMI ({source}), men figuren finns inte som text; "
        "kriterierna nedan är procspecs läsning av CMMI:s nivåer.",
        "en": "The maturity steps are based on CMMI ({source}), but the figure did not survive "
        "as text; the criteria below are procspec's reading of CMMI's levels.",
    },
    "maturity.reading_plain": {
        "sv": "Nivåerna följer CMMI (Capability Maturity Model Integration); kriterierna nedan "
        "är procspecs läsning av CMMI:s nivåer.",
        "en": "The levels follow CMMI (Capability Maturity Model Integration); the criteria "
        "below are procspec's reading of CMMI's levels.",
    },
    "maturity.criteria": {"sv": "Så bedöms nivåerna", "en": "How the levels are judged"},
    "maturity.c1": {
        "sv": "Initial: processen är specificerad (en giltig processfil).",
        "en": "Initial: the process is specified (a valid process file).",
    },
    "maturity.c2": {
        "sv": "Styrd: en utsedd processägare, mätbara mål med målvärde och senast-datum, och en "
        "uppföljningsplan för varje mål (frekvens, ansvarig, rapporteras till).",
        "en": "Managed: an appointed owner, measurable goals with a target and a deadline, and a "
        "follow-up plan for every goal (frequency, responsible, reported to).",
    },
    "maturity.c3": {
        "sv": "Definierad: en processkarta där flödet lämpar sig för en (de flesta styrprocesser "
        "på koncernnivå gör det inte), rutiner eller andra processdokument, och en fastställelse "
        "som gäller: inom granskningsperioden och inte förbi gäller_till.",
        "en": "Defined: a processkarta where the flow suits one (most organisation-wide "
        "management processes do not), routines or other process documents, and an approval "
        "that is current: within the review period and not past gäller_till.",
    },
    "maturity.c4": {
        "sv": "Kvantitativt styrd: varje mål med målvärde har ett nuläge och utfall som täcker "
        "minst ett år, registrerade i tid enligt uppföljningsplanens frekvens.",
        "en": "Quantitatively managed: every goal with a target has a baseline and results "
        "covering at least a year, recorded on time as its follow-up plan says.",
    },
    "maturity.c5": {
        "sv": "Optimerande: en klar förbättringsaktivitet kopplad till ett mål, med noterad "
        "effekt som också syns i målets utfall efter aktiviteten.",
        "en": "Optimizing: a completed improvement activity tied to a goal, with a recorded "
        "effect that also shows in the goal's results after it.",
    },
    "maturity.distribution": {"sv": "Fördelning per nivå", "en": "Distribution by level"},
    "maturity.count": {"sv": "Antal processer", "en": "Number of processes"},
    "maturity.share": {"sv": "Andel", "en": "Share"},
    "maturity.table": {"sv": "Mognad per process", "en": "Maturity per process"},
    "maturity.level": {"sv": "Mognadsnivå", "en": "Maturity level"},
    "maturity.next": {"sv": "För nästa nivå behövs", "en": "The next level needs"},
    "maturity.top": {"sv": "Högsta nivån är nådd.", "en": "The highest level is reached."},
    "maturity.summary": {
        "sv": "Antal processer per nivå: {counts}.",
        "en": "Number of processes per level: {counts}.",
    },
    "maturity.level_count": {"sv": "nivå {level}: {count}", "en": "level {level}: {count}"},
    "maturity.meter": {"sv": "nivå {level} av 5", "en": "level {level} of 5"},
    # --- the command ---
    "refused": {
        "sv": "Förrådet har {count} fel och renderas inte. Rätta felen ('procspec validate') och "
        "försök igen.",
        "en": "The repository has {count} errors and is not rendered. Correct them ('procspec "
        "validate') and try again.",
    },
    "refused.one": {
        "sv": "Förrådet har {count} fel och renderas inte. Rätta felet ('procspec validate') och "
        "försök igen.",
        "en": "The repository has {count} error and is not rendered. Correct it ('procspec "
        "validate') and try again.",
    },
    "out.is_root": {
        "sv": "--out {out} är processförrådets rot eller en mapp ovanför den. Ange en egen mapp "
        "för dokumenten, till exempel --out publicerat.",
        "en": "--out {out} is the repository root or a folder above it. Give a folder of its own "
        "for the documents, for example --out published.",
    },
    "out.not_ours": {
        "sv": "--out {out} finns och innehåller filer som procspec inte har skrivit. Ange en tom "
        "eller ny mapp, eller --force för att ersätta innehållet.",
        "en": "--out {out} exists and holds files procspec did not write. Give an empty or new "
        "folder, or --force to replace its contents.",
    },
    "out.not_folder": {
        "sv": "--out {out} är en fil, inte en mapp.",
        "en": "--out {out} is a file, not a folder.",
    },
    "out.failed": {
        "sv": "Kunde inte skriva {out} ({detail}). Den tidigare utdatan är orörd.",
        "en": "Could not write {out} ({detail}). The previous output is untouched.",
    },
    "out.reserved": {
        "sv": "Processen '{id}' får samma filnamn som översiktssidan {file}. Byt namn på "
        "processfilen.",
        "en": "The process '{id}' gets the same file name as the overview page {file}. Rename "
        "the process file.",
    },
    "written": {
        "sv": "Skrev {count} dokument till {out}.",
        "en": "Wrote {count} documents to {out}.",
    },
    "written.one": {
        "sv": "Skrev {count} dokument till {out}.",
        "en": "Wrote {count} document to {out}.",
    },
    "progress": {"sv": "Renderar", "en": "Rendering"},
}

add({f"render.{key}": value for key, value in LABELS.items()})
