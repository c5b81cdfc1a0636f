"""Charts in one look: matplotlib, a colour-blind-safe palette (Okabe–Ito), SVG and PNG.

Charts are drawn from the model's ``Chart`` values and cached, so the HTML, PDF
and Word renderers of one run draw each chart once per format.
"""

from __future__ import annotations

import io
import re
import textwrap
from functools import lru_cache
from typing import Any

from ligestat.report.model import Chart
from ligestat.report.numbers import fmt_decimal, fmt_int, pct_points

__all__ = ["NEUTRAL", "PALETTE", "THRESHOLDS", "png", "svg"]

# One colour per gender in every chart (Okabe–Ito, darkened for 3:1 contrast on white);
# series that are not about a gender are drawn in neutral greys, never in a gender's colour.
PALETTE = {
    "women": "#C45200",
    "men": "#0072B2",
    "other": "#007A5E",
    "target": "#444444",
}
NEUTRAL = ("#595959", "#8C8C8C", "#333333", "#A6A6A6")
# the leave thresholds of one gender: its colour, told apart by line style and marker
THRESHOLDS = {"ge11": ("-", "o"), "ge17": ("--", "s"), "ge24": (":", "^")}
_STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#222222",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "svg.fonttype": "none",
    "svg.hashsalt": "ligestat",
    "legend.frameon": False,
    "text.parse_math": False,  # labels are the user's plain text: "$" is a dollar sign
}


def _colour(role: str, i: int) -> str:
    if role in THRESHOLDS:
        return PALETTE["men"]  # the trend counts fathers: the men's colour
    return PALETTE.get(role, NEUTRAL[i % len(NEUTRAL)])


def _figure(chart: Chart, lang: str) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    with plt.rc_context(_STYLE):  # type: ignore[arg-type]
        height = 1.0 + 0.5 * len(chart.categories) if chart.kind == "hbars" else 3.8
        fig, ax = plt.subplots(figsize=(7.0, height), layout="constrained")
        ax.set_axisbelow(True)
        if chart.kind == "hbars":
            y = list(range(len(chart.categories)))[::-1]
            values = [v or 0 for v in chart.series[0].values]
            roles = chart.category_roles or ("",) * len(values)
            colours = [PALETTE.get(r, NEUTRAL[0]) for r in roles]
            ax.barh(y, values, color=colours, height=0.6)
            ax.set_yticks(y, [textwrap.fill(c, 34) for c in chart.categories])
            for yi, v in zip(y, values, strict=True):
                text = fmt_decimal(v, lang, 0 if v == int(v) else 1)
                ax.annotate(text, (v, yi), xytext=(3, 0), textcoords="offset points",
                            va="center", fontsize=9)
            ax.set_xlim(0, max(values, default=1) * 1.15)
            ax.set_xlabel(chart.x_label)
            ax.grid(axis="y", visible=False)
            ax.xaxis.set_major_formatter(
                FuncFormatter(lambda v, _: fmt_decimal(v, lang, 0 if v == int(v) else 1)))
            return fig
        if chart.kind == "pyramid":
            rows = list(range(len(chart.categories)))
            for s in chart.series:
                counts = [v or 0 for v in s.values]
                sign = -1 if s.role == "men" else 1
                ax.barh(rows, [sign * v for v in counts], color=_colour(s.role, 0),
                        label=s.label, height=0.8)
            ax.set_yticks(rows, chart.categories)
            ax.axvline(0, color="#444444", linewidth=0.8)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_int(int(abs(v)), lang)))
            ax.grid(axis="y", visible=False)
            ax.set_xlabel(chart.x_label)
            ax.set_ylabel(chart.y_label)
            lim = max((abs(v or 0) for s in chart.series for v in s.values), default=1) * 1.08
            ax.set_xlim(-lim, lim)
            for s in chart.series:  # direct labels over each half instead of a legend
                side = -1 if s.role == "men" else 1
                ax.text(side * lim * 0.5, len(rows) - 0.3, s.label, ha="center", va="bottom",
                        color=_colour(s.role, 0), fontsize=10, fontweight="bold")
            ax.set_ylim(-0.6, len(rows) + 0.4)
            return fig
        else:
            x = list(range(len(chart.categories)))
            for i, s in enumerate(chart.series):
                xs = [xi for xi, v in zip(x, s.values, strict=True) if v is not None]
                vs = [v for v in s.values if v is not None]
                if chart.kind == "lines":
                    style, marker = THRESHOLDS.get(s.role, ("-", "os^D"[i % 4]))
                    ax.plot(xs, vs, marker=marker, linestyle=style, color=_colour(s.role, i),
                            label=s.label, linewidth=2)
                    if xs:  # a direct label at the line's end instead of a legend
                        ax.annotate(s.label, (xs[-1], vs[-1]), xytext=(8, 0),
                                    textcoords="offset points", va="center", fontsize=8,
                                    color=_colour(s.role, i))
                else:
                    width = 0.8 / max(len(chart.series), 1)
                    ax.bar([xi + i * width for xi in xs], vs, width, color=_colour(s.role, i),
                           label=s.label)
            for label, value in chart.targets:
                ax.axhline(value, color=PALETTE["target"], linestyle="--", linewidth=1)
                ax.annotate(label, (x[0] if x else 0, value), xytext=(0, 3),
                            textcoords="offset points", ha="left", fontsize=8,
                            color=PALETTE["target"])
            ax.set_xticks(x, chart.categories)
            if chart.kind == "lines" and x:
                ax.set_xlim(-0.3, x[-1] + 1.6)  # room for the direct labels
            ax.set_xlabel(chart.x_label)
            ax.set_ylabel(chart.y_label)
            ax.grid(axis="x", visible=False)
            if chart.percent:
                ax.set_ylim(0, 1.05)
                unit = "\u00a0%" if lang == "da" else "%"
                ax.yaxis.set_major_formatter(
                    FuncFormatter(lambda v, _: f"{pct_points(v)}{unit}"))
        if chart.kind == "bars" and len(chart.series) > 1:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=len(chart.series))
    return fig


def _save(chart: Chart, lang: str, fmt: str, dpi: int = 100) -> bytes:
    """Draw and save inside one style context (SVG font and id settings apply at save)."""
    import matplotlib.pyplot as plt

    with plt.rc_context(_STYLE):  # type: ignore[arg-type]
        fig = _figure(chart, lang)
        buf = io.BytesIO()
        meta = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
        plt.close(fig)
    return buf.getvalue()


@lru_cache(maxsize=64)
def svg(chart: Chart, lang: str, uid: str) -> str:
    """The chart as an inline ``<svg>`` element; ids prefixed with ``uid`` to stay unique."""
    text = _save(chart, lang, "svg").decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{uid}-{m.group(1)}"', text)
    text = re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m.group(1)}{uid}-{m.group(2)}", text)
    return text


@lru_cache(maxsize=64)
def png(chart: Chart, lang: str, dpi: int = 200) -> bytes:
    """The chart as a PNG at print resolution."""
    return _save(chart, lang, "png", dpi)
