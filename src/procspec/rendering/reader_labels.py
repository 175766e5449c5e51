"""Labels of the readers' side of the site (search, what changed, 'Lämna synpunkt', print), sv/en.

Templates reach these through `t("key")`, like the labels of `procspec.rendering.labels`.
"""

from __future__ import annotations

from procspec.messages import add

LABELS: dict[str, dict[str, str]] = {
    # --- search ---
    "search.label": {"sv": "Sök", "en": "Search"},
    "search.field": {"sv": "Sök bland processerna", "en": "Search the processes"},
    "search.button": {"sv": "Sök", "en": "Search"},
    "search.title": {"sv": "Sök", "en": "Search"},
    "search.intro": {
        "sv": "Sök på ord ur processernas namn, syfte, mål, aktiviteter och processkartor. Böjda "
        "former och delar av sammansatta ord hittas också: ”bygglovet” hittar ”bygglov” och "
        "”fakturorna” hittar ”leverantörsfakturor”.",
        "en": "Search for words in the processes' names, purposes, goals, activities and process "
        "maps. Swedish word forms and parts of compound words are found too.",
    },
    "search.hint": {
        "sv": "Träffarna visas medan du skriver.",
        "en": "Results appear as you type.",
    },
    "search.results": {"sv": "Träffar", "en": "Results"},
    "search.empty": {"sv": "Skriv ett eller flera ord.", "en": "Type one or more words."},
    "search.none": {
        "sv": "Inga träffar för ”{q}”. Pröva ett annat ord, eller se alla processer A–Ö nedan.",
        "en": "No results for “{q}”. Try another word, or see all processes A–Z below.",
    },
    "search.one": {"sv": "1 träff för ”{q}”.", "en": "1 result for “{q}”."},
    "search.many": {"sv": "{n} träffar för ”{q}”.", "en": "{n} results for “{q}”."},
    "search.more": {
        "sv": "{n} träffar för ”{q}”; de {max} bästa visas.",
        "en": "{n} results for “{q}”; the best {max} are shown.",
    },
    "search.noscript": {
        "sv": "Sökningen behöver JavaScript. Utan det hittar du varje process i listan A–Ö nedan.",
        "en": "The search needs JavaScript. Without it, find every process in the A–Z list below.",
    },
    "search.all": {"sv": "Alla processer A–Ö", "en": "All processes A–Z"},
    "search.letters": {"sv": "Bokstäver", "en": "Letters"},
    "search.other": {"sv": "Övriga", "en": "Other"},
    "search.where.spec": {"sv": "Processspecifikation", "en": "Process specification"},
    "search.where.activities": {"sv": "Aktivitetsplan", "en": "Activity plan"},
    "search.where.follow_up": {"sv": "Uppföljningsplan", "en": "Follow-up plan"},
    "search.where.flow_map": {"sv": "Processkarta", "en": "Process map"},
    "search.where.goal": {"sv": "mål", "en": "goal"},
    "search.where.measure": {"sv": "mått", "en": "measure"},
    "search.where.activity": {"sv": "aktivitet", "en": "activity"},
    "search.where.step": {"sv": "processteg", "en": "step"},
    "search.licences": {
        "sv": "Sökningen använder lunr.js (MIT) och Snowballs svenska ordstammar (BSD); se {file}.",
        "en": "The search uses lunr.js (MIT) and Snowball's Swedish stemmer (BSD); see {file}.",
    },
    # --- what changed ---
    "changes.nav": {"sv": "Ändringar", "en": "Changes"},
    "changes.title": {"sv": "Senaste ändringarna", "en": "Latest changes"},
    "changes.intro": {
        "sv": "De senaste {limit} ändringarna i processerna enligt versionshistoriken (git), "
        "nyast först, med vad som ändrades.",
        "en": "The latest {limit} changes to the processes from the version history (git), "
        "newest first, with what changed.",
    },
    "changes.feed": {
        "sv": "Följ ändringarna som flöde (Atom):",
        "en": "Follow the changes as a feed (Atom):",
    },
    "changes.feed_use": {
        "sv": "Adressen kan läggas till i en intranätsida, en flödesläsare eller en kanal i Teams "
        "eller Outlook.",
        "en": "Add its address to an intranet page, a feed reader or a Teams or Outlook channel.",
    },
    "changes.feed_link": {"sv": "Ändringar som flöde", "en": "Changes as a feed"},
    "changes.no_history": {
        "sv": "Det finns ingen versionshistorik för processerna: de är inte incheckade i git, "
        "så det går inte att visa vad som har ändrats.",
        "en": "There is no version history for the processes: they are not in git, so what "
        "changed cannot be shown.",
    },
    "changes.none": {
        "sv": "Inga incheckade ändringar ännu.",
        "en": "No committed changes yet.",
    },
    "changes.by": {"sv": "av {author}", "en": "by {author}"},
    "changes.message": {"sv": "Meddelande", "en": "Message"},
    "changes.what": {"sv": "Vad som ändrades", "en": "What changed"},
    "changes.added": {"sv": "Processen lades till.", "en": "The process was added."},
    "changes.nothing": {
        "sv": "Inga ändringar i processens uppgifter (till exempel bara kommentarer).",
        "en": "No change to the process's data (comments only, for example).",
    },
    "changes.more": {"sv": "och {count} ändringar till", "en": "and {count} more changes"},
    "changes.more.one": {"sv": "och en ändring till", "en": "and one more change"},
    "changes.version": {"sv": "Version {version}", "en": "Version {version}"},
    "changes.feed_title": {
        "sv": "Ändringar i processerna – {site}",
        "en": "Changes to the processes – {site}",
    },
    "changes.entry_title": {"sv": "{name}: {subject}", "en": "{name}: {subject}"},
    "changes.own": {"sv": "processens ändringar", "en": "the process's changes"},
    # --- respond ---
    "respond.link": {"sv": "Lämna synpunkt", "en": "Give feedback"},
    "respond.mail": {
        "sv": "e-post till {to}, processledare",
        "en": "e-mail to {to}, process leader",
    },
    "respond.form": {"sv": "formulär hos {to}", "en": "form at {to}"},
    "respond.subject": {
        "sv": "Synpunkt på {document} för {name} ({revision})",
        "en": "Feedback on the {document} for {name} ({revision})",
    },
    "respond.body": {
        "sv": "Min synpunkt på {document} för {name} ({revision}):\n\n",
        "en": "My feedback on the {document} for {name} ({revision}):\n\n",
    },
    "respond.revision": {
        "sv": "version {version}, {date}",
        "en": "version {version}, {date}",
    },
    "respond.no_revision": {"sv": "utan version", "en": "no version"},
    # --- print ---
    "print.page": {"sv": "Sida ", "en": "Page "},
    "print.of": {"sv": " av ", "en": " of "},
}

add({f"render.{key}": value for key, value in LABELS.items()})
