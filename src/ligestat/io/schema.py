"""The contract's input tables (CONTRACT.md §1) as declarative data.

Each column has a *kind* that names both its validation rule (``ligestat.rules``)
and its SQL conversion into the typed workspace table (``ligestat.workspace``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BOOLEAN_FALSE",
    "BOOLEAN_TRUE",
    "EMPLOYMENT_TYPES",
    "GENDER_ALIASES",
    "ORGANISATION",
    "PAY_MODEL_COLUMNS",
    "TABLES",
    "Column",
    "TableSchema",
    "table_schema",
]

GENDER_ALIASES: dict[str, tuple[str, ...]] = {
    "woman": ("woman", "w", "f", "female", "k", "kvinde", "kvinder"),
    "man": ("man", "m", "male", "mand", "mænd"),
    "other": ("other", "x", "andet", "nonbinary", "non-binary"),
}
BOOLEAN_TRUE = ("true", "1", "ja")
BOOLEAN_FALSE = ("false", "0", "nej")
EMPLOYMENT_TYPES = ("ordinary", "trainee", "flexjob", "extraordinary")
AUDIENCES = ("citizens", "staff")
STATUSES = ("planned", "ongoing", "completed", "paused")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | date | year | integer | decimal | gender | boolean | department | choice
    #            | organisation
    required: bool = True  # the value may not be empty
    choices: tuple[str, ...] = ()  # for kind "choice"
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None  # the value must be greater than this (hours_paid > 0)


@dataclass(frozen=True)
class TableSchema:
    name: str  # file stem: employees.csv, sheet "employees", employees.parquet
    columns: tuple[Column, ...]
    required: bool = False  # the file itself must be present
    unique: tuple[str, ...] = ()  # columns that identify a row
    replaces_by: str | None = None  # column whose values a re-import replaces; None: all

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# pay.csv's optional columns for the adjusted gap (Logib's standard analysis model):
# the year of birth, the Logib training category 1–8, years of service, the level of
# requirements (1 = highest … 8) and the professional position (1 = top management … 5).
PAY_MODEL_COLUMNS = (
    Column("birth_year", "integer", required=False, minimum=1900, maximum=2200),
    Column("training", "integer", required=False, minimum=1, maximum=8),
    Column("years_of_service", "decimal", required=False, minimum=0, maximum=85),
    Column("level_of_requirements", "integer", required=False, minimum=1, maximum=8),
    Column("professional_position", "integer", required=False, minimum=1, maximum=5),
)


# CONTRACT.md §1, "Many organisations in one data set": every table may name the
# organisation a row belongs to (a CVR number, a municipality code), listed in the
# config's [organisations."ID"]; last, so older workspaces gain it as a new column.
ORGANISATION = Column("organisation", "organisation", required=False)

TABLES: tuple[TableSchema, ...] = (
    TableSchema(
        "employees",
        (
            Column("snapshot_date", "date"),
            Column("employee_id", "text"),
            Column("gender", "gender"),
            Column("birth_year", "year"),  # 1900 … year of snapshot_date
            Column("department", "department"),
            Column("agreement", "text"),
            Column("manager_level", "integer", required=False, minimum=1, maximum=20),
            Column("employment_type", "choice", required=False, choices=EMPLOYMENT_TYPES),
            ORGANISATION,
        ),
        required=True,
        unique=("snapshot_date", "employee_id"),
        replaces_by="snapshot_date",
    ),
    TableSchema(
        "parental_leave",
        (
            Column("employee_id", "text"),
            Column("gender", "gender"),
            Column("department", "department"),
            Column("child_birth_date", "date"),
            Column("weeks_taken", "decimal", minimum=0, maximum=200),
            ORGANISATION,
        ),
        replaces_by="year(child_birth_date)",
    ),
    TableSchema(
        "child_sick_days",
        (
            Column("year", "integer", minimum=1900, maximum=2200),
            Column("employee_id", "text"),
            Column("gender", "gender"),
            Column("department", "department"),
            Column("entitled", "boolean"),
            Column("days_taken", "decimal", minimum=0, maximum=366),
            ORGANISATION,
        ),
        unique=("year", "employee_id"),
        replaces_by="year",
    ),
    TableSchema(
        "population",
        (
            Column("date", "date"),
            Column("area", "text"),
            Column("gender", "gender"),
            Column("age", "integer", minimum=0, maximum=125),
            Column("count", "integer", minimum=0),
            ORGANISATION,
        ),
        unique=("date", "area", "gender", "age"),
        replaces_by="date",
    ),
    TableSchema(
        "initiatives",
        (
            Column("id", "text"),
            Column("audience", "choice", choices=AUDIENCES),
            Column("focus_area", "text"),
            Column("department", "department"),
            Column("title", "text"),
            Column("status", "choice", choices=STATUSES),
            Column("period", "text", required=False),
            Column("cross_cutting", "boolean", required=False),
            Column("key_figures", "text", required=False),
            Column("description", "text", required=False),
            ORGANISATION,
        ),
        unique=("id",),
    ),
    TableSchema(
        "pay",
        (
            Column("year", "integer", minimum=1900, maximum=2200),
            Column("employee_id", "text"),
            Column("gender", "gender"),
            Column("department", "department"),
            Column("category", "text"),
            Column("basic_pay", "decimal", minimum=0),
            Column("variable_pay", "decimal", minimum=0),
            Column("hours_paid", "decimal", above=0),
            # optional: the Swiss standard model's regressors (docs/pay.md, ligestat.analysis)
            *PAY_MODEL_COLUMNS,
            ORGANISATION,
        ),
        unique=("year", "employee_id"),
        replaces_by="year",
    ),
    TableSchema(  # figures from outside the HR data; a re-import replaces them all
        "context",
        (
            Column("key", "text"),
            Column("group", "text"),
            Column("group_da", "text", required=False),
            Column("group_en", "text", required=False),
            Column("label_da", "text"),
            Column("label_en", "text"),
            Column("value", "decimal"),
            Column("unit", "text"),
            Column("year", "integer", minimum=1900, maximum=2200),
            Column("source", "text"),
            Column("source_en", "text", required=False),  # the source in English reports
            ORGANISATION,
        ),
        unique=("key",),
    ),
)


def table_schema(name: str) -> TableSchema:
    return next(t for t in TABLES if t.name == name)
