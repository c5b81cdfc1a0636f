"""Inflection of Danish nouns and case copying."""

from __future__ import annotations

import pytest

from ligestat.language.morphology import apply_case, genitive, inflect


def _eight(lemma: str, cls: str | None = None) -> list[str | None]:
    paradigm = inflect(lemma, cls)
    return [paradigm.form(slot, gen) for gen in (False, True) for slot in range(4)]


def test_mand_nouns_inflect_for_number_definiteness_and_genitive() -> None:
    assert _eight("formand") == [
        "formand", "formanden", "formænd", "formændene",
        "formands", "formandens", "formænds", "formændenes",
    ]  # fmt: skip


def test_person_nouns_inflect_for_number_definiteness_and_genitive() -> None:
    assert _eight("forperson") == [
        "forperson", "forpersonen", "forpersoner", "forpersonerne",
        "forpersons", "forpersonens", "forpersoners", "forpersonernes",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("lemma", "cls", "expected"),
    [
        ("lærerinde", None, ["lærerinde", "lærerinden", "lærerinder", "lærerinderne"]),
        ("leder", None, ["leder", "lederen", "ledere", "lederne"]),
        ("dreng", "en-e", ["dreng", "drengen", "drenge", "drengene"]),
        ("tjenestemandsansat", "adj-t", ["tjenestemandsansat"] + ["tjenestemandsansatte"] * 3),
        ("dagplejemor", None, ["dagplejemor", "dagplejemoren", "dagplejemødre", "dagplejemødrene"]),
    ],
)
def test_inflection_classes_give_the_four_slots(
    lemma: str, cls: str | None, expected: list[str]
) -> None:
    assert _eight(lemma, cls)[:4] == expected


def test_a_slot_may_hold_several_spellings_and_the_first_is_preferred() -> None:
    paradigm = inflect("dagplejemor")
    forms = {form for form, _tag in paradigm.tagged_forms()}
    assert {"dagplejemoder", "dagplejemoderens"} <= forms
    assert paradigm.form(0, False) == "dagplejemor"


def test_a_plural_only_noun_has_no_singular() -> None:
    paradigm = inflect("fagfolk", forms=["", "", "fagfolk", "fagfolkene"])
    assert paradigm.form(0, False) is None
    assert paradigm.form(3, True) == "fagfolkenes"


def test_unknown_class_and_wrong_forms_length_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown inflection class"):
        inflect("formand", "nope")
    with pytest.raises(ValueError, match="4 slots"):
        inflect("formand", forms=["formand"])


def test_genitive_of_a_word_ending_in_s_takes_an_apostrophe() -> None:
    assert genitive("bus") == "bus'"
    assert genitive("leder") == "leders"


@pytest.mark.parametrize(
    ("model", "word", "expected"),
    [
        ("formændenes", "forpersonernes", "forpersonernes"),
        ("Formændenes", "forpersonernes", "Forpersonernes"),
        ("FORMAND", "forperson", "FORPERSON"),
        ("F", "forperson", "Forperson"),
        ("123", "forperson", "forperson"),
    ],
)
def test_apply_case_copies_lower_title_and_upper_case(model: str, word: str, expected: str) -> None:
    assert apply_case(model, word) == expected
