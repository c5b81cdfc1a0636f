"""Lifting: one organisation's indicator SQL, run once for many organisations.

An indicator's SQL is written for one organisation's rows (:mod:`ligestat.organisations`
runs it over views holding one organisation each). Run that way, a hundred
organisations cost a hundred plannings of every query, and planning, not reading,
is most of the time. :func:`lift` rewrites the statement so that one query gives every
organisation's rows at once, each exactly what the statement gives over that
organisation's rows alone:

- every contract table it reads holds the batch's organisations' rows;
- every SELECT that reads such rows carries ``organisation`` (the last column), groups,
  partitions its windows and joins by it; a relation of constants joined to them (a
  frame of genders, say) is repeated for each organisation;
- a frame that differs between organisations (their departments) becomes one table of
  (organisation, row) pairs (:func:`mask` finds the frames in the text);
- the outer ORDER BY starts with ``organisation``.

A statement whose meaning lifting could change is refused (:class:`Unliftable`): an
aggregate without GROUP BY (it gives a row even for no rows), LIMIT, a subquery in an
expression that reads contract tables, a star over several such relations, a set
operation of mixed branches. The caller then runs it organisation by organisation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["ORG", "Masked", "Unliftable", "lift", "literals", "mask"]

ORG = "organisation"
_HOLE = "__ligestat_frame_"  # a frame's stand-in table in a masked statement
_ORGS_ALIAS = "__ligestat_orgs"


class Unliftable(Exception):
    """The statement uses something lifting does not rewrite faithfully."""


@dataclass(frozen=True)
class Masked:
    """A statement with its frames (``(VALUES …) AS alias(columns)``) cut out: ``text``
    names frame ``i`` ``__ligestat_frame_i``; ``frames[i]`` is that frame's rows (the
    text between ``VALUES`` and its closing parenthesis)."""

    text: str
    frames: tuple[str, ...]


_VALUES = re.compile(r"\(\s*VALUES\b", re.IGNORECASE)
_ALIAS = re.compile(r"\s*AS\s+(\w+)\s*\(([^()]*)\)", re.IGNORECASE)


_TOKEN = re.compile(r"'(?:[^']|'')*(?:'|$)|[()]")  # a quoted string (to its end), a parenthesis


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the one at ``start`` (quotes respected)."""
    depth = 0
    for m in _TOKEN.finditer(text, start):
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth == 0:
                return m.start()
    raise Unliftable("unbalanced parentheses")


def mask(sql: str) -> Masked:
    """Cut the aliased VALUES frames out of ``sql`` (see :class:`Masked`)."""
    out: list[str] = []
    frames: list[str] = []
    pos = 0
    for m in _VALUES.finditer(sql):
        if m.start() < pos:
            continue
        end = _closing(sql, m.start())
        alias = _ALIAS.match(sql, end + 1)
        if alias is None:  # a VALUES without a column list stays in the text
            continue
        out.append(sql[pos:m.start()])
        cols = tuple(c.strip() for c in alias.group(2).split(","))
        out.append(f"{_HOLE}{len(frames)} AS {alias.group(1)}({', '.join(cols)})")
        frames.append(sql[m.end():end].strip())
        pos = alias.end()
    out.append(sql[pos:])
    return Masked("".join(out), tuple(frames))


_LITERAL = re.compile(r"\s*(?:'((?:[^']|'')*)'|(-?\d+))\s*(?:,|$)")


def literals(row: str) -> list[str | int] | None:
    """A row of a frame (``'D1', 0``) as Python values; None unless every value is a
    string or an integer literal."""
    out: list[str | int] = []
    pos = 0
    while pos < len(row):
        m = _LITERAL.match(row, pos)
        if m is None or m.end() == pos:
            return None
        out.append(m.group(1).replace("''", "'") if m.group(1) is not None
                   else int(m.group(2)))
        pos = m.end()
    return out


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _rows(body: str) -> list[str]:
    """The rows of a VALUES body: ``(a, b), (c, d)`` → ``['a, b', 'c, d']``."""
    rows: list[str] = []
    i = 0
    while True:
        start = body.find("(", i)
        if start < 0:
            return rows
        end = _closing(body, start)
        rows.append(body[start + 1:end])
        i = end + 1


def lift(masked: Masked, orgs: Mapping[str, Sequence[str]], tables: Sequence[str], *,
         every: bool = False,
         frame: Callable[[list[tuple[str, list[str]]]], str | None] | None = None) -> str:
    """One statement giving, for every organisation of ``orgs`` (id → its frames' bodies,
    in :class:`Masked` order), the rows ``masked`` gives over that organisation's rows
    of ``tables``, with ``organisation`` as the last column. ``every``: ``orgs`` holds
    every organisation the tables hold, so they are read unfiltered. ``frame``: given a
    frame that differs between organisations, as (organisation, its rows' SQL literals),
    the name of a relation of its (organisation, …) rows, or None; by default (and for
    None) the rows are written into the statement as VALUES, which DuckDB binds row by
    row (a hundred organisations' departments cost tens of milliseconds a statement).
    Raises :class:`Unliftable`."""
    ids = list(orgs)
    varying = [i for i in range(len(masked.frames))
               if len({tuple(orgs[o])[i] for o in ids}) > 1]
    if "__ligestat" in masked.text.replace(_HOLE, ""):
        raise Unliftable("the statement holds lifting's own names")
    template = _lifted(masked.text, frozenset(tables), frozenset(varying), not every)
    frames = []
    for i, body in enumerate(orgs[ids[0]]):
        if i in varying:
            rows = [(o, _rows(orgs[o][i])) for o in ids]
            name = frame(rows) if frame is not None else None
            if name is not None:
                frames.append(name)
                continue
            body = ", ".join(f"({_lit(o)}, {row})" for o, own in rows for row in own)
        frames.append(f"(VALUES {body})")
    org_list = ", ".join(_lit(o) for o in ids)
    return _NAMES.sub(lambda m: frames[int(m.group(1))] if m.group(1) else org_list, template)


_NAMES = re.compile(rf"\b(?:{_HOLE}(\d+)|__ligestat_org_list)\b")


@lru_cache(maxsize=256)
def _lifted(text: str, tables: frozenset[str], varying: frozenset[int], filtered: bool) -> str:
    """The lifted template of a masked statement (:func:`lift` fills in its frames and
    organisations), or :class:`Unliftable`; kept on disk between runs
    (:mod:`ligestat.engines.lift_cache`)."""
    from ligestat.engines import lift_cache

    key = [text, sorted(tables), sorted(varying), filtered]
    kept = lift_cache.load(key)
    if kept is not None:
        if "refused" in kept:
            raise Unliftable(kept["refused"])
        return kept["sql"]
    try:
        template = _rewrite(text, tables, varying, filtered)
    except Unliftable as exc:
        lift_cache.store(key, {"refused": str(exc)})
        raise
    lift_cache.store(key, {"sql": template})
    return template


def _rewrite(text: str, tables: frozenset[str], varying: frozenset[int], filtered: bool) -> str:
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(text, read="duckdb")
    except sqlglot.errors.ParseError as exc:  # pragma: no cover - the registry's own SQL
        raise Unliftable(str(exc)) from None
    if not isinstance(tree, exp.Select | exp.Union):
        raise Unliftable("not a query")
    if not _Lifter(tables, {f"{_HOLE}{i}" for i in varying}, filtered).query(tree, {}, top=True):
        raise Unliftable("the statement reads no organisation's rows")
    return str(tree.sql(dialect="duckdb"))


class _Lifter:
    def __init__(self, tables: frozenset[str], varying_frames: set[str], filtered: bool) -> None:
        self.tables = tables
        self.filtered = filtered
        self.varying = varying_frames

    # -- queries -------------------------------------------------------------------------

    def query(self, node: Any, ctes: dict[str, bool], *, top: bool = False) -> bool:
        """Lift a query in place; whether its rows now carry ``organisation``."""
        from sqlglot import exp

        scope = dict(ctes)
        with_ = node.args.get("with_")
        if with_ is not None:
            if with_.args.get("recursive"):
                raise Unliftable("recursive CTE")
            for cte in with_.expressions:
                scope[cte.alias_or_name] = self.query(cte.this, scope)
        if isinstance(node, exp.Union):
            sides = [self.query(node.left, scope), self.query(node.right, scope)]
            if len(set(sides)) > 1:
                raise Unliftable("a set operation of organisation rows and constants")
            if top and node.args.get("order"):
                raise Unliftable("ORDER BY on a set operation")
            if node.args.get("limit") or node.args.get("offset"):
                raise Unliftable("LIMIT")
            return sides[0]
        if isinstance(node, exp.Subquery):
            return self.query(node.this, scope, top=top)
        if not isinstance(node, exp.Select):
            raise Unliftable(f"{node.key} as a query")
        return self.select(node, scope, top)

    def _source_org(self, source: Any, scope: dict[str, bool]) -> bool:
        from sqlglot import exp

        if isinstance(source, exp.Table):
            if source.db or source.catalog:
                raise Unliftable("a qualified table")
            name = source.name
            if name in scope:
                return scope[name]
            if name in self.varying:
                return True
            if name.startswith(_HOLE):
                return False
            if name in self.tables:
                return True
            raise Unliftable(f"unknown relation {name}")
        if isinstance(source, exp.Subquery):
            return self.query(source.this, scope)
        if isinstance(source, exp.Values):
            return False
        if isinstance(source, exp.Unnest | exp.Lateral):
            raise Unliftable("a table function")
        raise Unliftable(f"{source.key} in FROM")

    def select(self, node: Any, scope: dict[str, bool], top: bool) -> bool:
        from sqlglot import exp

        if node.args.get("limit") or node.args.get("offset"):
            raise Unliftable("LIMIT")
        from_ = node.args.get("from_")
        joins = list(node.args.get("joins") or ())
        if from_ is None:
            self._no_subqueries(node, scope)
            return False
        sources = [from_.this, *(j.this for j in joins)]
        orgs = [self._source_org(s, scope) for s in sources]
        self._no_subqueries(node, scope)
        if not any(orgs):
            return False
        # the name of each source, with an alias where it has none
        names = []
        for i, source in enumerate(sources):
            if not source.alias_or_name or (isinstance(source, exp.Subquery) and not source.alias):
                source.set("alias", exp.TableAlias(this=exp.to_identifier(f"__ligestat_s{i}")))
            names.append(source.alias_or_name)
        for i, (source, is_org) in enumerate(zip(sources, orgs, strict=True)):
            if isinstance(source, exp.Table) and source.name in self.tables \
                    and source.name not in scope and self.filtered:
                self._filter_table(source)
            if isinstance(source, exp.Table) and source.name in self.varying:
                self._org_frame(source)
            if not is_org:
                self._repeat(source, names[i])
        first = names[0]
        for i, join in enumerate(joins, start=1):
            if join.args.get("using"):
                join.set("using", [*join.args["using"], exp.to_identifier(ORG)])
                continue
            if join.args.get("method") or join.args.get("kind") in ("SEMI", "ANTI"):
                raise Unliftable("a special join")
            equal = exp.EQ(this=exp.column(ORG, first), expression=exp.column(ORG, names[i]))
            on = join.args.get("on")
            if join.args.get("kind") == "CROSS" or on is None:
                join.set("kind", None)
            join.set("on", equal if on is None else exp.and_(exp.paren(on), equal))
        star = any(isinstance(e, exp.Star) or (isinstance(e, exp.Column)
                   and isinstance(e.this, exp.Star)) for e in node.expressions)
        if star and len(sources) > 1:
            raise Unliftable("a star over several relations")
        aggregate = any(isinstance(a, exp.AggFunc) and not a.find_ancestor(exp.Window)
                        for e in node.expressions for a in e.find_all(exp.AggFunc))
        group = node.args.get("group")
        if aggregate and group is None:
            raise Unliftable("an aggregate without GROUP BY")
        if node.args.get("distinct") and node.args["distinct"].args.get("on"):
            raise Unliftable("DISTINCT ON")
        org = exp.column(ORG, first) if len(sources) > 1 else exp.column(ORG)
        if not star:
            node.set("expressions", [*node.expressions, exp.alias_(org.copy(), ORG)])
            if group is not None and not group.args.get("all"):
                group.set("expressions", [*group.expressions, org.copy()])
        elif group is not None:
            raise Unliftable("a star with GROUP BY")
        for window in node.find_all(exp.Window):
            if window.find_ancestor(exp.Select) is node:
                window.set("partition_by", [org.copy(), *(window.args.get("partition_by") or ())])
        if top:
            order = node.args.get("order")
            first_key = exp.Ordered(this=exp.column(ORG) if star else
                                    exp.Literal.number(len(node.expressions)))
            if order is None:
                node.set("order", exp.Order(expressions=[first_key]))
            else:
                order.set("expressions", [first_key, *order.expressions])
        return True

    def _no_subqueries(self, node: Any, scope: dict[str, bool]) -> None:
        """A subquery in an expression (not in FROM) may read only constants."""
        from sqlglot import exp

        parts = [*node.expressions, *(node.args.get(k) for k in ("where", "having", "qualify")),
                 *(j.args.get("on") for j in node.args.get("joins") or ())]
        for part in parts:
            if part is None:
                continue
            for sub in part.find_all(exp.Select):
                if any(t.name in self.tables or scope.get(t.name) or t.name in self.varying
                       for t in sub.find_all(exp.Table)):
                    raise Unliftable("a subquery over organisation rows in an expression")

    # -- sources -------------------------------------------------------------------------

    def _filter_table(self, table: Any) -> None:
        """A contract table → its batch's organisations' rows (same name as alias)."""
        from sqlglot import exp

        sub = _template(f"SELECT * FROM __t WHERE {ORG} IN (__ligestat_org_list)")
        sub.find(exp.Table).set("this", exp.to_identifier(table.name))
        table.replace(exp.Subquery(this=sub, alias=exp.TableAlias(
            this=exp.to_identifier(table.alias or table.name))))

    def _org_frame(self, table: Any) -> None:
        """A varying frame: its column list gains ``organisation`` first."""
        from sqlglot import exp

        alias = table.args.get("alias")
        cols = list(alias.columns) if alias is not None else []
        if alias is None or not cols:
            raise Unliftable("a frame without column names")
        alias.set("columns", [exp.to_identifier(ORG), *cols])

    def _repeat(self, source: Any, name: str) -> None:
        """A relation of constants → the same rows once per organisation of the batch."""
        from sqlglot import exp

        sub = _template(f"SELECT {_ORGS_ALIAS}.{ORG}, __n.* FROM __t CROSS JOIN "
                        f"(SELECT unnest([__ligestat_org_list]) AS {ORG}) AS {_ORGS_ALIAS}")
        sub.expressions[1].set("table", exp.to_identifier(name))
        sub.args["from_"].set("this", source.copy())
        source.replace(exp.Subquery(this=sub, alias=exp.TableAlias(
            this=exp.to_identifier(name))))


@lru_cache(maxsize=8)
def _parsed_template(sql: str) -> Any:
    import sqlglot

    return sqlglot.parse_one(sql, read="duckdb")


def _template(sql: str) -> Any:
    """A fixed statement of lifting's own, parsed once, as a fresh tree."""
    return _parsed_template(sql).copy()
