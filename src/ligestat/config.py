"""The organisation config, ``ligestat.toml``, as a typed, immutable value.

Every key but the departments has a default (CONTRACT.md §2). The full set of
keys, with their defaults, is documented in ``docs/config.md``::

    organisation = "Eksempel Kommune"

    [departments.ADM]
    name = "Administrationen"
    in_tables = true              # false: counted in "total" rows only
    level_2_includes = [3]        # manager levels counted with level 2 (TMF's structure)

    [staff]
    employment_types = ["ordinary"]
    snapshot_date = "2024-09-30"  # default: latest snapshot on or before 31 Jan of the year

    [parental_leave]
    cohort_start = "2023-01-01"   # default: 1 Jan of year − 2
    cohort_end = "2023-12-31"

    [pay]
    year = 2024                   # pay year; default: report year − 1

    [targets]
    manager_min_share = 0.40
    manager_rounding = "ceil"     # ceil | nearest | eu
    fathers_leave_ge11_min_share = 0.95
    fathers_leave_ge17_min_share = 0.60
    child_sick_days_max_gap_pp = 10.0

    [disclosure]
    policy = "public"             # public | standard | strict
    [disclosure.tables.fathers_leave]   # per-table overrides, read by ligestat.disclosure
    min_count = 5

    [report]
    lang = "da"
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ligestat.errors import ConfigError
from ligestat.settings import convert, section_settings
from ligestat.targets import ROUNDINGS, TARGETS_SECTION

__all__ = [
    "CONFIG_FILENAME",
    "KEYS",
    "ROUNDINGS",
    "Config",
    "Department",
    "Targets",
    "demo_config",
    "load_config",
    "parse_config",
]

CONFIG_FILENAME = "ligestat.toml"
# Every key the config accepts, per table ("" = top level); docs/config.md documents each.
KEYS: dict[str, tuple[str, ...]] = {
    "": ("organisation", "departments", "staff", "parental_leave", "targets", "disclosure",
         "report", "pay", "columns"),
    "departments.CODE": ("name", "in_tables", "level_2_includes"),
    "staff": ("employment_types", "snapshot_date"),
    "parental_leave": ("cohort_start", "cohort_end"),
    "pay": ("year",),
    # read by ligestat.report and ligestat.disclosure, documented here all the same
    "report": ("lang", "sources"),
    "disclosure": ("policy", "method", "min_count", "other_min_count", "show_counts",
                   "protection"),
}
EMPLOYMENT_TYPES = ("ordinary", "trainee", "flexjob", "extraordinary")


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    in_tables: bool = True
    level_2_includes: tuple[int, ...] = ()


class Targets(Mapping[str, Any]):
    """The ``[targets]`` thresholds by setting name, defaults filled in from the registry.

    Read as a mapping (``targets["manager_min_share"]``) or as attributes
    (``targets.manager_min_share``, as the report's templates do).
    """

    def __init__(self, **values: Any) -> None:
        known = section_settings(TARGETS_SECTION)
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(f"unknown target setting(s) {', '.join(unknown)}")
        merged = {name: s.default for name, s in known.items()}
        merged.update(values)
        self._values: Mapping[str, Any] = MappingProxyType(merged)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no target setting {name!r}") from None

    def __repr__(self) -> str:
        return f"Targets({', '.join(f'{k}={v!r}' for k, v in self._values.items())})"


@dataclass(frozen=True)
class Config:
    organisation: str
    departments: tuple[Department, ...]
    targets: Targets = field(default_factory=Targets)
    staff_employment_types: tuple[str, ...] = ("ordinary",)
    snapshot_date: date | None = None
    cohort_start: date | None = None
    cohort_end: date | None = None
    pay_year: int | None = None  # [pay] year; default: report year − 1
    disclosure_policy: str = "public"
    disclosure_overrides: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    report: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    source_text: str = ""  # the TOML it was parsed from, stored in the workspace
    # [columns.TABLE]: contract column → the export's own header, per input table
    columns: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))

    @property
    def department_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.departments)

    @property
    def table_departments(self) -> tuple[Department, ...]:
        """Departments shown as rows in tables (``in_tables = true``), in config order."""
        return tuple(d for d in self.departments if d.in_tables)

    def department(self, code: str) -> Department:
        for d in self.departments:
            if d.code == code:
                return d
        raise ConfigError(f"unknown department code {code!r}")


def _date(value: Any, key: str, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {key} must be a date YYYY-MM-DD ({value!r})") from None


def _table(raw: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{key}] must be a table")
    return value


def _known(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise ConfigError(f"{where}: unknown key{plural} {', '.join(unknown)}")


def _columns(raw: Mapping[str, Any], where: str) -> Mapping[str, Mapping[str, str]]:
    """``[columns.employees] employee_id = "Medarbejdernr"``: headers of real exports."""
    from ligestat.io.schema import TABLES

    tables = {t.name: t for t in TABLES}
    out: dict[str, Mapping[str, str]] = {}
    for table, mapping in _table(raw, "columns", where).items():
        here = f"{where}: [columns.{table}]"
        if table not in tables:
            raise ConfigError(f"{here}: no input table {table!r}; the tables are "
                              f"{', '.join(tables)}")
        if not isinstance(mapping, dict):
            raise ConfigError(f"{here} must be a table of column = \"header\"")
        _known(mapping, set(tables[table].column_names), here)
        bad = [k for k, v in mapping.items() if not isinstance(v, str) or not v.strip()]
        if bad:
            raise ConfigError(f"{here}: {', '.join(bad)} must name a header (a text)")
        headers = [v.strip().lower() for v in mapping.values()]
        twice = sorted({h for h in headers if headers.count(h) > 1})
        if twice:
            raise ConfigError(f"{here}: the header {twice[0]!r} is mapped to two columns")
        out[table] = MappingProxyType({k: str(v).strip() for k, v in mapping.items()})
    return MappingProxyType(out)


def parse_config(text: str, where: str = CONFIG_FILENAME) -> Config:
    """Parse the text of a ``ligestat.toml``; ``where`` names it in error messages."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    _known(raw, set(KEYS[""]), where)
    organisation = raw.get("organisation")
    if not isinstance(organisation, str) or not organisation.strip():
        raise ConfigError(f"{where}: organisation must be a non-empty text")
    deps_raw = _table(raw, "departments", where)
    if not deps_raw:
        raise ConfigError(f"{where}: at least one [departments.CODE] table is needed")
    departments = []
    for code, d in deps_raw.items():
        if not isinstance(d, dict):
            raise ConfigError(f"{where}: [departments.{code}] must be a table")
        _known(d, set(KEYS["departments.CODE"]), f"{where}: [departments.{code}]")
        name = d.get("name", code)
        in_tables = d.get("in_tables", True)
        levels = d.get("level_2_includes", [])
        if code.lower() == "total":
            raise ConfigError(f"{where}: 'total' is reserved and cannot be a department code")
        if not isinstance(in_tables, bool):
            raise ConfigError(f"{where}: [departments.{code}] in_tables must be true or false")
        if not isinstance(levels, list) or not all(isinstance(x, int) and x > 2 for x in levels):
            raise ConfigError(
                f"{where}: [departments.{code}] level_2_includes must list levels above 2"
            )
        departments.append(Department(str(code), str(name), in_tables, tuple(levels)))

    staff = _table(raw, "staff", where)
    _known(staff, set(KEYS["staff"]), f"{where}: [staff]")
    types = staff.get("employment_types", ["ordinary"])
    if not isinstance(types, list) or not types or any(t not in EMPLOYMENT_TYPES for t in types):
        raise ConfigError(
            f"{where}: [staff] employment_types must list some of {', '.join(EMPLOYMENT_TYPES)}"
        )
    leave = _table(raw, "parental_leave", where)
    _known(leave, set(KEYS["parental_leave"]), f"{where}: [parental_leave]")
    pay = _table(raw, "pay", where)
    _known(pay, set(KEYS["pay"]), f"{where}: [pay]")
    pay_year = pay.get("year")
    if pay_year is not None and (not isinstance(pay_year, int) or isinstance(pay_year, bool)
                                 or not 1900 <= pay_year <= 2200):
        raise ConfigError(f"{where}: [pay] year must be a year such as 2024 ({pay_year!r})")
    t = _table(raw, "targets", where)
    target_settings = section_settings(TARGETS_SECTION)
    _known(t, set(target_settings), f"{where}: [targets]")
    targets = Targets(**{k: convert(target_settings[k], v, f"{where}: [targets]")
                         for k, v in t.items()})
    disclosure = _table(raw, "disclosure", where)
    policy = disclosure.get("policy", "public")
    if not isinstance(policy, str):
        raise ConfigError(f"{where}: [disclosure] policy must be a text ({policy!r})")
    overrides = {k: v for k, v in disclosure.items() if k != "policy"}
    return Config(
        organisation=organisation.strip(),
        departments=tuple(departments),
        targets=targets,
        staff_employment_types=tuple(types),
        snapshot_date=_date(staff.get("snapshot_date"), "snapshot_date", f"{where}: [staff]"),
        cohort_start=_date(leave.get("cohort_start"), "cohort_start", f"{where}: [parental_leave]"),
        cohort_end=_date(leave.get("cohort_end"), "cohort_end", f"{where}: [parental_leave]"),
        pay_year=pay_year,
        disclosure_policy=policy,
        disclosure_overrides=MappingProxyType(overrides),
        report=MappingProxyType(_table(raw, "report", where)),
        source_text=text,
        columns=_columns(raw, where),
    )


def load_config(path: Path) -> Config:
    """Read and parse a ``ligestat.toml`` file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    return parse_config(text, str(path))


def demo_config() -> Config:
    """The City of Copenhagen's 2025 config: the demo's (``synth kk-2025``), nobody's default.

    A data folder without a ``ligestat.toml`` is an error (``resolve_config``), never
    silently Copenhagen's."""
    text = (Path(__file__).parent / "data" / "kk-2025.toml").read_text(encoding="utf-8")
    return parse_config(text, "ligestat/data/kk-2025.toml")


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy of ``config`` with some fields replaced (configs are immutable)."""
    from dataclasses import replace

    return replace(config, **changes)
