"""The calibration report: every published cell, whether the generated data gives it back.

Written as ``calibration.md`` (for people) and ``calibration.json`` (for tests and
tools) into the data folder; the same text is what ``ligestat synth kk-2025
--report`` prints. Nothing in it depends on the time or place it was made.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ligestat.synth.model import Cell, Plan

__all__ = ["DECISIONS", "report_json", "report_markdown"]

DECISIONS = (
    "Staff, agreements and managers come from the snapshot of 30 September 2024 "
    "(\"september 2024\"), read by report year 2025; a snapshot of 30 September 2023 serves "
    "report year 2024. Only `ordinary` employees make the published figures; trainees, flex "
    "jobs and extraordinary employees (a few of gender `other` among them) are added on top.",
    "The published staff is 34,194 women + 15,220 men = 49,414, so no ordinary employee has "
    "gender `other`; every agreement then holds only women and men and its two rounded "
    "shares must add to 100 (101 only on an exact .5 tie).",
    "Percent cells compare the half-up rounding of the exact share; gaps compare the signed "
    "gap 100 × (women's share − men's share) rounded half away from zero (published gaps are "
    "positive: women take more). Solutions whose exact value ends in .5 are never chosen.",
    "The unit shown in no table (in_tables = false) takes what a total row holds beyond the "
    "departments' sums, plus as few people as make the total row's shares round as "
    "published, and nothing else (see the section above).",
    "Parental leave for report year Y counts children born in Y − 2 (2023 for 2025; 2022 for "
    "the previous report, whose fathers' totals are 57 % ≥ 11 weeks and 21 % ≥ 17 weeks). "
    "Cohorts 2020-2021 and all department figures of earlier cohorts are not published: "
    "they are plausible values from priors.toml.",
    "Children's sick days 2022 and 2023 publish only gaps: take-up starts from 2024's rate "
    "per department and is shifted by least squares until the total gap is met, then every "
    "count is searched so each rounded gap is exact.",
    "Where no integer data can give a published cell, the nearest possible value is "
    "generated and the cell is listed above with its proof; no other cell is changed for it.",
)


def _value(cell: Cell, key: str) -> int:
    return cell.published if key == "published" else cell.reproduced


def report_json(plan: Plan) -> str:
    cells = [
        {"table": c.table, "row": c.row, "column": c.column, "published": c.published,
         "reproduced": c.reproduced, "ok": c.ok, "reason": c.reason}
        for c in plan.cells
    ]
    doc: dict[str, Any] = {
        "reference": "kk-2025",
        "summary": {"cells": len(cells), "reproduced": sum(1 for c in plan.cells if c.ok),
                    "impossible": len(plan.impossible)},
        "decisions": list(DECISIONS),
        "cells": cells,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _hidden_unit(plan: Plan) -> list[str]:
    """What the unit shown in no table adds to the published total rows (report year 2025)."""
    unit = plan.other_unit
    lines = []
    for m in plan.managers:
        if m.department == unit:
            lines.append(f"managers level {m.level}: {m.women} women, {m.men} men")
    for row in plan.leave:
        if row.department == unit and row.cohort == max(r.cohort for r in plan.leave):
            who = "fathers" if row.gender == "man" else "mothers"
            lines.append(f"{who} (children born {row.cohort}): {row.n}, of whom {row.ge11} "
                         f"took ≥ 11 weeks, {row.ge17} ≥ 17, {row.ge24} ≥ 24")
    for s in plan.sick:
        if s.department == unit:
            lines.append(f"children's sick days {s.year}: {s.women_entitled} entitled women "
                         f"({s.women_took} took), {s.men_entitled} entitled men "
                         f"({s.men_took} took)")
    head = (f"`{unit}` employs part of the staff (counted in the staff figures) and adds to "
            f"the published total rows of Tables 3-7 only this:")
    return [head, "", *(f"- {line}" for line in lines or ["nothing"])]


def _table(cells: Sequence[Cell]) -> list[str]:
    lines = ["| row | column | published | generated | reproduced |", "|---|---|---:|---:|---|"]
    for c in cells:
        lines.append(f"| {c.row} | {c.column} | {c.published} | {c.reproduced} | "
                     f"{'yes' if c.ok else '**no**'} |")
    return lines


def report_markdown(plan: Plan) -> str:
    total = len(plan.cells)
    bad = plan.impossible
    lines = [
        "# Calibration report: synthetic Copenhagen 2025",
        "",
        f"{total - len(bad)} of {total} published cells reproduced; "
        f"{len(bad)} proven impossible (the nearest possible value is generated).",
        "",
        "## Cells no integer data can give",
        "",
    ]
    if not bad:
        lines.append("None.")
    for c in bad:
        lines.append(f"- **{c.table} / {c.row} / {c.column}**: published {c.published}, "
                     f"generated {c.reproduced}. {c.reason[:1].upper()}{c.reason[1:]}.")
    lines += ["", "## The unit shown in no table", "", *_hidden_unit(plan)]
    lines += ["", "## Decisions", ""]
    lines += [f"- {d}" for d in DECISIONS]
    tables: dict[str, list[Cell]] = {}
    for c in plan.cells:
        tables.setdefault(c.table, []).append(c)
    for name, cells in tables.items():
        lines += ["", f"## {name}", "", *_table(cells)]
    return "\n".join(lines) + "\n"
