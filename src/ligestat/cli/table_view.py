"""``ligestat tables`` in the terminal: the contract's tables, in the report's language,
fitted to the terminal's width.

A table wider than the terminal is wrapped as a wide data frame is printed: its value
columns are split into parts that fit, each part repeating the row's identifying
columns (department, gender, …); headers wrap between words, never inside one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Rich is imported when a table is drawn (#15)
    from rich.console import Console
    from rich.table import Table

__all__ = ["LANGS", "render_comparison", "render_tables"]

LANGS = ("da", "en")
_IDENT = ("department", "agreement", "gender", "age_band", "year", "basis", "quartile",
          "category", "cohort")
_BORDER = 1  # the table's left edge; each column adds its width + 2 padding + 1 edge


@cache
def _labels() -> dict[str, Any]:
    return tomllib.loads((Path(__file__).parent / "table_labels.toml").read_text("utf-8"))


def _fmt(key: str, value: Any, lang: str) -> str:
    words = _labels()[lang]
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(words["yes" if value else "no"])
    if isinstance(value, float) and key.endswith("share"):
        text = f"{100 * value:.1f} %"
    elif isinstance(value, float):
        text = f"{value:,.1f}" if key == "gap_pp" else f"{value:,.2f}"
    elif isinstance(value, int) and key not in ("year", "cohort", "report_year"):
        text = f"{value:,}"
    else:
        return str(words["values"].get(value, value)) if isinstance(value, str) else str(value)
    if lang == "da":  # 1.234,5: Danish marks
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _parts(widths: Sequence[int], ident: int, room: int) -> list[list[int]]:
    """Column indexes per printed part: the identifying columns, then as many value
    columns as fit in ``room`` characters."""
    fixed = _BORDER + sum(w + 3 for w in widths[:ident])
    parts: list[list[int]] = []
    current: list[int] = []
    used = fixed
    for i in range(ident, len(widths)):
        need = widths[i] + 3
        if current and used + need > room:
            parts.append(current)
            current, used = [], fixed
        current.append(i)
        used += need
    if current or not parts:
        parts.append(current)
    return [list(range(ident)) + p for p in parts]


def _table(name: str, rows: Sequence[dict[str, Any]], lang: str, room: int,
           caption: str) -> list[Table]:
    from rich.table import Table

    words = _labels()[lang]
    keys = [k for k in (rows[0] if rows else {}) if k != "suppressed"]
    headers = [str(words["columns"].get(k, k)) for k in keys]
    cells = [[_fmt(k, row.get(k), lang) for k in keys] for row in rows]
    # a column needs its longest cell and its header's longest word (headers wrap)
    widths = [max([len(w) for w in h.split()] + [len(r[i]) for r in cells])
              for i, h in enumerate(headers)]
    ident = 0
    while ident < len(keys) - 1 and keys[ident] in _IDENT:
        ident += 1
    parts = _parts(widths, ident, room)
    title = str(words["tables"].get(name, name))
    out = []
    for n, part in enumerate(parts, start=1):
        more = f" ({n}/{len(parts)})" if len(parts) > 1 else ""
        table = Table(title=f"{title}{more} · {name}", caption=caption if n == len(parts) else None,
                      caption_justify="left", title_justify="left")
        for i in part:
            table.add_column(headers[i], min_width=widths[i],
                             justify="left" if i < ident else "right")
        for row, texts in zip(rows, cells, strict=True):
            table.add_row(*(texts[i] for i in part),
                          style="bold" if row.get("department") == "total" else None)
        out.append(table)
    return out


def render_tables(doc: dict[str, Any], console: Console, lang: str = "da",
                  captions: dict[str, str] | None = None) -> None:
    """Print the contract's JSON document as tables fitting ``console``'s width."""
    words = _labels()[lang]
    console.print(f"[bold]{words['heading'].format(org=doc['organisation'], year=doc['year'])}"
                  "[/]", highlight=False)
    for name, rows in doc["tables"].items():
        for table in _table(name, rows, lang, console.width, (captions or {}).get(name, "")):
            console.print(table, soft_wrap=False)  # headers and captions wrap to fit


def render_comparison(rows: list[dict[str, Any]], year: int, console: Console) -> None:
    """The comparison of many organisations (``ligestat.organisations.comparison``): each
    organisation's key figures with its rank among the others in brackets."""
    from rich.table import Table

    from ligestat.organisations import COMPARISON

    shown = [f for f in COMPARISON if any(r[f.name] is not None for r in rows)]
    table = Table(title=f"{len(rows)} organisations, {year}: key figures (rank)",
                  title_justify="left")
    table.add_column("organisation")
    table.add_column("name")
    for f in shown:
        table.add_column(f.name.replace("_", " "), justify="right")
    for r in rows:
        cells = []
        for f in shown:
            value = r[f.name]
            text = "–" if value is None else (
                f"{100 * value:.1f} %" if isinstance(value, float) else f"{value:,}")
            rank = r[f"rank_{f.name}"]
            cells.append(text if rank is None else f"{text} ({rank})")
        table.add_row(r["organisation"], r["name"], *cells)
    console.print(table)
