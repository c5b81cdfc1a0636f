"""A checkable document: the text the matcher sees, and the way back to the source.

Every extractor returns a :class:`Document`. Its ``text`` is what
``check_text`` reads; ``locate(offset)`` turns an offset in that text into a
:class:`Location` in the *source* (line and column in the file, the page of a
PDF, the part of a Word document), and ``source_span(start, end)`` gives the
exact source range a match came from, when the source can be rewritten
(plain text, Markdown, HTML), so ``--fix`` edits only what was matched.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, pairwise

__all__ = [
    "PART_SEPARATOR",
    "Document",
    "Location",
    "PartsMap",
    "Run",
    "SourceMap",
    "join_parts",
    "line_starts",
]

PART_SEPARATOR = "\n\n"  # between joined parts: no word runs across two of them


def line_starts(source: str) -> list[int]:
    """Offsets at which each line of ``source`` starts (the first is 0)."""
    lengths = accumulate(map(len, source.split("\n")), initial=0)
    return [offset + n for n, offset in enumerate(lengths)][:-1]


@dataclass(frozen=True)
class Location:
    """Where a piece of checked text sits in its source (1-based line and column)."""

    line: int
    column: int
    page: int | None = None
    section: str | None = None
    selector: str | None = None  # CSS path of the HTML element holding the text


@dataclass(frozen=True)
class Run:
    """``text[start:end]`` came from ``source[src_start:src_end]``.

    A verbatim run has equal lengths and equal characters; an entity run
    (``&aelig;`` → ``æ``) maps one or two characters to a longer source span.
    """

    start: int
    end: int
    src_start: int
    src_end: int

    @property
    def verbatim(self) -> bool:
        return self.end - self.start == self.src_end - self.src_start


class SourceMap:
    """Maps checked text to a decoded source file through runs (or 1:1 when none)."""

    def __init__(
        self,
        source: str,
        runs: list[Run] | None = None,
        selectors: tuple[list[str], list[int]] | None = None,
    ) -> None:
        self.source = source
        self.runs = runs
        self.selectors = selectors  # (CSS paths, the path index of each run)
        self._run_starts = [r.start for r in runs] if runs is not None else []
        self._lines: list[int] | None = None

    def _run_index(self, offset: int) -> int:
        """Index of the run holding ``offset``, or of the first run after it."""
        i = bisect_right(self._run_starts, offset) - 1
        assert self.runs is not None
        if i < 0 or offset >= self.runs[i].end:
            i += 1
        return i

    def to_source(self, offset: int) -> int:
        """Source offset of text offset ``offset`` (a separator maps to the next run)."""
        if self.runs is None:
            return offset
        i = self._run_index(offset)
        if i >= len(self.runs):
            return len(self.source)
        run = self.runs[i]
        if offset < run.start:
            return run.src_start
        return run.src_start + (offset - run.start if run.verbatim else 0)

    def locate(self, offset: int) -> Location:
        if self._lines is None:
            self._lines = line_starts(self.source)
        src = self.to_source(offset)
        line = bisect_right(self._lines, src)
        selector = None
        if self.selectors is not None and self.runs:
            paths, run_paths = self.selectors
            i = min(self._run_index(offset), len(self.runs) - 1)
            selector = paths[run_paths[i]] or None
        return Location(line=line, column=src - self._lines[line - 1] + 1, selector=selector)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The source range of ``text[start:end]``, or None when it is not one text run.

        None when the match straddles markup (``<b>form</b>and``) or starts or
        ends inside a character reference that expands to more than one letter.
        """
        if self.runs is None:
            return start, end
        if end <= start:
            return None
        first, last = self._run_index(start), self._run_index(end - 1)
        if last >= len(self.runs) or self.runs[first].start > start:
            return None
        if self.runs[last].start >= end:  # the match ends in a separator
            return None
        runs = self.runs[first : last + 1]
        for prev, nxt in pairwise(runs):
            if prev.end != nxt.start or prev.src_end != nxt.src_start:
                return None
        head, tail = runs[0], runs[-1]
        if head.verbatim:
            src_start = head.src_start + (start - head.start)
        elif start == head.start:
            src_start = head.src_start
        else:
            return None
        if tail.verbatim:
            src_end = tail.src_start + (end - tail.start)
        elif end == tail.end:
            src_end = tail.src_end
        else:
            return None
        return src_start, src_end


@dataclass(frozen=True)
class Part:
    """``text[start:]`` (up to the next part) is one paragraph or page."""

    start: int
    line: int
    page: int | None
    section: str | None
    count_lines: bool  # True: newlines inside the part advance the line (PDF pages)


class PartsMap:
    """Maps checked text made of joined parts (Word paragraphs, PDF pages) to locations."""

    def __init__(self, text: str, parts: list[Part]) -> None:
        self.text = text
        self.parts = parts
        self._starts = [p.start for p in parts]

    def locate(self, offset: int) -> Location:
        i = max(bisect_right(self._starts, offset) - 1, 0)
        part = self.parts[i]
        line, line_start = part.line, part.start
        if part.count_lines:
            line += self.text.count("\n", part.start, offset)
            nl = self.text.rfind("\n", part.start, offset)
            if nl >= 0:
                line_start = nl + 1
        return Location(line, offset - line_start + 1, part.page, part.section)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        return None  # Word and PDF files are never rewritten


@dataclass(frozen=True)
class Document:
    """One checkable text: a file, a page of a site, or a Word/PDF document."""

    path: str  # file path or URL, as shown in reports
    kind: str  # "text", "markdown", "html", "docx", "pdf"
    text: str  # what the matcher checks
    map: SourceMap | PartsMap = field(repr=False)
    ignore: tuple[str, ...] = ()  # words named by ``sprog: ignore`` markers in the source
    encoding: str | None = None  # of the source file, for writing fixed copies
    links: tuple[str, ...] = ()  # hrefs found in an HTML page (for the crawler)

    def locate(self, offset: int) -> Location:
        return self.map.locate(offset)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        return self.map.source_span(start, end)

    @property
    def source(self) -> str | None:
        """The decoded source when the document can be rewritten by ``--fix``."""
        return self.map.source if isinstance(self.map, SourceMap) else None


def join_parts(path: str, kind: str, pieces: Sequence[tuple[str, Part]]) -> Document:
    """One document of parts (PDF pages, Word paragraphs) joined by a blank line.

    Each part's ``start`` is set here, from the lengths of the texts before it.
    """
    parts: list[Part] = []
    start = 0
    for text, part in pieces:
        parts.append(replace(part, start=start))
        start += len(text) + len(PART_SEPARATOR)
    text = PART_SEPARATOR.join(t for t, _ in pieces)
    return Document(path=path, kind=kind, text=text, map=PartsMap(text, parts))
