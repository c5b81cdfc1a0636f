"""Compounds and suggestions (issue 12): a gendered first part, suggestions that are real
words with the meaning kept, and tjenestemand as an employment status."""

from __future__ import annotations

import pytest

from ligestat.language import check_text


def _suggestions(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(h.match, h.suggestions) for h in check_text(text)]


@pytest.mark.parametrize(
    ("text", "match", "suggestion"),
    [
        ("Formandskabet mødes i morgen.", "Formandskabet", "Forpersonskabet"),
        ("Hun søger formandsposten.", "formandsposten", "forpersonsposten"),
        ("Tillidsmandsreglerne gælder.", "Tillidsmandsreglerne", "Tillidsrepræsentantreglerne"),
        ("Se tillidsmandsregler her.", "tillidsmandsregler", "tillidsrepræsentantregler"),
        ("Brandmandsuddannelsen tager tre år.", "Brandmandsuddannelsen", None),
        ("Lærerindeuddannelsen blev nedlagt.", "Lærerindeuddannelsen", "Læreruddannelsen"),
        ("Næstformandsposten er ledig.", "Næstformandsposten", "Næstforpersonsposten"),
    ],
)
def test_a_gendered_first_part_is_flagged_with_a_suggestion_for_the_whole_word(
    text: str, match: str, suggestion: str | None
) -> None:
    [(found, suggestions)] = _suggestions(text)
    assert found == match
    assert suggestions
    assert all("mand" not in s.lower() and "inde" not in s.lower() for s in suggestions)
    if suggestion is not None:
        assert suggestions[0] == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Redningsmandskabet var hurtigt fremme.",  # rednings|mandskab, a crew
        "Sygeplejerskeuddannelsen er populær.",  # the neutral sygeplejerske owns the part
        "Hun er tjenestemandsansat.",
        "Tjenestemandspensionen udbetales månedligt.",
        "Købmandsbutikken på hjørnet lukker.",
        "Håndboldpigerne vandt.",
        "Han opmandede sig til at sige det.",
    ],
)
def test_lexicalised_or_neutral_compounds_are_left_alone(text: str) -> None:
    assert check_text(text) == []


def test_compounds_do_not_get_mechanical_nonsense() -> None:
    [(_, party)] = _suggestions("Partiformanden talte.")
    assert party == ("Partiforpersonen",)  # no "Partimødelederen"
    [(_, court)] = _suggestions("Retsformanden talte.")
    assert not any("mødeleder" in s for s in court)
    [(_, alone)] = _suggestions("Formanden talte.")
    assert "Mødelederen" in alone  # the meeting sense is offered for the word alone


def test_koebmand_is_not_rewritten_to_a_word_with_another_meaning() -> None:
    [(_, suggestions)] = _suggestions("Købmanden åbner kl. 7.")
    assert "Erhvervsdrivende" not in suggestions
    assert suggestions[0] == "Detailhandleren"


@pytest.mark.parametrize(
    "text",
    [
        "Ansættelsesvilkårene for tjenestemænd fastsættes ved lov.",
        "Reglerne for tjenestemænd er anderledes.",
        "Han er ansat som tjenestemand.",
        "Tjenestemænd og overenskomstansatte har forskellige vilkår.",
        "Lov om tjenestemænd gælder.",
    ],
)
def test_tjenestemand_as_employment_status_is_not_flagged(text: str) -> None:
    assert check_text(text) == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Den vagthavende tjenestemand tog imod anmeldelsen.", "embedsperson"),
        ("En polititjenestemand skrev rapporten.", "politiembedsperson"),
    ],
)
def test_tjenestemand_about_a_person_gets_a_grammatical_suggestion_without_mand(
    text: str, first: str
) -> None:
    [(match, suggestions)] = _suggestions(text)
    assert match.lower().endswith("tjenestemand")
    assert suggestions[0] == first
    assert all("mand" not in s and "ansat" not in s for s in suggestions)


def test_the_matcher_looks_for_every_first_part_marker_of_the_lexicon() -> None:
    from ligestat.language.lexicon_load import FIRST_PART_MARKERS
    from ligestat.language.matcher import _may_hold_a_first_part

    for marker in FIRST_PART_MARKERS:
        assert _may_hold_a_first_part(f"abc{marker}xyz"), marker


@pytest.mark.parametrize(
    "text",
    ["Vagtmandskabet skiftede.", "Husmoderlige dyder.", "Værtindegaven var fin."],
)
def test_a_crew_an_adjective_and_a_fixed_gift_name_are_not_first_parts(text: str) -> None:
    assert check_text(text) == []
