"""The demo's context figures (``context.csv``): the seed report's figures from outside
the HR data — GP visits, life expectancy, LGBT+ youth wellbeing — with their sources.

Labels, units and sources are in ``context_template.csv``; each row's value is read
from the published facts (``reference/kk-2025/facts.toml``) at the key path in its
``fact`` column, so no number is typed in twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["TEMPLATE", "context_csv"]

TEMPLATE = Path(__file__).parent / "context_template.csv"


def _fact(facts: Mapping[str, Any], path: str) -> Any:
    value: Any = facts
    for part in path.split("."):
        value = value[part]
    return value


def context_csv(facts: Mapping[str, Any]) -> str:
    """The text of ``context.csv`` (the report's context-figure file) for the demo."""
    with TEMPLATE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    columns = [c if c != "fact" else "value" for c in rows[0]]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        value = _fact(facts, row.pop("fact"))
        writer.writerow({**row, "value": value})
    return out.getvalue()
