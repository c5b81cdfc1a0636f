"""Job adverts (``--jobopslag``, EXPERIMENTAL): gender-coded wording and a verdict.

Word lists (``lexicon/coded.toml``) are Danish renderings in the spirit of Gaucher, Friesen
& Kay (2011) and the Gender Decoder, not a validated Danish instrument. The score is the
number of feminine-coded words minus the number of masculine-coded words; ``coded.toml``'s
``strong`` threshold separates "slightly" from "strongly" coded. Explicit gender
requirements ("dame søges") are found by ``ligestat.language.context`` as errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ligestat.language.exemptions import Candidate
from ligestat.language.lexicon_load import CodedWords, Lexicon, load_lexicon
from ligestat.language.model import Hit
from ligestat.language.text_utils import WORD_RE, lowered

__all__ = ["VERDICTS", "AdvertVerdict", "analyse_advert", "coded_hits"]

VERDICTS = {
    "strongly-masculine": "stærkt maskulint kodet",
    "slightly-masculine": "svagt maskulint kodet",
    "neutral": "neutral",
    "slightly-feminine": "svagt feminint kodet",
    "strongly-feminine": "stærkt feminint kodet",
}
MASCULINE_RULE = "da.kodet.maskulin"
FEMININE_RULE = "da.kodet.feminin"
_MESSAGES = {
    MASCULINE_RULE: "Eksperimentelt: ordet regnes for maskulint kodet i jobopslag "
    "(Gaucher, Friesen & Kay 2011); overvej et mere neutralt ord.",
    FEMININE_RULE: "Eksperimentelt: ordet regnes for feminint kodet i jobopslag "
    "(Gaucher, Friesen & Kay 2011); overvej et mere neutralt ord.",
}


@dataclass(frozen=True)
class AdvertVerdict:
    """How gender-coded a job advert's wording is (experimental)."""

    verdict: str  # a key of VERDICTS
    masculine: tuple[str, ...]  # coded words found, in text order (lower case)
    feminine: tuple[str, ...]
    score: int  # len(feminine) - len(masculine)

    @property
    def label(self) -> str:
        """The verdict in Danish."""
        return VERDICTS[self.verdict]


def _coding(word: str, coded: CodedWords) -> str | None:
    if word in coded.masculine_words or word.startswith(coded.masculine_stems):
        return MASCULINE_RULE
    if word in coded.feminine_words or word.startswith(coded.feminine_stems):
        return FEMININE_RULE
    return None


def _coded_spans(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    low = lowered(text)
    out = []
    for m in WORD_RE.finditer(low):
        rule = _coding(m.group(), lex.coded)
        if rule is not None:
            out.append((m.start(), m.end(), rule))
    return out


def coded_hits(text: str, lex: Lexicon) -> list[Candidate]:
    """An info hit for each gender-coded word."""
    return [
        Candidate(
            Hit(s, e, text[s:e], rule, "info", _MESSAGES[rule]),
            frozenset({text[s:e].lower(), rule}),
        )
        for s, e, rule in _coded_spans(text, lex)
    ]


def analyse_advert(text: str) -> AdvertVerdict:
    """The coded words in a job advert and the verdict they add up to."""
    lex = load_lexicon()
    masculine: list[str] = []
    feminine: list[str] = []
    for s, e, rule in _coded_spans(text, lex):
        (masculine if rule == MASCULINE_RULE else feminine).append(text[s:e].lower())
    score = len(feminine) - len(masculine)
    strong = lex.coded.strong
    if score == 0:
        verdict = "neutral"
    elif score > 0:
        verdict = "strongly-feminine" if score >= strong else "slightly-feminine"
    else:
        verdict = "strongly-masculine" if -score >= strong else "slightly-masculine"
    return AdvertVerdict(verdict, tuple(masculine), tuple(feminine), score)
