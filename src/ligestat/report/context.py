"""``context.csv``: figures from outside the HR data, with value, unit, year and source.

Columns (header names case-insensitive, ``,`` or ``;`` separated, UTF-8)::

    key, group, group_da, group_en, label_da, label_en, value, unit, year, source[, source_en]

``group_da``/``group_en`` may be empty (the group's key is shown); ``source_en``
(optional) is the source as an English report prints it (default: ``source``); ``value``
takes ``.`` or ``,`` as decimal mark; ``unit`` is ``percent`` (value in
percent, e.g. 29), ``years``, ``visits``, ``count`` or any other text, which is
printed after the value as written. Documented in docs/report.md.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ligestat.errors import InputError, Problem, ValidationError
from ligestat.io.csvdialect import sniff_csv
from ligestat.limits import shown, text_problem
from ligestat.report.input import ContextFigure

__all__ = ["CONTEXT_COLUMNS", "read_context"]

CONTEXT_COLUMNS = ("key", "group", "group_da", "group_en", "label_da", "label_en", "value",
                   "unit", "year", "source", "source_en")
REQUIRED = ("key", "group", "label_da", "label_en", "value", "unit", "year", "source")


def read_context(path: Path) -> tuple[ContextFigure, ...]:
    """Read and check a context file; every problem is reported as ``file:row: column``."""
    if not path.is_file():
        raise InputError(f"{path}: context file not found")
    # the same dialect detection as the HR data: encoding and separator decided, not guessed
    dialect = sniff_csv(path, frozenset(CONTEXT_COLUMNS))
    text = path.read_text(encoding=dialect.encoding)
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect.delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{path}: missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)}; see docs/report.md for the format")
    name = path.name
    figures: list[ContextFigure] = []
    problems: list[Problem] = []
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        for col in REQUIRED:
            if not row.get(col):
                problems.append(Problem(name, line, col, "is empty"))
        for col, value in row.items():
            if col in CONTEXT_COLUMNS and (why := text_problem(value)):
                problems.append(Problem(name, line, col, why, shown(value)))
        try:
            value = float(row.get("value", "").replace(",", "."))
        except ValueError:
            problems.append(Problem(name, line, "value", "is not a number", row.get("value")))
            continue
        try:
            year = int(row.get("year", ""))
        except ValueError:
            problems.append(Problem(name, line, "year", "is not a whole year", row.get("year")))
            continue
        if any(p.row == line for p in problems):
            continue
        group = row["group"]
        figures.append(ContextFigure(
            key=row["key"], group=group, group_da=row.get("group_da") or group,
            group_en=row.get("group_en") or group, label_da=row["label_da"],
            label_en=row["label_en"], value=value, unit=row["unit"], year=year,
            source=row["source"], source_en=row.get("source_en") or row["source"]))
    if problems:
        raise ValidationError(problems)
    return tuple(figures)
