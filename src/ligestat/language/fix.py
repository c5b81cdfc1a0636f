"""Fixes: replace each hit with its first suggestion, and show the change as a diff.

One implementation for both uses: ``apply_fixes`` rewrites a plain string (offsets are the
hits' own), ``plan_fixes`` rewrites the *source* of a document (offsets traced back
through the document's map, HTML escaped). Only what was matched is replaced; a match that
straddles markup, has no suggestion or is only informational (direct speech, descriptive
gender) is left for a human. Exempt text (quotations, mentions, allow-list) gives no hit,
so it is never touched.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ligestat.language.model import Hit

if TYPE_CHECKING:
    from ligestat.language.extract.document import Document

__all__ = ["FixPlan", "apply_fixes", "fixable", "plan_fixes", "unified_diff"]


@dataclass(frozen=True)
class FixPlan:
    """The rewritten source and which hits (by index into the input) it fixed."""

    original: str
    fixed: str
    applied: frozenset[int]


def fixable(hit: Hit) -> bool:
    """Whether ``--fix`` may rewrite a hit: it has a suggestion and is not just "info"."""
    return bool(hit.suggestions) and hit.severity != "info"


def _splice(source: str, edits: Iterable[tuple[int, int, str, int]]) -> FixPlan:
    """``source`` with each (start, end, replacement, index) edit made, earliest first; an
    edit overlapping one already made is skipped."""
    out: list[str] = []
    pos = 0
    applied: set[int] = set()
    for start, end, replacement, index in sorted(edits):
        if start < pos:
            continue
        out.append(source[pos:start])
        out.append(replacement)
        pos = end
        applied.add(index)
    out.append(source[pos:])
    return FixPlan(source, "".join(out), frozenset(applied))


def apply_fixes(text: str, hits: Sequence[Hit]) -> str:
    """``text`` with every fixable hit replaced by its first suggestion.

    Hits that overlap an earlier one and hits whose ``match`` no longer equals the text at
    their offsets are left alone, so a stale or hand-made hit can never corrupt the text.
    """
    edits = (
        (h.start, h.end, h.suggestions[0], i)
        for i, h in enumerate(hits)
        if fixable(h) and text[h.start : h.end] == h.match
    )
    return _splice(text, edits).fixed


def plan_fixes(doc: Document, hits: Sequence[Hit]) -> FixPlan | None:
    """The fixed source of ``doc``, or None when its format cannot be rewritten."""
    source = doc.source
    if source is None:
        return None
    edits = []
    for index, hit in enumerate(hits):
        span = doc.source_span(hit.start, hit.end) if fixable(hit) else None
        if span is None:
            continue
        replacement = hit.suggestions[0]
        if doc.kind == "html":
            replacement = html.escape(replacement, quote=False)
        edits.append((span[0], span[1], replacement, index))
    return _splice(source, edits)


def unified_diff(original: str, fixed: str, path: str = "", *, prefixed: bool = True) -> str:
    """A unified diff of a fix; empty when nothing changed.

    Headers are ``--- a/path`` / ``+++ b/path`` (for ``git apply``), or with
    ``prefixed=False`` ``--- path`` / ``+++ path`` (for ``patch -p0``).
    """
    if original == fixed:
        return ""
    name = path or "tekst"
    lines = difflib.unified_diff(
        original.splitlines(keepends=True),
        fixed.splitlines(keepends=True),
        fromfile=f"a/{name}" if prefixed else name,
        tofile=f"b/{name}" if prefixed else name,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
