"""One dialect translation: indicator SQL is written once, in DuckDB's dialect, and
translated here for the engine that runs it (sqlglot).

Besides the dialect, the translation renames the contract's tables (``employees``,
``pay`` …) to the engine's normalising views (``ligestat_employees`` …, see
:mod:`ligestat.engines.warehouse`) and turns ``?`` parameters into literals, so every
engine receives one plain statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["VIEW_PREFIX", "literal", "translate"]

VIEW_PREFIX = "ligestat_"


def literal(value: Any) -> str:
    """A Python value as an SQL literal (DuckDB dialect; translated with the statement)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


@lru_cache(maxsize=512)
def _parse(sql: str) -> Any:
    import sqlglot

    return sqlglot.parse_one(sql, read="duckdb")


def translate(sql: str, dialect: str, sources: Mapping[str, str] | None = None,
              params: Sequence[Any] | None = None) -> str:
    """``sql`` (DuckDB dialect, ``?`` parameters) as one statement for ``dialect``.

    ``sources`` maps contract tables to SELECTs (DuckDB dialect) that stand in for them:
    each table the statement reads becomes a common table expression of that SELECT.
    """
    import sqlglot
    from sqlglot import exp

    tree = _parse(sql).copy()
    holders = list(tree.find_all(exp.Placeholder, bfs=False))  # in the order written
    if len(holders) != len(params or ()):
        raise ValueError(f"{len(params or ())} parameters for {len(holders)} placeholders")
    for holder, value in zip(holders, params or (), strict=True):
        holder.replace(sqlglot.parse_one(literal(value), read="duckdb"))
    if sources:
        tree = _with_sources(tree, sources)
    if dialect != "duckdb":
        tree = _portable(tree, dialect)
    return str(tree.sql(dialect=dialect))


def _with_sources(tree: Any, sources: Mapping[str, str]) -> Any:
    from sqlglot import exp

    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    used = []
    for table in tree.find_all(exp.Table):
        if not table.db and table.name in sources and table.name not in ctes:
            if table.name not in used:
                used.append(table.name)
            table.set("this", exp.to_identifier(VIEW_PREFIX + table.name))
    if not used:
        return tree
    prefix = ", ".join(f"{VIEW_PREFIX}{name} AS ({sources[name]})"
                       for name in sources if name in used)
    extra = _parse(f"WITH {prefix} SELECT 1").args["with_"].copy()
    head = tree.args.get("with_")
    if head is None:
        tree.set("with_", extra)
    else:
        head.set("expressions", [*extra.expressions, *head.expressions])
    return tree


def _within_group(value: Any, place: Any) -> Any:
    """The SQL standard's exact discrete percentile of ``value`` at ``place``."""
    from sqlglot import exp

    return exp.WithinGroup(
        this=exp.Anonymous(this="PERCENTILE_DISC", expressions=[place.copy()]),
        expression=exp.Order(expressions=[exp.Ordered(this=value.copy(), nulls_first=False)]))


def _portable(tree: Any, dialect: str) -> Any:
    """DuckDB conveniences the registry's SQL uses, spelt as every engine understands.

    ``GROUP BY ALL`` → the ordinals of the non-aggregate columns; ``HUGEINT`` (exact
    integer products in target judgements) → ``DECIMAL(38, 0)``; ``fsum`` (compensated
    sum) → ``sum``; ``any_value`` → ``min`` where the engine lacks it (PostgreSQL < 16),
    ``unnest(range(…))`` → ``generate_series(…)``, a set in PostgreSQL;
    a subquery in FROM gets the alias PostgreSQL < 16 requires; ``regexp_full_match`` →
    an anchored ``regexp_like`` (``~``, ``RLIKE``), with Java's ``$1`` group references
    in Spark's replacements; ``quantile_disc(x, q)`` → ``PERCENTILE_DISC(q) WITHIN GROUP
    (ORDER BY x)`` in Spark (which sqlglot would make an approximate percentile), one per
    place of a list of places.
    """
    from sqlglot import exp

    for match in list(tree.find_all(exp.RegexpFullMatch)):
        pattern = match.expression
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            anchored = exp.Literal.string(f"^(?:{pattern.this})$")
            match.replace(exp.RegexpLike(this=match.this, expression=anchored))
    if dialect == "spark":  # Java regex replacements name groups $1, not \1
        for repl in list(tree.find_all(exp.RegexpReplace)):
            text = repl.args.get("replacement")
            if isinstance(text, exp.Literal) and text.is_string:
                repl.set("replacement", exp.Literal.string(
                    re.sub(r"\\([0-9])", r"$\1", text.this)))
    if dialect == "spark":
        for disc in list(tree.find_all(exp.PercentileDisc)):
            places = disc.expression
            ones = [_within_group(disc.this, q) for q in
                    (places.expressions if isinstance(places, exp.Array) else [places])]
            disc.replace(exp.Array(expressions=ones) if isinstance(places, exp.Array)
                         else ones[0])
    for i, sub in enumerate(list(tree.find_all(exp.Subquery))):
        if not sub.alias and isinstance(sub.parent, exp.From | exp.Join):
            sub.set("alias", exp.TableAlias(this=exp.to_identifier(f"_sub{i}")))
    for dtype in list(tree.find_all(exp.DataType)):
        if dtype.this == exp.DataType.Type.INT128:
            dtype.replace(exp.DataType.build("DECIMAL(38, 0)"))
    for func in list(tree.find_all(exp.Anonymous)):
        if str(func.this).lower() == "fsum":
            func.replace(exp.Sum(this=func.expressions[0]))
    if dialect == "postgres":
        for func in list(tree.find_all(exp.AnyValue)):
            func.replace(exp.Min(this=func.this))
        for explode in list(tree.find_all(exp.Explode)):  # generate_series returns a set
            if isinstance(explode.this, exp.GenerateSeries):
                explode.replace(explode.this)
    for select in list(tree.find_all(exp.Select)):
        group = select.args.get("group")
        if group is not None and group.args.get("all"):
            ordinals = [exp.Literal.number(i + 1) for i, e in enumerate(select.expressions)
                        if not any(isinstance(n, exp.AggFunc) and not n.find_ancestor(exp.Window)
                                   for n in e.find_all(exp.AggFunc))]
            select.set("group", exp.Group(expressions=ordinals))
    return tree
