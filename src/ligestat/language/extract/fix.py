"""Rewriting a source file with the first suggestion of each match, in place.

Only matches that come from one stretch of source text are rewritten (for
HTML: inside one text node, character references included); a match that
straddles markup or has no suggestion is left for a human. Exceptions,
allowed words and ignored words never reach here: they are not matches.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ligestat.language.extract.document import Document
from ligestat.language.model import Hit

__all__ = ["FixPlan", "plan_fixes"]


@dataclass(frozen=True)
class FixPlan:
    """The rewritten source and which hits (by index into the input) it fixed."""

    original: str
    fixed: str
    applied: frozenset[int]


def plan_fixes(doc: Document, hits: Sequence[Hit]) -> FixPlan | None:
    """The fixed source of ``doc``, or None when the document cannot be rewritten."""
    source = doc.source
    if source is None:
        return None
    edits: list[tuple[int, int, str, int]] = []
    for index, hit in enumerate(hits):
        if not hit.suggestions:
            continue
        span = doc.source_span(hit.start, hit.end)
        if span is None:
            continue
        replacement = hit.suggestions[0]
        if doc.kind == "html":
            replacement = html.escape(replacement, quote=False)
        edits.append((span[0], span[1], replacement, index))
    out: list[str] = []
    pos = 0
    applied: set[int] = set()
    for start, end, replacement, index in sorted(edits):
        if start < pos:  # overlaps an edit already made
            continue
        out.append(source[pos:start])
        out.append(replacement)
        pos = end
        applied.add(index)
    out.append(source[pos:])
    return FixPlan(source, "".join(out), frozenset(applied))
