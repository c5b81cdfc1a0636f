"""The lexicon's rules as report metadata (SARIF ``tool.driver.rules``)."""

from __future__ import annotations

from ligestat.language import FEMININE_RULE, MASCULINE_RULE, load_lexicon
from ligestat.language.output.sarif import RuleInfo
from ligestat.language.variants import RULE as VARIANT_RULE

__all__ = ["lexicon_rules"]


def lexicon_rules() -> list[RuleInfo]:
    """One rule per lexicon entry, gendered modifier and the gender-requirement rule."""
    lexicon = load_lexicon()
    rules: dict[str, RuleInfo] = {}
    for entry in lexicon.entries:
        suggestions = ", ".join(p.lemma for p in entry.suggestions)
        help_text = entry.reason + (f" Forslag: {suggestions}." if suggestions else "")
        if entry.source:  # the lexicon resolves source keys to their full text
            help_text += f" Kilde: {entry.source}"
        rules[entry.id] = RuleInfo(entry.id, f"Kønnet betegnelse: {entry.lemma}", help_text)
    for form, modifier in sorted(lexicon.modifiers.items()):
        rules.setdefault(
            modifier.id,
            RuleInfo(modifier.id, f"Kønnet tillægsord foran en rolle: {form}", modifier.reason),
        )
    requirement = lexicon.requirement
    rules.setdefault(
        requirement.id,
        RuleInfo(requirement.id, "Eksplicit krav om køn", requirement.reason, "error"),
    )
    rules.setdefault(
        VARIANT_RULE,
        RuleInfo(
            VARIANT_RULE,
            "Muligvis stavefejl for en kønnet betegnelse",
            "Ordet er ét bogstav fra en -mand/-kvinde-betegnelse (fx fomand); ingen rettelse.",
            "info",
        ),
    )
    coded = lexicon.coded.source or ""
    for rule_id, leaning in ((MASCULINE_RULE, "maskulint"), (FEMININE_RULE, "feminint")):
        rules.setdefault(
            rule_id,
            RuleInfo(
                rule_id,
                f"{leaning.capitalize()} kodet ord i jobopslag (eksperimentel)",
                f"Ordet regnes for {leaning} kodet (Gaucher, Friesen & Kay 2011). {coded}".strip(),
                "info",
            ),
        )
    return list(rules.values())
