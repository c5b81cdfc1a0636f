"""The pay statement's two ways to the same figures (ligestat.indicators.pay: counted per
distinct pay, or order statistics of the workers' rows), each checked against the
contract's definitions worked out here in exact fractions, on random workers with and
without tied pay; and the choice between them, read from a sample of the rows."""

from __future__ import annotations

import statistics
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ligestat.indicators import pay

GENDERS = ("woman", "man", "other")
# one worker: gender, basic pay, variable pay, hours
Worker = tuple[str, int, int, int]


def _con(workers: list[Worker]) -> Any:
    con = duckdb.connect()
    con.execute("CREATE TABLE pay (year INTEGER, employee_id VARCHAR, gender VARCHAR, "
                "department VARCHAR, category VARCHAR, basic_pay DOUBLE, variable_pay DOUBLE, "
                "hours_paid DOUBLE)")
    con.executemany("INSERT INTO pay VALUES (2024, ?, ?, 'A', ?, ?, ?, ?)",
                    [(f"P{i}", g, "C" if i % 3 else "D", b, v, h)
                     for i, (g, b, v, h) in enumerate(workers)])
    return con


def _run(workers: list[Worker], way: str) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pay, "FORCE", way)
        sql = pay.pay_tables(SimpleNamespace(pay_year=2024))
    cur = _con(workers).execute(sql)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    return {part: [r for r in rows if r["part"] == part]
            for part in ("pay_gap", "pay_quartiles", "pay_categories")}


def _median(values: list[Fraction]) -> Fraction | None:
    return Fraction(statistics.median(values)) if values else None


def _bands(ranked: list[tuple[Fraction, str]]) -> list[dict[str, Fraction]]:
    """CONTRACT.md's tie rule: a group of c equal pays after s others spreads each gender
    evenly over ranks [s, s + c]; band q covers [(q − 1)·N/4, q·N/4]."""
    n = len(ranked)
    groups: dict[Fraction, dict[str, int]] = {}
    for x, g in ranked:
        groups.setdefault(x, dict.fromkeys(GENDERS, 0))[g] += 1
    bands = [dict.fromkeys(GENDERS, Fraction(0)) for _ in range(4)]
    start = Fraction(0)
    for x in sorted(groups):
        c = sum(groups[x].values())
        for q in range(4):
            lo, hi = Fraction(q * n, 4), Fraction((q + 1) * n, 4)
            overlap = max(Fraction(0), min(start + c, hi) - max(start, lo))
            for g in GENDERS:
                bands[q][g] += overlap * groups[x][g] / c
        start += c
    return bands


def _expected(workers: list[Worker], hourly: bool) -> dict[str, Any]:
    def x(w: Worker) -> Fraction:
        total = Fraction(w[1] + w[2])
        return total / w[3] if hourly else total

    def v(w: Worker) -> Fraction:
        return Fraction(w[2], w[3]) if hourly else Fraction(w[2])

    out: dict[str, Any] = {"bands": _bands([(x(w), w[0]) for w in workers])}
    for who, g in (("women", "woman"), ("men", "man")):
        xs = [x(w) for w in workers if w[0] == g]
        vs = [v(w) for w in workers if w[0] == g and w[2] > 0]
        out[f"{who}_n"] = len(xs)
        out[f"{who}_median"] = _median(xs)
        out[f"{who}_mean"] = sum(xs) / len(xs) if xs else None
        out[f"{who}_variable_n"] = len(vs)
        out[f"{who}_variable_median"] = _median(vs)
    return out


def _close(got: Any, want: Fraction | None) -> bool:
    if want is None:
        return got is None
    return got is not None and abs(Fraction(got) - want) <= abs(want) * Fraction(1, 10**12)


workers_st = st.lists(
    st.tuples(st.sampled_from(GENDERS),
              st.integers(0, 40).map(lambda k: 20_000 + 500 * k),  # a pay scale: ties
              st.sampled_from([0, 0, 0, 1_000, 2_500]),
              st.sampled_from([1_000, 1_500, 1_924])),
    min_size=1, max_size=60)
distinct_st = st.lists(st.integers(20_000, 90_000), min_size=1, max_size=60, unique=True).map(
    lambda pays: [(GENDERS[p % 3], p, (p % 7) * 100, 1_924) for p in pays])


@pytest.mark.parametrize("way", ["counted", "raw"])
@settings(max_examples=60, deadline=None)
@given(workers=st.one_of(workers_st, distinct_st))
def test_each_way_gives_the_definitions_medians_means_and_bands(
        workers: list[Worker], way: str) -> None:
    got = _run(workers, way)
    for row in got["pay_gap"]:
        want = _expected(workers, hourly=row["basis"] == "hourly")
        for key in ("women_n", "men_n", "women_variable_n", "men_variable_n"):
            assert row[key] == want[key], key
        for key in ("women_median", "men_median", "women_variable_median",
                    "men_variable_median", "women_mean", "men_mean"):
            assert _close(row[key], want[key]), (key, row[key], want[key])
    for row in got["pay_quartiles"]:
        band = _expected(workers, hourly=row["basis"] == "hourly")["bands"][row["quartile"] - 1]
        for key, g in (("women", "woman"), ("men", "man"), ("other", "other")):
            assert _close(row[key], band[g]) or abs(row[key] - float(band[g])) < 1e-9, key
    assert [(r["basis"], r["quartile"]) for r in got["pay_quartiles"]] == [
        (b, q) for b in ("hourly", "annual") for q in (1, 2, 3, 4)]


def test_the_two_ways_agree_on_a_few_thousand_workers() -> None:
    workers = [(GENDERS[i % 3 if i % 5 else 0], 20_000 + (i * 7919) % 3_001 * 10,
                (i % 4) * 250, (1_000, 1_500, 1_924)[i % 3]) for i in range(3_000)]
    counted, raw = (_run(workers, w) for w in ("counted", "raw"))
    for part in counted:
        assert len(counted[part]) == len(raw[part])
        for a, b in zip(counted[part], raw[part], strict=True):
            for key, value in a.items():
                if isinstance(value, float):
                    assert b[key] == pytest.approx(value, rel=1e-12, abs=1e-9), (part, key)
                else:
                    assert b[key] == value, (part, key)


def _chosen(workers: list[Worker]) -> str:
    rows = _con(workers).execute(pay._mode(SimpleNamespace(pay_year=2024))).fetchall()
    return "raw" if rows else "counted"


def test_pay_without_ties_takes_the_raw_way_and_a_pay_scale_the_counted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pay, "FORCE", None)
    n = pay.SAMPLE_EVERY * pay.SAMPLE_MIN * 2  # enough rows for the sample to count
    every_own = [(GENDERS[i % 2], 30_000 + i, 0, 1_924) for i in range(n)]
    on_a_scale = [(GENDERS[i % 2], pay.SAMPLE_EVERY * (300 + i % 40), 0, 1_924)  # sampled
                  for i in range(n)]
    assert _chosen(every_own) == "raw"
    assert _chosen(on_a_scale) == "counted"
    assert _chosen(every_own[:1_000]) == "counted"  # too few rows to be worth it
