"""The lexicon against Debian's Danish word lists (wdanish, hunspell-da): every form with a
gendered marker is classified, and every suggestion the lexicon can make is a real word."""

from __future__ import annotations

import pytest

from ligestat.language import check_text, load_lexicon
from ligestat.language.wordlist import WordLists, classify, load_word_lists, marker_spans


@pytest.fixture(scope="module")
def lists() -> WordLists:
    found = load_word_lists()
    if found is None:
        pytest.skip("wdanish and hunspell-da are not installed (scripts/system-deps.sh)")
    return found


def test_every_word_list_form_with_a_gendered_marker_is_classified(lists: WordLists) -> None:
    lex = load_lexicon()
    forms = [f for f in lists.lower_case_forms() if marker_spans(f)]
    assert len(forms) > 20_000  # the lists are really there, not an empty stand-in
    unclassified = sorted(f for f in forms if classify(f, lex).kind not in ("role", "not"))
    assert unclassified == [], f"{len(unclassified)} forms, e.g. {unclassified[:20]}"


@pytest.mark.parametrize(
    "word",
    [
        "vognmand",
        "folketingsmand",
        "rådmand",
        "bedemand",
        "forligsmand",
        "opsynsmand",
        "hovedmand",
        "altmuligmand",
        "vismand",
        "drabsmand",
        "pistolmand",
        "husmor",
        "plejemor",
        "plejefar",
        "sekretærinde",
        "frisørinde",
        "telefondame",
    ],
)
def test_role_nouns_named_in_the_issue_are_flagged(word: str) -> None:
    assert [h.rule for h in check_text(f"Vi talte med en {word} i går.")]


@pytest.mark.parametrize(
    "word", ["mandat", "kommando", "mandel", "mandag", "finde", "interesse", "humor", "farve"]
)
def test_words_that_only_contain_a_marker_are_not_flagged(word: str) -> None:
    assert check_text(f"Det handler om {word}.") == []


def test_every_suggestion_of_every_entry_is_a_real_word(lists: WordLists) -> None:
    unreal = [
        (entry.id, form)
        for entry in load_lexicon().entries
        for paradigm in entry.suggestions
        for form, _tag in paradigm.tagged_forms()
        if not lists.is_word(form)
    ]
    assert unreal == []


def test_suggestions_for_word_list_compounds_are_real_words(lists: WordLists) -> None:
    """A flagged compound (udvalgsformand, formandsposten) gets its first part (from a real
    word-list form) with a real suggestion: hunspell must accept the result."""
    lex = load_lexicon()
    unreal = []
    checked = 0
    for form in sorted(lists.lower_case_forms()):
        if "-" in form or not marker_spans(form) or classify(form, lex).kind != "role":
            continue  # a hyphenated form is two tokens to the matcher
        for hit in check_text(form):
            checked += len(hit.suggestions)
            unreal += [(form, s) for s in hit.suggestions if not lists.is_closed_compound(s)]
    assert checked > 3000
    assert unreal == []
