"""Read every table back out of each rendered format (shared by the format tests).

Loaded by the tests through ``conftest.readback``; returns, per format, the rows
of a numbered table ("Tabel 3") as lists of cell strings.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

Rows = list[list[str]]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, Rows]] = []
        self._caption: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self._in_caption, self._caption = True, ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
            _title, rows = self.tables[-1]
            self.tables[-1] = (norm(self._caption or ""), rows)
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(norm("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self._caption = (self._caption or "") + data
        elif self._cell is not None:
            self._cell.append(data)


def html_tables(path: Path) -> dict[str, Rows]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return {title.split(":")[0]: rows for title, rows in parser.tables if title}


def docx_tables(path: Path) -> dict[str, Rows]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = docx.Document(str(path))
    out: dict[str, Rows] = {}
    caption = ""
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            p = Paragraph(child, doc)
            if p.style is not None and p.style.name == "Caption":
                caption = norm(p.text)
        elif child.tag.endswith("}tbl"):
            t = Table(child, doc)
            out.setdefault(caption.split(":")[0], [
                [norm(c.text) for c in row.cells] for row in t.rows])
    return out


def xlsx_tables(path: Path) -> dict[str, list[list[Any]]]:
    """Sheet rows as values (numbers stay numbers), keyed by the title's label."""
    import openpyxl

    wb = openpyxl.load_workbook(str(path))
    out: dict[str, list[list[Any]]] = {}
    for ws in wb.worksheets:
        title = str(ws["A1"].value or "")
        out[title.split(":")[0]] = [
            [(c.value, c.number_format) for c in row] for row in ws.iter_rows(min_row=3)]
    return out


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout.replace("\u00a0", " ")


def plain_text(path: Path) -> str:
    """All the text a reader sees in one rendered file of any of the four formats, with
    runs of blanks (and no-break spaces) folded into one space."""
    import html

    import docx
    import openpyxl

    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    elif path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
    elif path.suffix == ".docx":
        doc = docx.Document(str(path))
        text = "\n".join([p.text for p in doc.paragraphs]
                         + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    else:
        wb = openpyxl.load_workbook(str(path))
        text = "\n".join(str(c.value) for s in wb.worksheets for r in s.iter_rows() for c in r
                         if c.value is not None)
    return " ".join(text.replace("\u00a0", " ").split())


def pdf_segment(text: str, label: str) -> str:
    """The text from ``label:`` (e.g. "Tabel 3") to the next numbered table's label."""
    start = text.index(f"{label}:")
    word = label.split()[0]
    nxt = re.search(rf"{word} \d+:", text[start + len(label) + 1:])
    return text[start: start + len(label) + 1 + nxt.start()] if nxt else text[start:]


def da_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _pct(share: float) -> int:
    from decimal import ROUND_HALF_UP, Decimal

    return int((Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def find_row(rows: list[list[str]], header: str, cells: list[str]) -> bool:
    """A row headed ``header`` (footnote marks ignored) holding ``cells`` in this order."""
    for row in rows:
        if row and row[0].rstrip("*").strip() == header:
            it = iter(row[1:])
            if all(any(norm(c) == want for c in it) for want in cells):
                return True
    return False


def xlsx_as_text(sheets: dict[str, list[list[Any]]]) -> dict[str, Rows]:
    """Cell values printed as the report prints them (numbers must be numbers to match)."""
    def show(value: Any, fmt: str) -> str:
        if isinstance(value, bool) or value is None:
            return str(value)
        if isinstance(value, int | float):
            if fmt == "0%":
                return f"{_pct(value)} %"
            if "pp" in fmt:
                return f"{_pct(value / 100)} pp"
            return da_int(int(value))
        return str(value)

    return {k: [[show(v, f) for v, f in row] for row in rows] for k, rows in sheets.items()}


def pdf_row_has(text: str, label: str, header: str, cells: list[str]) -> bool:
    segment = pdf_segment(text, label)
    pattern = r"\s+".join([re.escape(header) + r"\**", *(
        r".*?(?<![\d.,])" + re.escape(c).replace(r"\ ", r"\s?") + r"(?![\d.,])"
        for c in cells)])
    return re.search(r"^\s*" + pattern, segment, re.MULTILINE) is not None
