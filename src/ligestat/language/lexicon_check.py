"""Checks of the lexicon data that need the matcher: kept apart from ``lexicon_load`` so
that loading the lexicon never imports the matcher (which imports the loader)."""

from __future__ import annotations

from ligestat.language.lexicon_load import build_lexicon
from ligestat.language.matcher import find_role_hits

__all__ = ["validate_lexicon"]


def validate_lexicon() -> list[str]:
    """Every problem in the lexicon data: duplicate ids or forms, unreviewed suggestions,
    unknown sources or classes, and suggestions the checker itself would flag."""
    lexicon = build_lexicon()
    problems = list(lexicon.problems)
    for entry in lexicon.entries:
        for paradigm in entry.suggestions:
            for form, _tag in paradigm.tagged_forms():
                if find_role_hits(form, lexicon):
                    problems.append(f"{entry.id}: suggestion form {form!r} is itself flagged")
    return problems
