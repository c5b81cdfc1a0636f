"""Synthetic pay.csv: pay scales by collective agreement, as Danish public employers pay.

Nothing here is published data: Copenhagen's report holds no pay figures. The
structure is what makes the pay tables realistic to test: each agreement (the
category of workers) has a base annual salary and a scale of eight steps
(seniority: one step per four years of age over 25), so many workers earn exactly
the same — the ties the quartile rule must split; part-time hours (more often
for women); a supplement for managers; variable pay (allowances, overtime,
bonuses) for a minority, more often for men; locally negotiated supplements for
men in a few categories (the demo's joint pay assessments). Both pay years a snapshot covers are
written (the pay year itself and the one before), so the pay-rise-after-leave
figure of the joint pay assessment has two years. The Logib model's optional
columns (training, years of service, level of requirements, professional
position) are filled in too, so the adjusted gap runs on the demo.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from ligestat.synth.employees import Person
from ligestat.synth.rng import Rng

__all__ = ["FULL_TIME_HOURS", "base_salary", "pay_rows"]

FULL_TIME_HOURS = Decimal("1924")  # 37 hours × 52 weeks
STEP = Decimal("0.035")  # each scale step adds 3.5 % of the base
# Annual base salaries (DKK, 2024 level), rounded; unlisted agreements get the default.
BASE: dict[str, int] = {
    "Dagplejere": 330_000, "SOSU": 345_000, "Pædagogmedhjælpere": 320_000,
    "Rengøringspersonale": 310_000, "Serviceassistenter": 315_000,
    "Pædagogisk personale": 400_000, "Pædagogisk personale, dagpleje": 395_000,
    "Sundhedspersonale": 430_000, "Socialrådgivere": 440_000,
    "Ergo- Fysio- og Jordemødre": 425_000, "Administration og IT": 390_000,
    "Professionsbachelorer": 420_000, "Lærere": 455_000, "Akademikere": 520_000,
    "Reservelæger": 560_000, "Tandlæger": 600_000, "Chefer": 780_000,
    "Sundhedspersonale, ledere": 560_000, "Ledere, ældreomsorg": 540_000,
    "Ergo- Fysio- og Jordemødre, ledere": 545_000, "Pædagogisk uddannede ledere": 550_000,
    "Håndværkere og IT-supportere": 395_000, "Teknisk Service": 380_000,
}
DEFAULT_BASE = 410_000
PART_TIME = {"woman": 0.30, "man": 0.12, "other": 0.25}  # share working part time
PART_TIME_FRACTIONS = (Decimal("0.5"), Decimal("0.75"), Decimal("0.8"), Decimal("0.9"))
VARIABLE = {"woman": 0.14, "man": 0.22, "other": 0.15}  # share with variable pay
VARIABLE_AMOUNTS = (4_000, 6_500, 9_000, 12_000, 18_000, 25_000, 40_000)
MANAGER_SUPPLEMENT = {1: Decimal("0.45"), 2: Decimal("0.25"), 3: Decimal("0.10")}
# function supplements negotiated locally, more often by men: these categories show a gap
# that needs a joint pay assessment (Art. 10), as a demo should
MEN_SUPPLEMENT = {"Akademikere": Decimal("0.08"), "Håndværkere og IT-supportere": Decimal("0.06"),
                  "Tandlæger": Decimal("0.07")}


def base_salary(agreement: str) -> int:
    return BASE.get(agreement, DEFAULT_BASE)


def _training(base: int) -> int:
    """Logib's category 1–8 (1 = university … 8 = no completed training) from pay level."""
    return 1 if base >= 500_000 else 3 if base >= 415_000 else 6 if base >= 340_000 else 8


def _requirements(base: int, level: int | None) -> tuple[int, int]:
    """Logib's level of requirements (1 highest … 4 here) and professional position (1–5)."""
    requirement = 1 if base >= 540_000 else 2 if base >= 430_000 else 3 if base >= 360_000 else 4
    position = {1: 1, 2: 2, 3: 3}.get(level or 0, 5)
    return requirement, position


def pay_rows(people: Sequence[Person], pay_year: int, rng: Rng) -> Iterable[tuple[str, ...]]:
    """One pay.csv row per person for ``pay_year``, in the contract's column order and the
    model's optional columns after it."""
    for p in people:
        age = pay_year - p.birth_year
        step = max(0, min(7, (age - 25) // 4))
        base = Decimal(base_salary(p.agreement))
        basic = base * (1 + STEP * step) * (1 + MANAGER_SUPPLEMENT.get(p.manager_level or 0, 0))
        if p.gender == "man":
            basic *= 1 + MEN_SUPPLEMENT.get(p.agreement, 0)
        fraction = Decimal(1)
        if p.manager_level is None and rng.random() < PART_TIME[p.gender]:
            fraction = PART_TIME_FRACTIONS[rng.below(len(PART_TIME_FRACTIONS))]
        variable = 0
        if rng.random() < VARIABLE[p.gender]:
            variable = VARIABLE_AMOUNTS[rng.below(len(VARIABLE_AMOUNTS))]
        service = min(max(age - 22, 0), rng.below(25))
        requirement, position = _requirements(int(base), p.manager_level)
        yield (str(pay_year), p.employee_id, p.gender, p.department, p.agreement,
               str(round(basic * fraction)), str(variable), str(FULL_TIME_HOURS * fraction),
               str(p.birth_year), str(_training(int(base))), str(service), str(requirement),
               str(position))
