"""Pay transparency (Directive (EU) 2023/970 Art. 9): gaps, quartile bands, categories.

Three tables, exactly as CONTRACT.md §1 (pay.csv) and §3 define them, for the pay
year of a report year (``Selection.pay_year``: report year − 1 unless ``[pay] year``):

- ``pay_gap``: per basis (hourly, annual) the mean and median gaps, the variable-pay
  gaps among receivers and the shares receiving variable pay — Art. 9(1)(a)–(e);
- ``pay_quartiles``: the four quartile pay bands with the contract's tie rule — (f);
- ``pay_categories``: per category of workers the basic, variable and total means
  and their gaps, and ``assessment_required`` (Art. 10) — (g).

The numbers are computed in SQL. One decision is then re-checked exactly:
``assessment_required`` compares |gap| with 5 % on exact values (CONTRACT.md §2
"targets are judged on exact values"); where the floating-point gap lies within
1e-9 of the threshold, the category's rows are read back and the gap is
recomputed in rational arithmetic (``exact_category_gap``).

The tables exist only when pay.csv holds rows for the pay year.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ligestat.indicators.registry import Selection, indicator
from ligestat.indicators.shape import Shape

__all__ = ["ASSESSMENT_THRESHOLD", "BASES", "exact_category_gap", "gap_sql", "pay_present"]

ASSESSMENT_THRESHOLD = Fraction(5, 100)  # Art. 10(1)(a): a gap of at least 5 %
BASES = ("hourly", "annual")
_NEAR = 1e-9  # a float gap this close to the threshold is re-judged exactly
# means and medians: ligestat.disclosure.magnitude applies their rule
MAGNITUDE = Shape(kind="magnitude", counts=())

GAP_COLUMNS = (
    "basis", "women_n", "men_n", "other_n", "women_mean", "men_mean", "mean_gap",
    "women_median", "men_median", "median_gap", "women_variable_n", "men_variable_n",
    "women_variable_share", "men_variable_share", "women_variable_mean", "men_variable_mean",
    "variable_mean_gap", "women_variable_median", "men_variable_median", "variable_median_gap",
)
QUARTILE_COLUMNS = ("basis", "quartile", "women", "men", "other", "women_share", "men_share")
MEASURES = (("basic", "basic_pay"), ("variable", "variable_pay"),
            ("total", "(basic_pay + variable_pay)"))
CATEGORY_COLUMNS = (
    "category", "women_n", "men_n", "other_n",
    *(f"{who}_{m}_{basis}" if who else f"{m}_{basis}_gap"
      for basis in ("annual", "hourly") for m, _ in MEASURES
      for who in ("women", "men", "")),
    "assessment_required",
)


def gap_sql(men: str, women: str) -> str:
    """(men − women) / men, signed; NULL when either is NULL or men's value is 0."""
    return (f"CASE WHEN {men} IS NULL OR {women} IS NULL OR {men} = 0 THEN NULL "
            f"ELSE ({men} - {women}) / {men} END")


def _base(ctx: Selection) -> str:
    return f"(SELECT * FROM pay WHERE year = {int(ctx.pay_year)})"


def _measures(ctx: Selection) -> str:
    """One row per worker and basis: x = pay on that basis, v = variable pay on it."""
    base = _base(ctx)
    return f"""
      SELECT 'hourly' AS basis, gender, (basic_pay + variable_pay) / hours_paid AS x,
             variable_pay / hours_paid AS v FROM {base}
      UNION ALL
      SELECT 'annual', gender, basic_pay + variable_pay, variable_pay FROM {base}"""


def _mean(expr: str, cond: str) -> str:
    # fsum: compensated summation, so a mean of many salaries keeps its last digits
    return f"fsum({expr}) FILTER (WHERE {cond}) / nullif(count(*) FILTER (WHERE {cond}), 0)"


def _bases() -> str:
    return "(VALUES ('hourly', 0), ('annual', 1)) AS b(basis, bord)"


def pay_present(ctx: Selection) -> str:
    """SQL giving a row when pay.csv holds rows for the context's pay year (the tables
    exist only then)."""
    return f"SELECT DISTINCT true AS present FROM pay WHERE year = {int(ctx.pay_year)}"


def _exact(value: float) -> Fraction:
    """A stored number as the decimal the data wrote (its shortest round-trip repr)."""
    return Fraction(Decimal(repr(value)))


def exact_category_gap(con: Any, ctx: Selection, category: str) -> Fraction | None:
    """The gap in mean total hourly pay of one category, in exact rational arithmetic."""
    rows = con.execute(
        "SELECT gender, basic_pay, variable_pay, hours_paid FROM pay "
        "WHERE year = ? AND category = ? AND gender IN ('woman', 'man')",
        [ctx.pay_year, category]).fetchall()
    sums: dict[str, Fraction] = {"woman": Fraction(0), "man": Fraction(0)}
    counts = {"woman": 0, "man": 0}
    for gender, basic, variable, hours in rows:
        sums[gender] += (_exact(basic) + _exact(variable)) / _exact(hours)
        counts[gender] += 1
    if not counts["woman"] or not counts["man"]:
        return None
    women, men = sums["woman"] / counts["woman"], sums["man"] / counts["man"]
    return None if men == 0 else (men - women) / men


def judge_categories_exactly(store: Any, ctx: Selection,
                             rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Re-judge ``assessment_required`` exactly where the float gap is near 5 %."""
    out = []
    for row in rows:
        gap = row["total_hourly_gap"]
        if gap is not None and abs(abs(gap) - float(ASSESSMENT_THRESHOLD)) < _NEAR:
            exact = exact_category_gap(store.con, ctx, row["category"])
            row = {**row, "assessment_required":
                   None if exact is None else abs(exact) >= ASSESSMENT_THRESHOLD}
        out.append(row)
    return out


def _pivot(keys: tuple[str, ...], n: str) -> str:
    """Per-gender aggregates (one row per group and gender) as women_*/men_* columns."""
    cols = []
    for g, who in (("woman", "women"), ("man", "men")):
        cols.append(f"coalesce(max(g.{n}) FILTER (WHERE g.gender = '{g}'), 0) AS {who}_{n}")
        cols += [f"max(g.{k}) FILTER (WHERE g.gender = '{g}') AS {who}_{k}" for k in keys]
    cols.append(f"coalesce(max(g.{n}) FILTER (WHERE g.gender = 'other'), 0) AS other_{n}")
    return ", ".join(cols)


@indicator("pay_gap", "Mean and median gender pay gaps, hourly and annual, with the gaps in "
           "variable pay among its receivers and the shares receiving it (Directive "
           "(EU) 2023/970 Art. 9(1)(a)–(e)).", GAP_COLUMNS, keys=("basis",),
           disclosure=MAGNITUDE, present=pay_present)
def pay_gap(ctx: Selection) -> str:
    # one pass grouped by basis and gender (medians sort each group once), then a pivot
    return f"""
    WITH m AS ({_measures(ctx)}),
    g AS (SELECT basis, gender, count(*) AS n, fsum(x) / count(*) AS mean,
                 median(x) AS median, count(*) FILTER (WHERE v > 0) AS variable_n,
                 {_mean('v', 'v > 0')} AS variable_mean,
                 median(v) FILTER (WHERE v > 0) AS variable_median
          FROM m GROUP BY basis, gender),
    agg AS (SELECT b.basis, b.bord,
                   {_pivot(('mean', 'median', 'variable_mean', 'variable_median'), 'n')},
                   coalesce(max(g.variable_n) FILTER (WHERE g.gender = 'woman'), 0)
                     AS women_variable_n,
                   coalesce(max(g.variable_n) FILTER (WHERE g.gender = 'man'), 0)
                     AS men_variable_n
            FROM {_bases()} LEFT JOIN g ON g.basis = b.basis GROUP BY b.basis, b.bord)
    SELECT basis, women_n, men_n, other_n,
           women_mean, men_mean, {gap_sql('men_mean', 'women_mean')} AS mean_gap,
           women_median, men_median, {gap_sql('men_median', 'women_median')} AS median_gap,
           women_variable_n, men_variable_n,
           women_variable_n / nullif(women_n, 0) AS women_variable_share,
           men_variable_n / nullif(men_n, 0) AS men_variable_share,
           women_variable_mean, men_variable_mean,
           {gap_sql('men_variable_mean', 'women_variable_mean')} AS variable_mean_gap,
           women_variable_median, men_variable_median,
           {gap_sql('men_variable_median', 'women_variable_median')} AS variable_median_gap
    FROM agg ORDER BY bord"""


@indicator("pay_quartiles", "Women, men and other in the four quartile pay bands (fractional "
           "bands of exactly N/4; tied pay shares its rank interval evenly), hourly and annual "
           "(Art. 9(1)(f)).", QUARTILE_COLUMNS, keys=("basis", "quartile"),
           disclosure=MAGNITUDE, present=pay_present)
def pay_quartiles(ctx: Selection) -> str:
    # Ranks are counted in quarters so that every band edge (q·N/4) is a whole number:
    # a tied group of c workers after s others spans [4s, 4(s + c)] quarter-ranks, band q
    # spans [(q − 1)·N, q·N], and the group gives the band ov / (4c) of each of its genders,
    # ov being the overlap. Groups inside one band give whole counts (exact in floating point).
    return f"""
    WITH m AS ({_measures(ctx)}),
    grp AS (SELECT basis, x, count(*) AS c,
                   count(*) FILTER (WHERE gender = 'woman') AS w,
                   count(*) FILTER (WHERE gender = 'man') AS mn,
                   count(*) FILTER (WHERE gender = 'other') AS o
            FROM m GROUP BY basis, x),
    ranked AS (SELECT *, sum(c) OVER (PARTITION BY basis ORDER BY x
                                      ROWS UNBOUNDED PRECEDING) - c AS s,
                      sum(c) OVER (PARTITION BY basis) AS n FROM grp),
    spans AS (SELECT *, unnest(range(CAST(4 * s // n AS BIGINT) + 1,
                                     CAST((4 * (s + c) + n - 1) // n AS BIGINT) + 1)) AS quartile
              FROM ranked),
    parts AS (SELECT basis, quartile, n, w, mn, o, c,
                     least(4 * (s + c), quartile * n) - greatest(4 * s, (quartile - 1) * n) AS ov
              FROM spans),
    bands AS (SELECT basis, quartile, any_value(n) AS n,
                     sum(CAST(ov * w AS DOUBLE) / (4 * c)) AS women,
                     sum(CAST(ov * mn AS DOUBLE) / (4 * c)) AS men,
                     sum(CAST(ov * o AS DOUBLE) / (4 * c)) AS other
              FROM parts WHERE ov > 0 GROUP BY basis, quartile)
    SELECT bands.basis, bands.quartile, women, men, other,
           4 * women / n AS women_share, 4 * men / n AS men_share
    FROM bands JOIN {_bases()} ON b.basis = bands.basis
    ORDER BY b.bord, bands.quartile"""


def _category_means() -> str:
    return ", ".join(f"fsum({expr}{div}) / count(*) AS {m}_{basis}"
                     for basis, div in (("annual", ""), ("hourly", " / hours_paid"))
                     for m, expr in MEASURES)


@indicator("pay_categories", "Per category of workers: mean basic, variable and total pay of "
           "women and men, annual and hourly (zeros included), their gaps, and whether a joint "
           "pay assessment is required (|gap in mean total hourly pay| ≥ 5 %; Art. 9(1)(g), "
           "Art. 10).", CATEGORY_COLUMNS, keys=("category",), disclosure=MAGNITUDE,
           present=pay_present,
           finish=judge_categories_exactly)
def pay_categories(ctx: Selection) -> str:
    gaps = []
    for basis in ("annual", "hourly"):
        for m, _ in MEASURES:
            gaps += [f"women_{m}_{basis}", f"men_{m}_{basis}",
                     f"{gap_sql(f'men_{m}_{basis}', f'women_{m}_{basis}')} AS {m}_{basis}_gap"]
    gap = gap_sql("men_total_hourly", "women_total_hourly")
    means = tuple(f"{m}_{basis}" for basis in ("annual", "hourly") for m, _ in MEASURES)
    return f"""
    WITH g AS (SELECT category, gender, count(*) AS n, {_category_means()}
               FROM {_base(ctx)} GROUP BY category, gender),
    per AS (SELECT category, {_pivot(means, 'n')} FROM g GROUP BY category)
    SELECT category, women_n, men_n, other_n, {', '.join(gaps)},
           CASE WHEN women_n = 0 OR men_n = 0 OR ({gap}) IS NULL THEN NULL
                ELSE abs({gap}) >= {float(ASSESSMENT_THRESHOLD)} END AS assessment_required
    FROM per ORDER BY category"""
