"""A Markdown reference of every rule, generated from the lexicon (for the docs).

Regenerate with ``python -m ligestat.language.reference > docs/sprog-regler.md``.
"""

from __future__ import annotations

from ligestat.language.advert import FEMININE_RULE, MASCULINE_RULE
from ligestat.language.lexicon_load import load_lexicon
from ligestat.language.variants import RULE as VARIANT_RULE

__all__ = ["reference_markdown"]


def reference_markdown() -> str:
    """One table row per rule: id, severity, the word it finds, suggestions, reason."""
    lex = load_lexicon()
    lines = [
        "# Sprogtjek: regler",
        "",
        "| regel | alvor | ord | forslag | begrundelse |",
        "| --- | --- | --- | --- | --- |",
    ]
    for entry in sorted(lex.entries, key=lambda e: e.id):
        suggestions = ", ".join(p.lemma for p in entry.suggestions)
        reason = entry.reason + (f" Kilde: {entry.source}." if entry.source else "")
        lines.append(f"| `{entry.id}` | warning | {entry.lemma} | {suggestions} | {reason} |")
    modifiers = {m.id: m for m in lex.modifiers.values()}
    for rid, mod in sorted(modifiers.items()):
        forms = ", ".join(sorted(f for f, m in lex.modifiers.items() if m.id == rid))
        lines.append(f"| `{rid}` | warning | {forms} + rolle | rollen alene | {mod.reason} |")
    req = lex.requirement
    lines.append(f"| `{req.id}` | error | krav om køn | – | {req.reason} |")
    lines.append(
        f"| `{VARIANT_RULE}` | info | ét bogstav fra en -mand/-kvinde-betegnelse (fomand) "
        "| – (ingen automatisk rettelse) | Muligvis en stavefejl for en kønnet betegnelse. |"
    )
    for rid in (MASCULINE_RULE, FEMININE_RULE):
        lines.append(
            f"| `{rid}` | info | kodede ord (eksperimentelt, --jobopslag) | – | "
            "Gaucher, Friesen & Kay (2011) |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reference_markdown(), end="")
