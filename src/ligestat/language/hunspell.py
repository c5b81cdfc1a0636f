"""Expand a hunspell dictionary (``.dic`` + ``.aff``) into its full word forms.

Debian's ``hunspell-da`` (Stavekontrolden) stores 157,000 stems with numeric affix flags
(``formand/44,10,39,29``); the forms a text can hold are the stems with their suffixes and
prefixes applied, continuation flags followed (a suffix may carry further suffixes). This
is what ``unmunch`` does; doing it here keeps the dependency to the data package alone.

Only what the Danish file uses is supported: ``FLAG num``, ``SFX``/``PFX`` with strip,
add, a bracket-class condition and cross products, ``NEEDAFFIX``, ``ONLYINCOMPOUND`` and
``FORBIDDENWORD``. Compounding (``COMPOUNDBEGIN``/``END``) is not expanded: a form that may
only stand inside a compound (``formands-``) is kept apart in ``compound_parts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Affix", "Dictionary", "read_dictionary"]

_SPECIAL = (
    "NEEDAFFIX",
    "ONLYINCOMPOUND",
    "FORBIDDENWORD",
    "COMPOUNDBEGIN",
    "COMPOUNDMIDDLE",
    "COMPOUNDEND",
)
_MAX_DEPTH = 3  # suffix → continuation suffix → ...: the Danish file needs two levels


@dataclass(frozen=True)
class Affix:
    kind: str  # "SFX" or "PFX"
    cross: bool
    strip: str
    add: str
    flags: frozenset[int]
    condition: re.Pattern[str]

    def apply(self, word: str) -> str | None:
        """The word with this affix, or None when its condition does not hold."""
        if not self.condition.search(word):
            return None
        if self.kind == "SFX":
            if self.strip and not word.endswith(self.strip):
                return None
            base = word[: len(word) - len(self.strip)] if self.strip else word
            return base + self.add
        if self.strip and not word.startswith(self.strip):
            return None
        return self.add + word[len(self.strip) :]


@dataclass
class Dictionary:
    """The expanded forms: ``words`` stand alone, ``compound_parts`` only inside compounds."""

    words: set[str] = field(default_factory=set)
    compound_parts: set[str] = field(default_factory=set)
    begin: set[str] = field(default_factory=set)  # may start a compound (COMPOUNDBEGIN)
    middle: set[str] = field(default_factory=set)  # may stand inside one (COMPOUNDMIDDLE)
    end: set[str] = field(default_factory=set)  # may end one (COMPOUNDEND)

    def is_compound(self, word: str, min_part: int = 2) -> bool:
        """Whether ``word`` is begin + middle* + end parts, as hunspell would accept it."""
        size = len(word)
        reach = [False] * (size + 1)  # reach[i]: word[:i] is a begin (+ middles)
        for i in range(min_part, size - min_part + 1):
            if word[:i] in self.begin:
                reach[i] = True
        for i in range(min_part, size - min_part + 1):
            if not reach[i]:
                continue
            if word[i:] in self.end:
                return True
            for j in range(i + min_part, size - min_part + 1):
                if word[i:j] in self.middle:
                    reach[j] = True
        return False


def _condition(kind: str, cond: str) -> re.Pattern[str]:
    if cond == ".":
        return re.compile("")
    return re.compile(f"{cond}$" if kind == "SFX" else f"^{cond}")


def _flags(text: str) -> frozenset[int]:
    return frozenset(int(f) for f in text.split(",") if f.strip().isdigit())


def _read_aff(path: Path) -> tuple[dict[int, list[Affix]], dict[str, int]]:
    affixes: dict[int, list[Affix]] = {}
    special: dict[str, int] = {}
    cross: dict[int, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        key = parts[0]
        if key in _SPECIAL and len(parts) > 1:
            special[key] = int(parts[1])
        elif key in ("SFX", "PFX") and len(parts) == 4 and parts[3].isdigit():
            cross[int(parts[1])] = parts[2] == "Y"
        elif key in ("SFX", "PFX") and len(parts) >= 5:
            flag = int(parts[1])
            add, _, add_flags = parts[3].partition("/")
            affixes.setdefault(flag, []).append(
                Affix(
                    kind=key,
                    cross=cross.get(flag, False),
                    strip="" if parts[2] == "0" else parts[2],
                    add="" if add == "0" else add,
                    flags=_flags(add_flags),
                    condition=_condition(key, parts[4]),
                )
            )
    return affixes, special


def _expand(
    word: str,
    flags: frozenset[int],
    affixes: dict[int, list[Affix]],
    depth: int,
) -> Iterator[tuple[str, frozenset[int]]]:
    """``(form, flags of the form)`` for every suffix and prefix chain from ``word``."""
    if depth > _MAX_DEPTH:
        return
    for flag in flags:
        for affix in affixes.get(flag, ()):
            form = affix.apply(word)
            if form is None:
                continue
            yield form, affix.flags
            yield from _expand(form, affix.flags, affixes, depth + 1)
            if affix.kind == "SFX" and affix.cross:
                for other in flags:
                    for prefix in affixes.get(other, ()):
                        if prefix.kind == "PFX" and prefix.cross:
                            both = prefix.apply(form)
                            if both is not None:
                                yield both, affix.flags | prefix.flags


def read_dictionary(dic: Path, aff: Path) -> Dictionary:
    """Every form of a hunspell dictionary, split into stand-alone words and compound parts."""
    affixes, special = _read_aff(aff)
    begin, middle, end = (
        special.get(k, -1) for k in ("COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND")
    )
    need_affix = special.get("NEEDAFFIX", -1)
    only_compound = special.get("ONLYINCOMPOUND", -1)
    forbidden = special.get("FORBIDDENWORD", -1)
    out = Dictionary()
    lines = dic.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        entry = line.split(None, 1)[0] if line.strip() else ""
        if not entry or entry.startswith("#"):
            continue
        stem, _, flag_text = entry.partition("/")
        flags = _flags(flag_text)
        if forbidden in flags:
            continue
        forms = [(stem, flags)] if need_affix not in flags else []
        forms += list(_expand(stem, flags, affixes, 1))
        for form, form_flags in forms:
            if begin in form_flags:
                out.begin.add(form)
            if middle in form_flags:
                out.middle.add(form)
            if end in form_flags:
                out.end.add(form)
            if need_affix in form_flags:
                continue
            if only_compound in form_flags:
                out.compound_parts.add(form)
            else:
                out.words.add(form)
    out.compound_parts -= out.words
    return out
