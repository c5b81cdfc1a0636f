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
  categories, gives the organisation's mean (``pay_gap``) — so when exactly one
  category of a gender is suppressed while the organisation's mean of that
  gender is published, the next-smallest category of that gender goes too;
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

__all__ = ["MAGNITUDE_TABLES", "suppress_magnitudes"]

MAGNITUDE_TABLES = ("pay_gap", "pay_quartiles", "pay_categories")
GENDER_KEYS = ("women", "men")

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


def _categories(rows: Rows, org: Rows, k: int, k_other: int) -> None:
    hidden: dict[str, list[int]] = {g: [] for g in GENDER_KEYS}
    for i, row in enumerate(rows):
        one_gender = k > 1 and (row["women_n"] == 0) != (row["men_n"] == 0)
        for g in GENDER_KEYS:
            if _small(row[f"{g}_n"], k) or (one_gender and row[f"{g}_n"] > 0):
                _hide(row, _category_keys(row, g))
                hidden[g].append(i)
    for g in GENDER_KEYS:
        org_published = any(r.get(f"{g}_mean") is not None for r in org)
        if len(hidden[g]) == 1 and org_published:
            others = sorted((r[f"{g}_n"], j) for j, r in enumerate(rows)
                            if j not in hidden[g] and r[f"{g}_n"] > 0)
            if others:
                _hide(rows[others[0][1]], _category_keys(rows[others[0][1]], g))
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
