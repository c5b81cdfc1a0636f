"""Job adverts: explicit gender requirements (errors), gendered modifiers, coded wording."""

from __future__ import annotations

import pytest

from ligestat.language import analyse_advert, check_text
from ligestat.language.context import VERB_HINT_RE
from ligestat.language.lexicon_load import load_lexicon


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Dame søges til rengøring.", "Dame"),
        ("Ung mand søges til lager.", "mand"),
        ("Vi søger en ung mand til lageret.", "mand"),
        ("Kvinde med erfaring i rengøring søges.", "Kvinde"),
        ("Kvindelig pædagog søges til vuggestuen.", "Kvindelig pædagog"),
        ("Vi søger en mandlig sygeplejerske.", "mandlig sygeplejerske"),
        ("Mandlige chauffører ønskes.", "Mandlige chauffører"),
    ],
)
def test_explicit_gender_requirement_is_an_error(text: str, match: str) -> None:
    hits = check_text(text)
    assert [(h.match, h.rule, h.severity) for h in hits] == [(match, "da.krav.koen", "error")]


def test_requirement_on_a_modifier_suggests_the_bare_role_in_the_modifier_case() -> None:
    (hit,) = check_text("Kvindelig pædagog søges.")
    assert hit.suggestions == ("Pædagog",)


@pytest.mark.parametrize(
    "text",
    [
        "Vi søger både mænd og kvinder.",
        "Alle uanset køn opfordres til at søge.",
        "Vi opfordrer især mænd til at søge.",
        "Krisecentret søger frivillige til kvinder.",
        "Kvinder søges til forskningsprojekt om søvn.",
        "Hvor mange kvinder søger ind?",
        "Du kan bede om en kvindelig læge.",
    ],
)
def test_not_a_requirement(text: str) -> None:
    assert check_text(text) == []


def test_descriptive_gender_on_a_role_is_only_info_and_statistics_and_plurals_give_nothing(
) -> None:
    # issue 12: descriptive gender is not a requirement — informational at most
    (hit,) = check_text("Den kvindelige borgmester åbnede huset.")
    assert (hit.match, hit.rule, hit.severity) == (
        "kvindelige borgmester",
        "da.modifier.kvindelig",
        "info",
    )
    for text in ("Prisen for bedste mandlige skuespiller gik til Nikolaj Lie Kaas.",
                 "Vi mangler mænd i faget, siger den mandlige pædagog i debatten.",
                 "En kvindelig betjent blev slået ned i nat."):
        assert all(h.severity == "info" for h in check_text(text)), text
    assert check_text("Andelen af kvindelige borgmestre er 30 %.") == []
    assert check_text("Kvindelige borgmestre mødtes.") == []
    assert check_text("Den første kvindelige borgmester.") == []
    assert check_text("En kvindelig medarbejder fortalte.") == []


def test_every_requirement_verb_passes_the_cheap_pre_filter() -> None:
    req = load_lexicon().requirement
    for verb in req.passive_verbs | req.active_verbs:
        assert VERB_HINT_RE.search(verb), verb


def test_masculine_coded_advert() -> None:
    text = (
        "Vi søger en ambitiøs, selvstændig og analytisk leder med gennemslagskraft, "
        "der trives med konkurrence og udfordringer."
    )
    verdict = analyse_advert(text)
    assert verdict.verdict == "strongly-masculine"
    assert verdict.label == "stærkt maskulint kodet"
    assert set(verdict.masculine) == {
        "ambitiøs", "selvstændig", "analytisk", "gennemslagskraft", "konkurrence", "udfordringer",
    }  # fmt: skip
    assert verdict.feminine == ()
    assert verdict.score == -6


def test_slightly_feminine_and_neutral_adverts() -> None:
    feminine = analyse_advert("Du er empatisk, omsorgsfuld og god til samarbejde.")
    assert feminine.verdict == "slightly-feminine"
    assert feminine.feminine == ("empatisk", "omsorgsfuld", "samarbejde")
    neutral = analyse_advert("Du er ambitiøs og empatisk. Arbejdstiden er 37 timer.")
    assert (neutral.verdict, neutral.score) == ("neutral", 0)


def test_coded_words_are_info_hits_only_with_jobopslag() -> None:
    text = "Du er ambitiøs og empatisk."
    assert check_text(text) == []
    hits = check_text(text, jobopslag=True)
    assert [(h.match, h.rule, h.severity) for h in hits] == [
        ("ambitiøs", "da.kodet.maskulin", "info"),
        ("empatisk", "da.kodet.feminin", "info"),
    ]


def test_a_word_that_merely_contains_a_stem_is_not_coded() -> None:
    assert analyse_advert("Vi har fokus på teamsamarbejde og aktiviteter.").verdict == "neutral"


def test_a_police_appeal_is_not_a_job_requirement() -> None:
    assert check_text("Politiet søger en mand, der blev set ved skolen.") == []


def test_a_self_description_is_not_flagged() -> None:
    assert check_text("Som kvindelig leder har jeg lært meget.") == []
    assert len(check_text("Hun blev kaldt den kvindelige leder.")) == 1
