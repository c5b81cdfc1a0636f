"""Many organisations in one data set (CONTRACT.md §1): every organisation's tables at once.

A data set whose config lists ``[organisations."ID"]`` carries an ``organisation`` column
in every table. Each organisation's tables are computed by the *same* indicator SQL as a
single organisation's, over a view of the store holding that organisation's rows only
(:func:`for_organisation`; in a warehouse, every table read through a filter on
the organisation), with that organisation's config — so they are identical,
by construction, to ``ligestat tables`` on its rows alone, disclosure control and its
audit included (each organisation is suppressed on its own). In a workspace, each
statement runs once for every organisation (:func:`prefetch`, :mod:`ligestat.engines.lift`),
not once per organisation: planning a query costs more than running it on one
organisation's rows.

Outputs: the contract's document for many organisations (:func:`document`), one long
table for analysts (:func:`long_rows`, :func:`write_parquet`) and a comparison of each
organisation's key figures with its rank among the others (:func:`comparison`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ligestat.config import Config
from ligestat.errors import ConfigError, InputError, LigestatError
from ligestat.io.jsontext import dumps
from ligestat.io.schema import TABLES

if TYPE_CHECKING:
    from ligestat.api import Published
    from ligestat.indicators import Selection, Store

__all__ = ["COMPARISON", "Figure", "OrganisationStore", "comparison", "document",
           "for_organisation", "long_rows", "organisation_ids", "publish_all",
           "write_comparison", "write_json_dir", "write_parquet"]

CONTRACT_VERSION = 2


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class OrganisationStore:
    """One organisation's rows of a DuckDB workspace, as a store the indicators run on.

    A cursor of its own whose contract tables are temporary views of the organisation's
    rows (temporary objects come first in DuckDB's name resolution), so every indicator,
    its ``present`` and ``finish`` hooks and the year's selection read that organisation
    only, unchanged.
    """

    def __init__(self, con: Any, org_id: str, config: Callable[[int], Config],
                 older_snapshot_year: int | None = None) -> None:
        self.org_id = org_id
        self._year_config = config
        self.older_snapshot_year = older_snapshot_year
        # rows of indicator statements fetched for many organisations at once (:func:`prefetch`)
        self.prefetched: dict[str, list[tuple[Any, ...]]] = {}
        self._snapshots: list[date] | None = None
        self.population_dates: list[date] | None = None  # when known: every date, ascending
        self._parent = con
        self._con: Any = None

    @property
    def con(self) -> Any:
        """A cursor whose contract tables are the organisation's rows (made when first
        used: with everything prefetched, a view may never need it)."""
        if self._con is None:
            database = self._parent.execute("SELECT current_database()").fetchone()[0]
            con = self._parent.cursor()
            con.execute("SET enable_progress_bar = false")
            for t in TABLES:  # context keeps its rowid: the report reads it in file order
                rowid = ", rowid AS rowid" if t.name == "context" else ""
                con.execute(
                    f'CREATE OR REPLACE TEMP VIEW {t.name} AS SELECT *{rowid} FROM '
                    f'"{database}".main.{t.name} WHERE organisation = {_lit(self.org_id)}')
            self._con = con
        return self._con

    @property
    def config(self) -> Config:
        return self._year_config(0)

    def year_config(self, year: int) -> Config:
        return self._year_config(year)

    def year_configs(self) -> list[tuple[int, Config]]:
        """Empty: the organisation's config counts for every year (as under ``--config``)."""
        return []

    def snapshots(self) -> list[date]:
        if self._snapshots is None:
            rows = self.con.execute(
                "SELECT DISTINCT snapshot_date FROM employees ORDER BY 1").fetchall()
            self._snapshots = [r[0] for r in rows]
        return list(self._snapshots)

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The organisation's rows of a contract table, as dicts (as ``Workspace.rows``)."""
        cur = self.con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            yield {k: v for k, v in zip(names, row, strict=True) if k != "organisation"}

    def narrative(self) -> tuple[Any, ...]:
        """No narrative files: they belong to a single organisation's data folder."""
        return ()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()


def organisation_ids(config: Config) -> list[str]:
    """The organisations a many-organisation config lists, sorted; an error for one."""
    if not config.many:
        raise ConfigError(f"{config.where}: lists no [organisations]; this needs a data set "
                          "of many organisations (docs/organisations.md)")
    return sorted(config.organisations)


def for_organisation(store: Store, org_id: str, config: Config | None = None) -> Store:
    """The view of ``store`` (a workspace) holding one organisation's rows, computed with
    that organisation's config: of ``config`` (a many-organisation config) when given,
    else of the config the store gives each year."""
    def year_config(year: int) -> Config:
        cfg = config or (store.year_config(year) if year else store.config)
        return cfg.organisation_config(org_id)

    from ligestat.engines import Warehouse

    if isinstance(store, Warehouse):  # the same SQL, each table filtered inside the engine
        view = store.organisation(org_id, year_config(0))
        view.older_snapshot_year = store.older_snapshot_year
        return view
    return OrganisationStore(store.con, org_id, year_config, store.older_snapshot_year)


def prefetch(con: Any, views: Mapping[str, Store],
             plans: Mapping[str, list[tuple[Selection, list[str]]]], *,
             listed: Iterable[str] = ()) -> None:
    """Fetch every organisation's indicator rows with one query per statement (an
    indicator's own or a shared one) and shape (:mod:`ligestat.engines.lift`), into each
    view's ``prefetched``.

    ``con``: the store's connection (all organisations' rows; a warehouse's translating
    one), ``views``: each organisation's store (:func:`for_organisation`), ``plans``: per
    organisation, the selections and indicators it will run (:func:`ligestat.api.plan`),
    ``listed``: every organisation the data may hold (the config's; a statement run for
    all of them reads the tables unfiltered).
    A statement is keyed by its exact SQL, so a view only ever reads the rows of the
    statement it runs; a statement lifting refuses, or the engine fails on, is left to
    run organisation by organisation.
    """
    from ligestat.engines.lift import Masked, Unliftable, lift, mask
    from ligestat.indicators import REGISTRY

    tables = [t.name for t in TABLES]
    # (the statement's columns or None, masked text) → organisation → (its SQL, masked);
    # None for the statements telling whether an optional table is present
    batches: dict[tuple[tuple[str, ...] | None, str], dict[str, tuple[str, Masked]]] = {}
    for org_id, runs in plans.items():
        for sel, names in runs:
            for name in names:
                ind = REGISTRY[name]
                statement, columns = ind.statement(sel)  # a shared one: once for all
                for key, sql in ((columns, statement),
                                 *(((None, ind.present(sel)),) if ind.present else ())):
                    try:
                        masked = mask(sql)
                    except Unliftable:
                        continue
                    batch = batches.setdefault((key, masked.text), {})
                    batch.setdefault(org_id, (sql, masked))  # another year's twin runs alone
    every = set(listed)
    frames = _FrameTables(con) if _is_duckdb(con) else None
    try:
        for (expected, _text), members in batches.items():
            first = next(iter(members.values()))[1]
            try:
                cur = con.execute(lift(first, {o: m.frames for o, (_, m) in members.items()},
                                       tables, every=bool(every) and every <= set(members),
                                       frame=frames))
            except Exception:  # refused, or the engine failed: each organisation on its own
                continue
            _keep(expected, members, cur, views)
    finally:
        if frames is not None:
            frames.drop()


def _keep(expected: tuple[str, ...] | None, members: Mapping[str, tuple[str, Any]], cur: Any,
          views: Mapping[str, Store]) -> None:
    """The rows of a lifted statement, split by organisation, into each view's
    ``prefetched`` under the organisation's own statement (``expected``: its columns,
    None for a presence check)."""
    from ligestat.engines.lift import ORG

    columns = tuple(d[0] for d in cur.description)
    if columns[-1:] != (ORG,) or (expected is not None and columns != (*expected, ORG)):
        return
    rows: dict[str, list[tuple[Any, ...]]] = {o: [] for o in members}
    for row in cur.fetchall():
        if row[-1] in rows:
            rows[row[-1]].append(row[:-1])
    for org_id, (sql, _) in members.items():
        prefetched: dict[str, Any] = getattr(views[org_id], "prefetched")  # noqa: B009
        prefetched[sql] = rows[org_id]


def _is_duckdb(con: Any) -> bool:
    import duckdb

    return isinstance(con, duckdb.DuckDBPyConnection)


class _FrameTables:
    """Frames that differ between organisations as temporary tables of the workspace's
    connection (``lift``'s ``frame``): inserted as typed lists, not bound as VALUES."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.made: dict[tuple[tuple[Any, ...], ...], str] = {}

    def __call__(self, rows: list[tuple[str, list[str]]]) -> str | None:
        from ligestat.engines.lift import literals

        values: list[tuple[Any, ...]] = []
        for org_id, own in rows:
            for row in own:
                parsed = literals(row)
                if parsed is None:
                    return None
                values.append((org_id, *parsed))
        key = tuple(values)
        if key in self.made:
            return self.made[key]
        if not values or len({len(v) for v in values}) != 1:
            return None
        columns = [list(c) for c in zip(*values, strict=True)]
        types = []
        for col in columns:
            if all(isinstance(v, str) for v in col):
                types.append("VARCHAR")
            elif all(isinstance(v, int) for v in col):  # as VALUES types its integers
                types.append("INTEGER" if all(-2**31 <= v < 2**31 for v in col) else "BIGINT")
            else:
                return None
        name = f"__ligestat_frames_{len(self.made)}"
        select = ", ".join(f"CAST(unnest(${i + 1}) AS {t}) AS c{i}" for i, t in enumerate(types))
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select}", columns)
        self.made[key] = name
        return name

    def drop(self) -> None:
        for name in self.made.values():
            self.con.execute(f"DROP TABLE IF EXISTS {name}")


def _known_dates(con: Any, views: Mapping[str, Store]) -> None:
    """Every organisation's staff snapshots and population dates, in two queries."""
    for table, column, field in (("employees", "snapshot_date", "_snapshots"),
                                 ("population", "date", "population_dates")):
        dates: dict[str, list[date]] = {o: [] for o in views}
        for org_id, found in con.execute(
                f"SELECT DISTINCT organisation, {column} FROM {table} "
                f"ORDER BY {column}").fetchall():
            if org_id in dates:
                dates[org_id].append(found)
        for org_id, view in views.items():
            setattr(view, field, dates[org_id])


def _plans(views: Mapping[str, Store], year: int, disclosure: str | None,
           names: list[str] | None) -> dict[str, list[tuple[Selection, list[str]]]]:
    """What :func:`ligestat.api.publish` will run for each organisation (one whose plan
    fails is left out: publishing it reports the error)."""
    from ligestat.api import plan

    plans = {}
    for org_id, view in views.items():
        try:
            plans[org_id] = plan(view, year, disclosure=disclosure, names=names)
        except LigestatError:
            continue
    return plans


def publish_all(store: Store, year: int, *, disclosure: str | None = None,
                names: Iterable[str] | None = None,
                only: Iterable[str] | None = None) -> dict[str, Published]:
    """Every organisation's published tables for ``year``, by id (sorted): disclosure per
    organisation. ``only``: just these ids.

    Every indicator statement runs once for all organisations (:func:`prefetch`), in a
    workspace as in a warehouse; each organisation is then published from its rows.
    """
    from ligestat.api import publish

    ids = organisation_ids(store.year_config(year))
    if only is not None:
        wanted = list(dict.fromkeys(only))
        unknown = [i for i in wanted if i not in ids]
        if unknown:
            raise InputError(f"no organisation {', '.join(map(repr, unknown))} in the config; "
                             f"it lists {_shown(ids)}")
        ids = wanted
    chosen = list(names) if names is not None else None

    cfg = store.year_config(year)
    views = {org_id: for_organisation(store, org_id, cfg) for org_id in ids}
    if len(views) > 1:  # every statement once for all organisations
        _known_dates(store.con, views)
        prefetch(store.con, views, _plans(views, year, disclosure, chosen),
                 listed=organisation_ids(cfg))

    def one(org_id: str) -> Published:
        try:
            return publish(views[org_id], year, disclosure=disclosure, names=chosen)
        except LigestatError as exc:
            name = cfg.organisation_config(org_id).organisation
            raise type(exc)(f'organisation "{org_id}" ({name}): {exc}') from None

    try:
        return {org_id: one(org_id) for org_id in ids}
    finally:
        for view in views.values():
            if isinstance(view, OrganisationStore):
                view.close()


def _shown(ids: list[str], limit: int = 10) -> str:
    return ", ".join(ids[:limit]) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def document(published: Mapping[str, Published], config: Config,
             year: int) -> dict[str, Any]:
    """The contract's document for many organisations: ``{"contract": 2, "year": Y,
    "organisations": {"ID": <that organisation's document>, …}}``, ids sorted."""
    return {
        "contract": CONTRACT_VERSION,
        "year": year,
        "organisations": {
            org_id: {"contract": CONTRACT_VERSION,
                     "organisation": config.organisation_config(org_id).organisation,
                     "year": year, "tables": published[org_id].tables}
            for org_id in sorted(published)},
    }


def write_json_dir(doc: Mapping[str, Any], folder: Path) -> list[Path]:
    """One contract document per organisation: ``FOLDER/ID.json``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the folder: {exc}") from None
    written = []
    for org_id, one in doc["organisations"].items():
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in org_id)
        path = folder / f"{safe}.json"
        path.write_text(dumps(one) + "\n", encoding="utf-8")
        written.append(path)
    return written


# -- the long table --------------------------------------------------------------------------

LONG_FIXED = ("organisation", "table", "row")
LONG_CELL = ("column", "value", "flag", "suppressed")


def long_rows(doc: Mapping[str, Any]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The document as one tidy table: one row per figure.

    Columns: ``organisation``, ``table``, ``row`` (the row's position in its table,
    from 0), one column per row key of any table (``gender``, ``age_band``,
    ``agreement``, ``department``, ``year``, …; empty where the table has no such key),
    then ``column`` (the figure's name), ``value`` (a number: counts, shares, gaps,
    money), ``flag`` (a target's or assessment's true/false) and ``suppressed``
    (true when disclosure control withheld it). A figure that cannot be computed has
    neither value nor flag and ``suppressed`` false.
    """
    from ligestat.indicators import REGISTRY

    key_names: list[str] = []
    for one in doc["organisations"].values():
        for table in one["tables"]:
            for key in (REGISTRY[table].keys if table in REGISTRY else ()):
                if key not in key_names:
                    key_names.append(key)
    columns = (*LONG_FIXED, *key_names, *LONG_CELL)
    out: list[tuple[Any, ...]] = []
    for org_id, one in doc["organisations"].items():
        for table, rows in one["tables"].items():
            keys = REGISTRY[table].keys if table in REGISTRY else ()
            for i, row in enumerate(rows):
                hidden = set(row.get("suppressed") or ())
                fixed = (org_id, table, i,
                         *(None if row.get(k) is None else str(row[k]) if k in keys else None
                           for k in key_names))
                for col, val in row.items():
                    if col in keys or col == "suppressed":
                        continue
                    flag = val if isinstance(val, bool) else None
                    number = float(val) if isinstance(val, int | float) and \
                        not isinstance(val, bool) else None
                    out.append((*fixed, col, number, flag, col in hidden))
    return columns, out


def write_parquet(doc: Mapping[str, Any], path: Path) -> int:
    """The long table (:func:`long_rows`) as one Parquet file; returns its rows."""
    import duckdb

    columns, rows = long_rows(doc)
    types = {"row": "INTEGER", "value": "DOUBLE", "flag": "BOOLEAN", "suppressed": "BOOLEAN"}
    con = duckdb.connect()
    try:
        lists = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in columns]
        select = ", ".join(f'CAST(unnest(${i + 1}) AS {types.get(c, "VARCHAR")}) AS "{c}"'
                           for i, c in enumerate(columns))
        con.execute(f"CREATE TABLE long AS SELECT {select}", lists)
        target = str(path).replace("'", "''")
        try:
            con.execute(f"COPY long TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        except duckdb.Error as exc:
            raise InputError(f"{path}: cannot write the Parquet file: "
                             f"{str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    return len(rows)


# -- the comparison table --------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One key figure of the comparison: a name, how it is read from an organisation's
    tables, and which way ranks run (``best="high"``: rank 1 is the largest value;
    ``"low"``: the smallest; ``"balanced"``: the nearest to an equal share, 0.5;
    ``"zero"``: the nearest to 0)."""

    name: str
    help: str
    read: Callable[[Mapping[str, list[dict[str, Any]]]], Any]
    best: str = "high"


def _row(tables: Mapping[str, list[dict[str, Any]]], table: str,
         **match: Any) -> dict[str, Any] | None:
    for row in tables.get(table, ()):
        if all(row.get(k) == v for k, v in match.items()):
            return row
    return None


def _cell(table: str, column: str, **match: Any) -> Callable[[Mapping[str, Any]], Any]:
    def read(tables: Mapping[str, Any]) -> Any:
        row = _row(tables, table, **match)
        return None if row is None else row.get(column)
    return read


def _staff(tables: Mapping[str, Any]) -> Any:
    rows = tables.get("staff_gender", ())
    ns = [r.get("n") for r in rows]
    return None if not rows or any(n is None for n in ns) else sum(ns)


def _targets(judge: Callable[[int, int], Any]) -> Callable[[Mapping[str, Any]], Any]:
    def read(tables: Mapping[str, Any]) -> Any:
        judged = [v for rows in tables.values() for r in rows for k, v in r.items()
                  if k.endswith("target_met") and isinstance(v, bool)]
        return judge(sum(judged), len(judged))
    return read


COMPARISON: tuple[Figure, ...] = (
    Figure("staff", "employees counted in the staff tables", _staff),
    Figure("women_share", "share of women among the staff",
           _cell("staff_gender", "share", gender="woman"), "balanced"),
    Figure("top_managers_women_share", "share of women among top managers (level 1, total)",
           _cell("managers_level_1", "women_share", department="total"), "balanced"),
    Figure("managers_level_2_women_share", "share of women among level-2 managers (total)",
           _cell("managers_level_2", "women_share", department="total"), "balanced"),
    Figure("targets_met", "targets met (every target_met cell that is true)",
           _targets(lambda met, _n: met)),
    Figure("targets_judged", "targets judged (every target_met cell that is true or false)",
           _targets(lambda _met, n: n)),
    Figure("targets_met_share", "share of the judged targets that are met",
           _targets(lambda met, n: met / n if n else None)),
    Figure("pay_gap_hourly_mean", "gap in mean hourly pay, (men − women) / men "
           "(when pay.csv is present)", _cell("pay_gap", "mean_gap", basis="hourly"), "zero"),
)


def _rank_key(figure: Figure, value: float) -> float:
    if figure.best == "high":
        return -value
    if figure.best == "balanced":
        return abs(value - 0.5)
    if figure.best == "zero":
        return abs(value)
    return value


def comparison(doc: Mapping[str, Any],
               figures: tuple[Figure, ...] = COMPARISON) -> list[dict[str, Any]]:
    """Each organisation's key figures and its rank among the others per figure
    (``rank_<figure>``: 1 is the best by :class:`Figure` ``best``; equal values share a
    rank, 1, 2, 2, 4; an organisation without the figure has no rank). Rows in id order."""
    rows = []
    for org_id, one in doc["organisations"].items():
        row: dict[str, Any] = {"organisation": org_id, "name": one["organisation"]}
        for f in figures:
            value = f.read(one["tables"])
            row[f.name] = value if isinstance(value, int | float) and \
                not isinstance(value, bool) else None
        rows.append(row)
    for f in figures:
        keys = [_rank_key(f, r[f.name]) for r in rows if r[f.name] is not None]
        for r in rows:
            r[f"rank_{f.name}"] = None if r[f.name] is None else \
                1 + sum(k < _rank_key(f, r[f.name]) for k in keys)
    return rows


def write_comparison(rows: list[dict[str, Any]], path: Path) -> None:
    """The comparison as CSV (``.csv``) or JSON (any other suffix)."""
    import csv

    try:
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["organisation"])
                writer.writeheader()
                writer.writerows(rows)
        else:
            path.write_text(dumps(rows) + "\n",
                            encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the comparison: {exc}") from None
