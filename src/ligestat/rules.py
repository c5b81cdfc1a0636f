"""The contract's rules as SQL over staged text tables → problems.

Every rule is one SQL predicate on a trimmed cell (``Rule``); counts come from
one scan per table, and only broken rules are sampled for their rows, so
validation stays fast on millions of rows. ``typed_select`` gives the SQL that
turns a valid staged table into the workspace's typed columns.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ligestat.config import Config
from ligestat.errors import Problem
from ligestat.io import Staged
from ligestat.io.schema import (
    BOOLEAN_FALSE,
    BOOLEAN_TRUE,
    GENDER_ALIASES,
    Column,
    TableSchema,
)
from ligestat.limits import CONTROL_CHARS, CONTROL_MESSAGE, limit, shown, too_long_message

__all__ = ["DATE_FORMS", "GROUP_FROM", "date_sql", "typed_column", "typed_select",
           "validate_staged"]

GROUP_FROM = 4  # a rule broken in this many rows or more is one line with its row ranges

_INT = r"[+-]?[0-9]+(\.0+)?"
_DEC = r"[+-]?[0-9]+([.,][0-9]+)?"
# ISO dates, and the unambiguous Danish day-first forms (30-09-2024, 30.09.2024, 1.9.2024);
# 09/30/2024-style slashes are refused: day and month could be either way round.
_ISO = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DMY = r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}"
_DATE = f"{_ISO}|{_DMY}"
DATE_FORMS = "YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY"


def _iso_text(v: str) -> str:
    """SQL: a date cell (trimmed text) in any accepted form as ISO-ordered text."""
    return (f"CASE WHEN regexp_full_match({v}, '{_DMY}') THEN regexp_replace({v}, "
            f"'^([0-9]{{1,2}})[-.]([0-9]{{1,2}})[-.]([0-9]{{4}})$', '\\3-\\2-\\1') "
            f"ELSE {v} END")


def date_sql(column: str) -> str:
    """SQL: the DATE in a staged text column (NULL when empty or not a date)."""
    return _date_of(_q(column))


def _date_of(cell: str) -> str:
    v = f"trim({cell})"
    return f"CASE WHEN regexp_full_match({v}, '{_DATE}') THEN TRY_CAST({_iso_text(v)} AS DATE) END"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(values: Sequence[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _plain_char(code: str) -> str:
    # a character DuckDB's trim() keeps: it removes U+0020, U+00A0 and spaces from U+1680
    # up; sufficient, not necessary (a rarer first or last letter takes the slow path)
    return f"({code} BETWEEN 33 AND 5759 AND {code} <> 160)"


def _plain_start(x: str) -> str:
    """SQL true when text ``x`` starts with a character trim() keeps (so it is not empty)."""
    return _plain_char(f"unicode({x})")


def _plain(x: str) -> str:
    """SQL true when text ``x`` is non-empty and trim() leaves it as it is."""
    return f"{_plain_start(x)} AND {_plain_char(f'unicode({x}[-1])')}"


@dataclass(frozen=True)
class Rule:
    column: str
    message: str
    bad: str  # SQL predicate, true for a broken cell (v = trimmed text, never NULL here)


def _v(col: Column) -> str:
    return f"trim({_q(col.name)})"


def _cell(st: Staged, name: str) -> str:
    """SQL: a staged cell as text (a typed Parquet column as its text form)."""
    return f"CAST({_q(name)} AS VARCHAR)" if name in st.types else _q(name)


def _num(v: str) -> str:
    return f"TRY_CAST(replace({v}, ',', '.') AS DOUBLE)"


def _range_rules(col: Column, v: str) -> list[Rule]:
    rules = []
    if col.minimum is not None:
        rules.append(Rule(col.name, f"must be at least {col.minimum:g}",
                          f"{_num(v)} < {col.minimum}"))
    if col.maximum is not None:
        rules.append(Rule(col.name, f"must be at most {col.maximum:g}",
                          f"{_num(v)} > {col.maximum}"))
    if col.above is not None:
        rules.append(Rule(col.name, f"must be greater than {col.above:g}",
                          f"{_num(v)} <= {col.above}"))
    return rules


_ORG = "trim(coalesce(CAST(organisation AS VARCHAR), ''))"
# many organisations: the config's (organisation, department) pairs as a temporary table
# (``organisation_table``); the rules look rows up in it (a join, where a literal list of
# thousands of pairs would be compared one by one for every row)
ORGS_TABLE = "_ligestat_org_departments"


def organisation_table(con: Any, config: Config) -> None:
    """(Re)create :data:`ORGS_TABLE` for ``config``'s organisations: one row per
    (organisation, department); ``''`` as the department of one without departments."""
    rows = [(oid, code, True) for oid, c in config.organisations.items()
            for code in c.department_codes]
    rows += [(oid, "", False) for oid, c in config.organisations.items() if not c.departments]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {ORGS_TABLE} (organisation VARCHAR, "
                "department VARCHAR, has_departments BOOLEAN)")
    if rows:
        orgs, depts, has = (list(c) for c in zip(*rows, strict=True))
        con.execute(f"INSERT INTO {ORGS_TABLE} SELECT unnest(?), unnest(?), unnest(?)",
                    [orgs, depts, has])


def _orgs(where: str = "") -> str:
    return f"(SELECT organisation FROM {ORGS_TABLE}{' WHERE ' + where if where else ''})"


def _organisation_rules(col: Column, config: Config, cell: str) -> list[Rule]:
    """The ``organisation`` column (CONTRACT.md §1, many organisations): every row names a
    listed organisation when the config lists them, and none names one otherwise."""
    v = f"trim({cell})"
    empty = f"({cell} IS NULL OR {v} = '')"
    if not config.many:
        return [Rule(col.name, "names an organisation, but ligestat.toml lists no "
                     "[organisations]; list each there (docs/organisations.md) or leave the "
                     "column out", f"NOT {empty}")]
    return [Rule(col.name, "is empty; with [organisations] in ligestat.toml every row names "
                 "its organisation", empty),
            Rule(col.name, "unknown organisation; add it to ligestat.toml as "
                 "[organisations.\"ID\"] or correct the row",
                 f"NOT {empty} AND {v} NOT IN {_orgs()}")]


def _department_rules(col: Column, config: Config, cell: str) -> list[Rule]:
    """A department code listed in the config (of the row's organisation, with many); empty
    only where the organisation has no departments."""
    v = f"trim({cell})"
    empty = f"({cell} IS NULL OR {v} = '')"
    if not config.many:
        if not config.departments:
            return [Rule(col.name, "unknown department code: ligestat.toml lists no "
                         "[departments]; add it there or leave the cell empty", f"NOT {empty}")]
        return [Rule(col.name, "is empty", empty),
                Rule(col.name, "unknown department code; add it to ligestat.toml "
                     "[departments] or correct the row",
                     f"NOT {empty} AND {v} NOT IN {_lit(config.department_codes)}")]
    with_depts = f"{_ORG} IN {_orgs('has_departments')}"
    pairs = f"(SELECT organisation || chr(0) || department FROM {ORGS_TABLE})"
    return [
        Rule(col.name, "is empty", f"{empty} AND {with_depts}"),
        Rule(col.name, "not a department of the row's organisation; add it to "
             "ligestat.toml [organisations.\"ID\".departments] or correct the row",
             f"NOT {empty} AND {with_depts} AND ({_ORG} || chr(0) || {v}) NOT IN {pairs}"),
        Rule(col.name, "unknown department code: the row's organisation lists no "
             "departments in ligestat.toml; add them there or leave the cell empty",
             f"NOT {empty} AND {_ORG} IN {_orgs('NOT has_departments')}"),
    ]


def _column_rules(schema: TableSchema, col: Column, config: Config, cell: str = "",
                  snapshot: str = "") -> list[Rule]:
    """The rules of one column; ``cell``: the SQL of its text (default: the staged column),
    ``snapshot``: that of the row's snapshot_date (for a birth year)."""
    cell = cell or _q(col.name)
    if col.kind == "organisation":
        return _organisation_rules(col, config, cell)
    if col.kind == "department":
        return _department_rules(col, config, cell)
    v = f"trim({cell})"
    empty = f"({cell} IS NULL OR {v} = '')"
    rules: list[Rule] = []
    if col.required:
        rules.append(Rule(col.name, "is empty", empty))
    nonempty = f"NOT {empty} AND "
    if col.kind == "date":
        day = _date_of(cell)
        rules.append(Rule(col.name, f"not a date; use {DATE_FORMS}",
                          nonempty + f"NOT regexp_full_match({v}, '{_DATE}')"))
        rules.append(Rule(col.name, "impossible date",
                          nonempty + f"regexp_full_match({v}, '{_DATE}') AND {day} IS NULL"))
        rules.append(Rule(col.name, "year must be between 1900 and 2200",
                          nonempty + f"{day} IS NOT NULL AND "
                          f"NOT year({day}) BETWEEN 1900 AND 2200"))
    elif col.kind in ("integer", "year"):
        rules.append(Rule(col.name, "not a whole number",
                          nonempty + f"NOT regexp_full_match({v}, '{_INT}')"))
        whole = nonempty + f"regexp_full_match({v}, '{_INT}') AND "
        rules.append(Rule(col.name, "number too large",
                          whole + f"TRY_CAST(split_part({v}, '.', 1) AS BIGINT) IS NULL"))
        ok = whole + f"TRY_CAST(split_part({v}, '.', 1) AS BIGINT) IS NOT NULL AND "
        rules += [Rule(r.column, r.message, ok + r.bad) for r in _range_rules(col, v)]
        if col.kind == "year":
            snap = _date_of(snapshot or _q("snapshot_date"))
            rules.append(Rule(col.name, "must be between 1900 and the snapshot's year",
                              ok + f"({_num(v)} < 1900 OR ({snap} IS NOT NULL AND "
                              f"{_num(v)} > year({snap})))"))
    elif col.kind == "decimal":
        rules.append(Rule(col.name, "not a number",
                          nonempty + f"NOT regexp_full_match({v}, '{_DEC}')"))
        ok = nonempty + f"regexp_full_match({v}, '{_DEC}') AND "
        rules += [Rule(r.column, r.message, ok + r.bad) for r in _range_rules(col, v)]
    elif col.kind == "gender":
        known = [a for aliases in GENDER_ALIASES.values() for a in aliases]
        rules.append(Rule(col.name, "unknown gender code; use woman, man or other",
                          nonempty + f"lower({v}) NOT IN {_lit(known)}"))
    elif col.kind == "boolean":
        rules.append(Rule(col.name, "unknown boolean; use true/false, 1/0 or ja/nej",
                          nonempty + f"lower({v}) NOT IN {_lit(BOOLEAN_TRUE + BOOLEAN_FALSE)}"))
    elif col.kind == "choice":
        rules.append(Rule(col.name, f"must be one of {', '.join(col.choices)}",
                          nonempty + f"lower({v}) NOT IN {_lit(col.choices)}"))
    return rules


def _text_rules(col: Column, cell: str = "") -> list[Rule]:
    """Rules for every column: no control characters, no text longer than the limit."""
    cap = limit("max_text_chars")
    cell = cell or _q(col.name)
    return [
        Rule(col.name, CONTROL_MESSAGE,
             f"{cell} IS NOT NULL AND regexp_matches({cell}, '{CONTROL_CHARS}')"),
        Rule(col.name, too_long_message(cap),
             f"{cell} IS NOT NULL AND length({cell}) > {cap}"),
    ]


def _mixed_marks_sql(st: Staged) -> list[tuple[str, str]]:
    """Per text decimal column: SQL aggregates (comma count, dot count, first comma row)."""
    out = []
    for col in st.schema.columns:
        if col.kind != "decimal" or col.name not in st.columns or col.name in st.types:
            continue  # a typed number has no decimal comma
        v = _v(col)
        comma = f"regexp_full_match({v}, '[+-]?[0-9]+,[0-9]+')"
        out.append((col.name, f"count(*) FILTER (WHERE {comma}), count(*) FILTER (WHERE "
                    f"regexp_full_match({v}, '[+-]?[0-9]+\\.[0-9]+')), min(_row) FILTER "
                    f"(WHERE {comma})"))
    return out


def _allowed(values: Sequence[str]) -> list[str]:
    """Values a cell may hold exactly as they are and pass every rule of its column."""
    cap = limit("max_text_chars")
    return [v for v in values if v and v == v.strip() and len(v) <= cap
            and not re.search(CONTROL_CHARS, v)]


def _bounds(col: Column, x: str) -> list[str]:
    out = []
    if col.minimum is not None:
        out.append(f"{x} >= {col.minimum}")
    if col.maximum is not None:
        out.append(f"{x} <= {col.maximum}")
    if col.above is not None:
        out.append(f"{x} > {col.above}")
    return out


_ISO_STRICT = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_UINT = "[0-9]{1,15}"


def _fine(st: Staged, col: Column, config: Config) -> str | None:
    """SQL true for a cell that surely passes every rule of its column (a typed Parquet
    value in the usual range, a known code, a plain ISO date), so the contract's text rules
    run only on the other cells; None when every cell needs them. The guard is sufficient,
    not necessary: a cell it does not pass is judged by the rules, so problems and counts
    are exactly those of the rules alone."""
    x = _q(col.name)
    typed = st.types.get(col.name)
    cap = limit("max_text_chars")
    conds: list[str] = []
    if col.kind == "date":
        if typed and cap >= 10:  # DATE prints as YYYY-MM-DD
            conds = [f"{x} IS NOT NULL", f"year({x}) BETWEEN 1900 AND 2200"]
        elif not typed and cap >= 10:
            conds = [f"regexp_full_match({x}, '{_ISO_STRICT}')",
                     f"TRY_CAST({x} AS DATE) BETWEEN DATE '1900-01-01' AND DATE '2200-12-31'"]
    elif col.kind in ("integer", "year") and cap >= 20:
        n = x if typed else f"TRY_CAST({x} AS BIGINT)"
        conds = [f"{x} IS NOT NULL"] if typed else [f"regexp_full_match({x}, '{_UINT}')"]
        conds += _bounds(col, n)
        if col.kind == "year":
            snap = _q("snapshot_date")
            if "snapshot_date" in st.types:
                conds += [f"{snap} IS NOT NULL", f"{n} >= 1900", f"{n} <= year({snap})"]
            elif "snapshot_date" in st.columns:
                conds += [f"regexp_full_match({snap}, '{_ISO_STRICT}')", f"{n} >= 1900",
                          f"{n} <= year(TRY_CAST({snap} AS DATE))"]
            else:
                return None
    elif col.kind == "decimal" and typed and cap >= 30:
        # a DOUBLE prints without an exponent from 0.0001 up to 10^16
        conds = [f"{x} IS NOT NULL", *_bounds(col, x)]
        if typed in ("DOUBLE", "FLOAT"):
            conds.append(f"({x} = 0 OR abs({x}) BETWEEN 0.0001 AND 1e15)")
    elif col.kind == "boolean" and typed and cap >= 5:
        conds = [f"{x} IS NOT NULL"]
    elif col.kind == "gender" and not typed:
        known = _allowed([a for aliases in GENDER_ALIASES.values() for a in aliases])
        conds = [f"{x} IN {_lit(known)}"] if known else []
    elif col.kind == "department" and not typed:
        codes = _allowed(config.department_codes)
        conds = [f"{x} IN {_lit(codes)}"] if codes else []
    elif col.kind == "choice" and not typed:
        conds = [f"{x} IN {_lit(_allowed(col.choices))}"] if _allowed(col.choices) else []
    if not conds:
        return None
    fine = " AND ".join(conds)
    return fine if col.required else f"({x} IS NULL OR ({fine}))"


def _ranges(con: Any, relation: str, bad: str, limit: int = 5) -> str:
    """``2–521, 600, 702–710, …``: the rows where ``bad`` holds, as runs of consecutive rows."""
    runs = con.execute(
        f"SELECT min(_row), max(_row) FROM (SELECT _row, _row - row_number() OVER "
        f"(ORDER BY _row) AS run FROM {relation} WHERE {bad}) GROUP BY run ORDER BY 1 "
        f"LIMIT {limit + 1}").fetchall()
    text = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:limit]]
    return ", ".join(text + (["…"] if len(runs) > limit else []))


def _problems(con: Any, st: Staged, column: str, message: str, bad: str, n: int,
              value: str | None = None) -> list[Problem]:
    """The problems of one broken rule: each row when few, else one line naming the runs
    of rows and a few of the values, so one mistake does not hide the others."""
    value = value or _cell(st, column)
    if n < GROUP_FROM:
        rows = con.execute(f"SELECT _row, {value} FROM {st.relation} WHERE {bad} "
                           "ORDER BY _row").fetchall()
        return [Problem(st.source.label, int(row), column, message,
                        "" if val is None else shown(str(val))) for row, val in rows]
    examples = con.execute(
        f"SELECT v FROM (SELECT {value} AS v, min(_row) AS first FROM {st.relation} "
        f"WHERE {bad} GROUP BY v) WHERE v IS NOT NULL AND trim(v) <> '' ORDER BY first "
        "LIMIT 3").fetchall()
    first = con.execute(f"SELECT min(_row) FROM {st.relation} WHERE {bad}").fetchone()[0]
    return [Problem(st.source.label, int(first), column, message,
                    ", ".join(shown(str(e[0])) for e in examples) or None, count=n,
                    rows=_ranges(con, st.relation, bad))]


def _duplicates(con: Any, st: Staged,
                raw: frozenset[str] = frozenset()) -> tuple[list[Problem], int]:
    """Duplicate keys: one aggregate counts them; only when there are any are their rows
    found. ``raw``: text key columns (and ``organisation``) whose every cell trim() leaves
    as it is (or empty), grouped as they are instead of trimmed."""
    keys = st.schema.unique
    if not keys:
        return [], 0
    # a typed key's text is one-to-one with its value: group on the value
    exprs = [_q(k) if k in st.types or k in raw else f"trim({_q(k)})" for k in keys]
    # many organisations: the same id in two organisations is two people
    org = _q("organisation") if "organisation" in raw else _ORG
    cols = ", ".join(([org] if "organisation" in st.columns else []) + exprs)
    filled = " AND ".join(f"{e} IS NOT NULL" if k in st.types else f"{e} <> ''"
                          for k, e in zip(keys, exprs, strict=True))  # empty keys: "is empty"
    total = int(con.execute(
        f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {st.relation} "
        f"WHERE {filled} GROUP BY {cols} HAVING count(*) > 1)").fetchone()[0])
    if not total:
        return [], 0
    shown_key = f"trim({_cell(st, keys[-1])})"
    sql = (f"SELECT _row, {cols}, {shown_key}, first_value(_row) OVER (PARTITION BY {cols} "
           f"ORDER BY _row) AS first, row_number() OVER (PARTITION BY {cols} ORDER BY _row) "
           f"AS nth FROM {st.relation} WHERE {filled}")
    scope = f" for the same {', '.join(keys[:-1])}" if len(keys) > 1 else ""
    message = f"duplicate {keys[-1]}{scope}"
    if total >= GROUP_FROM:
        bad = f"_row IN (SELECT _row FROM ({sql}) WHERE nth > 1)"
        return _problems(con, st, keys[-1], message, bad, total, shown_key), total
    rows = con.execute(f"SELECT * FROM ({sql}) WHERE nth > 1 ORDER BY _row").fetchall()
    problems = [Problem(st.source.label, int(r[0]), keys[-1],
                        f"{message} (first at row {r[-2]})", shown(str(r[-3]))) for r in rows]
    return problems, total


# kinds whose columns usually hold few distinct values: judged once per value
# (``_by_value``) when the first rows show few (a free text unique to each row would fill
# memory with its values, and gains nothing)
_FEW_VALUES = ("text", "gender", "choice", "department", "organisation", "boolean")
_SAMPLE_ROWS = 20_000
_FEW = 1_000  # distinct values (in the first rows) judged one by one
_MAX_VALUES = 100_000  # … and in all rows


def _value_groups(st: Staged, config: Config) -> list[tuple[str, ...]]:
    """The columns judged per distinct value, in groups judged together: with many
    organisations a department is judged with its row's organisation; a free-text key
    (an employee id) has as many values as rows and is judged row by row."""
    few = [c.name for c in st.schema.columns if c.kind in _FEW_VALUES
           and c.name not in st.types and not (c.kind == "text" and c.name in st.schema.unique)]
    if config.many and "organisation" in few and "department" in few:
        return [("organisation", "department"),
                *((n,) for n in few if n not in ("organisation", "department"))]
    return [(n,) for n in few]


def _by_value(con: Any, st: Staged, rules: list[Rule], groups: list[tuple[str, ...]]
              ) -> tuple[str, list[tuple[str, ...]], list[str]]:
    """Judge each group's distinct values once, by the same rules, into temporary tables
    (``_ok<i>``: no rule of the group's columns is broken; ``_plain<i>``: its key columns
    are as trim() leaves them). Returns the staged rows joined to them, the groups so
    judged (those of few values) and the tables."""
    if not groups:
        return st.relation, [], []
    sample = con.execute("SELECT " + ", ".join(
        f"count(DISTINCT ({', '.join(_q(n) for n in g)}))" for g in groups)
        + f" FROM (SELECT * FROM {st.relation} LIMIT {_SAMPLE_ROWS})").fetchone()
    keys = {*st.schema.unique, "organisation"}
    joins, marks, tables = [], [], []
    used: list[tuple[str, ...]] = []
    for group, seen in zip(groups, sample, strict=True):
        if seen > _FEW:
            continue
        i = len(used)
        table = f"_ligestat_values{i}"
        cols = ", ".join(_q(n) for n in group)
        ok = " AND ".join(f"NOT coalesce({r.bad}, false)" for r in rules
                          if r.column in group) or "true"
        plain = " AND ".join(f"coalesce({_q(n)} = trim({_q(n)}), false)" for n in group
                             if n in keys) or "true"
        tables.append(table)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {cols}, {ok} AS _ok{i}, "
                    f"{plain} AS _plain{i} FROM (SELECT DISTINCT {cols} FROM {st.relation})")
        if con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > _MAX_VALUES:
            con.execute(f"DROP TABLE {table}")  # few at first, many in all: row by row
            continue
        used.append(group)
        on = " AND ".join(f"s.{_q(n)} IS NOT DISTINCT FROM v{i}.{_q(n)}" for n in group)
        joins.append(f" LEFT JOIN {table} v{i} ON {on}")
        marks.append(f", coalesce(v{i}._ok{i}, false) AS _ok{i}, "
                     f"coalesce(v{i}._plain{i}, false) AS _plain{i}")
    if not used:
        return st.relation, [], tables
    return (f"(SELECT s.*{''.join(marks)} FROM {st.relation} s{''.join(joins)})", used,
            tables)


def validate_staged(con: Any, st: Staged, config: Config) -> tuple[list[Problem], int]:
    """Problems in one staged table and the total number of broken cells.

    One scan counts every rule and the decimal marks (a cell its column's guard passes,
    ``_fine``, is not tested further; columns of few values are judged once per value,
    ``_by_value``), one aggregate counts duplicate keys; only broken rules are then read
    for their rows."""
    if config.many:
        organisation_table(con, config)
    snapshot = _cell(st, "snapshot_date")
    rules = [r for c in st.schema.columns
             for r in _column_rules(st.schema, c, config, _cell(st, c.name), snapshot)]
    rules += [r for c in st.schema.columns if c.name in st.columns
              for r in _text_rules(c, _cell(st, c.name))]
    if not rules or st.rows == 0:
        return [], 0
    tables: list[str] = []
    try:
        relation, groups, tables = _by_value(con, st, rules, _value_groups(st, config))
        return _scan(con, st, rules, relation, groups, config)
    finally:  # also after an error or Ctrl-C, which must stay the one reported
        with contextlib.suppress(Exception):
            for table in tables:
                con.execute(f"DROP TABLE IF EXISTS {table}")


def _scan(con: Any, st: Staged, rules: list[Rule], relation: str,
          groups: list[tuple[str, ...]], config: Config) -> tuple[list[Problem], int]:
    """The one scan counting every rule, then the rows of the broken ones."""
    grouped = {n for g in groups for n in g}
    guards = {c.name: g for c in st.schema.columns if c.name not in grouped
              and (g := _fine(st, c, config)) is not None}
    guards |= {n: f"_ok{i}" for i, g in enumerate(groups) for n in g}
    # free-text columns of many values: one search for control characters over the row's
    # texts together
    texts = [c for c in st.schema.columns if c.name in st.columns and c.name not in guards
             and c.name not in st.types and c.kind == "text"]
    cap = limit("max_text_chars")
    for c in texts:
        x = _q(c.name)
        plain = f"NOT _ctl AND strlen({x}) <= {cap}"  # bytes ≥ characters
        guards[c.name] = (f"{_plain_start(x)} AND {plain}" if c.required
                          else f"({x} IS NULL OR ({plain}))")
    names = {name: f"_fine{i}" for i, name in enumerate(guards)}
    guarded = [i for i, r in enumerate(rules) if r.column in names]
    unguarded = [i for i, r in enumerate(rules) if r.column not in names]
    marks = _mixed_marks_sql(st)
    # key columns grouped as they are when trim() leaves every cell as it is
    raw_keys = [(n, f"count(*) FILTER (WHERE NOT _plain{i})") for i, g in enumerate(groups)
                for n in g if n in {*st.schema.unique, "organisation"}]
    raw_keys += [(k, f"count(*) FILTER (WHERE {_q(k)} <> '' AND NOT ({_plain(_q(k))}))")
                 for k in st.schema.unique if k not in st.types and k not in grouped]
    inner = ", ".join(f"{g} AS {names[c]}" for c, g in guards.items())
    rows = relation
    if texts:
        joined = ", ".join(_q(c.name) for c in texts)
        rows = (f"(SELECT *, regexp_matches(concat({joined}), '{CONTROL_CHARS}') AS _ctl "
                f"FROM {relation})")
    source = f"(SELECT *{', ' + inner if inner else ''} FROM {rows})"
    # a row every guard passes breaks no guarded rule: the scan counts those rows, and
    # the guarded rules are counted only when there are any, over them alone (a count
    # per rule and row costs more than the rules' own tests)
    unsure = f"NOT coalesce({' AND '.join(names.values())}, false)" if names else "false"
    counts = con.execute("SELECT " + ", ".join(
        [f"count(*) FILTER (WHERE {rules[i].bad})" for i in unguarded] + [m for _, m in marks]
        + [c for _, c in raw_keys] + [f"count(*) FILTER (WHERE {unsure})"])
        + f" FROM {source}").fetchone()
    found = dict(zip(unguarded, counts, strict=False))
    if counts[-1]:
        # CASE, not AND: DuckDB evaluates both sides of an AND on every row, a CASE's
        # ELSE only on the rows that reach it
        found.update(zip(guarded, con.execute("SELECT " + ", ".join(
            f"count(*) FILTER (WHERE CASE WHEN {names[r.column]} THEN false ELSE {r.bad} END)"
            for r in (rules[i] for i in guarded)) + f" FROM {source} WHERE {unsure}"
        ).fetchone(), strict=True))
    problems: list[Problem] = []
    total = 0
    for i, rule in enumerate(rules):
        n = found.get(i, 0)
        if not n:
            continue
        total += int(n)
        problems += _problems(con, st, rule.column, rule.message, rule.bad, int(n))
    mixed = []
    at = len(unguarded)
    for i, (column, _) in enumerate(marks):
        comma, dot, first = counts[at + 3 * i: at + 3 * i + 3]
        if comma and dot:
            mixed.append(Problem(st.source.label, int(first), column,
                                 "mixed decimal marks ('.' and ',') in one column; use one"))
    plain = counts[at + 3 * len(marks):-1]
    raw = frozenset(n for (n, _), bad in zip(raw_keys, plain, strict=True) if not bad)
    dups, ndups = _duplicates(con, st, raw)
    return sorted(problems + mixed + dups), total + len(mixed) + ndups


def typed_column(col: Column, st: Staged | None = None, config: Config | None = None) -> str:
    """SQL converting a staged column into the workspace's typed value: a text column
    (trimmed), or with ``st`` a typed Parquet column, which keeps its value; a cell that
    passes its column's guard is taken as it is."""
    if st is not None and col.name in st.types:
        x = _q(col.name)
        return {"date": f"CAST({x} AS DATE)", "integer": f"CAST({x} AS BIGINT)",
                "year": f"CAST({x} AS BIGINT)", "decimal": f"CAST({x} AS DOUBLE)"}.get(col.kind, x)
    expr = _text_typed(col)
    if st is None or config is None:
        return expr
    x = _q(col.name)
    if col.kind == "text":  # a cell without blanks around it is stored as it is (no copy)
        return f"CASE WHEN {_plain(x)} THEN {x} ELSE nullif(trim({x}), '') END"
    if col.kind == "organisation" or (col.kind == "department" and config.many):
        return f"CASE WHEN {_plain(x)} THEN {x} ELSE {expr} END"
    if col.kind == "gender":  # the canonical codes as they are, aliases through the CASE
        return f"CASE WHEN {x} IN ('woman', 'man', 'other') THEN {x} ELSE {expr} END"
    if col.kind in ("date", "department", "choice") and (fine := _fine(st, col, config)):
        plain = f"CAST({x} AS DATE)" if col.kind == "date" else x
        return f"CASE WHEN {x} IS NOT NULL AND {fine} THEN {plain} ELSE {expr} END"
    return expr


def _text_typed(col: Column) -> str:
    """SQL converting a text column (trimmed) into the workspace's typed value."""
    v = _v(col)
    empty = f"({_q(col.name)} IS NULL OR {v} = '')"
    if col.kind == "date":
        expr = f"CAST({_iso_text(v)} AS DATE)"
    elif col.kind in ("integer", "year"):
        expr = f"CAST(split_part({v}, '.', 1) AS BIGINT)"
    elif col.kind == "decimal":
        expr = f"CAST(replace({v}, ',', '.') AS DOUBLE)"
    elif col.kind == "gender":
        cases = " ".join(f"WHEN lower({v}) IN {_lit(a)} THEN '{g}'"
                         for g, a in GENDER_ALIASES.items())
        expr = f"CASE {cases} END"
    elif col.kind == "boolean":
        expr = f"lower({v}) IN {_lit(BOOLEAN_TRUE)}"
    elif col.kind == "choice":
        expr = f"lower({v})"
    else:
        expr = v
    if col.name == "employment_type":
        return f"CASE WHEN {empty} THEN 'ordinary' ELSE {expr} END"
    return f"CASE WHEN {empty} THEN NULL ELSE {expr} END"


def typed_select(st: Staged, config: Config | None = None) -> str:
    """SQL selecting the staged table's cells as the workspace's typed columns."""
    cols = ", ".join(f"{typed_column(c, st, config)} AS {_q(c.name)}" for c in st.schema.columns)
    return f"SELECT {cols} FROM {st.relation}"
