"""The rule catalogue as Markdown and JSON: `procspec rules --format md|json` and docs/regler.md.

Each rule is documented as the repository's profile tells it (`checking.ruledocs`); docs/regler.md
is the neutral catalogue, outside any repository.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procspec.checking.ruledocs import RuleDoc, document
from procspec.checking.rules import all_rules
from procspec.messages import msg, text
from procspec.reading.profile import Profile


def documented(
    profile: Profile | None = None, overrides: Mapping[str, str] | None = None
) -> list[RuleDoc]:
    """Every rule's documentation for `profile` (None: the neutral catalogue)."""
    return [document(rule, profile, overrides) for rule in all_rules()]


def title_words(doc: RuleDoc, lang: str) -> str:
    """The rule's title in `lang` (the profile's own wording where it has one)."""
    return text(doc.title, lang)


def quote_lines(doc: RuleDoc, lang: str) -> list[tuple[str, list[str]]]:
    """The passages the rule rests on, under the section they are from: ("Ur Botkyrka 2.3",
    ["“…”", ...])."""
    return [
        (msg("ruledoc.quotes", lang, source=cited.citation), [f"“{q}”" for q in cited.quotes])
        for cited in doc.cited
    ]


def catalogue_markdown(
    profile: Profile | None = None, overrides: Mapping[str, str] | None = None, lang: str = "sv"
) -> str:
    """The rule catalogue as Markdown (docs/regler.md is this text without a profile)."""
    docs = documented(profile, overrides)
    scope = (
        msg("ruledoc.profile", lang, profile=profile.name)
        if profile
        else msg("ruledoc.neutral", lang)
    )
    lines = [
        f"# {msg('ruledoc.catalogue', lang)}",
        "",
        msg("ruledoc.generated", lang),
        "",
        scope,
        "",
        "| "
        + " | ".join(msg(f"console.{k}", lang) for k in ("code", "severity", "rule", "source"))
        + " |",
        "|---|---|---|---|",
    ]
    for d in docs:
        lines.append(
            f"| [{d.code}](#{d.code.lower()}) | {d.severity} | {title_words(d, lang)} "
            f"| {text(d.source, lang)} |"
        )
    other = "en" if lang == "sv" else "sv"
    for d in docs:
        lines += [
            "",
            f"## {d.code}",
            "",
            f"**{title_words(d, lang)}** ({title_words(d, other)}). "
            f"{msg('console.severity', lang)}: {d.severity}. "
            f"{msg('console.source', lang)}: {text(d.source, lang)}.",
        ]
        for note in (d.reading, d.inactive):
            if note is not None:
                lines += ["", f"*{text(note, lang)}*"]
        lines += ["", d.doc]
        for heading, quotes in quote_lines(d, lang):
            lines += ["", f"{heading}:", ""]
            lines += [line for q in quotes for line in (">", f"> {q}")][1:]
        lines += [
            "",
            f"{msg('console.bad', lang)}:",
            "",
            "```yaml",
            d.bad.rstrip("\n"),
            "```",
            "",
            f"{msg('console.good', lang)}:",
            "",
            "```yaml",
            d.good.rstrip("\n"),
            "```",
        ]
    return "\n".join(lines) + "\n"


def rule_dict(doc: RuleDoc, lang: str) -> dict[str, Any]:
    """One rule for `procspec rules --format json`: the same keys as a problem in
    `validate --format json` where they mean the same (`code`, `severity`)."""
    return {
        "code": doc.code,
        "severity": doc.severity,
        "title": title_words(doc, lang),
        "source": text(doc.source, lang),
        "quotes": [
            {"source": cited.citation, "text": quote}
            for cited in doc.cited
            for quote in cited.quotes
        ],
        "reading": doc.reading is not None,
        "applies": doc.inactive is None,
        "profile": doc.profile,
        "doc": doc.doc,
        "bad": doc.bad,
        "good": doc.good,
    }
