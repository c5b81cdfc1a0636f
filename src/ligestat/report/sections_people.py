"""Part 1 sections without targets: population, staff, agreements, context figures."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from ligestat.report.cells import cell, columns, table_notes, text_cell, value_cell
from ligestat.report.context_build import BuildContext
from ligestat.report.input import ContextFigure, Row
from ligestat.report.model import (
    Cell,
    Chart,
    Column,
    Figure,
    Note,
    Paragraph,
    Section,
    Series,
    Table,
    TableRow,
)
from ligestat.report.numbers import fmt_decimal, fmt_int, fmt_pct

__all__ = ["agreements_section", "context_section", "population_section", "staff_section"]

MAJORITY = 0.6  # Tables 1–2 list agreement areas where one gender makes up over this share
AGE_BANDS = ("<20", "20-29", "30-39", "40-49", "50-59", "60+")
GENDERS = ("women", "men", "other")
_GENDER_OF = {"woman": "women", "man": "men", "other": "other"}


def _band10(age: int) -> str:
    return "90+" if age >= 90 else f"{age // 10 * 10}-{age // 10 * 10 + 9}"


def _pyramid(ctx: BuildContext, fid: str, bands: list[str],
             counts: dict[str, dict[str, int | None]], suppressed: set[tuple[str, str]],
             what: str, totals: dict[str, int | None] | None = None) -> Figure:
    """A pyramid figure and its data table from counts[band][women|men|other]."""
    t = ctx.t
    genders = [g for g in GENDERS
               if g != "other" or any(counts[b].get("other") for b in bands)
               or any(s[1] == "other" for s in suppressed)]
    series = tuple(Series(t.label(g), tuple(counts[b].get(g) for b in bands), g)
                   for g in genders if g != "other")
    chart = Chart("pyramid", tuple(bands), series, t.label("count_axis"), t.label("age_axis"))
    rows = tuple(
        TableRow(text_cell(b), tuple(
            value_cell(counts[b].get(g), "count", t, suppressed=(b, g) in suppressed)
            for g in genders))
        for b in bands
    )
    sums = {g: sum(counts[b].get(g) or 0 for b in bands) for g in genders}
    # the headline totals: everyone counted, also the people in suppressed cells
    heads: dict[str, int | None] = dict(sums) if totals is None else dict(totals)
    total_row = TableRow(text_cell(t.label("total")), tuple(
        value_cell(heads.get(g), "count", t, suppressed=heads.get(g) is None)
        for g in genders), total=True)
    data = Table(fid, "", t.label(f"caption_{fid}", **ctx.common()), t.label("age_band"),
                 tuple(Column(t.label(g), "count") for g in genders), (*rows, total_row),
                 table_notes(rows, t, ctx.policy), t.label(f"sheet_{fid}"))
    largest = max(bands, key=lambda b: sum(counts[b].get(g) or 0 for g in genders))
    alt = t.say("alt_pyramid", what=what, women=sums["women"], men=sums["men"],
                largest=largest, bands=len(bands))
    notes = (ctx.source(fid),)
    return Figure(fid, ctx.next_figure(), t.label(f"caption_{fid}", **ctx.common()), chart, alt,
                  data, notes)


def population_section(ctx: BuildContext) -> Section | None:
    t = ctx.t
    if not ctx.inp.population:
        return None
    counts: dict[str, dict[str, int | None]] = defaultdict(dict)
    for r in ctx.inp.population:
        g = _GENDER_OF.get(str(r["gender"]))
        if g is None or r.get("n") is None:
            continue
        band = _band10(int(r["age"]))
        counts[band][g] = (counts[band].get(g) or 0) + int(r["n"])
    bands = sorted(counts, key=lambda b: int(b.rstrip("+").split("-")[0]))
    women = sum(c.get("women") or 0 for c in counts.values())
    men = sum(c.get("men") or 0 for c in counts.values())
    other = sum(c.get("other") or 0 for c in counts.values())
    diffs = {b: (counts[b].get("women") or 0) - (counts[b].get("men") or 0) for b in bands}
    widest = max(bands, key=lambda b: abs(diffs[b]))
    text = t.say("population", org=ctx.inp.organisation, year=ctx.inp.year,
                 total=women + men + other, women=women, men=men, other=other,
                 widest=widest, diff=diffs[widest])
    fig = _pyramid(ctx, "population", bands, counts, set(), t.label("population_what"))
    return Section("population", t.label("section_population"), (Paragraph(text), fig))


def staff_section(ctx: BuildContext) -> Section | None:
    t = ctx.t
    blocks: list[Paragraph | Figure] = []
    sg = {str(r["gender"]): r for r in ctx.inp.tables.get("staff_gender", ())}
    if sg:
        def n(g: str) -> int | None:
            v = sg.get(g, {}).get("n")
            return int(v) if v is not None else None

        def share(g: str) -> float | None:
            v = sg.get(g, {}).get("share")
            return float(v) if v is not None else None

        total = sum(n(g) or 0 for g in ("woman", "man", "other"))
        blocks.append(Paragraph(t.say(
            "staff", org=ctx.inp.organisation, total=total, women=n("woman"), men=n("man"),
            other=n("other"), women_share=share("woman"), men_share=share("man"))))
    rows = ctx.inp.tables.get("staff_age_gender", ())
    if rows:
        counts: dict[str, dict[str, int | None]] = {b: {} for b in AGE_BANDS}
        suppressed: set[tuple[str, str]] = set()
        for r in rows:
            band, g = str(r["age_band"]), _GENDER_OF[str(r["gender"])]
            counts.setdefault(band, {})[g] = r.get("n")
            if "n" in (r.get("suppressed") or ()):
                suppressed.add((band, g))
        bands = [b for b in AGE_BANDS if counts.get(b)] + [b for b in counts if b not in AGE_BANDS]
        totals: dict[str, int | None] | None = None
        if sg:
            totals = {_GENDER_OF[g]: (int(r["n"]) if r.get("n") is not None else None)
                      for g, r in sg.items() if g in _GENDER_OF}
        blocks.append(_pyramid(ctx, "staff", bands, counts, suppressed, t.label("staff_what"),
                               totals))
    if not blocks:
        return None
    return Section("staff", t.label("section_staff"), tuple(blocks))


def _agreement_table(ctx: BuildContext, side: str, rows: list[Row]) -> Table:
    t = ctx.t
    out = tuple(
        TableRow(text_cell(str(r["agreement"])),
                 (cell(r, "women_share", "share", t), cell(r, "men_share", "share", t),
                  cell(r, "total", "count", t)))
        for r in rows
    )
    notes = (ctx.source("agreements"),
             Note("definition", t.label("def_agreements", majority=MAJORITY)),
             *table_notes(out, t, ctx.policy))
    return Table(f"agreements_{side}", ctx.next_table(),
                 t.label(f"caption_agreements_{side}", majority=MAJORITY),
                 t.label(f"agreements_{side}_header", majority=MAJORITY),
                 columns((t.label("women_share"), "share"), (t.label("men_share"), "share"),
                         (t.label("employees_n"), "count")),
                 out, notes, t.label(f"sheet_agreements_{side}"))


def agreements_section(ctx: BuildContext) -> Section | None:
    t = ctx.t
    rows = list(ctx.inp.tables.get("agreements_gender", ()))
    if not rows:
        return None
    women = sorted((r for r in rows if (r.get("women_share") or 0) > MAJORITY),
                   key=lambda r: (-float(r["women_share"]), str(r["agreement"])))
    men = sorted((r for r in rows if (r.get("men_share") or 0) > MAJORITY),
                 key=lambda r: (-float(r["men_share"]), str(r["agreement"])))
    text = t.say(
        "agreements", n=len(rows), n_women=len(women), n_men=len(men),
        n_mixed=len(rows) - len(women) - len(men),
        top_women=(women[0]["agreement"], women[0]["women_share"]) if women else None,
        top_men=(men[0]["agreement"], men[0]["men_share"]) if men else None,
        majority=MAJORITY)
    return Section("agreements", t.label("section_agreements"), (
        Paragraph(text), _agreement_table(ctx, "women", women), _agreement_table(ctx, "men", men)))


def _gender_role(key: str) -> str:
    """``gp_visits_women`` → ``women``: a context figure about one gender gets its colour."""
    last = key.lower().rsplit("_", 1)[-1]
    return {"women": "women", "kvinder": "women", "men": "men", "maend": "men",
            "other": "other"}.get(last, "")


def _context_value(f: ContextFigure, ctx: BuildContext) -> str:
    lang = ctx.lang
    if f.unit == "percent":
        return fmt_pct(f.value / 100, lang)
    if f.unit == "count":
        return fmt_int(int(f.value), lang)
    number = fmt_int(int(f.value), lang) if f.value == int(f.value) and f.unit != "years" \
        else fmt_decimal(f.value, lang)
    unit = ctx.t.label(f"unit_{f.unit}") if f.unit in ("years", "visits") else f.unit
    return f"{number} {unit}".strip()


def context_section(ctx: BuildContext) -> Section | None:
    """One figure per group of context.csv, its data (value, year, source) as a table."""
    t = ctx.t
    if not ctx.inp.context:
        return None
    blocks: list[Paragraph | Figure] = [Paragraph(t.say("context_intro"))]
    for _, group in groupby(ctx.inp.context, key=lambda f: f.group):
        figs = list(group)
        title = figs[0].group_title(ctx.lang)
        rows = tuple(
            TableRow(text_cell(f.label(ctx.lang)),
                     (Cell(_context_value(f, ctx), f.value / 100, "share") if f.unit == "percent"
                      else Cell(_context_value(f, ctx), f.value, "decimal"),
                      Cell(str(f.year), f.year, "year"), text_cell(f.source_in(ctx.lang))))
            for f in figs
        )
        sources = sorted({f.source_in(ctx.lang) for f in figs})
        notes = tuple(Note("source", t.label("source_prefix") + " " + s) for s in sources)
        data = Table(f"context_{figs[0].group}", "", title, t.label("context_header"),
                     columns((t.label("value"), "decimal"), (t.label("year_col"), "text"),
                             (t.label("source_col"), "text")),
                     rows, (), title)  # the figure carries the sources
        units = {f.unit for f in figs}
        unit = ""
        if len(units) == 1:
            only = units.pop()
            unit = ("%" if only == "percent" else t.label(f"unit_{only}")
                    if only in ("years", "visits") else "" if only == "count" else only)
        chart = Chart("hbars", tuple(f.label(ctx.lang) for f in figs),
                      (Series(title, tuple(f.value for f in figs)),), unit,
                      category_roles=tuple(_gender_role(f.key) for f in figs))
        alt = t.say("alt_context", title=title,
                    items=[(f.label(ctx.lang), _context_value(f, ctx), f.year) for f in figs])
        blocks.append(Figure(f"context_{figs[0].group}", ctx.next_figure(), title, chart, alt,
                             data, notes))
    return Section("context", t.label("section_context"), tuple(blocks))
