"""Tokens and sentences: the one word regex and cheap boundary look-ups around a position."""

from __future__ import annotations

import re

__all__ = ["WORD_RE", "is_sentence_start", "lowered", "sentence_bounds", "tokens_between"]

# A token is a run of letters; hyphens, digits and apostrophes split words, so
# "SSP-formanden" gives "SSP" and "formanden", and a suspended "bestyrelses-" stands alone.
WORD_RE = re.compile(r"[^\W\d_]+")

_BOUNDARY_RE = re.compile(r"[.!?](?=\s|$)|\n[ \t]*(?=\n|[^\sa-zæøå])")
_OPENERS = " \t\r\"'“”„«»()[]-–—•*#>|"
_REACH = 400  # characters looked at either side when finding a sentence


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (each side at most ``_REACH`` characters).

    A sentence ends at . ! ? followed by a space, at a blank line, or at a line break
    followed by anything but a lower-case letter: text extracted from PDFs breaks lines
    mid-sentence, and such a break is not a boundary.
    """
    lo = max(0, start - _REACH)
    s = lo
    for m in _BOUNDARY_RE.finditer(text, lo, start):
        s = m.end()
    hi = min(len(text), end + _REACH)
    after = _BOUNDARY_RE.search(text, end, hi)
    return s, (after.end() if after else hi)


def is_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a heading."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def tokens_between(low: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The tokens of ``low`` (already lower-cased) in ``[start, end)`` as (start, end, word)."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(low, start, end)]


def lowered(text: str) -> str:
    """``text`` in lower case with the same offsets (per character where lengths differ)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
