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


GENDERS = (("woman", "w"), ("man", "mn"), ("other", "o"))


def _measures(ctx: Selection) -> str:
    """One row per basis and distinct pay: x = pay on that basis, v = variable pay on it,
    and w, mn, o = the numbers of women, men and others paid so.

    Pay scales have many exact ties, so one scan of ``pay`` first counts the workers per
    (basic pay, variable pay, hours) and every figure of the pay tables is then read from
    these few rows: means as sums of x · count, medians and quartile bands from running
    counts in the order of x (a value with c workers fills c places of the ranking)."""
    counts = ", ".join(f"count(*) FILTER (WHERE gender = '{g}') AS {c}" for g, c in GENDERS)
    return f"""
      SELECT b.basis, b.bord, CASE WHEN b.bord = 0 THEN h.a / h.hours ELSE h.a END AS x,
             CASE WHEN b.bord = 0 THEN h.v / h.hours ELSE h.v END AS v, h.w, h.mn, h.o
      FROM (SELECT basic_pay + variable_pay AS a, variable_pay AS v, hours_paid AS hours,
                   {counts}
            FROM {_base(ctx)} GROUP BY basic_pay, variable_pay, hours_paid) AS h
      CROSS JOIN {_bases()}"""


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


def judge_categories_exactly(con: Any, ctx: Selection,
                             rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Re-judge ``assessment_required`` exactly where the float gap is near 5 %."""
    out = []
    for row in rows:
        gap = row["total_hourly_gap"]
        if gap is not None and abs(abs(gap) - float(ASSESSMENT_THRESHOLD)) < _NEAR:
            exact = exact_category_gap(con, ctx, row["category"])
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
    # Medians from running counts over the distinct values (RANGE frames: a value's running
    # count counts its ties too): the worker at place k (from 0) of n is paid the first
    # value whose running count exceeds k; an even count's median is the mean of the middle
    # two, lo + (hi − lo) / 2 as the engines' median() interpolates. Variable pay: the same
    # over the receivers' values of v.
    return f"""
    WITH m AS ({_measures(ctx)}),
    xs AS (SELECT basis, bord, x, sum(w) AS w, sum(mn) AS mn, sum(o) AS o
           FROM m GROUP BY basis, bord, x),
    vs AS (SELECT basis, v AS x, sum(w) AS w, sum(mn) AS mn FROM m WHERE v > 0
           GROUP BY basis, v),
    xa AS (SELECT basis, bord, {_middle('x')}, CAST(sum(o) AS BIGINT) AS other_n
           FROM ({_running('xs')}) AS r GROUP BY basis, bord),
    va AS (SELECT basis, {_middle('variable')} FROM ({_running('vs')}) AS r
           GROUP BY basis)
    SELECT xa.basis, x_women_n AS women_n, x_men_n AS men_n, other_n,
           x_women_mean AS women_mean, x_men_mean AS men_mean,
           {gap_sql('x_men_mean', 'x_women_mean')} AS mean_gap,
           {_median('x_women')} AS women_median, {_median('x_men')} AS men_median,
           {gap_sql(_median('x_men'), _median('x_women'))} AS median_gap,
           coalesce(variable_women_n, 0) AS women_variable_n,
           coalesce(variable_men_n, 0) AS men_variable_n,
           coalesce(variable_women_n, 0) / nullif(x_women_n, 0) AS women_variable_share,
           coalesce(variable_men_n, 0) / nullif(x_men_n, 0) AS men_variable_share,
           variable_women_mean AS women_variable_mean, variable_men_mean AS men_variable_mean,
           {gap_sql('variable_men_mean', 'variable_women_mean')} AS variable_mean_gap,
           {_median('variable_women')} AS women_variable_median,
           {_median('variable_men')} AS men_variable_median,
           {gap_sql(_median('variable_men'), _median('variable_women'))}
             AS variable_median_gap
    FROM xa LEFT JOIN va ON va.basis = xa.basis ORDER BY bord"""


def _running(rel: str) -> str:
    """``rel``'s rows (one per basis and distinct value x) with each gender's running count
    in the order of x (``w_at``, ``mn_at``) and its count in the basis (``w_n``, ``mn_n``)."""
    windows = ", ".join(f"sum({c}) OVER (PARTITION BY basis ORDER BY x) AS {c}_at, "
                        f"sum({c}) OVER (PARTITION BY basis) AS {c}_n" for c in ("w", "mn"))
    return f"SELECT *, {windows} FROM {rel}"


def _middle(prefix: str) -> str:
    """Per basis from :func:`_running`'s rows: each gender's count, mean and the two
    middle values (``_lo``, ``_hi``), as ``{prefix}_women_n`` …"""
    cols = []
    for who, c in (("women", "w"), ("men", "mn")):
        name = f"{prefix}_{who}"
        cols += [f"CAST(sum({c}) AS BIGINT) AS {name}_n",
                 f"fsum(x * {c}) / nullif(sum({c}), 0) AS {name}_mean",
                 f"min(x) FILTER (WHERE {c}_at > ({c}_n - 1) // 2) AS {name}_lo",
                 f"min(x) FILTER (WHERE {c}_at > {c}_n // 2) AS {name}_hi"]
    return ", ".join(cols)


def _median(name: str) -> str:
    return f"({name}_lo + ({name}_hi - {name}_lo) / 2)"


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
    grp AS (SELECT basis, x, sum(w + mn + o) AS c, sum(w) AS w, sum(mn) AS mn, sum(o) AS o
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
