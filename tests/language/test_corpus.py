"""The labelled corpus: precision and recall of the matcher against hand-written labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from ligestat.language import check_text
from ligestat.language.evaluation import Example, load_corpus, score

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    examples: list[Example] = []
    for path in sorted(HERE.glob("corpus_*.tsv")):
        examples += load_corpus(path)
    return examples


def test_corpus_has_at_least_300_sentences_about_half_of_them_traps(
    corpus: list[Example],
) -> None:
    positives = [e for e in corpus if e.expected]
    traps = [e for e in corpus if not e.expected]
    assert len(corpus) >= 300
    assert len(positives) >= 150
    assert len(traps) >= 150
    assert len({e.sentence for e in corpus}) == len(corpus), "a sentence is listed twice"


def test_corpus_labels_quote_text_that_occurs_in_their_sentence(corpus: list[Example]) -> None:
    for example in corpus:
        for match, _rule in example.expected:
            assert match in example.sentence, example.where


def test_matcher_reaches_precision_and_recall_of_095_on_the_corpus(
    corpus: list[Example],
) -> None:
    scores = score(corpus, check_text)
    report = "\n".join(scores.errors)
    assert scores.precision >= 0.95, report
    assert scores.recall >= 0.95, report


def test_scoring_counts_a_missed_label_and_a_false_alarm() -> None:
    examples = [
        Example("Formanden kom.", (("Formanden", "da.mand.formand"),), "a:1"),
        Example("Mandag kom.", (), "a:2"),
        Example("Embedsmanden kom.", (("Embedsmanden", "da.mand.formand"),), "a:3"),
    ]
    scores = score(examples, check_text)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (1, 1, 1)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
