"""Printing numbers: half-up rounding and Danish/English style; grammar helpers."""

from __future__ import annotations

import pytest

from ligestat.report.numbers import fmt_decimal, fmt_int, fmt_pct, fmt_pp, number_words
from ligestat.report.text import join_words, text_for


@pytest.mark.parametrize(("share", "da", "en"), [
    (0.285, "29\u00a0%", "29%"), (0.125, "13\u00a0%", "13%"), (0.6924, "69\u00a0%", "69%"),
    (1.0, "100\u00a0%", "100%"), (0.0, "0\u00a0%", "0%"),
])
def test_percent_rounds_half_up(share: float, da: str, en: str) -> None:
    assert fmt_pct(share, "da") == da
    assert fmt_pct(share, "en") == en


def test_thousands_and_decimals_follow_the_language() -> None:
    assert fmt_int(49414, "da") == "49.414"
    assert fmt_int(49414, "en") == "49,414"
    assert fmt_int(667099, "da") == "667.099"
    assert fmt_decimal(7.6, "da") == "7,6"
    assert fmt_decimal(4.45, "en") == "4.5"


def test_percentage_points_are_signed_with_a_true_minus() -> None:
    assert fmt_pp(-3.5, "da") == "\u22124\u00a0pp"
    assert fmt_pp(10.3, "en") == "10\u00a0pp"


def test_numbers_under_ten_in_words() -> None:
    assert [number_words(n, "da") for n in (0, 1, 4, 7, 9, 10, 12)] == [
        "nul", "én", "fire", "syv", "ni", "10", "12"]
    assert number_words(1, "da", neuter=True) == "ét"
    assert number_words(7, "en") == "seven"
    assert number_words(1200, "da") == "1.200"


@pytest.mark.parametrize(("items", "da", "en"), [
    ([], "", ""), (["A"], "A", "A"), (["A", "B"], "A og B", "A and B"),
    (["A", "B", "C"], "A, B og C", "A, B and C"),
])
def test_lists_join_with_og_and_and(items: list[str], da: str, en: str) -> None:
    assert join_words(items, "da") == da
    assert join_words(items, "en") == en


def test_every_label_exists_in_both_languages() -> None:
    da, en = text_for("da"), text_for("en")
    assert set(da._labels) == set(en._labels)
    def macros(t: object) -> set[str]:  # sentences.j2 and every topic's template
        return {n for m in t._modules for n in dir(m) if not n.startswith("_")}  # type: ignore[attr-defined]

    assert macros(da) == macros(en)


def test_sentences_keep_no_break_spaces_inside_numbers() -> None:
    said = text_for("da").say("staff", org="X", total=10, women=7, men=3, other=0,
                              women_share=0.7, men_share=0.3)
    assert "70\u00a0% kvinder og 30\u00a0% mænd" in said
