"""Institutions by meaning, not by capital letters: "klag til ombudsmanden" is Folketingets
Ombudsmand, "virksomhedens ombudsmand" is a role.

In Danish public text the definite *ombudsmanden* with no qualifier means the national
institution (Folketingets Ombudsmand), whatever its capitalisation, and so does a title before
a name ("Ombudsmand Niels Fenger"), a capitalised compound (*Børneombudsmanden*) and the
institution's law or office (*ombudsmandsloven*, *Ombudsmandsinstitutionen*). It is a
**role** — and a finding — when the word is

* indefinite or bare: "en ombudsmand", "ansat som ombudsmand";
* owned: "virksomhedens ombudsmand", "vores ombudsmand", "hospitalets ombudsmand";
* placed: "ombudsmanden på hospitalet", "ombudsmanden i virksomheden", "ombudsmanden hos os";
* in a document that speaks of such a role and never of the national institution (a company
  page whose every sentence says "Ombudsmanden").

One definition per institution in ``INSTITUTIONS``; a new one is one more entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ligestat.language.model import Hit

__all__ = ["INSTITUTIONS", "Institution", "institution_meant"]


@dataclass(frozen=True)
class Institution:
    """A role word that, used plainly, names one public institution."""

    rule: str
    names: tuple[str, ...]  # lower-case text that names the institution in a document
    definite: tuple[str, ...]  # lower-case endings of the definite forms
    first_part: str  # the word as the first part of a compound (ombudsmandsloven)


INSTITUTIONS: dict[str, Institution] = {
    "da.mand.ombudsmand": Institution(
        "da.mand.ombudsmand",
        ("folketingets ombudsmand", "ombudsmanden.dk", "ombudsmandslov"),
        ("ombudsmanden", "ombudsmandens"),
        "ombudsmands",
    ),
}
_OWNERS = frozenset({"en", "et", "som", "vores", "vor", "jeres", "deres", "din", "dit", "sin",
                     "hans", "hendes", "egen", "ny", "nye"})
_NOT_GENITIVE = frozenset({"hvis", "mens", "folketingets", "siges", "tages", "ifølge"})
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)\s+$")
_PLACE_RE = re.compile(
    r"\s+(?:på|i|hos|ved)\s+(?:hospitalet|virksomheden|firmaet|skolen|afdelingen|huset|"
    r"arbejdspladsen|klubben|foreningen|sygehuset|universitetet|os|jer|koncernen|selskabet|"
    r"butikken|kommunen|regionen)\b",
    re.IGNORECASE,
)
_ROLE_USE_RE = re.compile(
    r"\b(?:en|som|vores|jeres|virksomhedens|firmaets|hospitalets|skolens|selskabets|"
    r"koncernens|foreningens|klubbens|universitetets)\s+ombudsmand\b",
    re.IGNORECASE,
)


def _generic(text: str, hit: Hit) -> bool:
    last = _LAST_WORD_RE.search(text[max(0, hit.start - 40) : hit.start])
    if last is not None:
        word = last.group(1).lower()
        if word in _OWNERS or (len(word) >= 5 and word.endswith("s")
                               and word not in _NOT_GENITIVE):
            return True
    return _PLACE_RE.match(text, hit.end) is not None


def institution_meant(text: str, low: str, hit: Hit) -> bool:
    """Whether ``hit`` names a public institution rather than a role (``low`` is ``text``
    lower-cased with the same offsets)."""
    inst = INSTITUTIONS.get(hit.rule)
    if inst is None:
        return False
    word = low[hit.start : hit.end]
    if _generic(text, hit):
        return False
    # the institution's law, report, office ... (ombudsmandsloven, Ombudsmandsinstitutionen)
    definite = word.endswith(inst.definite) or inst.first_part in word
    titled = hit.match[:1].isupper() and re.match(r"\s+[A-ZÆØÅ]", text[hit.end :]) is not None
    if not (definite or titled):
        return False  # bare "ombudsmand" in running text: a role
    if any(name in low for name in inst.names):
        return True
    return _ROLE_USE_RE.search(text) is None  # the document speaks of no such role
