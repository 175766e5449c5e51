"""The rule catalogue as Markdown: `procspec rules --format md` and docs/regler.md."""

from __future__ import annotations

from typing import Any

from procspec.checking.registry import Rule
from procspec.checking.rules import all_rules
from procspec.messages import text


def catalogue_markdown() -> str:
    """The rule catalogue as Markdown (docs/regler.md is this text)."""
    lines = [
        "# Regler",
        "",
        "Genererad från regelregistret med `procspec rules --format md`. Koderna byter aldrig betydelse.",
        "",
        "| kod | allvar | regel | källa |",
        "|---|---|---|---|",
    ]
    rules = all_rules()
    for r in rules:
        lines.append(
            f"| [{r.code}](#{r.code.lower()}) | {r.severity.value} | {text(r.title, 'sv')} | {r.source} |"
        )
    for r in rules:
        lines += [
            "",
            f"## {r.code}",
            "",
            f"**{text(r.title, 'sv')}** ({text(r.title, 'en')}). Allvar: {r.severity.value}. Källa: {r.source}.",
            "",
            r.doc,
            "",
            "Fel:",
            "",
            "```yaml",
            r.bad.rstrip("\n"),
            "```",
            "",
            "Rätt:",
            "",
            "```yaml",
            r.good.rstrip("\n"),
            "```",
        ]
    return "\n".join(lines) + "\n"


def rule_dict(rule: Rule, lang: str) -> dict[str, Any]:
    """One rule for `procspec rules --format json`: the same keys as a problem in
    `validate --format json` where they mean the same (`code`, `severity`)."""
    return {
        "code": rule.code,
        "severity": rule.severity.value,
        "title": text(rule.title, lang),
        "source": rule.source,
        "doc": rule.doc,
        "bad": rule.bad,
        "good": rule.good,
    }
