"""Danish noun inflection: number, definiteness and genitive, and case copying.

A noun has four *slots* (indefinite singular, definite singular, indefinite plural,
definite plural); each slot may hold several spellings (``dagplejemor``/``dagplejemoder``),
the first being the one we suggest. Every slot also has a genitive (``+s``). A *tag*
``(slot, genitive)`` names one of the eight forms, so a match can be re-inflected::

    >>> inflect("forperson", "en-er").form(3, True)
    'forpersonernes'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "CLASSES",
    "SLOT_NAMES",
    "Paradigm",
    "Tag",
    "apply_case",
    "genitive",
    "guess_class",
    "inflect",
]

SLOT_NAMES = ("sg", "sg.def", "pl", "pl.def")
Tag = tuple[int, bool]  # (slot index into SLOT_NAMES, genitive)


def _mand(lemma: str) -> tuple[str, ...]:
    stem = lemma[: -len("mand")]
    return (lemma, lemma + "en", stem + "mænd", stem + "mændene")


def _mor(lemma: str) -> tuple[str, ...]:
    stem = lemma[: -len("mor")]
    return (
        f"{lemma}|{stem}moder",
        f"{lemma}en|{stem}moderen",
        f"{stem}mødre",
        f"{stem}mødrene",
    )


# Each class turns a lemma into the four slots; "|" separates spellings of one slot.
CLASSES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "mand": _mand,  # formand, formanden, formænd, formændene
    "mor": _mor,  # dagplejemor, dagplejemoren, dagplejemødre, dagplejemødrene
    "e": lambda w: (w, w + "n", w + "r", w + "rne"),  # lærerinde, -n, -r, -rne
    "er": lambda w: (w, w + "en", w + "e", w + "ne"),  # leder, -en, -e, -ne
    "en-er": lambda w: (w, w + "en", w + "er", w + "erne"),  # person, -en, -er, -erne
    "en-e": lambda w: (w, w + "en", w + "e", w + "ene"),  # dreng, -en, -e, -ene
    "adj-t": lambda w: (w, w + "te", w + "te", w + "te"),  # ansat, ansatte
    "invariant": lambda w: (w, w, w, w),  # søfarende
}


def guess_class(lemma: str) -> str:
    """The inflection class a lemma most likely has, from its ending."""
    if lemma.endswith("mand"):
        return "mand"
    if lemma.endswith("mor"):
        return "mor"
    if lemma.endswith("e"):
        return "e"
    if lemma.endswith("er"):
        return "er"
    return "en-er"


def genitive(form: str) -> str:
    """The s-genitive of a form (``formand`` → ``formands``; ``bus`` → ``bus'``)."""
    return form + "'" if form.endswith(("s", "x", "z")) else form + "s"


@dataclass(frozen=True)
class Paradigm:
    """The four slots of one noun; each slot a tuple of spellings (may be empty)."""

    lemma: str
    slots: tuple[tuple[str, ...], ...]

    def form(self, slot: int, gen: bool) -> str | None:
        """The preferred spelling for a tag, or None when the noun lacks that slot."""
        spellings = self.slots[slot]
        if not spellings:
            return None
        return genitive(spellings[0]) if gen else spellings[0]

    def tagged_forms(self) -> Iterator[tuple[str, Tag]]:
        """Every spelling of every form with its tag, the first tag for a spelling first."""
        for gen in (False, True):
            for slot, spellings in enumerate(self.slots):
                for spelling in spellings:
                    yield (genitive(spelling) if gen else spelling), (slot, gen)


def inflect(lemma: str, cls: str | None = None, forms: Sequence[str] | None = None) -> Paradigm:
    """The paradigm of ``lemma`` from explicit ``forms`` (four slots) or a ``cls``.

    Raises ``ValueError`` for an unknown class or a forms list that is not four long.
    """
    if forms is not None:
        if len(forms) != len(SLOT_NAMES):
            raise ValueError(f"{lemma}: forms must list {len(SLOT_NAMES)} slots {SLOT_NAMES}")
        raw: Sequence[str] = forms
    else:
        name = cls or guess_class(lemma)
        if name not in CLASSES:
            raise ValueError(f"{lemma}: unknown inflection class {name!r}")
        raw = CLASSES[name](lemma)
    slots = tuple(tuple(s for s in slot.split("|") if s) for slot in raw)
    return Paradigm(lemma, slots)


def apply_case(model: str, word: str) -> str:
    """``word`` cased like ``model``: ``FORMAND`` → upper, ``Formand`` → capitalised."""
    if model.islower():
        return word
    letters = [c for c in model if c.isalpha()]
    if not letters:
        return word
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word
