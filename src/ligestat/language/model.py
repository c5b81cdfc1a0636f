"""Values shared by the language checker's matcher, extractors and outputs."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SEVERITIES", "Finding", "Hit"]

SEVERITIES = ("info", "warning", "error")  # ascending; --fail-on compares by index


@dataclass(frozen=True)
class Hit:
    """A match in one plain string; ``start``/``end`` are offsets into that string."""

    start: int
    end: int
    match: str  # the exact text matched, text[start:end]
    rule: str  # stable rule id, e.g. "da.mand.formand"
    severity: str  # one of SEVERITIES
    message: str  # short reason, in Danish
    suggestions: tuple[str, ...] = ()  # inflected and cased like the match


@dataclass(frozen=True)
class Finding:
    """A hit placed in a source: a file, a document or a web page."""

    path: str  # file path or URL
    line: int  # 1-based, in the source file (the HTML source; see also ``selector``)
    column: int  # 1-based
    match: str
    rule: str
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()
    section: str | None = None  # e.g. the URL path's first segment, for per-section summaries
    page: int | None = None  # PDF page number, 1-based
    selector: str | None = None  # HTML: CSS path of the element (minified pages have one line)
