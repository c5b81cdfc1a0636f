"""Misspelt role nouns (issue 12, item 10): one edit from a -mand/-kvinde word, reported as
info with no suggestion (so --fix leaves them), never on a real Danish word."""

from __future__ import annotations

import pytest

from ligestat.language import apply_fixes, check_text
from ligestat.language.variants import RULE
from ligestat.language.wordlist import WordLists, load_word_lists


@pytest.mark.parametrize(
    ("text", "match", "meant"),
    [
        ("Fomand Hansen åbnede mødet.", "Fomand", "formand"),
        ("Formandes beretning blev godkendt.", "Formandes", "formand"),
        ("Vi talte med fromanden i går.", "fromanden", "formand"),
        ("Spørg tillidsmanen om det.", "tillidsmanen", "tillidsmand"),
        ("Hun er tallskvinde for gruppen.", "tallskvinde", "talskvinde"),
    ],
)
def test_a_misspelt_role_noun_is_a_low_confidence_finding(
    text: str, match: str, meant: str
) -> None:
    [hit] = check_text(text)
    assert (hit.match, hit.rule, hit.severity) == (match, RULE, "info")
    assert f"»{meant}«" in hit.message
    assert hit.suggestions == ()
    assert apply_fixes(text, [hit]) == text  # no auto-fix for a guess


@pytest.mark.parametrize(
    "text",
    [
        "Vi manglede en formaning.",  # a real word one edit from formand
        "Der var mange mennesker.",
        "Julemanden kom.",
        "Romanen handler om en sømand.",  # the sømand hit only, no variant for romanen
    ],
)
def test_real_words_are_not_taken_for_misspellings(text: str) -> None:
    assert [h for h in check_text(text) if h.rule == RULE] == []


def test_a_variant_can_be_ignored_by_its_rule_id() -> None:
    assert check_text("Fomand Hansen.", ignore=[RULE]) == []


def test_no_word_of_the_installed_word_lists_is_reported_as_a_misspelling() -> None:
    lists: WordLists | None = load_word_lists()
    if lists is None:
        pytest.skip("wdanish and hunspell-da are not installed (scripts/system-deps.sh)")
    from ligestat.language import load_lexicon
    from ligestat.language.variants import is_variant_word

    lex = load_lexicon()
    flagged = sorted(w for w in lists.lower_case_forms() if is_variant_word(w, lex))
    assert flagged == [], "regenerate: scripts/sprog_wordlist.py --variants"
