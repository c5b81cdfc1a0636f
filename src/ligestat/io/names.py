"""Near-miss names: a sheet, file or header that is almost a contract name is an error
that says which name it probably is, never silently dropped.

``child sick days``, ``Employee.csv``, ``barsel.xlsx``-sheets and headers such as
``departement`` or ``birthyear`` are what people type; a dropped table or column
gives a plausible, wrong report, so these are named with the likely contract name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["likely_column", "likely_table", "normalise"]

# Danish names people give the tables and columns (a hint only: the contract's names
# or a [columns.TABLE] mapping in ligestat.toml are what is read).
_TABLE_WORDS = {
    "medarbejdere": "employees", "ansatte": "employees", "personale": "employees",
    "barsel": "parental_leave", "barselsorlov": "parental_leave",
    "boerns_sygedage": "child_sick_days", "børns_sygedage": "child_sick_days",
    "barns_sygedage": "child_sick_days", "sygedage": "child_sick_days",
    "omsorgsdage": "child_sick_days", "befolkning": "population", "borgere": "population",
    "initiativer": "initiatives", "indsatser": "initiatives", "kontekst": "context",
    "noegletal": "context", "nøgletal": "context", "loen": "pay", "løn": "pay",
}
_COLUMN_WORDS = {
    "koen": "gender", "køn": "gender", "afdeling": "department", "forvaltning": "department",
    "foedselsaar": "birth_year", "fødselsår": "birth_year", "medarbejdernr": "employee_id",
    "medarbejder_id": "employee_id", "medarbejdernummer": "employee_id",
    "overenskomst": "agreement", "lederniveau": "manager_level", "dato": "snapshot_date",
    "opgoerelsesdato": "snapshot_date", "opgørelsesdato": "snapshot_date",
}


def normalise(name: str) -> str:
    """``Child sick-days `` → ``child_sick_days``."""
    return re.sub(r"[\s\-.]+", "_", name.strip().lower()).strip("_")


def _likely(name: str, candidates: Iterable[str], words: dict[str, str]) -> str | None:
    options = list(candidates)
    norm = normalise(name)
    if not norm or not options:
        return None
    if norm in words and words[norm] in options:
        return words[norm]
    squashed = {o.replace("_", ""): o for o in options}
    if norm.replace("_", "") in squashed:
        return squashed[norm.replace("_", "")]
    for o in options:  # employees_2024, parental_leave_export
        if norm.startswith(o + "_") or norm.endswith("_" + o):
            return o
    close = difflib.get_close_matches(norm, options, n=1, cutoff=0.8)
    return close[0] if close else None


def likely_table(name: str, tables: Iterable[str]) -> str | None:
    """The contract table a sheet or file stem that is not one probably is, if any."""
    return _likely(name, tables, _TABLE_WORDS)


def likely_column(header: str, columns: Iterable[str]) -> str | None:
    """The contract column an unknown header probably is, if any."""
    return _likely(header, columns, _COLUMN_WORDS)
