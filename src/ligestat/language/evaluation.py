"""Score the checker against a labelled corpus (precision, recall, F1).

A corpus file is UTF-8 TSV, ``#`` comment lines allowed, two columns: the expected hits
and the sentence. Expected hits are ``match@rule`` items separated by `` | ``; ``-`` means
none; the rule ``*`` accepts any rule (the real-text files in ``benchmarks/realtext/`` are
labelled by word, not by rule). A hit counts as a true positive when its exact matched text
and rule (or ``*``) are expected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ligestat.errors import LanguageCheckError
from ligestat.language.model import Hit

__all__ = ["Example", "Scores", "load_corpus", "score"]


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    sentence: str
    expected: tuple[tuple[str, str], ...]  # (match, rule)
    where: str  # "file:line"


@dataclass(frozen=True)
class Scores:
    true_positives: int
    false_positives: int
    false_negatives: int
    errors: tuple[str, ...] = field(default=())  # one line per miss or false alarm

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus(path: Path) -> list[Example]:
    """The examples of one corpus file; raises ``LanguageCheckError`` on a malformed line."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{number}"
        label, sep, sentence = line.partition("\t")
        if not sep or not sentence.strip():
            raise LanguageCheckError(f"{where}: expected 'label<TAB>sentence'")
        expected = []
        if label.strip() != "-":
            for item in label.split(" | "):
                match, at, rule = item.strip().rpartition("@")
                if not at or not match or not rule:
                    raise LanguageCheckError(f"{where}: label item {item!r} is not match@rule")
                expected.append((match, rule))
        out.append(Example(sentence, tuple(expected), where))
    return out


def score(examples: Iterable[Example], check: Callable[[str], Sequence[Hit]]) -> Scores:
    """Run ``check`` on every sentence and compare its hits with the labels."""
    tp = fp = fn = 0
    errors: list[str] = []
    for ex in examples:
        wanted = list(ex.expected)
        for hit in check(ex.sentence):
            key = (hit.match, hit.rule)
            if key not in wanted:
                key = (hit.match, "*")
            if key in wanted:
                wanted.remove(key)
                tp += 1
            else:
                fp += 1
                errors.append(f"{ex.where}: false alarm {hit.match!r} ({hit.rule}): {ex.sentence}")
        fn += len(wanted)
        errors.extend(f"{ex.where}: missed {m!r} ({r}): {ex.sentence}" for m, r in wanted)
    return Scores(tp, fp, fn, tuple(errors))
