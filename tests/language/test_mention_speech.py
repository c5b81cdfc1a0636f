"""Mention versus use, direct speech, institutions by meaning and titles after names (issue 12).

Sentences are written from the labelling policy in docs/sprog-evaluation.md, not taken from
the evaluation files.
"""

from __future__ import annotations

import pytest

from ligestat.language import apply_fixes, check_text


def _findings(text: str) -> list[tuple[str, str]]:
    return [(h.match, h.severity) for h in check_text(text)]


def _warnings(text: str) -> list[str]:
    return [h.match for h in check_text(text) if h.severity != "info"]


@pytest.mark.parametrize(
    "text",
    [
        "Udvalget drøftede, om titlen 'formand' skal afløses.",
        "I vedtægten står ‘udvalgsformand’ stadig flere steder.",
        "Mange bruger stadig »formand« om lederen af et udvalg.",
        'Vi erstatter "formand" i alle skabeloner.',
        "Ordbogen opfører ’forperson’ ved siden af ’formand’.",
        "Der findes kønnede titler som formand og forkvinde i mange vedtægter.",
        "I teksten optræder ordet formand tre gange.",
        "Betegnelsen tillidsmand bruges ikke længere i overenskomsten.",
        "Vi har valgt en tillidsrepræsentant, eller tillidsmand som det også kaldes.",
        "Embedsværket, hvilket betyder 'embedsmænd', er ikke nævnt.",
        "Forperson er et kønsneutralt alternativ til formand eller forkvinde.",
        "Skal man kalde sig formand, forkvinde eller forperson?",
        "Fremover tituleres lederen ikke længere udvalgsformand.",
        "Formand bliver til forperson",
        "I vedtægten ændres formand til forperson.",
    ],
)
def test_a_word_that_is_talked_about_is_not_flagged(text: str) -> None:
    assert _warnings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dirigenten gav ordet til formanden, som aflagde beretning.",
        "Titlen på bogen blev valgt af formanden.",
        "Han skrev »Formanden takkede alle frivillige for en stor indsats i år« i referatet.",
    ],
)
def test_a_cue_or_quotation_elsewhere_does_not_hide_a_use(text: str) -> None:
    hits = check_text(text)
    assert any(h.match.lower().startswith("formand") for h in hits), text


def test_fix_never_rewrites_a_mention() -> None:
    text = "Ordet 'formand' skal udgå, siger udvalget. Formanden er enig."
    fixed = apply_fixes(text, check_text(text))
    assert "'formand'" in fixed and "Forpersonen er enig" in fixed


@pytest.mark.parametrize(
    "text",
    [
        "– Men det er formanden, der bestemmer, siger hun.",
        "»Formanden har det sidste ord, og sådan har det altid været,« siger hun.",
        '"Vi har talt med formanden om sagen flere gange," sagde han.',
        "Det er formanden, der har ansvaret for budgettet, siger næstformanden i klubben.",
    ],
)
def test_direct_speech_is_reported_as_info_only(text: str) -> None:
    found = _findings(text)
    assert ("formanden", "info") in found or ("Formanden", "info") in found, found


def test_a_quotation_over_several_paragraphs_is_speech_and_is_not_fixed() -> None:
    text = (
        "»Det var en lang proces at blive enige om budgettet.\n\n"
        "»Men til sidst bøjede formanden sig for flertallet, og så gik det hurtigt,« "
        "siger hun.\n\nFormanden ønsker ikke at kommentere sagen."
    )
    hits = check_text(text)
    assert [(h.match, h.severity) for h in hits] == [
        ("formanden", "info"),
        ("Formanden", "warning"),
    ]
    fixed = apply_fixes(text, hits)
    assert "bøjede formanden" in fixed and "Forpersonen ønsker" in fixed


def test_the_speech_tag_is_narration() -> None:
    text = 'Det er et hårdt arbejde, "siger dagplejemor Lene Hansen, formand for klubben.'
    assert ("formand", "warning") in _findings(text)


def test_reported_speech_is_not_direct_speech() -> None:
    text = "Jens Olsen, der er gruppeformand for partiet, siger til avisen, at han er enig."
    assert _warnings(text) == ["gruppeformand"]


@pytest.mark.parametrize(
    "text",
    [
        "Klag til ombudsmanden, hvis du er utilfreds med kommunens afgørelse.",
        "Du kan klage til ombudsmanden, når du har udnyttet andre klagemuligheder.",
        "Ombudsmanden har kritiseret sagsbehandlingstiden i forvaltningen.",
        "Ombudsmand Niels Fenger har afgivet sin beretning.",
        "Børneombudsmanden har besøgt institutionen.",
        "Se vejledningen på ombudsmandens hjemmeside.",
        "Kompetencen følger af ombudsmandslovens § 7.",
    ],
)
def test_the_national_ombudsman_is_an_institution(text: str) -> None:
    assert _warnings(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ombudsmanden i virksomheden tager sig af klager fra kunderne.", ["Ombudsmanden"]),
        ("Hospitalet har ansat en ombudsmand for patienterne.", ["ombudsmand"]),
        ("Kontakt vores ombudsmand, hvis du er utilfreds.", ["ombudsmand"]),
        (
            "Ombudsmanden svarer inden for tre dage. Du finder vores ombudsmand på 2. sal.",
            ["Ombudsmanden", "ombudsmand"],
        ),
        ("Klager sendes til ombudsmanden på skolen.", ["ombudsmanden"]),
    ],
)
def test_an_ombudsman_as_a_company_role_is_flagged(text: str, expected: list[str]) -> None:
    assert _warnings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Med venlig hilsen\nHenning Jensen Formand for Grundejerforeningen Vest", ["Formand"]),
        ("Besætning:\nJens Hansen Overstyrmand\nOle Holm Kok", ["Overstyrmand"]),
        ("Bestyrelse: Karin Nielsen Næstformand, Bo Ravn Kasserer", ["Næstformand"]),
        ("Navn | Funktion\nKarin Nielsen | Formand", ["Formand"]),
    ],
)
def test_a_capitalised_role_after_a_name_is_a_title(text: str, expected: list[str]) -> None:
    assert _warnings(text) == expected


def test_a_capitalised_surname_is_still_a_name() -> None:
    assert _warnings("I går talte vi med Lone Brandmand om planen.") == []
