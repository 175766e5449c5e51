"""Every sentence procspec says to a user, in Swedish and English (`språk:` in procspec.yaml).

Messages name what is wrong and what to write instead. Keys are stable identifiers; the rules, the
loader and the command line look their sentences up here, so a translation is one file.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

LANGUAGES = ("sv", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    # --- loading (PS001-PS004, PS008) ---
    "load.syntax": {
        "sv": "YAML-syntaxfel: {detail}.",
        "en": "YAML syntax error: {detail}.",
    },
    "load.hint.other": {
        "sv": "{detail}; kontrollera indrag, kolon och citattecken på raden",
        "en": "{detail}; check indentation, colons and quotes on this line",
    },
    "load.hint.colon": {
        "sv": "ett kolon står där det inte får stå; skriv text som innehåller ': ' inom "
        "citattecken, och kontrollera indraget",
        "en": "a colon stands where it may not; quote text that contains ': ', and check the "
        "indentation",
    },
    "load.hint.missing_colon": {
        "sv": "ett kolon saknas efter en nyckel",
        "en": "a colon is missing after a key",
    },
    "load.hint.indent": {
        "sv": "indraget stämmer inte; nycklar på samma nivå ska börja i samma kolumn",
        "en": "the indentation is off; keys on the same level start in the same column",
    },
    "load.hint.list_indent": {
        "sv": "en listrad ('- ...') har fel indrag, eller en nyckel står mitt i en lista",
        "en": "a list line ('- ...') is wrongly indented, or a key stands inside a list",
    },
    "load.hint.flow": {
        "sv": "en hakparentes eller klammerparentes är inte stängd, eller ett värde saknas",
        "en": "a bracket or brace is not closed, or a value is missing",
    },
    "load.hint.end": {
        "sv": "filen tar slut mitt i ett värde; ett citattecken eller en parentes är inte stängd",
        "en": "the file ends inside a value; a quote or bracket is not closed",
    },
    "load.hint.alias": {
        "sv": "ett alias (*namn) pekar på ett ankare (&namn) som inte finns",
        "en": "an alias (*name) refers to an anchor (&name) that does not exist",
    },
    "load.hint.token": {
        "sv": "ett värde börjar med ett tecken som inte får inleda ett värde (till exempel @, ` "
        "eller tabb); skriv texten inom citattecken och använd mellanslag för indrag",
        "en": "a value starts with a character that cannot start one (such as @, ` or a tab); "
        "quote the text and indent with spaces",
    },
    "load.hint.escape": {
        "sv": "en text inom dubbla citattecken har ett okänt \\-tecken; skriv texten inom enkla "
        "citattecken ('...') eller skriv \\\\ för ett omvänt snedstreck",
        "en": "a double-quoted text has an unknown \\ escape; use single quotes ('...') or write "
        "\\\\ for a backslash",
    },
    "load.hint.directive": {
        "sv": "ett %-direktiv överst i filen är okänt eller upprepat; ta bort raden (procspec läser "
        "YAML 1.2 och behöver inga direktiv)",
        "en": "a %-directive at the top of the file is unknown or repeated; remove the line "
        "(procspec reads YAML 1.2 and needs no directives)",
    },
    "load.hint.anchor_name": {
        "sv": "ett ankare (&namn) eller alias (*namn) saknar namn; skriv texten inom citattecken "
        "om & eller * ska stå i den",
        "en": "an anchor (&name) or alias (*name) has no name; quote the text if it should "
        "contain & or *",
    },
    "load.hint.document_end": {
        "sv": "text efter '...' (slutet på dokumentet); ta bort raden med '...'",
        "en": "text after '...' (the end of the document); remove the '...' line",
    },
    "load.hint.tab": {
        "sv": "tabb används för indrag; använd mellanslag",
        "en": "a tab is used for indentation; use spaces",
    },
    "load.hint.control": {
        "sv": "filen innehåller otillåtna kontrolltecken (till exempel NUL)",
        "en": "the file contains control characters that are not allowed (such as NUL)",
    },
    "load.hint.anchor": {
        "sv": "samma ankare (&namn) definieras två gånger",
        "en": "the same anchor (&name) is defined twice",
    },
    "load.multiple_documents": {
        "sv": "Filen innehåller flera YAML-dokument (---). Skriv en process per fil.",
        "en": "The file holds several YAML documents (---). Write one process per file.",
    },
    "load.empty": {
        "sv": "Filen är tom. Skriv processens nycklar, till exempel 'namn:' och 'syfte:'.",
        "en": "The file is empty. Write the process keys, for example 'namn:' and 'syfte:'.",
    },
    "load.not_mapping": {
        "sv": "Filen ska vara en samling nycklar och värden ('nyckel: värde'), inte en lista eller "
        "en ensam text.",
        "en": "The file must be a mapping of keys to values ('key: value'), not a list or a lone "
        "value.",
    },
    "load.not_utf8": {
        "sv": "Filen är inte kodad som UTF-8. Spara om den som UTF-8 i din editor.",
        "en": "The file is not encoded as UTF-8. Save it again as UTF-8 in your editor.",
    },
    "load.unreadable": {
        "sv": "Filen kan inte läsas ({detail}). Kontrollera filens rättigheter.",
        "en": "The file cannot be read ({detail}). Check the file's permissions.",
    },
    "load.not_regular": {
        "sv": "Det här är ingen vanlig fil (till exempel en namngiven pipe eller en enhet), så den "
        "läses inte. Ersätt den med en vanlig YAML-fil eller ta bort den.",
        "en": "This is not a regular file (for example a named pipe or a device), so it is not "
        "read. Replace it with a regular YAML file or remove it.",
    },
    "load.outside": {
        "sv": "Filen är en länk till en plats utanför förrådet och läses inte. Lägg filen själv "
        "i förrådet.",
        "en": "The file is a link to a place outside the repository and is not read. Put the "
        "file itself in the repository.",
    },
    "load.too_large": {
        "sv": "Filen är större än {max} kB och läses inte. En processspecifikation ska vara kort.",
        "en": "The file is larger than {max} kB and is not read. A process specification is short.",
    },
    "load.tag": {
        "sv": "YAML-taggen {tag} är inte tillåten. Ta bort taggen och skriv värdet som vanlig text, "
        "tal, true/false eller lista.",
        "en": "The YAML tag {tag} is not allowed. Remove it and write the value as plain text, a "
        "number, true/false or a list.",
    },
    "load.aliases": {
        "sv": "Filen växer till för många värden när alias (*namn) packas upp. Skriv ut värdena "
        "i stället för att använda alias.",
        "en": "The file expands to too many values through aliases (*name). Write the values out "
        "instead of using aliases.",
    },
    "load.depth": {
        "sv": "Filen är nästlad djupare än {max} nivåer. Skriv en platt struktur enligt formatet.",
        "en": "The file nests deeper than {max} levels. Use the flat structure of the format.",
    },
    "load.yaml_version": {
        "sv": "Filen anger YAML-versionen {version} ('%YAML {version}'), men procspec läser YAML "
        "1.2. Versionerna läser vanliga värden olika: i YAML 1.1 är yes, no och on sant och "
        "falskt och 010 talet 8, i YAML 1.2 är de text och talet 10. Ta bort raden "
        "'%YAML {version}' (eller skriv '%YAML 1.2').",
        "en": "The file declares YAML version {version} ('%YAML {version}'), but procspec reads "
        "YAML 1.2. The versions read plain values differently: in YAML 1.1 yes, no and on are "
        "true and false and 010 is the number 8, in YAML 1.2 they are text and the number 10. "
        "Remove the line '%YAML {version}' (or write '%YAML 1.2').",
    },
    "load.merge": {
        "sv": "Sammanslagningsnyckeln '<<' stöds inte. Skriv ut nycklarna direkt.",
        "en": "The merge key '<<' is not supported. Write the keys out directly.",
    },
    "load.key_not_text": {
        "sv": "En nyckel måste vara text, inte en lista eller samling.",
        "en": "A key must be text, not a list or a mapping.",
    },
    "load.duplicate": {
        "sv": "Nyckeln '{key}' finns redan på rad {line}. Ta bort en av dem.",
        "en": "The key '{key}' already appears on line {line}. Remove one of them.",
    },
    "load.ignore_reason": {
        "sv": "Undantaget för {codes} saknar motivering. Skriv '# procspec: ignore {codes} -- "
        "<varför>'.",
        "en": "The ignore for {codes} gives no reason. Write '# procspec: ignore {codes} -- <why>'.",
    },
    # --- schema (PS005-PS007) ---
    "schema.unknown_key": {
        "sv": "Okänd nyckel '{key}'.{hint}",
        "en": "Unknown key '{key}'.{hint}",
    },
    "schema.did_you_mean": {
        "sv": " Menade du '{suggestion}'?",
        "en": " Did you mean '{suggestion}'?",
    },
    "schema.allowed_keys": {
        "sv": " Tillåtna nycklar här: {keys}.",
        "en": " Keys allowed here: {keys}.",
    },
    "schema.not_in_profile": {
        "sv": "Nyckeln '{key}' används inte i profilen {profile}. Ta bort den.",
        "en": "The key '{key}' is not used in the profile {profile}. Remove it.",
    },
    "schema.missing": {
        "sv": "Nyckeln '{key}' saknas{where}. Lägg till '{key}: ...'.",
        "en": "The key '{key}' is missing{where}. Add '{key}: ...'.",
    },
    "schema.missing_where": {"sv": " i {parent}", "en": " in {parent}"},
    "schema.expected_text": {
        "sv": "'{key}' ska vara text{got}. Skriv texten, gärna inom citattecken.",
        "en": "'{key}' must be text{got}. Write the text, quoted if needed.",
    },
    "schema.expected_int": {
        "sv": "'{key}' ska vara ett heltal utan citattecken{got}, till exempel {key}: 2.",
        "en": "'{key}' must be a whole number without quotes{got}, for example {key}: 2.",
    },
    "schema.expected_number": {
        "sv": "'{key}' ska vara ett tal utan citattecken{got}, till exempel {key}: 95.",
        "en": "'{key}' must be a number without quotes{got}, for example {key}: 95.",
    },
    "schema.expected_bool": {
        "sv": "'{key}' ska vara true eller false{got}. Skriv {key}: true eller {key}: false.",
        "en": "'{key}' must be true or false{got}. Write {key}: true or {key}: false.",
    },
    "schema.expected_list": {
        "sv": "'{key}' ska vara en lista{got}. Skriv varje värde på en egen rad som börjar med '- '.",
        "en": "'{key}' must be a list{got}. Write each value on its own line starting with '- '.",
    },
    "schema.expected_mapping": {
        "sv": "'{key}' ska vara en samling nycklar och värden{got}, med nycklarna indragna under "
        "'{key}:'.",
        "en": "'{key}' must be a mapping{got}, with its keys indented under '{key}:'.",
    },
    "schema.got": {"sv": ", inte {got}", "en": ", not {got}"},
    "schema.enum": {
        "sv": "'{value}' är inte ett giltigt värde för '{key}'. Skriv ett av: {allowed}.",
        "en": "'{value}' is not a valid value for '{key}'. Write one of: {allowed}.",
    },
    "schema.date": {
        "sv": "'{value}' är inte ett giltigt datum för '{key}'. Skriv ett datum som finns, på formen "
        "ÅÅÅÅ-MM-DD, till exempel 2027-03-01.",
        "en": "'{value}' is not a valid date for '{key}'. Write a date that exists, as YYYY-MM-DD, "
        "for example 2027-03-01.",
    },
    "schema.email": {
        "sv": "'{value}' är inte en giltig e-postadress. Skriv adressen som namn@exempel.se.",
        "en": "'{value}' is not a valid e-mail address. Write it as name@example.org.",
    },
    "schema.person_key": {
        "sv": "'{value}' är inte en giltig personnyckel. Använd små bokstäver a–z, siffror, punkt, "
        "bindestreck och understreck, till exempel anna.berg.",
        "en": "'{value}' is not a valid person key. Use lower-case a–z, digits, dot, hyphen and "
        "underscore, for example anna.berg.",
    },
    "schema.empty_text": {
        "sv": "'{key}' får inte vara tom. Skriv en text.",
        "en": "'{key}' must not be empty. Write a text.",
    },
    "schema.empty_list": {
        "sv": "'{key}' ska ha minst {min} värden. Lägg till rader '- ...'.",
        "en": "'{key}' needs at least {min} values. Add lines '- ...'.",
    },
    "schema.empty_list.one": {
        "sv": "'{key}' ska ha minst {min} värde. Lägg till en rad '- ...'.",
        "en": "'{key}' needs at least {min} value. Add a line '- ...'.",
    },
    "schema.min_value": {
        "sv": "'{key}' ska vara minst {min}.",
        "en": "'{key}' must be at least {min}.",
    },
    "schema.control": {
        "sv": "'{key}' innehåller ett osynligt styrtecken ({char}). Ta bort det; skriv om texten "
        "om du inte hittar det.",
        "en": "'{key}' contains an invisible control character ({char}). Remove it; retype the "
        "text if you cannot find it.",
    },
    "schema.link": {
        "sv": "Länken '{value}' är inte tillåten. Skriv en webbadress som börjar med https:// eller "
        "http://, eller en relativ sökväg.",
        "en": "The link '{value}' is not allowed. Write a web address starting with https:// or "
        "http://, or a relative path.",
    },
    "schema.https": {
        "sv": "'{key}' ska vara en fullständig webbadress som börjar med https://, utan mellanslag, "
        "inte '{value}'.",
        "en": "'{key}' must be a complete web address starting with https://, without spaces, "
        "not '{value}'.",
    },
    "schema.invalid": {
        "sv": "Ogiltigt värde för '{key}': {detail}.",
        "en": "Invalid value for '{key}': {detail}.",
    },
    "schema.type.str": {"sv": "text", "en": "text"},
    "schema.type.int": {"sv": "ett heltal", "en": "a whole number"},
    "schema.type.float": {"sv": "ett decimaltal", "en": "a decimal number"},
    "schema.type.bool": {"sv": "true/false", "en": "true/false"},
    "schema.type.list": {"sv": "en lista", "en": "a list"},
    "schema.type.dict": {"sv": "en samling", "en": "a mapping"},
    "schema.type.NoneType": {"sv": "tomt", "en": "empty"},
    "schema.root": {"sv": "filen", "en": "the file"},
}


_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Control characters (but tab and newline), zero-width and direction-changing characters."""


def visible(text: str) -> str:
    """`text` with control, zero-width and direction-changing characters written as `<U+XXXX>`.

    A message quotes file names and values from the user's files; written raw, an escape sequence
    could recolour or clear the terminal and a right-to-left override could reorder the sentence
    around it (Trojan Source, CVE-2021-42574).
    """
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def one_line(text: str) -> str:
    """`visible(text)` with line breaks and tabs written as `<U+XXXX>` too, for one-line output."""
    return visible(text).replace("\n", "<U+000A>").replace("\t", "<U+0009>")


def msg(key: str, lang: str, /, **params: Any) -> str:
    """The message `key` in `lang` (Swedish when the language is unknown), filled with `params`;
    text parameters are passed through `visible`."""
    entry = CATALOGUE[key]
    template = entry.get(lang) or entry["sv"]
    if not params:
        return template
    shown = {k: visible(str(v)) if isinstance(v, str | PurePath) else v for k, v in params.items()}
    return template.format(**shown)


def msg_n(key: str, lang: str, number: int, /, **params: Any) -> str:
    """The message `key` about `number` things: its singular form `key.one` when `number` is 1
    and the message has one ("1 fel" but "1 error", "2 errors"), else `key` itself."""
    one = f"{key}.one"
    return msg(one if number == 1 and one in CATALOGUE else key, lang, **params)


def add(entries: dict[str, dict[str, str]]) -> None:
    """Register messages of a rule family; a key may be registered once."""
    for key, value in entries.items():
        if key in CATALOGUE:
            raise ValueError(f"message {key} registered twice")
        missing = [lang for lang in LANGUAGES if lang not in value]
        if missing:
            raise ValueError(f"message {key} lacks {missing}")
        CATALOGUE[key] = value


CATALOGUE.update(
    {
        "repo.no_path": {
            "sv": "{path} finns inte. Ange en mapp i processförrådet.",
            "en": "{path} does not exist. Give a folder in the process repository.",
        },
        "repo.no_settings": {
            "sv": "Hittar ingen procspec.yaml i {path} eller någon mapp ovanför.",
            "en": "No procspec.yaml in {path} or any folder above it.",
        },
        "repo.init_hint": {
            "sv": "Skapa ett processförråd med 'procspec init --profile botkyrka' eller "
            "'--profile orebro', eller ange sökvägen till ett befintligt.",
            "en": "Create a process repository with 'procspec init --profile botkyrka' or "
            "'--profile orebro', or give the path of an existing one.",
        },
        "repo.bad_file": {
            "sv": "{path} kan inte användas; rätta felen ovan.",
            "en": "{path} cannot be used; correct the problems above.",
        },
        "repo.unknown_code": {
            "sv": "Regeln '{code}' finns inte. 'procspec rules' listar alla koder.",
            "en": "There is no rule '{code}'. 'procspec rules' lists every code.",
        },
        "repo.no_roster": {
            "sv": "{path} saknas. Skapa filen med en post per person som har en roll.",
            "en": "{path} is missing. Create it with one entry per person who holds a role.",
        },
        "repo.processes_outside": {
            "sv": "Mappen för processer '{path}' ligger utanför förrådet.",
            "en": "The process folder '{path}' is outside the repository.",
        },
        "repo.processes_not_folder": {
            "sv": "'processer: {path}' i procspec.yaml pekar på en fil, inte en mapp. Ange mappen "
            "med processfilerna.",
            "en": "'processer: {path}' in procspec.yaml names a file, not a folder. Give the folder "
            "that holds the process files.",
        },
        "schema.missing_level": {
            "sv": "Nyckeln 'nivå' saknas. Profilen kräver processnivå: lägg till 'nivå: 1' för en "
            "process på högsta nivån, annars den överordnades nivå + 1.",
            "en": "The key 'nivå' is missing. The profile requires a level: add 'nivå: 1' for a "
            "top-level process, otherwise the parent's level + 1.",
        },
        "profile.unreadable": {
            "sv": "Profilen {path} kan inte läsas.",
            "en": "The profile {path} cannot be read.",
        },
        "profile.not_found": {
            "sv": "Profilen '{path}' finns inte. Ange en inbyggd profil ({builtin}) eller en "
            "sökväg till en profilfil relativt procspec.yaml.",
            "en": "The profile '{path}' does not exist. Name a built-in profile ({builtin}) or a "
            "path to a profile file relative to procspec.yaml.",
        },
        "profile.bad_base": {
            "sv": "'bas: {base}' är ingen inbyggd profil. Skriv en av: {builtin}.",
            "en": "'bas: {base}' is not a built-in profile. Write one of: {builtin}.",
        },
    }
)
