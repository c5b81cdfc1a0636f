"""What the report is built from: one plain, immutable value.

``ReportInput`` carries everything the builder reads — the contract tables for
the year (CONTRACT.md §3, disclosure already applied), last year's tables when
known, the non-contract indicators, initiatives, context figures and the
disclosure policy applied. It can be made by hand (tests), from a JSON
document, or from a workspace with ``ligestat.report.gather``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from ligestat.config import Department, Targets
from ligestat.history import DepartmentChange
from ligestat.indicators.registry import Row, Tables
from ligestat.io.narrative import NarrativeFile

if TYPE_CHECKING:
    from ligestat.analysis import AdjustedGap
    from ligestat.pay.assessment import Assessment

__all__ = ["ContextFigure", "DisclosureInfo", "ReportInput", "Row", "Tables"]



@dataclass(frozen=True)
class ContextFigure:
    """One figure from outside the HR data (a row of ``context.csv``)."""

    key: str
    group: str
    group_da: str
    group_en: str
    label_da: str
    label_en: str
    value: float
    unit: str  # percent | years | visits | count | any other text shown as written
    year: int
    source: str
    source_en: str = ""  # the source in an English report (default: ``source``)

    def source_in(self, lang: str) -> str:
        return self.source if lang == "da" else (self.source_en or self.source)

    def label(self, lang: str) -> str:
        return self.label_da if lang == "da" else self.label_en

    def group_title(self, lang: str) -> str:
        return self.group_da if lang == "da" else self.group_en


@dataclass(frozen=True)
class DisclosureInfo:
    """The disclosure policy applied to the tables, as the report states it."""

    name: str
    description_da: str = ""
    description_en: str = ""

    def description(self, lang: str) -> str:
        return self.description_da if lang == "da" else self.description_en


def _freeze(tables: Tables | None) -> Tables | None:
    if tables is None:
        return None
    return MappingProxyType(
        {k: tuple(MappingProxyType(dict(r)) for r in rows) for k, rows in tables.items()}
    )


@dataclass(frozen=True)
class ReportInput:
    """Everything one report is built from; numbers come only from here."""

    organisation: str
    year: int
    departments: tuple[Department, ...]
    tables: Tables
    targets: Targets = field(default_factory=Targets)
    previous: Tables | None = None  # the same tables one year earlier, when known
    population: tuple[Row, ...] = ()  # rows age, gender, n (population_age_gender)
    population_date: date | None = None
    fathers_trend: tuple[Row, ...] = ()  # rows cohort, n, ge11, ge17, ge24 and shares
    initiatives: tuple[Row, ...] = ()  # rows of initiatives.csv (CONTRACT.md §1)
    context: tuple[ContextFigure, ...] = ()
    disclosure: DisclosureInfo | None = None
    snapshot_date: date | None = None  # staff snapshot the employee tables count
    leave_cohort: str = ""  # the children counted in the leave tables; default "year − 2"
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # Danish
    sources_en: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    pay_year: int | None = None  # the pay year the pay tables read (report year − 1)
    pay_assessment: Assessment | None = None  # the joint pay assessment (Art. 10)
    pay_adjusted: AdjustedGap | None = None  # Logib's standard model, when pay.csv allows it
    narrative: tuple[NarrativeFile, ...] = ()  # the unit's Markdown texts and logo
    # earlier report years whose departments differ from this year's (ligestat.history)
    department_changes: tuple[DepartmentChange, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", _freeze(self.tables))
        object.__setattr__(self, "previous", _freeze(self.previous))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        object.__setattr__(self, "sources_en", MappingProxyType(dict(self.sources_en)))

    @property
    def table_departments(self) -> tuple[Department, ...]:
        return tuple(d for d in self.departments if d.in_tables)

    def department_name(self, code: str) -> str:
        for d in self.departments:
            if d.code == code:
                return d.name
        return code
