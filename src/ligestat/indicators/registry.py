"""The indicator registry: one definition per indicator carries everything about it.

An :class:`Indicator` is a name, a help text, its row keys (``columns``, and
which of them identify a row: ``keys``), a function writing its SQL for a
report year (from the year's :class:`Selection`), its disclosure shape
(:class:`~ligestat.indicators.shape.Shape`), its targets (:class:`Target`:
kind, threshold setting with default, the row key holding the judgement) and
the labels its targets need in each report language. From the registry follow:
the ``[targets]`` config keys (:mod:`ligestat.settings`), the disclosure
relations (:mod:`ligestat.disclosure`), the report's front-page summary and
``docs/indicators.md``.

The built-in families (``staff``, ``managers``, ``leave``, ``sick_days``,
``population``) register with :func:`indicator` exactly as an extension would;
see docs/indicators.md, "Adding an indicator".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ligestat.indicators.shape import Shape
from ligestat.settings import SETTINGS, Setting, register_setting, unregister_setting
from ligestat.targets import KINDS as TARGET_KINDS
from ligestat.targets import TARGETS_SECTION

if TYPE_CHECKING:
    from ligestat.config import Config

__all__ = ["REGISTRY", "Indicator", "Row", "Selection", "Shared", "Tables", "Target", "dept_frame",
           "dept_frame_by_year", "indicator", "register", "sql_list", "targets", "unregister"]

Row = Mapping[str, Any]  # one row of a table: row key → value
Tables = Mapping[str, Sequence[Row]]  # indicator name → rows, as compute() returns them
SQL_DIALECT = "duckdb"  # the dialect every indicator's SQL is written in, once


@dataclass(frozen=True)
class Selection:
    """The year's selection: everything an indicator's SQL may depend on."""

    year: int
    config: Config
    snapshot_date: date | None  # the staff snapshot for the year (None: not needed)
    cohort_start: date
    cohort_end: date
    population_date: date | None = None  # latest population date on or before 31 January
    pay_year: int = 0  # pay.csv's year the pay tables read (report year − 1 by default)
    # (last report year, table department codes) runs for per-year tables
    # (``ligestat.history.epochs``); empty: every year uses ``config``'s departments
    epochs: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def target(self, target_id: str) -> Fraction:
        """A target's threshold from the config's ``[targets]``, as an exact fraction."""
        target = next(t for t in targets() if t.id == target_id)
        return Fraction(str(self.config.targets[target.setting]))

    @property
    def staff_filter(self) -> str:
        types = sql_list(self.config.staff_employment_types)
        return f"snapshot_date = DATE '{self.snapshot_date}' AND employment_type IN {types}"


@dataclass(frozen=True)
class Target:
    """A target (måltal) judged in an indicator's rows.

    ``kind``: ``balance`` (each gender at least a share of a group, judged per
    department), ``min_share`` (a share at least a threshold) or ``max_gap`` (a
    gap in percentage points at most a threshold); see :mod:`ligestat.targets`.
    ``column``: the row key holding the judgement (true, false or null).
    ``setting``: its threshold's key in ``[targets]``, with ``default``
    (a share for ``balance``/``min_share``, percentage points for ``max_gap``).
    ``value``: the figure judged, shown on the front page (``min_share``,
    ``max_gap``). ``period``: a row key of periods (years); the front page
    judges the latest. ``label`` / ``goal``: label keys of its front-page row
    (``goal`` is rendered with ``goal`` = the threshold); default
    ``target_<id>`` and ``goal_<id>``.
    """

    id: str
    kind: str
    column: str
    setting: str
    default: float
    help: str
    setting_help: str = ""  # the setting's meaning in docs/config.md (default: help)
    value: str = ""
    period: str = ""
    label: str = ""
    goal: str = ""
    indicator: str = ""  # the table it is judged in; set when registered

    @property
    def unit(self) -> str:
        return "pp" if self.kind == "max_gap" else "share"

    @property
    def label_key(self) -> str:
        return self.label or f"target_{self.id}"

    @property
    def goal_key(self) -> str:
        return self.goal or f"goal_{self.id}"

    def config_setting(self) -> Setting:
        return Setting(TARGETS_SECTION, self.setting, "number" if self.unit == "pp" else "share",
                       self.default, self.setting_help or self.help,
                       documented_in="docs/indicators.md")


@dataclass(frozen=True)
class Shared:
    """One statement giving the rows of several indicators, so that a family computed
    from the same rows reads them once (pay: one scan for three tables). Its column
    ``part`` names the indicator a row belongs to; ``columns`` are the statement's, the
    union of its members' columns (and ``part``, and any it orders by). Each member's rows
    come in the member's order."""

    columns: tuple[str, ...]
    sql: Callable[[Selection], str]


@dataclass(frozen=True)
class Indicator:
    """One indicator: SQL, row shape, disclosure shape, targets and labels."""

    name: str
    help: str
    columns: tuple[str, ...]  # row keys, in order
    sql: Callable[[Selection], str]
    keys: tuple[str, ...] = ()  # the columns that identify a row (labels, not figures)
    disclosure: Shape | None = None
    targets: tuple[Target, ...] = ()
    labels: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))  # lang → label key → Jinja template
    contract: bool = True  # part of CONTRACT.md §3's output
    needs_snapshot: bool = False
    history: str = ""  # a table of this one's totals per report_year (last year's fallback)
    # optional tables (pay): computed only when the SQL ``present(sel)`` gives a row
    present: Callable[[Selection], str] | None = None
    # a last step on the fetched rows, given the store (its ``con`` reads it; pay: exact
    # judgement near a threshold)
    finish: Callable[[Any, Selection, list[dict[str, Any]]], list[dict[str, Any]]] | None = None
    # a statement this indicator's rows are read from, with other indicators' (``sql``
    # stays the statement for this table alone)
    shared: Shared | None = None

    def statement(self, sel: Selection) -> tuple[str, tuple[str, ...]]:
        """The statement run for this indicator and its columns: its own or the shared one."""
        if self.shared is None:
            return self.sql(sel), self.columns
        return self.shared.sql(sel), self.shared.columns


REGISTRY: dict[str, Indicator] = {}


def targets() -> tuple[Target, ...]:
    """Every registered target, in registration order."""
    return tuple(t for ind in REGISTRY.values() for t in ind.targets)


def _check(ind: Indicator) -> None:
    def fail(problem: str) -> None:
        raise ValueError(f"indicator {ind.name!r}: {problem}")

    if ind.name in REGISTRY:
        fail("registered twice")
    missing = [k for k in ind.keys if k not in ind.columns]
    if missing:
        fail(f"keys {missing} are not among its columns")
    if ind.disclosure is not None:
        absent = [k for k in (*ind.disclosure.counts, *ind.disclosure.group_keys)
                  if k not in ind.columns]
        if absent:
            fail(f"disclosure shape names {absent}, not among its columns")
        for link in ind.disclosure.links:
            if link.table_a not in REGISTRY and link.table_a != ind.name:
                fail(f"links to {link.table_a!r}, which is not registered (yet)")
    if ind.shared is not None:
        absent = [c for c in ("part", *ind.columns) if c not in ind.shared.columns]
        if absent:
            fail(f"its shared statement lacks the columns {absent}")
    known = {t.id for t in targets()}
    for t in ind.targets:
        if t.kind not in TARGET_KINDS:
            fail(f"target {t.id}: kind must be one of {', '.join(TARGET_KINDS)}")
        if t.id in known:
            fail(f"target {t.id} registered twice")
        for key in (t.column, t.value, t.period):
            if key and key not in ind.columns:
                fail(f"target {t.id}: {key!r} is not among its columns")
        if t.kind != "balance" and not t.value:
            fail(f"target {t.id}: a {t.kind} target names the value it judges")
        known.add(t.id)


def register(ind: Indicator) -> Indicator:
    """Add an indicator (and its targets' settings) to the registry; returns it."""
    ind = replace(ind, targets=tuple(replace(t, indicator=ind.name) for t in ind.targets))
    _check(ind)
    for t in ind.targets:  # validate every setting before changing anything
        setting = t.config_setting()
        if SETTINGS.get((setting.section, setting.name), setting) != setting:
            raise ValueError(f"indicator {ind.name!r}: target {t.id}: [targets] {t.setting} "
                             "is registered already with another default, unit or help")
    for t in ind.targets:
        register_setting(t.config_setting())
    REGISTRY[ind.name] = ind
    return ind


def unregister(name: str) -> None:
    """Remove an indicator, and the target settings no other indicator uses."""
    ind = REGISTRY.pop(name)
    used = {t.setting for t in targets()}
    for t in ind.targets:
        if t.setting not in used:
            unregister_setting(TARGETS_SECTION, t.setting)


def indicator(name: str, help: str, columns: tuple[str, ...], *, keys: tuple[str, ...],
              disclosure: Shape | None, targets: tuple[Target, ...] = (),
              labels: Mapping[str, Mapping[str, str]] | None = None, contract: bool = True,
              needs_snapshot: bool = False, history: str = "",
              present: Callable[[Selection], str] | None = None,
              finish: Callable[[Any, Selection, list[dict[str, Any]]], list[dict[str, Any]]]
              | None = None, shared: Shared | None = None,
              ) -> Callable[[Callable[[Selection], str]], Callable[[Selection], str]]:
    """Register the decorated SQL builder as indicator ``name`` (see :class:`Indicator`)."""

    def decorate(build: Callable[[Selection], str]) -> Callable[[Selection], str]:
        register(Indicator(name, help, columns, build, keys, disclosure, targets,
                           MappingProxyType({k: MappingProxyType(dict(v))
                                             for k, v in (labels or {}).items()}),
                           contract, needs_snapshot, history, present, finish, shared))
        return build

    return decorate


def sql_list(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def dept_frame_by_year(sel: Selection) -> str:
    """SQL VALUES ``f(lo, hi, department, ord)``: the table departments a data year
    ``lo ≤ year ≤ hi`` of a per-year table is shown with — the departments of the report
    its data came with (:func:`ligestat.history.epochs`), so an earlier year's rows are
    not put under this year's departments; ``total`` last in each run.

    Join with ``ON y.year BETWEEN f.lo AND f.hi`` and the usual department condition.
    """
    runs = sel.epochs or ((sel.year, tuple(d.code for d in sel.config.table_departments)),)
    rows, lo = [], 0
    for last, codes in runs:
        hi = last - 1 if last < sel.year else 9999  # data year y belongs to report year y + 1
        for i, code in enumerate((*codes, "total")):
            rows.append(f"({lo}, {hi}, '{code.replace(chr(39), chr(39) * 2)}', {i})")
        lo = hi + 1
    return f"(VALUES {', '.join(rows)}) AS f(lo, hi, department, ord)"


def dept_frame(config: Config) -> str:
    """SQL VALUES of the table departments in config order, then 'total' last.

    Join data rows with ``ON (f.department = 'total' OR d.department = f.department)``
    so the total counts every unit, also those with ``in_tables = false``.
    """
    rows = [f"('{d.code.replace(chr(39), chr(39) * 2)}', {i})"
            for i, d in enumerate(config.table_departments)]
    rows.append(f"('total', {len(rows)})")
    return f"(VALUES {', '.join(rows)}) AS f(department, ord)"
