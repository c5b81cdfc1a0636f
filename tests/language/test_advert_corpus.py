"""The job-advert corpus (adverts.tsv): every stated gender preference is an error in advert
mode, every lawful form passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ligestat.language import check_text

_ROWS = [
    line.split("\t", 1)
    for line in (Path(__file__).parent / "adverts.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_the_corpus_has_many_of_both_kinds() -> None:
    labels = [label for label, _ in _ROWS]
    assert set(labels) == {"error", "ok"}
    assert labels.count("error") >= 30 and labels.count("ok") >= 30


@pytest.mark.parametrize("text", [t for label, t in _ROWS if label == "error"])
def test_a_stated_gender_preference_is_an_error(text: str) -> None:
    errors = [h for h in check_text(text, jobopslag=True) if h.severity == "error"]
    assert errors, text
    assert all(h.rule == "da.krav.koen" for h in errors)


@pytest.mark.parametrize("text", [t for label, t in _ROWS if label == "ok"])
def test_a_lawful_advert_sentence_passes(text: str) -> None:
    errors = [h.match for h in check_text(text, jobopslag=True) if h.severity == "error"]
    assert errors == [], text
