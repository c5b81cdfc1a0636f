"""One table's validation: every rule of ``ligestat.rules`` counted in one scan → problems.

Columns of few values (codes, departments, organisations, agreements) are judged once per
distinct value, by the same rules, and joined back to the rows; every other column has a
guard (``ligestat.rules._fine``) that a cell surely passing its rules passes. The scan
counts the rules not so covered and the rows no guard passes; only when there are any
are the guarded rules counted, over those rows alone. One aggregate counts duplicate keys;
only broken rules are then read for their rows (file, row, column, value).
"""

from __future__ import annotations

import contextlib
from typing import Any

from ligestat.config import Config
from ligestat.errors import Problem
from ligestat.io import Staged
from ligestat.limits import CONTROL_CHARS, limit, shown
from ligestat.rules import (
    _ORG,
    Rule,
    _cell,
    _column_rules,
    _fine,
    _mixed_marks_sql,
    _plain,
    _plain_start,
    _q,
    _text_rules,
    organisation_table,
)

__all__ = ["GROUP_FROM", "validate_staged"]

GROUP_FROM = 4  # a rule broken in this many rows or more is one line with its row ranges


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
