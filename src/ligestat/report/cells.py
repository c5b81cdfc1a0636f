"""Cells from row values: printed text, exact value, suppression, and the notes they need."""

from __future__ import annotations

from collections.abc import Sequence

from ligestat.report.facts import is_suppressed
from ligestat.report.input import Row
from ligestat.report.model import Cell, CellKind, Column, Note, TableRow
from ligestat.report.numbers import fmt_decimal, fmt_int, fmt_pct, fmt_pp
from ligestat.report.text import Text

__all__ = ["DASH", "cell", "status_cell", "table_notes", "text_cell", "value_cell"]

DASH = "\u2013"  # a suppressed cell, in every format


def value_cell(value: float | int | None, kind: CellKind, t: Text, *,
               suppressed: bool = False, digits: int = 1) -> Cell:
    """A number cell; ``None`` prints as a dash (suppressed) or "n/a" (cannot be computed)."""
    if suppressed:
        return Cell(DASH, None, kind, suppressed=True)
    if value is None:
        return Cell(t.label("not_available"), None, kind)
    if kind == "share":
        return Cell(fmt_pct(float(value), t.lang), float(value), kind)
    if kind == "pp":
        return Cell(fmt_pp(float(value), t.lang), float(value), kind)
    if kind == "decimal":
        return Cell(fmt_decimal(float(value), t.lang, digits), float(value), kind)
    return Cell(fmt_int(int(value), t.lang), int(value), kind)


def cell(row: Row, key: str, kind: CellKind, t: Text) -> Cell:
    """The cell of ``row[key]``, suppressed when the row lists ``key``."""
    return value_cell(row.get(key), kind, t, suppressed=is_suppressed(row, key))


def status_cell(row: Row, key: str, t: Text) -> Cell:
    """Target met (yes), not met (no), not assessable, or suppressed."""
    if is_suppressed(row, key):
        return Cell(DASH, None, "status", suppressed=True)
    value = row.get(key)
    if value is None:
        return Cell(t.label("status_na"), None, "status", status=None)
    return Cell(t.label("status_yes" if value else "status_no"), bool(value), "status",
                status=bool(value))


def text_cell(text: str, mark: str = "") -> Cell:
    return Cell(text, text, "text", mark=mark)


def table_notes(rows: Sequence[TableRow], t: Text, policy: str | None) -> tuple[Note, ...]:
    """The dash and "n/a" footnotes, for the tables that need them."""
    cells = [c for r in rows for c in r.cells]
    notes: list[Note] = []
    if any(c.suppressed for c in cells):
        notes.append(Note("suppressed", t.label("note_suppressed", policy=policy or ""), DASH))
    na = t.label("not_available")
    if any(c.value is None and not c.suppressed and c.text == na for c in cells):
        notes.append(Note("missing", t.label("note_not_available"), na))
    return tuple(notes)


def columns(*specs: tuple[str, CellKind]) -> tuple[Column, ...]:
    return tuple(Column(label, kind) for label, kind in specs)
