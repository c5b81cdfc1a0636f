"""The joint pay assessment as a standalone Markdown document (Danish or English).

Every number comes from the ``Assessment``; text that could carry Markdown (category
names, the employer's texts) is escaped.
"""

from __future__ import annotations

from typing import Any

from ligestat.pay.assessment import Assessment

__all__ = ["assessment_markdown"]

LABELS = {
    "da": {
        "title": "Fælles lønvurdering {year} (lønåret {pay_year})",
        "intro": ("Løndirektivets artikel 10: en fælles lønvurdering for hver kategori af "
                  "arbejdstagere, hvor forskellen i gennemsnitlig samlet timeløn mellem kvinder "
                  "og mænd er mindst 5 %."),
        "none": "Ingen kategori har en forskel på 5 % eller mere.",
        "hidden": "{n} kategori(er) er for små til at blive vist (diskretionskontrol).",
        "mix": "Kvinder {w}, mænd {m}, andet {o}.",
        "measure": "Mål", "women": "Kvinder", "men": "Mænd", "gap": "Forskel",
        "basic_mean": "Grundløn, gennemsnit (år)", "variable_mean": "Variable tillæg, "
        "gennemsnit (år)", "basic_median": "Grundløn, median (år)",
        "variable_median": "Variable tillæg, median (år)",
        "total_hourly": "Samlet timeløn, gennemsnit",
        "justification": "Begrundelse", "measures": "Tiltag",
        "missing": "_(udfyldes i pay_assessment.toml)_",
        "leave_title": "Lønstigning efter barsel",
        "leave": ("Af {n} {who} der vendte tilbage fra barsel i {prev}, fik {share} en højere "
                  "timegrundløn i {year}."),
        "leave_others": "Blandt alle andre, der fik løn begge år, var andelen {share}.",
        "leave_rule": ("Tilbagevenden er regnet som barnets fødselsdato plus de uger, "
                       "orloven varede."),
        "women_word": "kvinder", "men_word": "mænd",
    },
    "en": {
        "title": "Joint pay assessment {year} (pay year {pay_year})",
        "intro": ("Article 10 of the Pay Transparency Directive: a joint pay assessment for "
                  "every category of workers whose gap in mean total hourly pay between women "
                  "and men is at least 5 %."),
        "none": "No category has a gap of 5 % or more.",
        "hidden": "{n} category(ies) are too small to be shown (disclosure control).",
        "mix": "Women {w}, men {m}, other {o}.",
        "measure": "Measure", "women": "Women", "men": "Men", "gap": "Gap",
        "basic_mean": "Basic pay, mean (annual)", "variable_mean": "Variable pay, mean "
        "(annual)", "basic_median": "Basic pay, median (annual)",
        "variable_median": "Variable pay, median (annual)",
        "total_hourly": "Total hourly pay, mean",
        "justification": "Justification", "measures": "Measures",
        "missing": "_(to be filled in in pay_assessment.toml)_",
        "leave_title": "Pay rise after parental leave",
        "leave": ("Of {n} {who} who returned from parental leave in {prev}, {share} got a "
                  "higher basic hourly pay in {year}."),
        "leave_others": "Among everyone else paid in both years, the share was {share}.",
        "leave_rule": "The return is dated as the child's birth date plus the weeks of leave.",
        "women_word": "women", "men_word": "men",
    },
}


def _md(text: str) -> str:
    """Markdown-safe text: every character Markdown or HTML could act on is escaped."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>&~" else c for c in text)


def _num(value: Any, lang: str, pct: bool = False) -> str:
    if value is None:
        return "–"
    if pct:
        text = f"{100 * value:.1f} %"
    else:
        text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".") if lang == "da" else text


def assessment_markdown(a: Assessment, year: int, lang: str = "da") -> str:
    t = LABELS[lang]
    out = [f"# {t['title'].format(year=year, pay_year=a.pay_year)}", "", t["intro"], ""]
    if not a.categories:
        out += [t["none"], ""]
    if a.hidden:
        out += [t["hidden"].format(n=a.hidden), ""]
    for c in a.categories:
        r, med = c.row, c.medians
        out += [f"## {_md(c.category)}", "",
                t["mix"].format(w=r["women_n"], m=r["men_n"], o=r["other_n"] or 0), "",
                f"| {t['measure']} | {t['women']} | {t['men']} | {t['gap']} |",
                "|---|---:|---:|---:|"]
        for key, w, m, gap in (
                ("basic_mean", r["women_basic_annual"], r["men_basic_annual"],
                 r["basic_annual_gap"]),
                ("variable_mean", r["women_variable_annual"], r["men_variable_annual"],
                 r["variable_annual_gap"]),
                ("basic_median", med["women_basic_median"], med["men_basic_median"], None),
                ("variable_median", med["women_variable_median"], med["men_variable_median"],
                 None),
                ("total_hourly", r["women_total_hourly"], r["men_total_hourly"],
                 r["total_hourly_gap"])):
            if gap is None and w is not None and m:
                gap = (m - w) / m
            out.append(f"| {t[key]} | {_num(w, lang)} | {_num(m, lang)} | "
                       f"{_num(gap, lang, pct=True)} |")
        out += ["", f"**{t['justification']}:** {_md(c.justification) or t['missing']}", "",
                f"**{t['measures']}:** {_md(c.measures) or t['missing']}", ""]
    if a.leave is not None:
        out += [f"## {t['leave_title']}", ""]
        for g, word in (("woman", t["women_word"]), ("man", t["men_word"])):
            n = a.leave.returned.get(g, 0)
            if n:
                out.append(t["leave"].format(n=n, who=word, prev=a.pay_year - 1,
                                             year=a.pay_year,
                                             share=_num(a.leave.share(g), lang, pct=True)))
        out += ["", t["leave_others"].format(share=_num(a.leave.others_share, lang, pct=True)),
                "", t["leave_rule"], ""]
    return "\n".join(out).rstrip() + "\n"
