"""Exceptions: built-in names and contexts, quotes, references, allow-list, ignore markers."""

from __future__ import annotations

import pytest

from ligestat.language import check_text


def _matches(text: str, **kwargs: object) -> list[str]:
    return [h.match for h in check_text(text, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Sagen er sendt til Folketingets Ombudsmand.",
        "Sagen er sendt til folketingets  ombudsmand.",
        "Det har Ombudsmanden udtalt sig om.",
        "Forbrugerombudsmanden har nye regler.",
        "Han er ansat som tjenestemand.",
        "Det gælder for overenskomstansatte og tjenestemænd.",
        "Lønnen følger aftalen for arbejds-, vej- og gartnerformænd.",
        'Skiltet sagde "Formanden har ordet".',
        "Titlen er „Embedsmænd i dag“.",
        "Han skrev »talsmanden kommer« i mailen.",
        "Se reglerne jf. lov om tjenestemænd.",
        "Det følger af § 5, stk. 2, om formandens pligter.",
        "Ordet formand er udgået.",
        "Vi har søgt efter ord som formand, embedsmand og talsmand.",
    ],
)
def test_built_in_exceptions_give_no_hit(text: str) -> None:
    assert check_text(text) == []


def test_the_same_words_outside_an_exception_are_flagged() -> None:
    text = 'Ombudsmanden. "Citat." Formanden og tjenestemændene mødtes.'
    assert _matches(text) == ["Formanden", "tjenestemændene"]


def test_a_lower_case_ombudsmand_is_a_generic_role_and_flagged() -> None:
    assert _matches("Hospitalet har en ombudsmand.") == ["ombudsmand"]


def test_a_reference_covers_its_own_clause_only() -> None:
    assert _matches("Se § 4 om formænd. Formanden kommer.") == ["Formanden"]
    assert _matches("Jf. § 4 gælder dette, og formanden beslutter.") == ["formanden"]


def test_a_quotation_does_not_reach_past_its_paragraph() -> None:
    text = 'Han sagde "hej\n\nFormanden kommer" senere.'
    assert _matches(text) == ["Formanden"]


def test_allow_list_words_cover_every_form_and_compound_of_the_lemma() -> None:
    text = "Formanden, formændenes og udvalgsformanden. Talsmanden."
    assert _matches(text, allow=["formand"]) == ["Talsmanden"]


def test_allow_list_compound_covers_only_that_compound() -> None:
    text = "Formanden og udvalgsformanden."
    assert _matches(text, allow=["Udvalgsformand"]) == ["Formanden"]


def test_allow_list_accepts_a_rule_id() -> None:
    assert _matches("Talsmanden og formanden.", allow=["da.mand.formand"]) == ["Talsmanden"]


def test_allow_list_phrase_covers_only_its_occurrences() -> None:
    text = "Foreningen Danske  Brandmænd holder møde. Brandmændene kommer."
    assert _matches(text, allow=["Danske Brandmænd"]) == ["Brandmændene"]


def test_ignore_argument_applies_to_the_whole_text() -> None:
    text = "Formanden kom.\nSenere kom formændene og talsmanden."
    assert _matches(text, ignore=["formand"]) == ["talsmanden"]


def test_inline_marker_with_words_applies_from_the_marker_to_the_end() -> None:
    text = (
        "Formanden kom.\n# sprog: ignore formand, talsmand\nFormanden og talsmanden og brandmanden."
    )
    assert _matches(text) == ["Formanden", "brandmanden"]


def test_bare_inline_marker_applies_to_its_own_line_and_the_next() -> None:
    text = "Formanden kom.\n// sprog: ignore\nFormanden og talsmanden.\nBrandmanden kom også."
    assert _matches(text) == ["Formanden", "Brandmanden"]


def test_marker_inside_an_html_comment_text_is_read_up_to_the_comment_end() -> None:
    text = "<!-- sprog: ignore formand --> Formanden og talsmanden."
    assert _matches(text) == ["talsmanden"]


def test_exceptions_apply_to_requirement_errors_too() -> None:
    assert check_text('Annoncen "Dame søges" blev trukket tilbage.') == []


def test_ignore_argument_accepts_a_phrase() -> None:
    text = "Danske Brandmænd mødes. Brandmændene kommer."
    assert _matches(text, ignore=["Danske Brandmænd"]) == ["Brandmændene"]
