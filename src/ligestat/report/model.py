"""The immutable report model: sections, tables, figures, sentences and notes.

``build`` makes one ``ReportModel``; every renderer (HTML, PDF, Word, Excel)
only reads it. Cells carry both the printed text (rounded, localised) and the
exact value, so spreadsheets keep numbers as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar

__all__ = [
    "Block",
    "Box",
    "Cell",
    "Chart",
    "Column",
    "Figure",
    "Logo",
    "Note",
    "Paragraph",
    "ParagraphKind",
    "ReportModel",
    "Section",
    "Series",
    "Span",
    "Table",
    "TableRow",
]

CellKind = Literal["text", "count", "share", "pp", "decimal", "status", "year"]
NoteKind = Literal["source", "definition", "footnote", "suppressed", "missing"]


@dataclass(frozen=True)
class Cell:
    """One table cell: ``text`` as printed, ``value`` exact (a share 0…1, a count, …)."""

    text: str
    value: float | int | str | bool | None = None
    kind: CellKind = "text"
    suppressed: bool = False  # hidden by the disclosure policy
    status: bool | None = None  # for status cells: target met, not met, not assessable
    mark: str = ""  # footnote mark printed after the text, e.g. "*"


@dataclass(frozen=True)
class Column:
    label: str
    kind: CellKind = "text"


@dataclass(frozen=True)
class TableRow:
    header: Cell  # the row header (department, agreement, age band, …)
    cells: tuple[Cell, ...]
    title: str = ""  # long form of the header (a department's full name)
    group: str = ""  # rows with the same group are shown under one group heading
    total: bool = False


@dataclass(frozen=True)
class Note:
    """A note under a table or figure: its source, a definition or a footnote."""

    kind: NoteKind
    text: str
    mark: str = ""


@dataclass(frozen=True)
class Table:
    id: str  # stable, e.g. "managers_level_1"
    label: str  # "Tabel 3" ("" for unnumbered tables)
    caption: str
    header: str  # label of the row-header column
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    notes: tuple[Note, ...] = ()
    sheet: str = ""  # short name for a spreadsheet tab (≤ 31 characters, whole words)
    group_header: str = ""  # label of the rows' group (initiatives: the focus area)

    @property
    def title(self) -> str:
        return f"{self.label}: {self.caption}" if self.label else self.caption


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    role: str = ""  # women | men | other | target … — picks the colour


@dataclass(frozen=True)
class Chart:
    """What a chart shows, independent of how it is drawn."""

    kind: Literal["pyramid", "lines", "bars", "hbars"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_label: str = ""
    y_label: str = ""
    percent: bool = False  # values are shares 0…1
    targets: tuple[tuple[str, float], ...] = ()  # horizontal reference lines (label, value)
    category_roles: tuple[str, ...] = ()  # hbars: each bar's role (women, men, …) or ""


@dataclass(frozen=True)
class Figure:
    id: str
    label: str  # "Figur 1"
    caption: str
    chart: Chart
    alt: str  # the text alternative: what the chart shows, in words
    data: Table  # the chart's data as a table
    notes: tuple[Note, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.label}: {self.caption}" if self.label else self.caption


@dataclass(frozen=True)
class Span:
    """A run of text inside a paragraph written in Markdown: plain, bold, italic or a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""  # http(s) or mailto only; anything else is kept as plain text


ParagraphKind = Literal["text", "lead", "callout", "quote", "bullet", "number", "subheading",
                        "meta"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``text`` is always the plain text, ``spans`` its formatting when written."""

    text: str
    kind: ParagraphKind = "text"
    spans: tuple[Span, ...] = ()

    @property
    def runs(self) -> tuple[Span, ...]:
        return self.spans or (Span(self.text),)


@dataclass(frozen=True)
class Box:
    """A boxed text beside the numbers: a "Perspektiv" with a quote or a case."""

    id: str
    title: str
    blocks: tuple[Paragraph, ...]
    source: str = ""
    kind: Literal["perspective"] = "perspective"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]
    level: int = 2  # heading level: 2 for parts' chapters, 3 below


Block = Paragraph | Table | Figure | Section | Box
B = TypeVar("B", Table, Figure, Box, Paragraph)


@dataclass(frozen=True)
class Logo:
    """The organisation's logo for the cover: the file's bytes and its type."""

    data: bytes
    mime: Literal["image/png", "image/jpeg"]


@dataclass(frozen=True)
class ReportModel:
    lang: str
    title: str
    subtitle: str
    organisation: str
    year: int
    summary: Table  # every target, its status and direction: the front page
    summary_intro: tuple[Paragraph, ...]
    parts: tuple[Section, ...]  # level-1 parts, each holding level-2 sections
    disclosure: str  # the statement of the disclosure policy applied
    labels: tuple[tuple[str, str], ...] = ()  # UI words renderers need (contents, page, …)
    logo: Logo | None = None  # on the cover, when the organisation gives one
    cover_note: str = ""  # the cover's line under the title (e.g. the snapshot's date)

    def label(self, key: str) -> str:
        return dict(self.labels).get(key, key)

    def _blocks(self, kind: type[B]) -> list[B]:
        """Every block of one kind, depth first in reading order."""
        out: list[B] = []

        def walk(blocks: tuple[Block, ...]) -> None:
            for b in blocks:
                if isinstance(b, kind):
                    out.append(b)
                elif isinstance(b, Section):
                    walk(b.blocks)

        walk(self.parts)
        return out

    def tables(self) -> tuple[Table, ...]:
        """Every table in reading order (the summary first, figures' data excluded)."""
        return (self.summary, *self._blocks(Table))

    def figures(self) -> tuple[Figure, ...]:
        return tuple(self._blocks(Figure))

    def boxes(self) -> tuple[Box, ...]:
        return tuple(self._blocks(Box))

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of the parts in reading order (boxes' paragraphs excluded)."""
        return tuple(self._blocks(Paragraph))
