"""The pay-transparency section (Directive (EU) 2023/970 Art. 9 and 10).

Built from the protected pay tables (``pay_gap``, ``pay_quartiles``,
``pay_categories``) and, when given, the joint pay assessment: sentences from the
numbers, the gap table, the quartile chart with its data, the table of categories
with their assessment flags, and one assessment table per flagged category with
the employer's justification and measures.
"""

from __future__ import annotations

from ligestat.report.cells import DASH, cell, columns, status_cell, table_notes, text_cell
from ligestat.report.cells import value_cell as _value
from ligestat.report.context_build import BuildContext
from ligestat.report.facts import is_suppressed
from ligestat.report.input import Row
from ligestat.report.model import (
    Cell,
    Chart,
    Figure,
    Note,
    Paragraph,
    Section,
    Series,
    Table,
    TableRow,
)

__all__ = ["pay_section"]

GAP_ROWS = (  # label, basis, women key, men key, gap key
    ("pay_mean_hourly", "hourly", "women_mean", "men_mean", "mean_gap"),
    ("pay_median_hourly", "hourly", "women_median", "men_median", "median_gap"),
    ("pay_mean_annual", "annual", "women_mean", "men_mean", "mean_gap"),
    ("pay_median_annual", "annual", "women_median", "men_median", "median_gap"),
    ("pay_variable_mean", "annual", "women_variable_mean", "men_variable_mean",
     "variable_mean_gap"),
    ("pay_variable_median", "annual", "women_variable_median", "men_variable_median",
     "variable_median_gap"),
)


def _money(row: Row, key: str, ctx: BuildContext) -> Cell:
    return _value(row.get(key), "decimal", ctx.t, suppressed=is_suppressed(row, key),
                  digits=2 if key.endswith("hourly") else 0)


def _gap(row: Row, key: str, ctx: BuildContext) -> Cell:
    """A signed gap in percent with one decimal (the exact share kept as the value)."""
    if is_suppressed(row, key):
        return Cell(DASH, None, "share", suppressed=True)
    value = row.get(key)
    if value is None:
        return Cell(ctx.t.label("not_available"), None, "share")
    return Cell(_value(100 * float(value), "decimal", ctx.t).text
                + ("\u00a0%" if ctx.lang == "da" else "%"), float(value), "share")


def _by_basis(rows: tuple[Row, ...], basis: str) -> Row:
    return next(r for r in rows if r["basis"] == basis)


def _gap_table(ctx: BuildContext, gap_rows: tuple[Row, ...], pay_year: int) -> Table:
    t = ctx.t
    out = []
    for label, basis, wk, mk, gk in GAP_ROWS:
        r = _by_basis(gap_rows, basis)
        digits = 2 if basis == "hourly" else 0
        out.append(TableRow(text_cell(t.label(label)), (
            _value(r.get(wk), "decimal", t, suppressed=is_suppressed(r, wk), digits=digits),
            _value(r.get(mk), "decimal", t, suppressed=is_suppressed(r, mk), digits=digits),
            _gap(r, gk, ctx))))
    annual = _by_basis(gap_rows, "annual")
    out.append(TableRow(text_cell(t.label("pay_variable_share")), (
        cell(annual, "women_variable_share", "share", t),
        cell(annual, "men_variable_share", "share", t), Cell("", None, "text"))))
    rows = tuple(out)
    return Table("pay_gap", ctx.next_table(), t.label("caption_pay_gap", pay_year=pay_year),
                 t.label("pay_measure"),
                 columns((t.label("women"), "decimal"), (t.label("men"), "decimal"),
                         (t.label("pay_gap_col"), "share")),
                 rows, (*table_notes(rows, t, ctx.policy),
                        Note("definition", t.label("def_pay_gap")),
                        Note("source", t.label("source_pay", pay_year=pay_year, **ctx.common()))),
                 t.label("sheet_pay_gap"))


def _quartile_figure(ctx: BuildContext, bands: tuple[Row, ...], pay_year: int) -> Figure:
    t = ctx.t
    hourly = [r for r in bands if r["basis"] == "hourly"]
    names = tuple(t.label("pay_quartile_name", q=r["quartile"]) for r in hourly)
    series = (Series(t.label("women"), tuple(r.get("women_share") for r in hourly), "women"),
              Series(t.label("men"), tuple(r.get("men_share") for r in hourly), "men"))
    chart = Chart("bars", names, series, t.label("pay_quartile"), t.label("pay_share_axis"),
                  percent=True)
    rows = tuple(TableRow(text_cell(name), (
        cell(r, "women", "decimal", t), cell(r, "men", "decimal", t),
        cell(r, "other", "decimal", t), cell(r, "women_share", "share", t),
        cell(r, "men_share", "share", t))) for name, r in zip(names, hourly, strict=True))
    caption = t.label("caption_pay_quartiles", pay_year=pay_year)
    data = Table("pay_quartiles", "", caption, t.label("pay_quartile"),
                 columns((t.label("women_n"), "decimal"), (t.label("men_n"), "decimal"),
                         (t.label("other_n"), "decimal"), (t.label("women_share"), "share"),
                         (t.label("men_share"), "share")),
                 rows, (*table_notes(rows, t, ctx.policy),
                        Note("definition", t.label("def_pay_quartiles"))),
                 t.label("sheet_pay_quartiles"))
    top, bottom = hourly[-1].get("women_share"), hourly[0].get("women_share")
    alt = (t.say("alt_pay_quartiles", top=top, bottom=bottom)
           if top is not None and bottom is not None else caption)
    return Figure("pay_quartiles", ctx.next_figure(), caption, chart, alt, data,
                  (Note("source", t.label("source_pay", pay_year=pay_year, **ctx.common())),))


def _categories_table(ctx: BuildContext, cats: tuple[Row, ...], pay_year: int) -> Table:
    t = ctx.t
    rows = tuple(TableRow(text_cell(r["category"]), (
        cell(r, "women_n", "count", t), cell(r, "men_n", "count", t),
        _value(r.get("women_total_hourly"), "decimal", t,
               suppressed=is_suppressed(r, "women_total_hourly"), digits=2),
        _value(r.get("men_total_hourly"), "decimal", t,
               suppressed=is_suppressed(r, "men_total_hourly"), digits=2),
        _gap(r, "total_hourly_gap", ctx), status_cell(r, "assessment_required", t)))
        for r in cats)
    return Table("pay_categories", ctx.next_table(),
                 t.label("caption_pay_categories", pay_year=pay_year), t.label("pay_category"),
                 columns((t.label("women_n"), "count"), (t.label("men_n"), "count"),
                         (t.label("pay_women_hourly"), "decimal"),
                         (t.label("pay_men_hourly"), "decimal"),
                         (t.label("pay_gap_col"), "share"),
                         (t.label("pay_assessment_col"), "status")),
                 rows, (*table_notes(rows, t, ctx.policy),
                        Note("definition", t.label("def_pay_categories"))),
                 t.label("sheet_pay_categories"))


def _assessment(ctx: BuildContext, pay_year: int) -> Section | None:
    a = ctx.inp.pay_assessment
    if a is None or not a.categories:
        return None
    t = ctx.t
    blocks: list[Paragraph | Table] = []
    for i, c in enumerate(a.categories, start=1):
        r, med = c.row, c.medians
        specs = (("pay_basic_mean", "women_basic_annual", "men_basic_annual",
                  "basic_annual_gap"),
                 ("pay_variable_mean_all", "women_variable_annual", "men_variable_annual",
                  "variable_annual_gap"),
                 ("pay_total_hourly", "women_total_hourly", "men_total_hourly",
                  "total_hourly_gap"))
        rows = [TableRow(text_cell(t.label(label)), (_money(r, wk, ctx), _money(r, mk, ctx),
                                                     _gap(r, gk, ctx)))
                for label, wk, mk, gk in specs]
        for label, wk, mk in (("pay_basic_median", "women_basic_median", "men_basic_median"),
                              ("pay_variable_median_all", "women_variable_median",
                               "men_variable_median")):
            w, m = med.get(wk), med.get(mk)
            gap = (m - w) / m if w is not None and m else None
            rows.append(TableRow(text_cell(t.label(label)), (
                _value(w, "decimal", t, digits=0), _value(m, "decimal", t, digits=0),
                _gap({"g": gap}, "g", ctx))))
        blocks.append(Table(f"pay_assessment_{i}", ctx.next_table(),
                            t.label("caption_pay_assessment", category=c.category,
                                    pay_year=pay_year),
                            t.label("pay_measure"),
                            columns((f"{t.label('women')} ({r['women_n']})", "decimal"),
                                    (f"{t.label('men')} ({r['men_n']})", "decimal"),
                                    (t.label("pay_gap_col"), "share")),
                            tuple(rows), (), t.label("sheet_pay_assessment", n=i)))
        blocks.append(Paragraph(f"{t.label('pay_justification')}: "
                                f"{c.justification or t.label('pay_missing_text')}"))
        blocks.append(Paragraph(f"{t.label('pay_measures')}: "
                                f"{c.measures or t.label('pay_missing_text')}"))
    return Section("pay_assessment", t.label("title_pay_assessment"), tuple(blocks), level=3)


def pay_section(ctx: BuildContext) -> Section | None:
    """The pay section, or None when the report year has no pay data."""
    inp, t = ctx.inp, ctx.t
    if "pay_gap" not in inp.tables:
        return None
    pay_year = inp.pay_year if inp.pay_year is not None else inp.year - 1
    gap_rows = tuple(inp.tables["pay_gap"])
    cats = tuple(inp.tables.get("pay_categories", ()))
    hourly, annual = _by_basis(gap_rows, "hourly"), _by_basis(gap_rows, "annual")
    flagged = [r["category"] for r in cats if r.get("assessment_required") is True]
    hidden = sum(1 for r in cats if is_suppressed(r, "assessment_required"))
    blocks: list[Paragraph | Table | Figure | Section] = [
        Paragraph(t.say("pay_intro", mean_gap=hourly.get("mean_gap"),
                        median_gap=hourly.get("median_gap"), annual_gap=annual.get("mean_gap"),
                        pay_year=pay_year, org=inp.organisation), "lead"),
        Paragraph(t.say("pay_variable", women_share=annual.get("women_variable_share"),
                        men_share=annual.get("men_variable_share"))),
        _gap_table(ctx, gap_rows, pay_year),
    ]
    adjusted = inp.pay_adjusted
    if adjusted is not None:
        lg, share = adjusted.logib, adjusted.oaxaca.explained_share
        blocks.append(Paragraph(t.say("pay_adjusted", kennedy=lg.kennedy, n=lg.n,
                                      rating=t.label(f"pay_rating_{lg.rating}"),
                                      explained=share if share is not None
                                      and 0 <= share <= 1 else None)))
    if "pay_quartiles" in inp.tables:
        blocks.append(_quartile_figure(ctx, tuple(inp.tables["pay_quartiles"]), pay_year))
    if cats:
        blocks += [Paragraph(t.say("pay_flagged", names=flagged, total=len(cats),
                                   hidden=hidden)),
                   _categories_table(ctx, cats, pay_year)]
    assessment = _assessment(ctx, pay_year)
    if assessment is not None:
        blocks.append(assessment)
    return Section("pay", t.label("title_pay"), tuple(blocks))

