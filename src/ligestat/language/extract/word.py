"""Word (.docx) documents: paragraphs, tables, headers and footers.

A Word file has no lines, so a finding's *line* is the paragraph's number in
reading order (body paragraphs and table cells as they appear, then each
section's headers, then its footers), its *column* the character in that
paragraph, and its *section* names the part: ``body``, ``table 2, row 3, cell 1``,
``header (section 1)``, ``footer (section 1)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ligestat.errors import LanguageCheckError
from ligestat.language.extract.document import Document, Part, join_parts
from ligestat.language.extract.text import check_size
from ligestat.limits import check_unpacked_size

__all__ = ["docx_document"]


def _table(table: Any, label: str) -> Iterator[tuple[str, str]]:
    seen: set[int] = set()
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            if id(cell._tc) in seen:  # a merged cell repeats across the grid
                continue
            seen.add(id(cell._tc))
            where = f"{label}, row {r}, cell {c}"
            for paragraph in cell.paragraphs:
                yield where, paragraph.text
            for n, inner in enumerate(cell.tables, start=1):
                yield from _table(inner, f"{where}, table {n}")


def _blocks(container: Any, label: str, counter: list[int]) -> Iterator[tuple[str, str]]:
    """(section label, paragraph text) in reading order, tables included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield label, block.text
        elif isinstance(block, Table):
            counter[0] += 1
            name = f"table {counter[0]}" if label == "body" else f"{label}, table {counter[0]}"
            yield from _table(block, name)


def _paragraphs(doc: Any) -> Iterator[tuple[str, str]]:
    counter = [0]
    yield from _blocks(doc, "body", counter)
    for kind in ("header", "footer"):
        for number, section in enumerate(doc.sections, start=1):
            for variant in ("", "first_page_", "even_page_"):
                part = getattr(section, f"{variant}{kind}")
                if part.is_linked_to_previous:
                    continue
                label = f"{variant.replace('_', ' ')}{kind} (section {number})"
                yield from _blocks(part, label, counter)


def docx_document(path: Path, max_bytes: int) -> Document:
    check_size(path, max_bytes)
    check_unpacked_size(path, LanguageCheckError)
    try:
        import docx

        parts_text = list(_paragraphs(docx.Document(str(path))))
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise LanguageCheckError(
            f"{path}: is not a readable Word document ({type(exc).__name__}: {exc}); skipped. "
            "Open and re-save it in Word, or leave it out."
        ) from None
    return join_parts(
        str(path),
        "docx",
        [
            (text, Part(0, index, None, section, count_lines=False))
            for index, (section, text) in enumerate(parts_text, start=1)
        ],
    )
