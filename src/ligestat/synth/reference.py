"""The published reference tables, read from the copy shipped inside the package.

``reference/kk-2025/`` holds Copenhagen's 2025 Tables 1-7 as published (quirks
included) and the headline figures in ``facts.toml``. It is a copy of the
project's shared reference so that users and CI without that folder still
generate the same data; a test keeps the two equal.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["REFERENCE_DIR", "TOTAL_LABEL", "Reference", "load_reference"]

REFERENCE_DIR = Path(__file__).parent / "reference" / "kk-2025"
TOTAL_LABEL = "I alt"  # the publication's total row
TABLES = (
    "agreements_gender",
    "managers_level_1",
    "managers_level_2",
    "fathers_leave",
    "mothers_leave",
    "child_sick_days",
)


@dataclass(frozen=True)
class Reference:
    tables: dict[str, tuple[dict[str, str], ...]]
    facts: dict[str, Any]
    initiatives_csv: str

    def rows(self, table: str) -> tuple[dict[str, str], ...]:
        """Department rows of a table, without the total row."""
        return tuple(r for r in self.tables[table] if r.get("department") != TOTAL_LABEL)

    def total(self, table: str) -> dict[str, str]:
        return next(r for r in self.tables[table] if r.get("department") == TOTAL_LABEL)


def load_reference(directory: Path = REFERENCE_DIR) -> Reference:
    tables = {}
    for name in TABLES:
        with (directory / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            tables[name] = tuple(csv.DictReader(fh))
    facts = tomllib.loads((directory / "facts.toml").read_text(encoding="utf-8"))
    initiatives = (directory / "initiatives.csv").read_text(encoding="utf-8")
    return Reference(tables, facts, initiatives)
