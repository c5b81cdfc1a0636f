"""Mention, not use: a gendered word that is talked about gives no finding.

Besides quotation (``quotation.py``), a word is a mention when, within its clause,

* a **cue** comes before it, with only list glue and other gendered words between: "ordet
  formand", "kønnede titler som formand og forkvinde", "betegnelsen formand eller rådmand",
  "tituleres udvalgsformand eller gruppeformand" (cues: ``exceptions.toml`` ``mention``
  plus the title words below);
* a **two-word cue** comes right before it: "alternativ til formand", "i stedet for
  formand", "kalde sig formand";
* the clause **names it**: "…, eller tillidsmand som det også kaldes";
* the clause **replaces it** with one of its own neutral suggestions: "Formand bliver til
  forperson", "ændres formand til forperson".

A title cue (titel, tituleres, betegnelsen, …) may stand up to three words away; the general
cues (ordet, udtrykket, …) only with list glue and gendered words between.

"gav ordet til formanden" is a use: "til" is no glue, so the cue "ordet" is not reached.
"""

from __future__ import annotations

import re

from ligestat.language.lexicon_load import Lexicon
from ligestat.language.model import Hit
from ligestat.language.text_utils import WORD_RE

__all__ = ["mentioned"]

_WINDOW = 8  # words walked back from a hit
_STRONG_REACH = 3  # other words a title cue may be away ("tituleres lederen ikke længere X")
_LIST_GLUE = frozenset({"og", "eller", "som", "fx", "f", "eks", "mv", "samt", "både", "at"})
# the naming of a title: always talk about a word (with the cues of exceptions.toml)
_TITLE_CUES = frozenset({
    "titel", "titlen", "titler", "titlerne", "tituleres", "tituleret", "titulering",
    "benævnelse", "benævnelsen", "benævnelser", "begrebet", "begreber", "navnet",
})
_PAIR_CUES = frozenset({
    ("alternativ", "til"), ("alternativer", "til"), ("stedet", "for"), ("frem", "for"),
    ("kalde", "sig"), ("kalder", "sig"), ("kaldes", "for"), ("tituleres", "som"),
    ("titlerne", "på"), ("titlen", "på"), ("betegnelserne", "på"),
})
_NAMED_RE = re.compile(
    r"\W{0,3}\s*som\s+(?:det|de|han|hun|man|den)?\s*(?:også\s+|ofte\s+|tidligere\s+)?"
    r"(?:kaldes|kaldtes|hedder|hed|kalder|blev\s+kaldt|bliver\s+kaldt)\b",
    re.IGNORECASE,
)
_REPLACED_RE = re.compile(
    r"\W{0,3}\s*(?:bliver\s+til|blev\s+til|ændres\s+til|ændret\s+til|skiftes\s+ud\s+med|"
    r"erstattes\s+af|erstattet\s+af|udskiftes\s+med|hedder\s+nu|til|med|→|->)\s*\W{0,2}(?P<word>\w+)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?()\n]")


def _gendered(word: str, lex: Lexicon) -> bool:
    found = lex.heads.ending(word)
    return found is not None and found[1].entry is not None


def _cue_before(text: str, hit: Hit, lex: Lexicon) -> bool:
    lo = max(0, hit.start - 160)
    start = lo
    for brk in _CLAUSE_BREAK.finditer(text, lo, hit.start):
        start = brk.end()
    words = [w.lower() for w in WORD_RE.findall(text, start, hit.start)]
    words = words[-_WINDOW:]
    cues = lex.mention_cues | _TITLE_CUES
    others = 0  # words that are neither glue nor gendered ("kommunale formænd")
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        strong = word in _TITLE_CUES or word.startswith("betegnelse")
        if i > 0 and (words[i - 1], word) in _PAIR_CUES:
            return True
        if word in cues:
            return others == 0 or strong
        if word not in _LIST_GLUE and not _gendered(word, lex):
            others += 1
            if others > _STRONG_REACH:
                return False
    return False


def mentioned(text: str, hit: Hit) -> bool:
    """Whether the clause names or replaces the hit ("som det også kaldes", "bliver til
    forperson"); the cue-before test needs the lexicon: see ``mention_by_cue``."""
    if _NAMED_RE.match(text, hit.end):
        return True
    m = _REPLACED_RE.match(text, hit.end)
    if m is None:
        return False
    replacement = m.group("word").lower()
    return any(replacement == s.lower() or s.lower().startswith(replacement)
               for s in hit.suggestions)


def mention_by_cue(text: str, hit: Hit, lex: Lexicon) -> bool:
    """Whether a mention cue comes before the hit in its clause, or the clause names or
    replaces it."""
    return mentioned(text, hit) or _cue_before(text, hit, lex)
