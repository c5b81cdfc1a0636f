"""The calibrated plan: every count the synthetic microdata must contain, and the cells it proves.

``calibrate`` turns the published reference tables into a ``Plan``; ``microdata``
turns the plan into rows. Counts here are exact integers; a department code is
one of the organisation config's, the unit shown in no table included.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AgreementCounts", "Cell", "LeaveCounts", "ManagerCounts", "Plan", "SickCounts"]


@dataclass(frozen=True)
class Cell:
    """One published cell and the value the generated data gives for it.

    ``reason`` is empty when the cell is reproduced, else a proof that no integer
    data can give the published value (the nearest possible value is reproduced).
    """

    table: str
    row: str
    column: str
    published: int
    reproduced: int
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.published == self.reproduced


@dataclass(frozen=True)
class AgreementCounts:
    agreement: str
    women: int
    men: int
    listed: bool  # in Table 1 or 2 of the publication
    departments: tuple[tuple[str, float], ...]  # relative weights; () = the managers' departments


@dataclass(frozen=True)
class ManagerCounts:
    department: str
    level: int  # the manager_level written to the data (TMF's level-2 row holds levels 2 and 3)
    women: int
    men: int


@dataclass(frozen=True)
class LeaveCounts:
    """Parents of one gender in one department for one birth cohort; ge17 ⊆ ge11, ge24 ⊆ ge17."""

    cohort: int
    gender: str
    department: str
    n: int
    ge11: int
    ge17: int
    ge24: int


@dataclass(frozen=True)
class SickCounts:
    """Entitled employees and those who took children's sick days, one department and year."""

    year: int
    department: str
    women_entitled: int
    women_took: int
    men_entitled: int
    men_took: int


@dataclass(frozen=True)
class Plan:
    staff_women: int
    staff_men: int
    agreements: tuple[AgreementCounts, ...]
    managers: tuple[ManagerCounts, ...]
    leave: tuple[LeaveCounts, ...]
    sick: tuple[SickCounts, ...]
    population_women: int
    population_men: int
    cells: tuple[Cell, ...]
    other_unit: str  # the unit shown in no table, counted in every total row

    @property
    def impossible(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if not c.ok)
