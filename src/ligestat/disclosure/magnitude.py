"""Disclosure control for magnitude tables: the pay tables' means and medians.

A mean or median of fewer than ``min_count`` people says too much about each of
them (British Columbia's pay-transparency reports suppress under 10). Under a
policy whose rule for the table has ``min_count`` k > 1 (``standard``: 5,
``strict``: 10; ``[disclosure.tables.pay_gap] min_count`` overrides):

- **primary**: a gender's mean, median (and, among receivers of variable pay,
  variable mean and median) computed over 0 < n < k people is suppressed, with
  every gap computed from it and ``assessment_required`` judged on it;
- **one gender**: a category with women or men only shows its counts only;
- **secondary**: a category's mean pay times its head count, summed over the
  categories, gives the organisation's mean times its head count (``pay_gap``: the
  mean of total pay, and — zeros adding nothing — the variable-pay mean among
  receivers times their number). An attacker bounds each suppressed category mean
  by that equation (:func:`mean_intervals`: with one unknown it is pinned; with
  several, each lies in [0, rest / n]). While a suppressed mean is open by less than
  :data:`P_SHARE` of its value (or of the organisation's mean), the smallest published
  category of that gender goes too, and when none is left the organisation's mean;
- **other**: ``other_n`` of 0 < n < ``other_min_count`` is suppressed (in every
  category as soon as one is); the quartile bands then publish nothing, because
  each band holds exactly N/4 and women + men per band would give the ``other``
  workers' bands back by difference.

Counts of women and men and the quartile bands are staff counts and stay.
Suppressed cells are ``None`` and listed in the row's ``"suppressed"``, as for
count tables (CONTRACT.md §3).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["MAGNITUDE_TABLES", "P_SHARE", "MeanInterval", "mean_intervals", "open_enough",
           "suppress_magnitudes"]

MAGNITUDE_TABLES = ("pay_gap", "pay_quartiles", "pay_categories")
GENDER_KEYS = ("women", "men")
BASES = ("annual", "hourly")
P_SHARE = 0.1  # a suppressed mean stays open by at least 10 % of its value (a p % rule)

Rows = list[dict[str, Any]]
Rule = Callable[[str], tuple[int, int]]  # table → (min_count, other_min_count)


def _hide(row: dict[str, Any], keys: list[str]) -> None:
    listed = list(row.get("suppressed") or [])
    for k in keys:
        if k in row and row[k] is not None:
            row[k] = None
            if k not in listed:
                listed.append(k)
    if listed:
        row["suppressed"] = listed


def _small(n: Any, k: int) -> bool:
    return isinstance(n, int) and 0 < n < k


def _gap_row(row: dict[str, Any], k: int, k_other: int) -> None:
    for g in GENDER_KEYS:
        if _small(row[f"{g}_n"], k):
            _hide(row, [f"{g}_mean", f"{g}_median", "mean_gap", "median_gap",
                        f"{g}_variable_mean", f"{g}_variable_median",
                        "variable_mean_gap", "variable_median_gap"])
        if _small(row[f"{g}_variable_n"], k):
            _hide(row, [f"{g}_variable_mean", f"{g}_variable_median",
                        "variable_mean_gap", "variable_median_gap"])
    if _small(row["other_n"], k_other):
        _hide(row, ["other_n"])


def _category_keys(row: Mapping[str, Any], gender: str) -> list[str]:
    own = [k for k in row if k.startswith(f"{gender}_") and k != f"{gender}_n"]
    return [*own, *(k for k in row if k.endswith("_gap")), "assessment_required"]


# row, gender, key, true value, low, high, least width the policy asks
MeanInterval = tuple[int, str, str, float, float, float, float]


def _equations(gender: str, basis: str) -> tuple[tuple[str, str, str], ...]:
    """(organisation's mean, its head count, the category mean) summing alike."""
    return ((f"{gender}_mean", f"{gender}_n", f"{gender}_total_{basis}"),
            (f"{gender}_variable_mean", f"{gender}_variable_n", f"{gender}_variable_{basis}"))


def mean_intervals(org: Rows, shown: Rows, true: Rows) -> list[MeanInterval]:
    """What an attacker can derive about every suppressed category mean of ``shown``
    (``pay_categories`` as published; ``true`` unsuppressed) from the organisation's
    published means ``org`` (``pay_gap``): mean × n summed over the categories."""
    out: list[MeanInterval] = []
    for g in GENDER_KEYS:
        for basis in BASES:
            row = next((r for r in org if r.get("basis") == basis), None)
            for mean_key, n_key, cat_key in _equations(g, basis) if row else ():
                assert row is not None
                mean, n = row.get(mean_key), row.get(n_key)
                if mean is None or n is None:
                    continue
                rest, hidden = float(mean) * float(n), []
                for i, (s, t) in enumerate(zip(shown, true, strict=True)):
                    if not t[f"{g}_n"] or t.get(cat_key) is None:
                        continue
                    if s.get(cat_key) is None:
                        hidden.append(i)
                    else:
                        rest -= float(s[cat_key]) * float(t[f"{g}_n"])
                for i in hidden:
                    high = max(rest, 0.0) / true[i][f"{g}_n"]
                    low = high if len(hidden) == 1 else 0.0
                    value = float(true[i][cat_key])
                    out.append((i, g, cat_key, value, low, high,
                                P_SHARE * max(abs(value), abs(float(mean)))))
    return out


def open_enough(low: float, high: float, required: float) -> bool:
    """Whether an attacker's interval for a suppressed mean is wide enough: by
    :data:`P_SHARE` of its value, or of the organisation's mean when larger (a mean of
    0 pinned at 0 says that nobody in the category received any)."""
    return high - low >= required * (1 - 1e-9)


def _categories(rows: Rows, org: Rows, k: int, k_other: int) -> None:
    true = [dict(r) for r in rows]
    for row in rows:
        one_gender = k > 1 and (row["women_n"] == 0) != (row["men_n"] == 0)
        for g in GENDER_KEYS:
            if _small(row[f"{g}_n"], k) or (one_gender and row[f"{g}_n"] > 0):
                _hide(row, _category_keys(row, g))
    while True:  # secondary: until no suppressed mean is narrowed too far
        narrow = next(((i, g, key) for i, g, key, _, lo, hi, need
                       in mean_intervals(org, rows, true) if not open_enough(lo, hi, need)),
                      None)
        if narrow is None:
            break
        _, g, key = narrow
        others = sorted((r[f"{g}_n"], j) for j, r in enumerate(rows)
                        if r[f"{g}_n"] > 0 and r.get(key) is not None)
        if others:
            _hide(rows[others[0][1]], _category_keys(rows[others[0][1]], g))
        else:  # every category of the gender is hidden: the organisation's mean goes
            mean_key = next(m for b in BASES for m, _, c in _equations(g, b) if c == key)
            basis = key.rsplit("_", 1)[1]
            gap = "variable_mean_gap" if "variable" in mean_key else "mean_gap"
            for r in org:
                if r.get("basis") == basis:
                    _hide(r, [mean_key, gap])
    if any(_small(r["other_n"], k_other) for r in rows):
        for row in rows:
            if row["other_n"]:
                _hide(row, ["other_n"])


def suppress_magnitudes(tables: Mapping[str, Rows], rule: Rule) -> dict[str, Rows]:
    """The tables with the magnitude rule applied to the pay tables; input unchanged."""
    out = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    gap, bands, cats = (out.get(n) for n in MAGNITUDE_TABLES)
    if gap is not None:
        k, k_other = rule("pay_gap")
        if k > 1 or k_other > 1:
            for row in gap:
                _gap_row(row, k, k_other)
    if cats is not None:
        k, k_other = rule("pay_categories")
        if k > 1 or k_other > 1:
            _categories(cats, gap or [], k, k_other)
    if bands is not None and gap:
        _, k_other = rule("pay_quartiles")
        if _small(tables["pay_gap"][0]["other_n"], k_other):
            for row in bands:
                _hide(row, ["women", "men", "other", "women_share", "men_share"])
    return out
