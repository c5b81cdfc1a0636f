"""Benchmark: the gendered-language checker on real Danish text nobody here wrote.

Prints precision, recall and F1 per source file in benchmarks/realtext/ (and in total), beside
the naive-regex baseline scored on the same units. Labels and sources: docs/sprog-evaluation.md.
Only warnings and errors count: info findings (direct speech, descriptive gender) are neither
hits nor false alarms. Goal: precision and recall >= 0.95 for every source.

    python benchmarks/bench_language_realtext.py [--errors]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ligestat.language import check_text, load_lexicon
from ligestat.language.evaluation import Example, Scores, load_corpus, score
from ligestat.language.model import Hit

REALTEXT = Path(__file__).resolve().parent / "realtext"
# the same naive approach as bench_language_corpus.py: every word with mand/mænd, or ending
# in inde/dame/pige (plus up to three letters)
_NAIVE_RE = re.compile(r"\w*(?:mand|mænd)\w*|\w+(?:inde|dame|pige)\w{0,3}", re.IGNORECASE)


def naive(text: str) -> Sequence[Hit]:
    return [Hit(m.start(), m.end(), m.group(), "naive", "warning", "")
            for m in _NAIVE_RE.finditer(text)]


def ours(text: str) -> Sequence[Hit]:
    return [h for h in check_text(text) if h.severity != "info"]


def _cell(s: Scores) -> str:
    return f"{s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}"


def main(argv: list[str]) -> int:
    load_lexicon()
    files = sorted(REALTEXT.glob("*.tsv"))
    print(f"{'source':<14}{'units':>6}{'labels':>7}   ligestat P / R / F1   naive P / R / F1")
    everything: list[Example] = []
    failing: list[str] = []
    for path in files:
        examples = load_corpus(path)
        everything += examples
        mine, base = score(examples, ours), score(examples, naive)
        labels = sum(len(e.expected) for e in examples)
        goal = mine.precision >= 0.95 and mine.recall >= 0.95
        print(f"{path.stem:<14}{len(examples):>6}{labels:>7}   {_cell(mine)}     {_cell(base)}"
              f"{'' if goal else '   below goal'}")
        if "--errors" in argv:
            failing.extend(mine.errors)
    mine, base = score(everything, ours), score(everything, naive)
    labels = sum(len(e.expected) for e in everything)
    print(f"{'all':<14}{len(everything):>6}{labels:>7}   {_cell(mine)}     {_cell(base)}")
    print(f"ligestat: tp {mine.true_positives}, fp {mine.false_positives}, "
          f"fn {mine.false_negatives}; naive: tp {base.true_positives}, "
          f"fp {base.false_positives}, fn {base.false_negatives}")
    for line in failing:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
