"""Misspelt role nouns: a word one edit away from a form of a -mand/-mænd/-kvinde entry
(``fomand``, ``Formandes beretning``) is reported as a lower-confidence finding.

Severity ``info``, rule ``da.variant.stavefejl``, and *no* suggestions, so ``--fix`` never
rewrites a word we only guess at; the message names the role noun meant and its neutral
alternative. Only whole words of at least six letters that contain ``man``, ``mæn`` or
``kvin`` are looked at (the marker test keeps the cost per page negligible), and real
Danish words one edit away from a role noun (``formande``? no; ``formaning``, ``romand``
...) are listed in ``lexicon/variants.toml``, generated from the installed word lists and
checked by ``tests/language/test_variants.py``.

An edit is one deleted, inserted or replaced letter or two swapped neighbours, found with
the symmetric-delete method: a word and a form match when deleting at most one letter
from each gives the same string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the loader builds the index, so this module must not import it
    from ligestat.language.lexicon_load import Entry, Lexicon

__all__ = [
    "RULE",
    "VariantIndex",
    "build_variant_index",
    "deletes",
    "is_variant_word",
    "variant_message",
]

RULE = "da.variant.stavefejl"
MIN_LENGTH = 6
MARKERS = ("man", "mæn", "kvin")
_HEADS = ("mand", "mænd", "kvinde")


def deletes(word: str) -> Iterator[str]:
    """``word`` with one letter deleted, each position once."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


@dataclass(frozen=True)
class VariantIndex:
    forms: dict[str, Entry]  # whole forms of the entries looked for
    deleted: dict[str, str]  # a form with one letter deleted → the form
    real_words: frozenset[str]  # real Danish words one edit away: never reported
    rank: dict[str, int]  # entry id → its place in the lexicon (common words come first)

    def entry_for(self, word: str) -> Entry | None:
        """The entry ``word`` is a one-edit misspelling of (the first in lexicon order when
        several are: fromanden is formanden before kromanden), or None."""
        if word in self.forms or word in self.real_words or len(word) < MIN_LENGTH:
            return None
        found = [self.deleted.get(word)]  # a letter missing: fomand
        for shorter in deletes(word):  # a letter too many (formandes) or replaced (formamd)
            found += (shorter if shorter in self.forms else None, self.deleted.get(shorter))
        # the first letter is kept: xformand is a compound or a name, not a slip
        entries = [self.forms[f] for f in found if f is not None and f[0] == word[0]]
        return min(entries, key=lambda e: self.rank[e.id]) if entries else None


def build_variant_index(entries: Iterable[Entry], real_words: Iterable[str]) -> VariantIndex:
    forms: dict[str, Entry] = {}
    for entry in entries:  # in lexicon order, so a form's first owner is the common word
        for form, _tag in entry.paradigm.tagged_forms():
            if any(h in form for h in _HEADS) and len(form) >= MIN_LENGTH - 1:
                forms.setdefault(form, entry)
    rank: dict[str, int] = {}
    deleted: dict[str, str] = {}
    for form, entry in forms.items():
        rank.setdefault(entry.id, len(rank))
        for short in deletes(form):
            if short not in forms:
                deleted.setdefault(short, form)
    return VariantIndex(forms, deleted, frozenset(real_words), rank)


def might_be_variant(word: str) -> bool:
    return len(word) >= MIN_LENGTH and ("man" in word or "mæn" in word or "kvin" in word)


def variant_message(entry: Entry) -> str:
    alternative = entry.suggestions[0].lemma if entry.suggestions else None
    text = f"Muligvis en stavefejl for »{entry.lemma}«, en kønnet betegnelse"
    return text + (f"; brug fx »{alternative}«." if alternative else ".")


def is_variant_word(word: str, lex: Lexicon) -> Entry | None:
    """The entry a lower-case word misspells, or None (also None for a real word)."""
    if not might_be_variant(word):
        return None
    return lex.variants.entry_for(word)
