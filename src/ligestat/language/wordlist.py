"""Coverage of the lexicon against Debian's Danish word lists.

Every form in ``/usr/share/dict/danish`` (wdanish) and in the expanded hunspell dictionary
(hunspell-da) that contains a gendered *marker* (``mand``, ``kvinde``, ``inde``, ``mor``
...; ``lexicon/wordlist.toml``) is classified as one of:

* ``role``: the matcher flags it (a form of a lexicon entry, a compound ending in one,
  or a compound with one as its first part);
* ``not``: every marker in it lies inside a reviewed *not a role noun* pattern of
  ``wordlist.toml`` (``mandat``, ``kommand``, ``^mand``, kinship words, verbs in -inde);
* ``name``: it is only listed capitalised (a proper name: Karlsen, Herrested);
* ``gap``: a role noun as the first part of a compound that the matcher does not look
  for (only first parts with ``FIRST_PART_MARKERS`` are: husmor|forening is missed).

A form that is none of these is *unclassified*, and the coverage test fails on it. A
pattern is a plain string matched anywhere in the form; ``^`` anchors it to the start,
``$`` to the end. See docs/sprog-lexicon.md for the markers and the decisions.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ligestat.language.hunspell import Dictionary, read_dictionary
from ligestat.language.lexicon_load import Lexicon, with_every_first_part
from ligestat.language.matcher import first_part_in_word, role_in_word

__all__ = [
    "HUNSPELL_AFF",
    "HUNSPELL_DIC",
    "WDANISH",
    "Classified",
    "NotRole",
    "WordLists",
    "classify",
    "load_word_lists",
    "marker_spans",
    "markers",
    "not_role_patterns",
]

WDANISH = Path("/usr/share/dict/danish")
HUNSPELL_DIC = Path("/usr/share/hunspell/da_DK.dic")
HUNSPELL_AFF = Path("/usr/share/hunspell/da_DK.aff")


@dataclass(frozen=True)
class NotRole:
    pattern: str  # as written, with its anchors
    reason: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Classified:
    form: str
    kind: str  # "role", "not", "gap" or "" (unclassified)
    detail: str  # the rule id, the not-role pattern(s) or ""


@dataclass(frozen=True)
class WordLists:
    """The installed word lists: ``words`` every stand-alone form (both lists, as written),
    ``compound_parts`` hunspell's forms that only stand inside compounds (formands-)."""

    words: frozenset[str]
    compound_parts: frozenset[str]
    wdanish: frozenset[str]
    hunspell: Dictionary

    def lower_case_forms(self) -> frozenset[str]:
        return frozenset(w for w in self.words if w[:1].islower())

    def names(self) -> frozenset[str]:
        """Forms listed only capitalised: proper names."""
        low = {w for w in self.words if w[:1].islower()}
        return frozenset(w for w in self.words if w[:1].isupper() and w.lower() not in low)

    def is_word(self, word: str) -> bool:
        """A listed form, or a compound hunspell accepts (COMPOUNDBEGIN ... COMPOUNDEND)."""
        low = word.lower()
        return low in self.words or word in self.words or self.hunspell.is_compound(low)

    def is_closed_compound(self, word: str) -> bool:
        """The compounding rule for suggestions built from a text's compound
        (udvalgs|forperson, forpersons|posten): a real word, optionally a linking s, then a
        listed word of at least three letters. Whether the parts make sense together is
        the lexicon's business (``suggest_compound``, ``first_part``), not this rule's."""
        low = word.lower()
        if self.is_word(low):
            return True
        for split in range(2, len(low) - 2):
            if low[split:] not in self.words:
                continue
            first = low[:split]
            if self.is_word(first) or (first.endswith("s") and self.is_word(first[:-1])):
                return True
        return False


def _data() -> dict[str, object]:
    path = resources.files("ligestat.language").joinpath("lexicon", "wordlist.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def markers() -> tuple[str, ...]:
    """The gendered markers a form is checked for (lower case)."""
    found = _data()["markers"]
    assert isinstance(found, list)
    return tuple(str(m) for m in found)


@cache
def not_role_patterns() -> tuple[NotRole, ...]:
    """The reviewed not-a-role-noun patterns."""
    out = []
    groups = _data().get("not", [])
    assert isinstance(groups, list)
    for group in groups:
        for pattern in group["patterns"]:
            body = re.escape(pattern.strip("^$"))
            regex = ("^" if pattern.startswith("^") else "") + body
            regex += "$" if pattern.endswith("$") else ""
            out.append(NotRole(pattern, group["reason"], re.compile(f"(?=({regex}))")))
    return tuple(out)


@cache
def load_word_lists(
    wdanish: Path = WDANISH, dic: Path = HUNSPELL_DIC, aff: Path = HUNSPELL_AFF
) -> WordLists | None:
    """Both installed word lists, or None when either is missing."""
    if not (wdanish.is_file() and dic.is_file() and aff.is_file()):
        return None
    plain = frozenset(
        w for w in wdanish.read_text(encoding="utf-8").splitlines() if w and " " not in w
    )
    expanded = read_dictionary(dic, aff)
    return WordLists(
        words=plain | frozenset(expanded.words),
        compound_parts=frozenset(expanded.compound_parts),
        wdanish=plain,
        hunspell=expanded,
    )


def marker_spans(form: str) -> list[tuple[int, int]]:
    spans = []
    for marker in markers():
        start = form.find(marker)
        while start != -1:
            spans.append((start, start + len(marker)))
            start = form.find(marker, start + 1)
    return spans


_EVERY: list[tuple[Lexicon, Lexicon]] = []  # (lexicon, the same with every first part)


def _every_first_part(lex: Lexicon) -> Lexicon:
    if not _EVERY or _EVERY[0][0] is not lex:
        _EVERY[:] = [(lex, with_every_first_part(lex))]
    return _EVERY[0][1]


@cache
def _pattern_set() -> frozenset[str]:
    return frozenset(p.pattern for p in not_role_patterns())


def _covering(form: str, start: int, end: int, known: frozenset[str] | set[str]) -> str | None:
    """The shortest known pattern (with its anchors) around ``form[start:end]``, or None."""
    size = len(form)
    for width in range(end - start, size + 1):
        for left in range(max(0, end - width), min(start, size - width) + 1):
            right = left + width
            body = form[left:right]
            for pattern in (body, "^" + body, body + "$", "^" + body + "$"):
                if pattern in known and (
                    (not pattern.startswith("^") or left == 0)
                    and (not pattern.endswith("$") or right == size)
                ):
                    return pattern
    return None


def _covered(form: str, patterns: Iterable[NotRole]) -> bool:
    known = {p.pattern for p in patterns} if patterns else _pattern_set()
    return all(_covering(form, s, e, known) is not None for s, e in marker_spans(form))


def classify(form: str, lex: Lexicon, patterns: Iterable[NotRole] = ()) -> Classified:
    """How one lower-case word-list form is classified (see the module docstring)."""
    spans = marker_spans(form)
    if not spans:
        return Classified(form, "not", "(no marker)")
    role = role_in_word(form, lex)
    if role is not None:
        return Classified(form, "role", role.entry.id)
    lexicalised = first_part_in_word(form, _every_first_part(lex))
    if lexicalised is not None and not lexicalised.entry.first_part:
        # købmand|sbutik: the entry says its compounds are lexicalised and may stand
        return Classified(form, "not", f"lexicalised first part: {lexicalised.entry.id}")
    if lexicalised is not None and not _covered(form, patterns):
        # husmor|porno: a first part the matcher does not look for (a -mor, -far, -dreng ...
        # word) and no reviewed pattern says the compound is not about a person
        return Classified(form, "gap", f"first part not looked for: {lexicalised.entry.id}")
    known = {p.pattern for p in patterns} if patterns else _pattern_set()
    used: list[str] = []
    for start, end in spans:
        cover = _covering(form, start, end, known)
        if cover is None:
            return Classified(form, "", "")
        used.append(cover)
    return Classified(form, "not", " ".join(sorted(set(used))))
