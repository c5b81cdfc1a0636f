"""The pay tables in the shapes two authorities take, so one run files in several countries.

Both exports read the disclosure-protected tables; a suppressed figure is an empty cell.

**UK** — the gender-pay-gap service (Equality Act 2010 (Gender Pay Gap Information)
Regulations 2017), the columns of its public download, one row per employer:

=========================== ==========================================================
column                      ligestat source
=========================== ==========================================================
EmployerName                config ``organisation``
DiffMeanHourlyPercent       ``pay_gap`` hourly ``mean_gap`` × 100
DiffMedianHourlyPercent     ``pay_gap`` hourly ``median_gap`` × 100
DiffMeanBonusPercent        ``pay_gap`` annual ``variable_mean_gap`` × 100 (bonus = variable)
DiffMedianBonusPercent      ``pay_gap`` annual ``variable_median_gap`` × 100
MaleBonusPercent            ``pay_gap`` annual ``men_variable_share`` × 100
FemaleBonusPercent          ``pay_gap`` annual ``women_variable_share`` × 100
Male/Female…Quartile        ``pay_quartiles`` hourly: men (women) / (women + men) × 100;
                            Lower = 1, LowerMiddle = 2, UpperMiddle = 3, Top = 4
EmployerSize                band of women + men + other: "Less than 250", …
=========================== ==========================================================

Percentages have one decimal, as the service shows them. Differences to the UK
rules (docs/pay.md): the UK measures ordinary pay in one April pay period and bonus
over twelve months; here both are the pay year's; the UK's quartiles hold whole
people, ours fractional ones; the UK percentages leave ``other`` out.

**France** — the figures of the egapro declaration of the Directive's indicators
(A–G), as rows ``indicator, basis, category, women, men, gap_percent``:
A mean gap, B variable mean gap, C median gap, D variable median gap (b and d among
receivers), E share receiving variable pay, F share of women/men per quartile
(category = Q1…Q4), G per category of workers (basic and variable, annual and
hourly). Gaps are (men − women) / men × 100, positive when men earn more, as egapro
shows "en défaveur des femmes".
"""

from __future__ import annotations

import csv
import io
from typing import Any

__all__ = ["EGAPRO_COLUMNS", "UK_COLUMNS", "egapro_csv", "egapro_rows", "uk_csv", "uk_row"]

UK_COLUMNS = (
    "EmployerName", "DiffMeanHourlyPercent", "DiffMedianHourlyPercent", "DiffMeanBonusPercent",
    "DiffMedianBonusPercent", "MaleBonusPercent", "FemaleBonusPercent", "MaleLowerQuartile",
    "FemaleLowerQuartile", "MaleLowerMiddleQuartile", "FemaleLowerMiddleQuartile",
    "MaleUpperMiddleQuartile", "FemaleUpperMiddleQuartile", "MaleTopQuartile",
    "FemaleTopQuartile", "EmployerSize",
)
QUARTILE_NAMES = ("Lower", "LowerMiddle", "UpperMiddle", "Top")
SIZES = ((250, "Less than 250"), (500, "250 to 499"), (1000, "500 to 999"),
         (5000, "1000 to 4999"), (20000, "5000 to 19,999"))
EGAPRO_COLUMNS = ("indicator", "basis", "category", "women", "men", "gap_percent")

Tables = dict[str, list[dict[str, Any]]]


def _pct(value: Any) -> float | None:
    return None if value is None else round(100 * float(value), 1)


def _size(n: int) -> str:
    return next((label for limit, label in SIZES if n < limit), "20,000 or more")


def _row(tables: Tables, name: str, basis: str) -> dict[str, Any]:
    return next(r for r in tables[name] if r["basis"] == basis)


def uk_row(organisation: str, tables: Tables) -> dict[str, Any]:
    """One row of the UK service's columns (None: suppressed or not computable)."""
    hourly, annual = _row(tables, "pay_gap", "hourly"), _row(tables, "pay_gap", "annual")
    out: dict[str, Any] = {
        "EmployerName": organisation,
        "DiffMeanHourlyPercent": _pct(hourly["mean_gap"]),
        "DiffMedianHourlyPercent": _pct(hourly["median_gap"]),
        "DiffMeanBonusPercent": _pct(annual["variable_mean_gap"]),
        "DiffMedianBonusPercent": _pct(annual["variable_median_gap"]),
        "MaleBonusPercent": _pct(annual["men_variable_share"]),
        "FemaleBonusPercent": _pct(annual["women_variable_share"]),
    }
    bands = [r for r in tables["pay_quartiles"] if r["basis"] == "hourly"]
    for name, band in zip(QUARTILE_NAMES, bands, strict=True):
        w, m = band["women"], band["men"]
        known = w is not None and m is not None and w + m > 0
        out[f"Male{name}Quartile"] = round(100 * m / (w + m), 1) if known else None
        out[f"Female{name}Quartile"] = round(100 * w / (w + m), 1) if known else None
    counts = [hourly["women_n"], hourly["men_n"], hourly["other_n"]]
    out["EmployerSize"] = _size(sum(c for c in counts if c is not None))
    return out


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # a text starting with = + - @ would be a formula in a spreadsheet
        writer.writerow({k: "'" + v if isinstance(v, str) and v and v[0] in "=+-@" else
                         ("" if v is None else v) for k, v in row.items()})
    return buf.getvalue()


def uk_csv(organisation: str, tables: Tables) -> str:
    return _csv(UK_COLUMNS, [uk_row(organisation, tables)])


def egapro_rows(tables: Tables) -> list[dict[str, Any]]:
    """The declaration's figures A–G, hourly and annual."""
    out: list[dict[str, Any]] = []

    def add(ind: str, basis: str, cat: str, w: Any, m: Any, gap: Any) -> None:
        out.append({"indicator": ind, "basis": basis, "category": cat, "women": w, "men": m,
                    "gap_percent": _pct(gap)})

    for basis in ("annual", "hourly"):
        g = _row(tables, "pay_gap", basis)
        add("A", basis, "", g["women_mean"], g["men_mean"], g["mean_gap"])
        add("B", basis, "", g["women_variable_mean"], g["men_variable_mean"],
            g["variable_mean_gap"])
        add("C", basis, "", g["women_median"], g["men_median"], g["median_gap"])
        add("D", basis, "", g["women_variable_median"], g["men_variable_median"],
            g["variable_median_gap"])
        add("E", basis, "", _pct(g["women_variable_share"]), _pct(g["men_variable_share"]),
            None)
        for band in (r for r in tables["pay_quartiles"] if r["basis"] == basis):
            add("F", basis, f"Q{band['quartile']}", _pct(band["women_share"]),
                _pct(band["men_share"]), None)
        for c in tables["pay_categories"]:
            for part in ("basic", "variable"):
                add("G", basis, f"{c['category']} ({part})", c[f"women_{part}_{basis}"],
                    c[f"men_{part}_{basis}"], c[f"{part}_{basis}_gap"])
    return out


def egapro_csv(tables: Tables) -> str:
    return _csv(EGAPRO_COLUMNS, egapro_rows(tables))
