"""``ligestat init``: a commented ``ligestat.toml`` started from the data's own codes.

The department codes are read from every contract table of the data folder (no
validation: the point is to get a config to validate with), each listed with the
number of rows that carry it, so the user names the departments and marks the
units counted only in totals.

An export whose headers are not the contract's (``Medarbejdernr``, ``Køn``,
``Forvaltning``) gets a ``[columns.TABLE]`` section: each header the readers'
"did you mean" recognises (``ligestat.io.names``) is mapped to its contract column,
and the department codes are read through that mapping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ligestat.config import CONFIG_FILENAME
from ligestat.errors import ConfigError, InputError
from ligestat.io import discover, stage

__all__ = ["column_mapping", "department_codes", "starter_config", "write_starter_config"]

# the readers' hint for a near-miss header (ligestat.io._rename): the column it probably is
_SUGGESTED = re.compile(r"unknown column; did you mean (\w+)\?")


def column_mapping(data: Path) -> dict[str, dict[str, str]]:
    """``[columns.TABLE]`` for the data's own headers: table → contract column → header,
    for every header the readers would answer with "did you mean COLUMN?"."""
    import duckdb

    sources, _ = discover(data)
    found: dict[str, dict[str, str]] = {}
    con = duckdb.connect()
    try:
        for i, source in enumerate(sources):
            _, problems, _ = stage(con, source, i)
            for p in problems:
                if (m := _SUGGESTED.match(p.message)) is not None:
                    found.setdefault(source.table, {})[m.group(1)] = p.column
    finally:
        con.close()
    return found


def department_codes(data: Path,
                     columns: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, int]:
    """Every department code in the data folder's tables, with its number of rows;
    ``columns``: the ``[columns.TABLE]`` mapping the headers are read through."""
    import duckdb

    sources, _ = discover(data)
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        for i, source in enumerate(sources):
            st, _, _ = stage(con, source, i, columns=(columns or {}).get(source.table))
            if "department" not in st.columns:
                continue
            for code, n in con.execute(
                    f"SELECT trim(department), count(*) FROM {st.relation} WHERE "
                    "trim(department) <> '' GROUP BY 1").fetchall():
                counts[str(code)] = counts.get(str(code), 0) + int(n)
    finally:
        con.close()
    return dict(sorted(counts.items()))


def _toml_key(code: str) -> str:
    bare = code.replace("-", "").replace("_", "")
    if bare.isascii() and bare.isalnum():
        return code
    return '"' + code.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter_config(organisation: str, codes: dict[str, int], data: Path,
                   columns: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """The text of a commented ``ligestat.toml`` for ``organisation`` and ``codes``, with
    the ``[columns.TABLE]`` mapping of the data's own headers when it needs one."""
    if not organisation.strip():
        raise ConfigError("--organisation must name the organisation, e.g. "
                          '--organisation "Eksempel Kommune"')
    if not codes:
        raise InputError(f"{data}: no department codes found in the data; a config needs at "
                         "least one department")
    lines = [
        "# ligestat.toml: the organisation config. Written by `ligestat init` from the",
        f"# department codes in {data}; check every line. docs/config.md describes every",
        "# key; every key but the departments has a default.",
        "",
        f"organisation = {_toml_text(organisation.strip())}  # as the report prints it",
        "",
        "# One table per department code found in the data (its number of rows after #).",
        "# name: the department's name in the report's tables;",
        "# in_tables = false: a unit counted in every total but shown in no table",
        "# (Copenhagen's city council, BR, is one).",
    ]
    for code, n in codes.items():
        lines += ["", f"[departments.{_toml_key(code)}]  # {n:,} row{'s' if n != 1 else ''}",
                  f"name = {_toml_text(code)}", "# in_tables = false"]
    if columns:
        lines += ["", "# The export's own column headers, read as the contract's columns. Found",
                  "# from their names (like the readers' \"did you mean\"): check each one.",
                  "# Contract column = \"header as in the file\" (any case); docs/config.md."]
        for table, mapping in sorted(columns.items()):
            lines += ["", f"[columns.{table}]"]
            lines += [f"{col} = {_toml_text(header)}" for col, header in mapping.items()]
    lines += [
        "",
        "# Targets (måltal) and their defaults; remove the # to change one.",
        "# [targets]",
        "# manager_min_share = 0.40",
        "# fathers_leave_ge11_min_share = 0.95",
        "# fathers_leave_ge17_min_share = 0.60",
        "# child_sick_days_max_gap_pp = 10.0",
        "",
        "# Disclosure control: public (nothing suppressed), standard or strict.",
        "# [disclosure]",
        '# policy = "public"',
        "",
        "# [report]",
        '# lang = "da"',
        "",
    ]
    return "\n".join(lines)


def write_starter_config(data: Path, organisation: str, out: Path | None = None,
                         force: bool = False) -> Path:
    """Write the starter config (default ``DATA/ligestat.toml``); never over an existing
    file unless ``force``."""
    folder = data if data.is_dir() else data.parent
    target = out or folder / CONFIG_FILENAME
    if target.exists() and not force:
        raise ConfigError(f"{target} exists already; edit it, or write elsewhere with --out "
                          "(--force replaces it)")
    columns = column_mapping(data)
    text = starter_config(organisation, department_codes(data, columns), data, columns)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write the config: {exc}") from None
    return target
