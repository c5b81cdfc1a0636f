"""The joint pay assessment (Directive (EU) 2023/970 Art. 10).

Every category of workers whose gap in mean total hourly pay is at least 5 % either
way (``assessment_required``) gets an assessment: the gender mix, the mean and median
basic and variable pay of women and men, the differences, and the employer's
justification and measures. Those two texts come from ``pay_assessment.toml``, which
the employer fills in and ligestat only reads (``init_assessment_file`` appends empty
entries for new categories, never touching what is written)::

    [categories."Akademikere"]
    justification = "Locally negotiated function supplements, …"
    measures = "Supplements reviewed with the union by 1 June; …"

When parental leave and the previous pay year are in the data, the assessment adds
the share of women and men who got a pay rise (higher basic hourly pay than in the
year before) in the year after returning from leave, beside the share of everyone
else paid in both years. Return = birth date + the weeks taken.

Figures are the disclosure-protected ones: a category whose flag is suppressed is
counted, not named.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ligestat.errors import ConfigError
from ligestat.pay import published_pay
from ligestat.workspace import Workspace

__all__ = ["ASSESSMENT_FILENAME", "Assessment", "CategoryAssessment", "LeaveRise",
           "assess", "init_assessment_file", "read_assessment_file"]

ASSESSMENT_FILENAME = "pay_assessment.toml"


@dataclass(frozen=True)
class CategoryAssessment:
    category: str
    row: dict[str, Any]  # the protected pay_categories row
    medians: dict[str, float | None]  # women/men × basic/variable annual medians
    justification: str
    measures: str


@dataclass(frozen=True)
class LeaveRise:
    returned: dict[str, int]  # woman/man → returned from leave in the year before
    rose: dict[str, int]  # … of whom got a pay rise in the pay year
    others: int  # everyone else paid in both years
    others_rose: int

    def share(self, gender: str) -> float | None:
        n = self.returned.get(gender, 0)
        return self.rose.get(gender, 0) / n if n else None

    @property
    def others_share(self) -> float | None:
        return self.others_rose / self.others if self.others else None


@dataclass(frozen=True)
class Assessment:
    pay_year: int
    categories: tuple[CategoryAssessment, ...]
    hidden: int  # categories whose flag disclosure control suppressed
    leave: LeaveRise | None


def read_assessment_file(path: Path | None) -> dict[str, dict[str, str]]:
    """category → {"justification", "measures"} from pay_assessment.toml (absent: {})."""
    if path is None or not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    cats = raw.get("categories", {})
    if not isinstance(cats, dict) or set(raw) - {"categories"}:
        raise ConfigError(f"{path}: expected only [categories.\"NAME\"] tables")
    out: dict[str, dict[str, str]] = {}
    for name, entry in cats.items():
        if not isinstance(entry, dict) or set(entry) - {"justification", "measures"} or not all(
                isinstance(v, str) for v in entry.values()):
            raise ConfigError(f"{path}: [categories.{name!r}] takes the texts justification "
                              "and measures only")
        out[name] = {k: str(entry.get(k, "")) for k in ("justification", "measures")}
    return out


def _toml_string(text: str) -> str:
    return '"' + "".join(
        {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}.get(c, c)
        if c in '\\"\n\t' or c >= " " else f"\\u{ord(c):04x}" for c in text) + '"'


def init_assessment_file(path: Path, categories: list[str]) -> list[str]:
    """Append empty entries for categories the file lacks; returns those added."""
    have = read_assessment_file(path)
    missing = [c for c in categories if c not in have]
    if not missing:
        return []
    head = "" if path.is_file() else (
        "# The employer's part of the joint pay assessment (Directive (EU) 2023/970 Art. 10).\n"
        "# ligestat reads this file and never rewrites what is written here.\n")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(head)
        for c in missing:
            fh.write(f'\n[categories.{_toml_string(c)}]\njustification = ""\nmeasures = ""\n')
    return missing


def _medians(ws: Workspace, pay_year: int, category: str) -> dict[str, float | None]:
    row = ws.con.execute(
        "SELECT median(basic_pay) FILTER (WHERE gender = 'woman'), "
        "median(basic_pay) FILTER (WHERE gender = 'man'), "
        "median(variable_pay) FILTER (WHERE gender = 'woman'), "
        "median(variable_pay) FILTER (WHERE gender = 'man') "
        "FROM pay WHERE year = ? AND category = ?", [pay_year, category]).fetchone()
    keys = ("women_basic_median", "men_basic_median", "women_variable_median",
            "men_variable_median")
    return {k: None if v is None else float(v) for k, v in zip(keys, row, strict=True)}


def leave_rise(ws: Workspace, pay_year: int) -> LeaveRise | None:
    """Pay rises in ``pay_year`` after returning from leave in the year before."""
    have = ws.con.execute(
        "SELECT (SELECT count(*) FROM pay WHERE year = ?), "
        "(SELECT count(*) FROM parental_leave)", [pay_year - 1]).fetchone()
    if not have or not have[0] or not have[1]:
        return None
    rows = ws.con.execute("""
        WITH back AS (SELECT DISTINCT employee_id FROM parental_leave
                      WHERE year(child_birth_date + to_days(CAST(round(weeks_taken * 7)
                                                              AS INTEGER))) = ? - 1),
        paid2 AS (SELECT n.employee_id, n.gender,
                        n.basic_pay / n.hours_paid > b.basic_pay / b.hours_paid AS rose
                 FROM pay n JOIN pay b ON b.employee_id = n.employee_id AND b.year = n.year - 1
                 WHERE n.year = ?)
        SELECT paid2.employee_id IN (SELECT employee_id FROM back) AS returned, gender,
               count(*), count(*) FILTER (WHERE rose)
        FROM paid2 GROUP BY ALL""", [pay_year, pay_year]).fetchall()
    returned: dict[str, int] = {}
    rose: dict[str, int] = {}
    others = others_rose = 0
    for was_back, gender, n, up in rows:
        if was_back:
            returned[gender] = returned.get(gender, 0) + int(n)
            rose[gender] = rose.get(gender, 0) + int(up)
        else:
            others += int(n)
            others_rose += int(up)
    if not returned:
        return None
    return LeaveRise(returned, rose, others, others_rose)


def assess(ws: Workspace, year: int, *, disclosure: str | None = None,
           texts: Path | None = None) -> Assessment | None:
    """The joint pay assessment of report ``year`` (None without pay data)."""
    published = published_pay(ws, year, disclosure)
    tables, pay_year = published.tables, published.selection.pay_year
    if not tables:
        return None
    employer = read_assessment_file(texts)
    flagged, hidden = [], 0
    for row in tables["pay_categories"]:
        if "assessment_required" in (row.get("suppressed") or ()):
            hidden += 1
        elif row["assessment_required"]:
            entry = employer.get(row["category"], {})
            flagged.append(CategoryAssessment(
                row["category"], row, _medians(ws, pay_year, row["category"]),
                entry.get("justification", ""), entry.get("measures", "")))
    return Assessment(pay_year, tuple(flagged), hidden,
                      _protect(leave_rise(ws, pay_year), ws, disclosure))


def _protect(rise: LeaveRise | None, ws: Workspace, disclosure: str | None) -> LeaveRise | None:
    """Leave counts follow the leave tables' threshold: a gender with 0 < n < k is left out."""
    from ligestat.disclosure.policy import resolve_policy

    if rise is None:
        return None
    k = resolve_policy(disclosure, ws.config).rule("fathers_leave").min_count
    keep = [g for g, n in rise.returned.items() if not 0 < n < k]
    if not keep:
        return None
    return LeaveRise({g: rise.returned[g] for g in keep}, {g: rise.rose[g] for g in keep},
                     rise.others, rise.others_rose)
