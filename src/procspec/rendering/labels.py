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
        "sv": "Inga mål ännu (Örebro Steg 5 återstår).",
        "en": "No goals yet (Örebro step 5 is still to do).",
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
    "act.summary": {
        "sv": "{total} aktiviteter: {planned} planerade, {ongoing} pågående, {done} klara, "
        "{cancelled} avbrutna. Försenade: {overdue}.",
        "en": "{total} activities: {planned} planned, {ongoing} ongoing, {done} completed, "
        "{cancelled} cancelled. Overdue: {overdue}.",
    },
    "act.summary.one": {
        "sv": "{total} aktivitet: {planned} planerade, {ongoing} pågående, {done} klara, "
        "{cancelled} avbrutna. Försenade: {overdue}.",
        "en": "{total} activity: {planned} planned, {ongoing} ongoing, {done} completed, "
        "{cancelled} cancelled. Overdue: {overdue}.",
    },
    "act.status.planerad": {"sv": "Planerad", "en": "Planned"},
    "act.status.pågående": {"sv": "Pågående", "en": "Ongoing"},
    "act.status.klar": {"sv": "Klar", "en": "Completed"},
    "act.status.avbruten": {"sv": "Avbruten", "en": "Cancelled"},
    "act.no_effect": {"sv": "Ingen effekt noterad", "en": "No effect recorded"},
    # --- follow-up plan ---
    "fu.title": {"sv": "Uppföljningsplan för {name}", "en": "Follow-up plan for {name}"},
    "fu.doc_kind": {"sv": "Uppföljningsplan", "en": "Follow-up plan"},
    "fu.intro": {
        "sv": "Varje mål besvarar uppföljningsplanens sex frågor (Örebro Steg 5).",
        "en": "Each goal answers the six questions of the follow-up plan (Örebro step 5).",
    },
    "fu.goals": {"sv": "Processmål", "en": "Process goals"},
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
    "goals.title": {"sv": "Målöversikt", "en": "Goal overview"},
    "goals.intro": {
        "sv": "Alla processmål med senaste utfall, målvärde och status.",
        "en": "Every process goal with its latest result, target and status.",
    },
    "goals.summary": {
        "sv": "{total} mål: {reached} uppnådda, {on_track} på väg, {not_reached} ej uppnådda, "
        "{not_measured} ej mätta.",
        "en": "{total} goals: {reached} reached, {on_track} on track, {not_reached} not reached, "
        "{not_measured} not measured.",
    },
    "goals.summary.one": {
        "sv": "{total} mål: {reached} uppnådda, {on_track} på väg, {not_reached} ej uppnådda, "
        "{not_measured} ej mätta.",
        "en": "{total} goal: {reached} reached, {on_track} on track, {not_reached} not reached, "
        "{not_measured} not measured.",
    },
    "goals.table": {"sv": "Alla mål", "en": "All goals"},
    "goals.goal": {"sv": "Mål", "en": "Goal"},
    "goals.latest": {"sv": "Senaste utfall", "en": "Latest result"},
    "goals.target": {"sv": "Målvärde", "en": "Target"},
    "goals.deadline": {"sv": "Senast", "en": "Deadline"},
    "goals.next": {"sv": "Nästa uppföljning", "en": "Next follow-up"},
    "goals.none": {"sv": "Inga processer har mål ännu.", "en": "No process has goals yet."},
    # --- maturity overview ---
    "maturity.title": {"sv": "Processmognad", "en": "Process maturity"},
    "maturity.intro": {
        "sv": "Mognadsnivå 1–5 per process efter Örebro Bilaga 2 (CMMI), bedömd utifrån vad "
        "dokumentationen visar.",
        "en": "Maturity level 1–5 per process after Örebro appendix 2 (CMMI), judged from what "
        "the documentation shows.",
    },
    "maturity.criteria": {"sv": "Så bedöms nivåerna", "en": "How the levels are judged"},
    "maturity.c1": {
        "sv": "Initial: processen är specificerad (en giltig processfil).",
        "en": "Initial: the process is specified (a valid process file).",
    },
    "maturity.c2": {
        "sv": "Repeterbar: processägare och processledare (egen, ärvd eller underförstådd), syfte "
        "och mottagare finns.",
        "en": "Repeatable: a process owner and leader (own, inherited or implied), a purpose and "
        "recipients.",
    },
    "maturity.c3": {
        "sv": "Definierad: minst ett mätbart mål med målvärde, och varje mål har en "
        "uppföljningsplan med frekvens, ansvarig och mottagare av rapporten.",
        "en": "Defined: at least one measurable goal with a target, and every goal has a "
        "follow-up plan with a frequency, a responsible person and a recipient of the report.",
    },
    "maturity.c4": {
        "sv": "Kvantitativt styrd: varje mål med målvärde har minst ett registrerat utfall.",
        "en": "Quantitatively managed: every goal with a target has at least one recorded result.",
    },
    "maturity.c5": {
        "sv": "Optimerande: minst en aktivitet kopplad till ett mål är klar med observerad effekt.",
        "en": "Optimising: at least one activity tied to a goal is completed with an observed "
        "effect.",
    },
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
