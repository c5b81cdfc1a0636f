"""The organisation config, ``ligestat.toml``, as a typed, immutable value.

Every key is a registered setting (:mod:`ligestat.settings`): the parser
validates every section against the registry when the file is loaded, and an
unknown or misspelt key is an error naming the file and the key. Every key but
the departments has a default (CONTRACT.md §2). ``docs/config.md`` is generated
from the registry (``python -m ligestat.settings > docs/config.md``)::

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
    manager_min_share = 0.40      # every indicator's target has its threshold here
    manager_rounding = "ceil"     # ceil | nearest | eu

    [disclosure]
    policy = "public"             # public | standard | strict
    [disclosure.tables.fathers_leave]   # per-table overrides, read by ligestat.disclosure
    min_count = 5

    [report]
    lang = "da"
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ligestat.errors import ConfigError
from ligestat.io.schema import TABLES
from ligestat.settings import (
    SECTIONS,
    Section,
    Setting,
    convert,
    load_builtins,
    register_section,
    register_setting,
    section_settings,
)
from ligestat.targets import TARGETS_SECTION

__all__ = [
    "CONFIG_FILENAME",
    "EMPLOYMENT_TYPES",
    "REPORT_LANGS",
    "Config",
    "Department",
    "Targets",
    "demo_config",
    "load_config",
    "parse_config",
]

CONFIG_FILENAME = "ligestat.toml"
EMPLOYMENT_TYPES = ("ordinary", "trainee", "flexjob", "extraordinary")
REPORT_LANGS = ("da", "en")
TABLE_RULES = "disclosure.tables.TABLE"  # registered by ligestat.disclosure.policy
SOURCE_KEYS = ("population", "staff", "agreements", "managers", "leave", "sick_days",
               "initiatives")


# the top-level tables an organisation's own section may override, key by key
ORG_OVERRIDES = ("staff", "parental_leave", "pay", "targets", "disclosure")
_ORGS_DOC = """Every table of the data then carries an `organisation` column naming each row's
organisation; a value not listed here is an error. Each organisation's tables are exactly
what `ligestat tables` gives for its rows alone with a config holding its name, its
departments and the top level's other keys (an organisation's own `[staff]`,
`[parental_leave]`, `[pay]`, `[targets]` or `[disclosure]` keys replace the top level's,
key by key). An organisation without departments gets only the `total` rows of the
department tables, and its rows' `department` may be empty. A top-level `[departments]`
cannot be combined with `[organisations]`. See `docs/organisations.md`:

```toml
organisation = "Kommunerne i Region Midt"     # the data set's name

[organisations."751"]
name = "Aarhus Kommune"
[organisations."751".departments.BUF]
name = "Børn og Unge"

[organisations."791"]
name = "Viborg Kommune"                       # no departments: total rows only
[organisations."791".targets]
manager_min_share = 0.35
```"""

COLUMNS_SECTION = "columns.TABLE"
_COLUMNS_DOC = """Payroll and HR systems export their own headers; map each contract column to the
header the file has. Headers are matched case-insensitively; a column's key must be one
of that table's columns; unmapped columns keep the contract's names:

```toml
[columns.employees]
employee_id = "Medarbejdernr"
gender = "Køn"
department = "Forvaltning"
```

A mapped header that the file lacks is an error saying so; a header that is almost
a missing contract column's name (`departement`, `birthyear`) is an error that says
which column it probably is. Dates may be ISO (`2024-09-30`) or Danish day-first
(`30-09-2024`, `30.09.2024`); slashes are refused, since `09/10/2024` reads either way."""


def _register() -> None:
    for section in (
        Section("", "the top level"),
        Section("departments.CODE", "one table per department code",
                "A data row whose department code is not listed is an error: nothing is "
                "dropped\nfrom the totals silently."),
        Section("organisations.ID", "one table per organisation of a data set holding many "
                "organisations' rows; ID is the `organisation` column's value (a CVR number, "
                "a municipality code), quoted: `[organisations.\"29189846\"]`", _ORGS_DOC),
        Section("organisations.ID.departments.CODE", "one table per department code of the "
                "organisation (keys as in `[departments.CODE]`)"),
        Section("staff", "which employees and which snapshot the staff tables use"),
        Section("parental_leave", "the birth cohort of the leave tables"),
        Section("pay", "the pay year of the pay-transparency tables, see `docs/pay.md`"),
        Section("report", "report options, see `docs/report.md`"),
        Section(COLUMNS_SECTION, "the export's own column headers: contract column = \"header\", "
                "per input table (TABLE: " + ", ".join(f"`{t.name}`" for t in TABLES) + ")",
                _COLUMNS_DOC, names=lambda: tuple(t.name for t in TABLES)),
        Section("report.sources", "the source named under the tables of each kind (default: "
                "the contract's file names; see `docs/report.md`)"),
        Section("report.sources_en", "the same sources in English, for `lang = \"en\"` "
                "(default: a generic English source line; the Danish lines are never quoted "
                "in an English report)"),
    ):
        register_section(section)
    for setting in (
        Setting("", "organisation", "text", None,
                "the organisation's name, printed on every report (with `[organisations]`: "
                "the data set's name)",
                default_doc="(required without `[organisations]`)",
                check=lambda v: None if v.strip() else "must be a non-empty text"),
        Setting("", "departments", "table", None, "one table per department code, below",
                default_doc="none: the department tables have only their `total` row"),
        Setting("", "organisations", "table", None,
                "many organisations in one data set: one table per organisation id, below "
                "(`docs/organisations.md`)", default_doc="one organisation"),
        Setting("", "staff", "table", None,
                "which employees and which snapshot the staff tables use"),
        Setting("", "parental_leave", "table", None, "the birth cohort of the leave tables"),
        Setting("", "pay", "table", None,
                "the pay year of the pay-transparency tables, see `docs/pay.md`"),
        Setting("", TARGETS_SECTION, "table", None,
                "the targets (måltal) and how they are judged"),
        Setting("", "disclosure", "table", None, "disclosure control, see `docs/disclosure.md`",
                default_doc='`policy = "public"`'),
        Setting("", "report", "table", None, "report options, see `docs/report.md`"),
        Setting("", "columns", "table", None,
                "the export's own column headers, per table, below"),
        *(Setting(COLUMNS_SECTION, name, "text", None, f"the header holding `{name}`",
                  default_doc=f"`{name}`")
          for name in dict.fromkeys(c.name for t in TABLES for c in t.columns)),
        Setting("departments.CODE", "name", "text", None, "display name",
                default_doc="the code"),
        Setting("departments.CODE", "in_tables", "bool", True,
                "`false`: the unit is counted in every `total` row but shown in no table"),
        Setting("departments.CODE", "level_2_includes", "ints", (),
                "manager levels above 2 counted with level 2 in this department "
                "(Copenhagen's TMF: `[3]`)",
                check=lambda v: None if all(x > 2 for x in v) else "must list levels above 2"),
        Setting("organisations.ID", "name", "text", None,
                "the organisation's name, printed on its tables and report", required=True,
                check=lambda v: None if v.strip() else "must be a non-empty text"),
        Setting("organisations.ID", "departments", "table", None,
                "the organisation's department codes, below",
                default_doc="none: only `total` rows; its rows' `department` may be empty"),
        *(Setting("organisations.ID", key, "table", None,
                  f"the organisation's own `[{key}]` keys, over the top level's")
          for key in ORG_OVERRIDES),
        Setting("staff", "employment_types", "texts", ("ordinary",),
                "employment types the staff tables count "
                f"({', '.join(f'`{t}`' for t in EMPLOYMENT_TYPES)})",
                choices=EMPLOYMENT_TYPES),
        Setting("staff", "snapshot_date", "date", None, "a fixed staff snapshot date",
                default_doc="latest on or before 31 January of the report year"),
        Setting("parental_leave", "cohort_start", "date", None, "first birth date counted",
                default_doc="1 January of year − 2"),
        Setting("parental_leave", "cohort_end", "date", None, "last birth date counted",
                default_doc="31 December of year − 2"),
        Setting("pay", "year", "int", None,
                "the pay year (`pay.csv`'s `year`) the pay tables of a report year read",
                default_doc="report year − 1",
                check=lambda v: None if 1900 <= v <= 2200 else "must be a year such as 2024"),
        Setting("report", "lang", "choice", "da",
                "the report's language when `--lang` is not given", choices=REPORT_LANGS),
        Setting("report", "sources", "table", None,
                "the source named under each kind of table, below",
                default_doc="the contract's file names"),
        *(Setting("report.sources", key, "text", None, f"the source of the {key} tables",
                  default_doc="the contract's file name") for key in SOURCE_KEYS),
        Setting("report", "sources_en", "table", None,
                "the same source lines in English, below",
                default_doc="a generic English source line"),
        *(Setting("report.sources_en", key, "text", None,
                  f"the source of the {key} tables in an English report",
                  default_doc="a generic English source line") for key in SOURCE_KEYS),
    ):
        register_setting(setting)
    for dept in list(section_settings("departments.CODE").values()):
        register_setting(replace(dept, section="organisations.ID.departments.CODE"))


_register()


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
        load_builtins()
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
    where: str = CONFIG_FILENAME  # the file it was read from, for messages
    # [organisations."ID"]: each organisation's own config, by id, sorted (empty: one org)
    organisations: Mapping[str, Config] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def many(self) -> bool:
        """Whether the config lists many organisations (``[organisations]``)."""
        return bool(self.organisations)

    def organisation_config(self, org_id: str) -> Config:
        """The config of one organisation of a many-organisation config."""
        try:
            return self.organisations[org_id]
        except KeyError:
            raise ConfigError(f"{self.where}: no [organisations.\"{org_id}\"]; the config lists "
                              f"{', '.join(self.organisations) or 'none'}") from None

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


def _near(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def read_section(raw: Mapping[str, Any], section: str, where: str,
                 label: str | None = None) -> dict[str, Any]:
    """The keys of one table of the config, each checked against its registered setting.

    Unknown keys are an error naming ``where`` (the file), the table and the key;
    absent keys are left out (their defaults are the setting's). ``label`` is the
    table as the file names it (``departments.ADM`` for section ``departments.CODE``).
    """
    shown = f"{where}: [{label if label is not None else section}]" if (label or section) \
        else where
    settings = section_settings(section)
    unknown = [k for k in raw if k not in settings]
    if unknown:
        known = list(settings)
        plural = "s" if len(unknown) > 1 else ""
        raise ConfigError(f"{shown}: unknown key{plural} "
                          f"{', '.join(k + _near(k, known) for k in unknown)}; "
                          f"known: {', '.join(known)}")
    for name, setting in settings.items():
        if setting.required and name not in raw:
            raise ConfigError(f"{shown}: {name} is required ({setting.help})")
    return {k: convert(settings[k], v, shown) for k, v in raw.items()}


def _departments(raw: dict[str, Any], where: str, prefix: str = "",
                 section: str = "departments.CODE") -> tuple[Department, ...]:
    out = []
    for code, table in raw.items():
        if code.lower() == "total":
            raise ConfigError(f"{where}: 'total' is reserved and cannot be a department code")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [{prefix}departments.{code}] must be a table")
        d = read_section(table, section, where, f"{prefix}departments.{code}")
        out.append(Department(str(code), str(d.get("name", code)), d.get("in_tables", True),
                              d.get("level_2_includes", ())))
    return tuple(out)


def _disclosure(raw: dict[str, Any], where: str) -> tuple[str, dict[str, Any]]:
    d = read_section(raw, "disclosure", where)
    tables = {}
    names = SECTIONS[TABLE_RULES].names
    known = names() if names is not None else None
    for table, rules in d.get("tables", {}).items():
        if known is not None and table not in known:
            raise ConfigError(f"{where}: [disclosure.tables.{table}]: unknown table"
                              f"{_near(table, list(known))}; known: {', '.join(known)}")
        if not isinstance(rules, dict):
            raise ConfigError(f"{where}: [disclosure.tables.{table}] must be a table")
        tables[table] = read_section(rules, TABLE_RULES, where,
                                     f"disclosure.tables.{table}")
    overrides = {k: v for k, v in d.items() if k not in ("policy", "tables")}
    if tables:
        overrides["tables"] = tables
    return d.get("policy", "public"), overrides


def _columns(raw: Mapping[str, Any], where: str) -> Mapping[str, Mapping[str, str]]:
    """``[columns.employees] employee_id = "Medarbejdernr"``: headers of real exports."""
    tables = {t.name: t for t in TABLES}
    out: dict[str, Mapping[str, str]] = {}
    for table, mapping in raw.items():
        here = f"{where}: [columns.{table}]"
        if table not in tables:
            raise ConfigError(f"{here}: no input table {table!r}{_near(table, list(tables))}; "
                              f"the tables are {', '.join(tables)}")
        if not isinstance(mapping, dict):
            raise ConfigError(f"{here} must be a table of column = \"header\"")
        own = list(tables[table].column_names)
        unknown = [k for k in mapping if k not in own]
        if unknown:
            raise ConfigError(f"{here}: unknown key {unknown[0]}{_near(unknown[0], own)}; "
                              f"known: {', '.join(own)}")
        values = read_section(mapping, COLUMNS_SECTION, where, f"columns.{table}")
        bad = [k for k, v in values.items() if not str(v).strip()]
        if bad:
            raise ConfigError(f"{here}: {', '.join(bad)} must name a header")
        headers = [str(v).strip().lower() for v in values.values()]
        twice = sorted({h for h in headers if headers.count(h) > 1})
        if twice:
            raise ConfigError(f"{here}: the header {twice[0]!r} is mapped to two columns")
        out[table] = MappingProxyType({k: str(v).strip() for k, v in values.items()})
    return MappingProxyType(out)


def _build(top: dict[str, Any], where: str, text: str, name: str,
           departments: tuple[Department, ...]) -> Config:
    """A Config from the checked top-level keys ``top`` (an organisation's: merged)."""
    staff = read_section(top.get("staff", {}), "staff", where)
    leave = read_section(top.get("parental_leave", {}), "parental_leave", where)
    pay = read_section(top.get("pay", {}), "pay", where)
    targets = Targets(**read_section(top.get(TARGETS_SECTION, {}), TARGETS_SECTION, where))
    policy, overrides = _disclosure(top.get("disclosure", {}), where)
    report = read_section(top.get("report", {}), "report", where)
    for key in ("sources", "sources_en"):
        if key in report:
            report[key] = read_section(report[key], f"report.{key}", where)
    defaults = section_settings("staff")
    return Config(
        organisation=name,
        departments=departments,
        targets=targets,
        staff_employment_types=staff.get("employment_types",
                                         defaults["employment_types"].default),
        snapshot_date=staff.get("snapshot_date"),
        cohort_start=leave.get("cohort_start"),
        cohort_end=leave.get("cohort_end"),
        pay_year=pay.get("year"),
        disclosure_policy=policy,
        disclosure_overrides=MappingProxyType(overrides),
        report=MappingProxyType(report),
        source_text=text,
        where=where,
        columns=_columns(top.get("columns", {}), where),
    )


def _organisation(top: dict[str, Any], org_id: str, raw: Any, where: str,
                  text: str) -> Config:
    """One ``[organisations."ID"]``: its name and departments, the top level's other keys
    with its own ``[staff]``, ``[targets]``, … keys over them."""
    label = f'organisations."{org_id}"'
    if not org_id.strip():
        raise ConfigError(f"{where}: [organisations.\"\"]: an organisation id cannot be empty")
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [{label}] must be a table (name = \"…\")")
    own = read_section(raw, "organisations.ID", where, label)
    merged = {k: v for k, v in top.items()
              if k not in ("organisation", "organisations", "departments")}
    for key in ORG_OVERRIDES:
        if key in own:  # checked here, so that a message names the organisation's table
            read_section(own[key], key, where, f"{label}.{key}")
            merged[key] = {**merged.get(key, {}), **own[key]}
    departments = _departments(own.get("departments", {}), where, f"{label}.",
                               "organisations.ID.departments.CODE")
    return _build(merged, where, text, own["name"].strip(), departments)


def parse_config(text: str, where: str = CONFIG_FILENAME) -> Config:
    """Parse the text of a ``ligestat.toml``; ``where`` names it in error messages."""
    load_builtins()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise ConfigError(f"{where}: nested too deeply to be a ligestat config "
                          "(thousands of [[ or { levels); check the file") from None
    top = read_section(raw, "", where)
    if "organisations" not in top:
        if "organisation" not in top:
            raise ConfigError(f"{where}: organisation is required (the organisation's name, "
                              "printed on every report)")
        return _build(top, where, text, top["organisation"].strip(),
                      _departments(top.get("departments", {}), where))
    if "departments" in top:
        raise ConfigError(f"{where}: [departments] cannot be combined with [organisations]: "
                          "list each organisation's departments under "
                          "[organisations.\"ID\".departments.CODE]")
    if not top["organisations"]:
        raise ConfigError(f"{where}: [organisations] lists no organisation; add "
                          "[organisations.\"ID\"] with name = \"…\" for each")
    orgs = {str(k): _organisation(top, str(k), v, where, text)
            for k, v in sorted(top["organisations"].items())}
    name = top.get("organisation", f"{len(orgs)} organisations").strip()
    base = _build({k: v for k, v in top.items() if k != "organisations"}, where, text, name, ())
    return replace(base, organisations=MappingProxyType(orgs))


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
    return replace(config, **changes)
