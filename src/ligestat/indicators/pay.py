"""Pay transparency (Directive (EU) 2023/970 Art. 9): gaps, quartile bands, categories.

Three tables, exactly as CONTRACT.md §1 (pay.csv) and §3 define them, for the pay
year of a report year (``Selection.pay_year``: report year − 1 unless ``[pay] year``):

- ``pay_gap``: per basis (hourly, annual) the mean and median gaps, the variable-pay
  gaps among receivers and the shares receiving variable pay — Art. 9(1)(a)–(e);
- ``pay_quartiles``: the four quartile pay bands with the contract's tie rule — (f);
- ``pay_categories``: per category of workers the basic, variable and total means
  and their gaps, and ``assessment_required`` (Art. 10) — (g).

The numbers are computed in SQL, the three tables by one statement (``PAY_TABLES``):
pay scales have many exact ties, so the workers are counted once per category and
distinct pay (basic, variable, hours), and every figure is read from these few rows —
means as sums of pay × count, medians and quartile bands from running counts in the
order of pay (a value paid to c workers fills c places of the ranking).

One decision is then re-checked exactly:
``assessment_required`` compares |gap| with 5 % on exact values (CONTRACT.md §2
"targets are judged on exact values"); where the floating-point gap lies within
1e-9 of the threshold, the category's rows are read back and the gap is
recomputed in rational arithmetic (``exact_category_gap``).

The tables exist only when pay.csv holds rows for the pay year.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ligestat.indicators.registry import Selection, Shared, indicator
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


GENDERS = (("woman", "w"), ("man", "mn"), ("other", "o"))  # gender, its count's column


def _counts(ctx: Selection) -> str:
    """The workers per category and distinct pay: w, mn, o = women, men, others."""
    counts = ", ".join(f"count(*) FILTER (WHERE gender = '{g}') AS {c}" for g, c in GENDERS)
    return f"""SELECT category, basic_pay, variable_pay, hours_paid, {counts}
               FROM {_base(ctx)} AS p LEFT JOIN mode ON mode.mode_year = p.year
               WHERE mode.mode_year IS NULL
               GROUP BY category, basic_pay, variable_pay, hours_paid"""


def _measures() -> str:
    """From :func:`_counts` (``h``): per basis and count row, x = pay on that basis and
    v = variable pay on it."""
    total = "(h.basic_pay + h.variable_pay)"
    return f"""SELECT b.basis, b.bord,
                  CASE WHEN b.bord = 0 THEN {total} / h.hours_paid ELSE {total} END AS x,
                  CASE WHEN b.bord = 0 THEN h.variable_pay / h.hours_paid
                       ELSE h.variable_pay END AS v, h.w, h.mn, h.o
               FROM h CROSS JOIN {_bases()}"""


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


def _running(rel: str, total: bool = False) -> str:
    """``rel``'s rows (one per basis and distinct value x) with each gender's running count
    in the order of x (``w_at``, ``mn_at``; RANGE frames: a value's running count counts
    its ties too) and its count in the basis (``w_n``, ``mn_n``); with ``total``, all
    workers' (``c_at``, ``n``)."""
    counts = [("w", "w"), ("mn", "mn"), *((("c", "w + mn + o"),) if total else ())]
    windows = ", ".join(f"sum({e}) OVER (PARTITION BY bord ORDER BY x) AS {c}_at, "
                        f"sum({e}) OVER (PARTITION BY bord) AS {'n' if c == 'c' else c + '_n'}"
                        for c, e in counts)
    return f"SELECT *, {windows} FROM {rel}"


def _middle(prefix: str) -> str:
    """Per basis from :func:`_running`'s rows: each gender's count, mean and two middle
    values, ``{prefix}_women_n`` … The worker at place k (from 0) is paid the first value
    whose running count exceeds k; the middle two of n are at (n − 1) // 2 and n // 2."""
    cols = []
    for who, c in (("women", "w"), ("men", "mn")):
        name = f"{prefix}_{who}"
        cols += [f"CAST(sum({c}) AS BIGINT) AS {name}_n",
                 f"fsum(x * {c}) / nullif(sum({c}), 0) AS {name}_mean",
                 f"min(x) FILTER (WHERE {c}_at > ({c}_n - 1) // 2) AS {name}_lo",
                 f"min(x) FILTER (WHERE {c}_at > {c}_n // 2) AS {name}_hi"]
    return ", ".join(cols)


def _median(name: str) -> str:
    # the mean of the middle two, lo + (hi − lo) / 2 as the engines' median() interpolates
    return f"({name}_lo + ({name}_hi - {name}_lo) / 2)"


def _gap() -> dict[str, str]:
    """pay_gap's columns (Art. 9(1)(a)–(e)), from the CTEs ``xa`` (all workers) and ``va``
    (receivers of variable pay)."""
    cols = {"bord": "xa.bord", "basis": "xa.basis"}
    for who in ("women", "men"):
        cols[f"{who}_n"] = f"x_{who}_n"
    cols["other_n"] = "other_n"
    for figure in ("mean", "median"):
        value = {who: f"x_{who}_mean" if figure == "mean" else _median(f"x_{who}")
                 for who in ("women", "men")}
        cols |= {f"women_{figure}": value["women"], f"men_{figure}": value["men"],
                 f"{figure}_gap": gap_sql(value["men"], value["women"])}
    for who in ("women", "men"):
        cols[f"{who}_variable_n"] = f"coalesce(variable_{who}_n, 0)"
    for who in ("women", "men"):
        cols[f"{who}_variable_share"] = f"coalesce(variable_{who}_n, 0) / nullif(x_{who}_n, 0)"
    for figure in ("mean", "median"):
        value = {who: f"variable_{who}_mean" if figure == "mean" else _median(f"variable_{who}")
                 for who in ("women", "men")}
        cols |= {f"women_variable_{figure}": value["women"],
                 f"men_variable_{figure}": value["men"],
                 f"variable_{figure}_gap": gap_sql(value["men"], value["women"])}
    return cols


def _quartiles() -> dict[str, str]:
    """pay_quartiles' columns (Art. 9(1)(f)), from the CTE ``bands``."""
    return {"bord": "bord", "basis": "basis", "quartile": "quartile", "women": "women",
            "men": "men", "other": "other", "women_share": "4 * women / n",
            "men_share": "4 * men / n"}


def _categories() -> dict[str, str]:
    """pay_categories' columns (Art. 9(1)(g), Art. 10), from the CTE ``cat``."""
    cols = {"category": "category", "women_n": "women_n", "men_n": "men_n",
            "other_n": "other_n"}
    for basis in ("annual", "hourly"):
        for m, _ in MEASURES:
            women, men = f"women_{m}_{basis}", f"men_{m}_{basis}"
            cols |= {women: women, men: men, f"{m}_{basis}_gap": gap_sql(men, women)}
    gap = gap_sql("men_total_hourly", "women_total_hourly")
    cols["assessment_required"] = (
        f"CASE WHEN women_n = 0 OR men_n = 0 OR ({gap}) IS NULL THEN NULL "
        f"ELSE abs({gap}) >= {float(ASSESSMENT_THRESHOLD)} END")
    return cols


def _category_means() -> str:
    """Per category: each gender's count and mean of each measure (zeros included)."""
    cols = [f"CAST(sum({c}) AS BIGINT) AS {who}_n"
            for who, c in (("women", "w"), ("men", "mn"), ("other", "o"))]
    for basis, div in (("annual", ""), ("hourly", " / hours_paid")):
        for m, expr in MEASURES:
            cols += [f"fsum({expr}{div} * {c}) / nullif(sum({c}), 0) AS {who}_{m}_{basis}"
                     for who, c in (("women", "w"), ("men", "mn"))]
    return ", ".join(cols)


PARTS = {"pay_gap": _gap(), "pay_quartiles": _quartiles(), "pay_categories": _categories()}
SHARED_COLUMNS = ("part", *dict.fromkeys(c for cols in PARTS.values() for c in cols))
ORDER = ("bord", "quartile", "category")  # each part's rows in its order
_TYPES = {"basis": "VARCHAR", "category": "VARCHAR", "bord": "INTEGER", "quartile": "BIGINT",
          "women_n": "BIGINT", "men_n": "BIGINT", "other_n": "BIGINT",
          "women_variable_n": "BIGINT", "men_variable_n": "BIGINT",
          "assessment_required": "BOOLEAN"}  # the others: DOUBLE


# Two ways to the same figures, chosen per organisation and pay year by the data (``mode``):
# - counted: the workers are counted per distinct pay first, and medians and bands come from
#   running counts over the distinct values; fast where pay ties (public pay scales: a few
#   thousand distinct values for millions of workers);
# - raw: medians and band edges are order statistics of the workers' own rows
#   (``quantile_disc``); fast where nearly every worker is paid differently, where a
#   window over as many distinct values as workers costs far more.
# Both give every figure by the same definitions (tests force each on the same vectors);
# only their speed differs. The choice reads a sample of the rows (those whose whole basic
# pay is a multiple of SAMPLE_EVERY, ~1 %): at least SAMPLE_MIN sampled rows of which more
# than half are distinct (basic, variable, hours) → raw.
SAMPLE_EVERY = 97
SAMPLE_MIN = 500
FORCE: str | None = None  # tests: "counted" or "raw" for every data set


def _mode(ctx: Selection) -> str:
    """A row (``mode_year``) when the pay year's rows take the raw way; none: counted."""
    if FORCE is not None:
        return (f"SELECT year AS mode_year FROM {_base(ctx)} AS p GROUP BY year "
                f"HAVING {'true' if FORCE == 'raw' else 'false'}")
    return f"""SELECT year AS mode_year
               FROM (SELECT year, count(*) AS c FROM {_base(ctx)} AS p
                     WHERE CAST(floor(basic_pay) AS BIGINT) % {SAMPLE_EVERY} = 0
                     GROUP BY year, basic_pay, variable_pay, hours_paid) AS s
               GROUP BY year HAVING sum(c) >= {SAMPLE_MIN} AND 2 * count(*) > sum(c)"""


def _raw_figures() -> str:
    """The raw way, from ``rr`` (a row per worker and basis: x, v, gender): per basis each
    gender's count, mean and lower middle value (``quantile_disc`` at 0.5: place
    (n − 1) // 2), the same among receivers of variable pay, and the band edges
    (``edges[k]``, k = 1…3: places ⌈kN/4⌉ − 1)."""
    cols = ["count(*) AS n", "quantile_disc(x, [0.25, 0.5, 0.75]) AS edges",
            "count(*) FILTER (WHERE gender = 'other') AS other_n"]
    for prefix, value, receivers in (("x", "x", ""), ("variable", "v", " AND v > 0")):
        for who, g in (("women", "woman"), ("men", "man")):
            cond = f"gender = '{g}'{receivers}"
            name = f"{prefix}_{who}"
            cols += [f"count(*) FILTER (WHERE {cond}) AS {name}_n",
                     f"fsum({value}) FILTER (WHERE {cond}) / "
                     f"nullif(count(*) FILTER (WHERE {cond}), 0) AS {name}_mean",
                     f"quantile_disc({value}, 0.5) FILTER (WHERE {cond}) AS {name}_lo"]
    return f"SELECT basis, bord, {', '.join(cols)} FROM rr GROUP BY basis, bord"


def _raw_next() -> str:
    """Per basis from ``rr`` and ``rq``: for each median, the workers paid at most its lower
    middle value (``…_le``) and the next value paid (``…_next``): the upper middle value,
    place n // 2, is the lower one while more than n // 2 are paid at most that."""
    cols = []
    for prefix, value, receivers in (("x", "x", ""), ("variable", "v", " AND r.v > 0")):
        for who, g in (("women", "woman"), ("men", "man")):
            name = f"{prefix}_{who}"
            cond = f"r.gender = '{g}'{receivers}"
            cols += [f"count(*) FILTER (WHERE {cond} AND r.{value} <= q.{name}_lo) AS {name}_le",
                     f"min(r.{value}) FILTER (WHERE {cond} AND r.{value} > q.{name}_lo) "
                     f"AS {name}_next"]
    return (f"SELECT r.bord, {', '.join(cols)} FROM rr AS r JOIN rq AS q ON q.bord = r.bord "
            "GROUP BY r.bord")


def _raw_middle(prefix: str) -> str:
    """:func:`_middle`'s columns from ``rq`` and ``rn``."""
    cols = []
    for who in ("women", "men"):
        name = f"{prefix}_{who}"
        cols += [f"q.{name}_n", f"q.{name}_mean", f"q.{name}_lo",
                 f"CASE WHEN rn.{name}_le > q.{name}_n // 2 THEN q.{name}_lo "
                 f"ELSE rn.{name}_next END AS {name}_hi"]
    return ", ".join(cols)


def _raw_bands() -> str:
    """CTEs of the raw way's quartile bands. A worker paid x is in band 1 + #{k: x > a_k}
    unless x is one of the edges a_k (the pay at place ⌈kN/4⌉ − 1): every other worker
    lies wholly inside one band (pay below a_k ends before edge k, pay above starts after
    it). The workers paid
    an edge value (at most three groups) are split by the tie rule, as in the counted way,
    from s (workers paid less) and c (workers paid the same)."""
    edge = " OR ".join(f"r.x = q.edges[{k}]" for k in (1, 2, 3))
    band = "1 + " + " + ".join(f"CASE WHEN r.x > q.edges[{k}] THEN 1 ELSE 0 END"
                               for k in (1, 2, 3))
    counts = ", ".join(f"count(*) FILTER (WHERE r.gender = '{g}') AS {c}" for g, c in GENDERS)
    return f"""
    rg AS (SELECT r.basis, r.bord, q.n, CASE WHEN {edge} THEN r.x END AS t, {band} AS band,
                  {counts}
           FROM rr AS r JOIN rq AS q ON q.bord = r.bord
           GROUP BY r.basis, r.bord, q.n, CASE WHEN {edge} THEN r.x END, {band}),
    rt AS (SELECT g.basis, g.bord, g.n, g.w, g.mn, g.o, g.w + g.mn + g.o AS c,
                  coalesce(sum(e.w + e.mn + e.o), 0) AS s
           FROM rg AS g LEFT JOIN rg AS e ON e.bord = g.bord AND
                ((e.t IS NULL AND e.band <= g.band) OR e.t < g.t)
           WHERE g.t IS NOT NULL GROUP BY g.basis, g.bord, g.n, g.t, g.w, g.mn, g.o),
    rp AS (SELECT rt.basis, rt.bord, b.quartile, rt.n, rt.w, rt.mn, rt.o, rt.c,
                  least(4 * (rt.s + rt.c), b.quartile * rt.n)
                  - greatest(4 * rt.s, (b.quartile - 1) * rt.n) AS ov
           FROM rt CROSS JOIN (VALUES (1), (2), (3), (4)) AS b(quartile)),
    rb AS (SELECT basis, bord, band AS quartile, n, CAST(w AS DOUBLE) AS women,
                  CAST(mn AS DOUBLE) AS men, CAST(o AS DOUBLE) AS other
           FROM rg WHERE t IS NULL
           UNION ALL
           SELECT basis, bord, quartile, n, CAST(ov * w AS DOUBLE) / (4 * c),
                  CAST(ov * mn AS DOUBLE) / (4 * c), CAST(ov * o AS DOUBLE) / (4 * c)
           FROM rp WHERE ov > 0)"""


def _category_raw() -> str:
    """:func:`_category_means`' columns from the workers' own rows (``p``)."""
    cols = [f"count(*) FILTER (WHERE gender = '{g}') AS {who}_n"
            for who, g in (("women", "woman"), ("men", "man"), ("other", "other"))]
    for basis, div in (("annual", ""), ("hourly", " / hours_paid")):
        for m, expr in MEASURES:
            for who, g in (("women", "woman"), ("men", "man")):
                cond = f"gender = '{g}'"
                cols.append(f"fsum({expr}{div}) FILTER (WHERE {cond}) / "
                            f"nullif(count(*) FILTER (WHERE {cond}), 0) AS {who}_{m}_{basis}")
    return ", ".join(cols)


def _parts(ctx: Selection) -> str:
    """The three tables' rows as one relation of ``SHARED_COLUMNS`` (a column a part lacks
    is NULL), unordered."""
    # Quartile bands: ranks are counted in quarters so that every band edge (q·N/4) is a
    # whole number: a tied group of c workers after s others spans [4s, 4(s + c)]
    # quarter-ranks, band q spans [(q − 1)·N, q·N], and the group gives the band ov / (4c)
    # of each of its genders, ov being the overlap. Groups inside one band give whole
    # counts (exact in floating point).
    branches = []
    for part, cols in PARTS.items():
        source = {"pay_gap": "xa LEFT JOIN va ON va.bord = xa.bord",
                  "pay_quartiles": "bands", "pay_categories": "cat"}[part]
        exprs = [f"{cols[c]} AS {c}" if c in cols else
                 f"CAST(NULL AS {_TYPES.get(c, 'DOUBLE')}) AS {c}" for c in SHARED_COLUMNS[1:]]
        branches.append(f"SELECT '{part}' AS part, {', '.join(exprs)} FROM {source}")
    union = "\n      UNION ALL ".join(branches)
    raw_pay = f"{_base(ctx)} AS p JOIN mode ON mode.mode_year = p.year"
    x_raw = "CASE WHEN b.bord = 0 THEN (p.basic_pay + p.variable_pay) / p.hours_paid " \
            "ELSE p.basic_pay + p.variable_pay END"
    v_raw = "CASE WHEN b.bord = 0 THEN p.variable_pay / p.hours_paid ELSE p.variable_pay END"
    return f"""
    WITH mode AS ({_mode(ctx)}),
    h AS ({_counts(ctx)}),
    m AS ({_measures()}),
    xs AS (SELECT basis, bord, x, CAST(sum(w) AS BIGINT) AS w, CAST(sum(mn) AS BIGINT) AS mn,
                  CAST(sum(o) AS BIGINT) AS o
           FROM m GROUP BY basis, bord, x),
    xr AS ({_running('xs', total=True)}),
    vs AS (SELECT bord, v AS x, CAST(sum(w) AS BIGINT) AS w, CAST(sum(mn) AS BIGINT) AS mn
           FROM m WHERE v > 0 GROUP BY bord, v),
    spans AS (SELECT basis, bord, w, mn, o, n, c_at - (w + mn + o) AS s, w + mn + o AS c,
                     unnest(range(CAST(4 * (c_at - (w + mn + o)) // n AS BIGINT) + 1,
                                  CAST((4 * c_at + n - 1) // n AS BIGINT) + 1)) AS quartile
              FROM xr),
    parts AS (SELECT basis, bord, quartile, n, w, mn, o, c,
                     least(4 * (s + c), quartile * n) - greatest(4 * s, (quartile - 1) * n) AS ov
              FROM spans),
    rr AS (SELECT b.basis, b.bord, p.gender, {x_raw} AS x, {v_raw} AS v
           FROM {raw_pay} CROSS JOIN {_bases()}),
    rq AS ({_raw_figures()}),
    rn AS ({_raw_next()}),{_raw_bands()},
    xa AS (SELECT basis, bord, {_middle('x')}, CAST(sum(o) AS BIGINT) AS other_n
           FROM xr GROUP BY basis, bord
           UNION ALL
           SELECT q.basis, q.bord, {_raw_middle('x')}, q.other_n
           FROM rq AS q JOIN rn ON rn.bord = q.bord),
    va AS (SELECT bord, {_middle('variable')} FROM ({_running('vs')}) AS r GROUP BY bord
           UNION ALL
           SELECT q.bord, {_raw_middle('variable')} FROM rq AS q JOIN rn ON rn.bord = q.bord),
    bands AS (SELECT basis, bord, quartile, any_value(n) AS n, sum(women) AS women,
                     sum(men) AS men, sum(other) AS other
              FROM (SELECT basis, bord, quartile, n, CAST(ov * w AS DOUBLE) / (4 * c) AS women,
                           CAST(ov * mn AS DOUBLE) / (4 * c) AS men,
                           CAST(ov * o AS DOUBLE) / (4 * c) AS other
                    FROM parts WHERE ov > 0
                    UNION ALL SELECT basis, bord, quartile, n, women, men, other FROM rb) AS u
              GROUP BY basis, bord, quartile),
    cat AS (SELECT category, {_category_means()} FROM h GROUP BY category
            UNION ALL
            SELECT category, {_category_raw()} FROM {raw_pay} GROUP BY category)
    SELECT * FROM ({union}) AS t"""


def pay_tables(ctx: Selection) -> str:
    """The three pay tables' rows in one statement (``SHARED_COLUMNS``; ``part`` names the
    table), each table's rows in its order."""
    return f"{_parts(ctx)}\n    ORDER BY part, {', '.join(ORDER)}"


PAY_TABLES = Shared(SHARED_COLUMNS, pay_tables)


def _alone(name: str, columns: tuple[str, ...]) -> Callable[[Selection], str]:
    """The statement for one pay table alone: its part of :func:`pay_tables`."""

    def sql(ctx: Selection) -> str:
        return (f"SELECT {', '.join(columns)} FROM ({_parts(ctx)}) AS p\n"
                f"    WHERE part = '{name}' ORDER BY {', '.join(ORDER)}")

    return sql


indicator("pay_gap", "Mean and median gender pay gaps, hourly and annual, with the gaps in "
          "variable pay among its receivers and the shares receiving it (Directive "
          "(EU) 2023/970 Art. 9(1)(a)–(e)).", GAP_COLUMNS, keys=("basis",),
          disclosure=MAGNITUDE, present=pay_present, shared=PAY_TABLES)(
    _alone("pay_gap", GAP_COLUMNS))
indicator("pay_quartiles", "Women, men and other in the four quartile pay bands (fractional "
          "bands of exactly N/4; tied pay shares its rank interval evenly), hourly and annual "
          "(Art. 9(1)(f)).", QUARTILE_COLUMNS, keys=("basis", "quartile"),
          disclosure=MAGNITUDE, present=pay_present, shared=PAY_TABLES)(
    _alone("pay_quartiles", QUARTILE_COLUMNS))
indicator("pay_categories", "Per category of workers: mean basic, variable and total pay of "
          "women and men, annual and hourly (zeros included), their gaps, and whether a joint "
          "pay assessment is required (|gap in mean total hourly pay| ≥ 5 %; Art. 9(1)(g), "
          "Art. 10).", CATEGORY_COLUMNS, keys=("category",), disclosure=MAGNITUDE,
          present=pay_present, finish=judge_categories_exactly,
          shared=PAY_TABLES)(
    _alone("pay_categories", CATEGORY_COLUMNS))
