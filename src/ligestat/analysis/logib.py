"""The adjusted pay gap: the Swiss standard analysis model (Logib, module 1).

OLS of ln(standardised pay) on years of training, potential experience and its
square, years of service, level of requirements (factor), professional position
(factor) and sex; the sex coefficient c with variance v gives Kennedy's (1981)
estimator exp(c) / exp(v / 2) − 1, the pay difference "under otherwise equal
circumstances". The Federal Office for Gender Equality rates it against a
tolerance of 5 %: significant at all (two-sided t test, 5 %), and significantly
above 5 % (one-sided test of |c| − 0.05); the tolerance of 2.5 % is the level
above which a significant difference is reported as more than negligible.

From pay.csv: standardised pay is total hourly pay ((basic_pay + variable_pay) /
hours_paid) — Logib's monthly standardisation to a 100 % activity rate divides by
the same hours up to a constant factor, which only moves the intercept. Age is the
pay year − ``birth_year``; ``training`` is Logib's category 1–8 (→ 17, 15, 14, 15, 13,
12, 11, 7 years); experience = max(age − training years − 6, 0). Workers of gender
``other`` and rows lacking a model column are left out (Logib's model has two sexes);
the model runs from 50 workers with both sexes present (Logib's minimum).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ligestat.analysis.ols import OlsFit, fit_ols

__all__ = ["MIN_WORKERS", "RATING_TEXT", "TRAINING_YEARS", "LogibResult", "Worker",
           "standard_analysis"]

TRAINING_YEARS = {1: 17, 2: 15, 3: 14, 4: 15, 5: 13, 6: 12, 7: 11, 8: 7}
MIN_WORKERS = 50
TOLERANCE = 0.05  # the Swiss tolerance threshold
NEGLIGIBLE = 0.025
RATINGS = ("not_significant", "significant_within_2_5", "significant_2_5_to_5",
           "significantly_above_5")
RATING_TEXT = {
    "not_significant": "not statistically significant: no gender effect can be established",
    "significant_within_2_5": "statistically significant, within the 2.5 % tolerance",
    "significant_2_5_to_5": "statistically significant, above 2.5 % but not significantly "
                            "above the 5 % tolerance threshold",
    "significantly_above_5": "significantly above the 5 % tolerance threshold",
}


@dataclass(frozen=True)
class Worker:
    woman: bool
    pay: float  # standardised pay (hourly, or monthly at 100 %): only its logarithm counts
    age: float
    training: int  # Logib category 1–8
    years_of_service: float
    level_of_requirements: int
    professional_position: int


@dataclass(frozen=True)
class LogibResult:
    n: int
    women: int
    men: int
    coefficient: float  # of sex = woman in ln(pay)
    standard_error: float
    t: float
    p_value: float  # two-sided
    p_above_tolerance: float  # one-sided, H0: |c| ≤ 0.05
    df_residual: int
    r_squared: float
    kennedy: float  # exp(c) / exp(v/2) − 1: women's pay relative to men's, all else equal
    rating: str  # one of RATINGS
    fit: OlsFit


def _design(workers: Sequence[Worker]) -> tuple[list[float], list[list[float]], list[str]]:
    levels = sorted({w.level_of_requirements for w in workers})
    positions = sorted({w.professional_position for w in workers})
    # R's logib makes the highest code the base level; the sex coefficient does not depend
    # on the choice
    lev_dummies, pos_dummies = levels[:-1], positions[:-1]
    names = ["intercept", "training", "service", "experience", "experience2",
             *(f"level_{v}" for v in lev_dummies), *(f"position_{v}" for v in pos_dummies),
             "woman"]
    y, x = [], []
    for w in workers:
        years = TRAINING_YEARS[w.training]
        exp = max(w.age - years - 6, 0.0)
        y.append(math.log(w.pay))
        x.append([1.0, float(years), float(w.years_of_service), exp, exp * exp,
                  *(1.0 if w.level_of_requirements == v else 0.0 for v in lev_dummies),
                  *(1.0 if w.professional_position == v else 0.0 for v in pos_dummies),
                  1.0 if w.woman else 0.0])
    return y, x, names


def _rating(p: float, p_above: float, kennedy: float) -> str:
    if p >= 0.05:
        return RATINGS[0]
    if p_above < 0.05:
        return RATINGS[3]
    return RATINGS[2] if abs(kennedy) > NEGLIGIBLE else RATINGS[1]


Design = tuple[list[float], list[list[float]], list[str]]  # ln(pay), regressors, names


def _t_sf(t: float, df: int) -> float:
    """Student's t survival function: ``scipy.stats.t.sf(t, df)`` is ``stdtr(df, -t)``;
    scipy.special loads in a fraction of scipy.stats' time."""
    from scipy.special import stdtr

    return float(stdtr(df, -t))


def standard_analysis(workers: Iterable[Worker], design: Design | None = None) -> LogibResult:
    """Fit the standard model; ``ValueError`` when it cannot run (too few, one sex).
    ``design``: the workers' ``_design``, when the caller has it already."""
    data = list(workers)
    women = sum(w.woman for w in data)
    if len(data) < MIN_WORKERS or women in (0, len(data)):
        raise ValueError(f"the standard model needs at least {MIN_WORKERS} workers with "
                         f"both sexes present ({women} women of {len(data)})")
    y, x, names = design or _design(data)
    fit = fit_ols(y, x, names)
    c, se = fit.coefficient("woman"), fit.standard_error("woman")
    t = c / se
    p = 2 * _t_sf(abs(t), fit.df_residual)
    p_above = _t_sf((abs(c) - TOLERANCE) / se, fit.df_residual)
    kennedy = math.exp(c) / math.exp(se * se / 2) - 1
    return LogibResult(n=fit.n, women=women, men=len(data) - women, coefficient=c,
                       standard_error=se, t=t, p_value=p, p_above_tolerance=p_above,
                       df_residual=fit.df_residual, r_squared=fit.r_squared, kennedy=kennedy,
                       rating=_rating(p, p_above, kennedy), fit=fit)
