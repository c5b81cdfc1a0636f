"""Hand-made report inputs for the report tests.

``kk2025_input`` rebuilds contract-shaped tables (CONTRACT.md §3) from the
published Copenhagen 2025 tables copied into fixtures/reference/: counts as
published, denominators chosen so every published percentage rounds back to
itself, so the rendered report must show every published number.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from ligestat.config import Department, demo_config
from ligestat.io.narrative import NarrativeFile, read_narrative
from ligestat.report.context import read_context
from ligestat.report.input import DisclosureInfo, ReportInput
from ligestat.synth.context import context_csv
from ligestat.synth.narrative import TEXTS, initiatives_csv
from ligestat.synth.reference import load_reference

FIXTURES = Path(__file__).parent / "fixtures"


def demo_context(folder: Path) -> Path:
    """The demo's context.csv, as `ligestat synth kk-2025` writes it."""
    path = folder / "context.csv"
    path.write_text(context_csv(load_reference().facts), encoding="utf-8")
    return path
REFERENCE = FIXTURES / "reference"
DEPTS = ("BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF")


def pct(share: float) -> int:
    """Rounded half up, as the published tables round (independent of the code under test)."""
    return int((Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read_reference(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def dept_key(published: str) -> str:
    return "total" if published == "I alt" else published


def balanced(women: int, men: int) -> bool | None:
    n = women + men
    if n <= 1:
        return None
    if n == 3:
        return women >= 1 and men >= 1
    need = math.ceil(0.4 * n)
    return women >= need and men >= need


def manager_rows(name: str) -> list[dict[str, Any]]:
    rows = []
    for r in read_reference(name):
        w, m = int(r["women"]), int(r["men"])
        rows.append({"department": dept_key(r["department"]), "women": w, "men": m, "other": 0,
                     "total": w + m, "women_share": w / (w + m), "men_share": m / (w + m),
                     "target_met": balanced(w, m)})
    return rows


def _denominator(counts: list[tuple[int, int]]) -> int:
    """Smallest n at which every (count, published percent) rounds back."""
    first = max(c for c, _ in counts) or 1
    candidates = range(first, first * 2 + 10)
    # some published rows cannot all round back (38 of n is never 91 %): best effort
    return max(candidates, key=lambda n: (sum(pct(c / n) == p for c, p in counts), -n))


def leave_rows(name: str, targets: bool) -> list[dict[str, Any]]:
    rows = []
    for r in read_reference(name):
        ks = ("ge11", "ge17", "ge24")
        n = _denominator([(int(r[k]), int(r[f"{k}_pct"])) for k in ks])
        row: dict[str, Any] = {"department": dept_key(r["department"]), "n": n}
        for k in ks:
            row[k] = int(r[k])
            row[f"{k}_share"] = int(r[k]) / n
        row["ge11_target_met"] = row["ge11_share"] >= 0.95 if targets else None
        row["ge17_target_met"] = row["ge17_share"] >= 0.60 if targets else None
        rows.append(row)
    return rows


def _candidates(count: int, percent: int) -> list[int]:
    """Denominators n at which count / n rounds to percent."""
    lo = max(count, int(count * 100 / (percent + 0.5)) - 1)
    hi = int(count * 100 / max(percent - 0.5, 0.01)) + 2
    return [n for n in range(lo, hi) if pct(count / n) == percent]


def sick_rows() -> list[dict[str, Any]]:
    rows = []
    for r in read_reference("child_sick_days.csv"):
        d = dept_key(r["department"])
        wt, mt = int(r["women_2024"]), int(r["men_2024"])
        wp, mp, gap = int(r["women_pct_2024"]), int(r["men_pct_2024"]), int(r["gap_pp_2024"])
        found = None
        for we in _candidates(wt, wp):
            for me in _candidates(mt, mp):
                if pct(wt / we - mt / me) == gap:
                    found = (we, me)
                    break
            if found:
                break
        assert found, d
        we, me = found
        g = 100 * (wt / we - mt / me)
        rows.append({"year": 2024, "department": d, "women_entitled": we, "women_took": wt,
                     "women_share": wt / we, "men_entitled": me, "men_took": mt,
                     "men_share": mt / me, "gap_pp": g, "target_met": abs(g) <= 10})
        for y in (2022, 2023):
            g = int(r[f"gap_pp_{y}"])
            rows.append({"year": y, "department": d, "women_entitled": 1000, "women_took": 700,
                         "women_share": 0.7, "men_entitled": 1000, "men_took": 700 - 10 * g,
                         "men_share": (700 - 10 * g) / 1000, "gap_pp": float(g),
                         "target_met": g <= 10})
    return rows


def agreement_rows() -> list[dict[str, Any]]:
    rows = []
    for r in read_reference("agreements_gender.csv"):
        w, m = int(r["women_pct"]), int(r["men_pct"])
        if w + m > 100:  # a published quirk (26/79): keep the majority gender's figure
            w = 100 - m if int(r["table"]) == 2 else w
            m = 100 - w
        o = 100 - w - m
        rows.append({"agreement": r["agreement"], "women": w * 3, "men": m * 3, "other": o * 3,
                     "total": 300, "women_share": w / 100, "men_share": m / 100})
    rows.append({"agreement": "Kontorfunktionærer", "women": 150, "men": 150, "other": 0,
                 "total": 300, "women_share": 0.5, "men_share": 0.5})
    return rows


def staff_tables() -> dict[str, list[dict[str, Any]]]:
    women, men = 34194, 15220
    bands = ("<20", "20-29", "30-39", "40-49", "50-59", "60+")
    weights = (1, 18, 26, 24, 21, 10)
    out = []
    for total, g in ((women, "woman"), (men, "man")):
        parts = [total * w // 100 for w in weights]
        parts[-1] += total - sum(parts)
        out += [{"age_band": b, "gender": g, "n": n} for b, n in zip(bands, parts, strict=True)]
    return {
        "staff_gender": [
            {"gender": "woman", "n": women, "share": women / (women + men)},
            {"gender": "man", "n": men, "share": men / (women + men)},
            {"gender": "other", "n": 0, "share": 0.0},
        ],
        "staff_age_gender": out,
    }


def population_rows() -> list[dict[str, Any]]:
    rows = []
    for total, g in ((338986, "woman"), (328113, "man")):
        ages = list(range(0, 100))
        weights = [3 if 20 <= a < 40 else (1 if a >= 80 else 2) for a in ages]
        parts = [total * w // sum(weights) for w in weights]
        parts[30] += total - sum(parts)
        rows += [{"age": a, "gender": g, "n": n} for a, n in zip(ages, parts, strict=True)]
    return rows


def trend_rows() -> list[dict[str, Any]]:
    shares = {2016: (0.40, 0.15, 0.05), 2017: (0.42, 0.16, 0.05), 2018: (0.45, 0.17, 0.06),
              2019: (0.48, 0.18, 0.07), 2020: (0.50, 0.19, 0.08), 2021: (0.53, 0.20, 0.08),
              2022: (0.57, 0.21, 0.09)}
    rows = []
    for cohort, (a, b, c) in shares.items():
        n = 600
        rows.append({"cohort": cohort, "report_year": cohort + 2, "n": n,
                     "ge11": round(a * n), "ge17": round(b * n), "ge24": round(c * n),
                     "ge11_share": a, "ge17_share": b, "ge24_share": c})
    total = next(r for r in leave_rows("fathers_leave.csv", True) if r["department"] == "total")
    rows.append({"cohort": 2023, "report_year": 2025, **{k: total[k] for k in (
        "n", "ge11", "ge17", "ge24", "ge11_share", "ge17_share", "ge24_share")}})
    return rows


def initiative_rows() -> list[dict[str, Any]]:
    return [dict(r) for r in read_reference("initiatives.csv")]


def kk2025_tables() -> dict[str, list[dict[str, Any]]]:
    return {
        **staff_tables(),
        "agreements_gender": agreement_rows(),
        "managers_level_1": manager_rows("managers_level_1.csv"),
        "managers_level_2": manager_rows("managers_level_2.csv"),
        "fathers_leave": leave_rows("fathers_leave.csv", True),
        "mothers_leave": leave_rows("mothers_leave.csv", False),
        "child_sick_days": sick_rows(),
    }


def make_input(**changes: Any) -> ReportInput:
    cfg = demo_config()
    base: dict[str, Any] = {
        "organisation": cfg.organisation,
        "year": 2025,
        "departments": cfg.departments,
        "tables": kk2025_tables(),
        "targets": cfg.targets,
        "population": tuple(population_rows()),
        "population_date": date(2025, 1, 1),
        "fathers_trend": tuple(trend_rows()),
        "initiatives": tuple(initiative_rows()),
        "context": read_context(demo_context(Path(tempfile.mkdtemp()))),
        "disclosure": DisclosureInfo("public", "Celler med færre end fem personer skjules.",
                                     "Cells with fewer than five people are withheld."),
        "snapshot_date": date(2024, 9, 30),
    }
    base.update(changes)
    return ReportInput(**base)


@pytest.fixture(scope="session")
def kk2025() -> ReportInput:
    return make_input()


@pytest.fixture(scope="session")
def make_report_input() -> Callable[..., ReportInput]:
    return make_input


def demo_narrative() -> tuple[NarrativeFile, ...]:
    """The demo's narrative folder, as `ligestat synth kk-2025` writes it."""
    return read_narrative(TEXTS)


def described_initiatives() -> tuple[dict[str, Any], ...]:
    """The initiatives with the demo's descriptions (the contract's optional column)."""
    text = initiatives_csv((REFERENCE / "initiatives.csv").read_text(encoding="utf-8"))
    return tuple(dict(r) for r in csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="session")
def kk2025_published() -> ReportInput:
    """The Copenhagen input with everything a publication has: texts, boxes, descriptions."""
    return make_input(narrative=demo_narrative(), initiatives=described_initiatives())


__all__ = ["DEPTS", "Department", "make_input", "pct", "read_reference"]


@pytest.fixture(scope="session", params=["da", "en"])
def published(request: Any, tmp_path_factory: pytest.TempPathFactory,
              kk2025_published: ReportInput) -> tuple[Any, dict[str, Path]]:
    """The full publication in one language, written in all four formats once per session."""
    from ligestat.report import build, write_report

    out = tmp_path_factory.mktemp(f"published-{request.param}")
    model = build(kk2025_published, request.param)
    paths = write_report(model, out, ["html", "pdf", "docx", "xlsx"])
    return model, {p.suffix[1:]: p for p in paths}
