"""A rule's documentation as a repository's profile tells it (SPEC §3: "why — with its source").

The registry holds what every rule checks (its docstring, examples and default severity) in
words that fit any profile. Where a rule comes from is the profile's: `regelkällor` in the
profile file gives, per rule code or family (`PS7xx`), the section of the profile's own source
document, the passages quoted from it word for word, whether the rule is procspec's reading rather
than the source's own rule (`tolkning`), whether it never fires in the profile (`gäller_inte`),
and examples in the profile's words. So a Botkyrka repository cites Botkyrka's guideline and an
Örebro repository Örebro's handbook, and neither cites the other.

Outside a repository (no profile), the documentation is neutral: the registry's own source, which
names every source document a rule comes from, and the passages of every built-in profile, each
under its own citation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from procspec.checking.registry import Rule
from procspec.messages import Text, has, say
from procspec.reading.profile import BUILTIN, BUILTIN_DIR, Profile, RuleSource, load_profile

__all__ = ["Cited", "RuleDoc", "builtin_profiles", "document"]


@dataclass(frozen=True)
class Cited:
    """Passages quoted from one source document, and the section they are from."""

    citation: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class RuleDoc:
    """One rule's documentation, resolved for a profile (or for none)."""

    code: str
    severity: str
    title: Text
    doc: str
    source: Text
    cited: tuple[Cited, ...]
    reading: Text | None
    inactive: Text | None
    bad: str
    good: str
    profile: str | None


@cache
def builtin_profiles() -> tuple[Profile, ...]:
    """The profiles procspec ships, in their fixed order."""
    return tuple(load_profile(name, BUILTIN_DIR) for name in BUILTIN)


def title(rule: Rule, profile: str | None) -> Text:
    """The rule's title: the profile's own (`rule.<code>.title@<profile>` in the catalogues)
    where the profile words it differently, else the rule's (`rule.<code>.title`)."""
    key = f"{rule.title.key}@{profile}"
    return say(key) if profile is not None and has(key) else rule.title


def _citation(entry: RuleSource) -> Text:
    if entry.reading:
        if entry.citation:
            return say("ruledoc.reading", source=entry.citation)
        return say("ruledoc.reading.none")
    return entry.citation or say("ruledoc.reading.none")


def document(
    rule: Rule, profile: Profile | None = None, overrides: Mapping[str, str] | None = None
) -> RuleDoc:
    """`rule`'s documentation in a repository with `profile` (and procspec.yaml's `regler`,
    `overrides`); without a profile, the neutral documentation."""
    severity = rule.severity.value
    cited: tuple[Cited, ...] = ()
    if profile is None:
        cited = tuple(
            Cited(entry.citation, tuple(entry.quotes))
            for builtin in builtin_profiles()
            if (entry := builtin.rule_source(rule.code)) is not None
            and entry.citation
            and entry.quotes
            and not entry.inactive
        )
        return RuleDoc(
            rule.code,
            severity,
            rule.title,
            rule.doc,
            rule.source,
            cited,
            None,
            None,
            rule.bad,
            rule.good,
            None,
        )
    severity = profile.rules.get(rule.code, severity)
    if overrides:
        severity = overrides.get(rule.code, severity)
    entry = profile.rule_source(rule.code)
    if entry is None:
        # A rule the profile says nothing about: the registry's source (a custom profile
        # without `regelkällor`, or a rule with no source document, such as YAML's own rules).
        source: Text = rule.source
        reading: Text | None = None
        inactive = None
        bad, good = rule.bad, rule.good
    else:
        source = _citation(entry)
        reading = None
        if entry.reading or not entry.citation:
            reading = say("ruledoc.reading.note" if entry.citation else "ruledoc.reading.none.note")
        if entry.citation and entry.quotes:
            cited = (Cited(entry.citation, tuple(entry.quotes)),)
        inactive = say("ruledoc.inactive", profile=profile.name) if entry.inactive else None
        bad, good = entry.bad or rule.bad, entry.good or rule.good
    return RuleDoc(
        rule.code,
        severity,
        title(rule, profile.name),
        rule.doc,
        source,
        cited,
        reading,
        inactive,
        bad,
        good,
        profile.name,
    )
