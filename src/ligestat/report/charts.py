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

__all__ = ["PALETTE", "png", "svg"]

# Okabe–Ito colours, darkened where needed for 3:1 contrast against white
PALETTE = {
    "women": "#C45200",
    "men": "#0072B2",
    "other": "#007A5E",
    "ge11": "#0072B2",
    "ge17": "#C45200",
    "ge24": "#007A5E",
    "target": "#444444",
}
_FALLBACK = ("#0072B2", "#C45200", "#007A5E", "#CC79A7", "#56B4E9", "#444444")
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
    return PALETTE.get(role, _FALLBACK[i % len(_FALLBACK)])


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
            colours = [_FALLBACK[i % len(_FALLBACK)] for i in range(len(values))]
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
        else:
            x = list(range(len(chart.categories)))
            for i, s in enumerate(chart.series):
                xs = [xi for xi, v in zip(x, s.values, strict=True) if v is not None]
                vs = [v for v in s.values if v is not None]
                if chart.kind == "lines":
                    ax.plot(xs, vs, marker="os^D"[i % 4], color=_colour(s.role, i),
                            label=s.label, linewidth=2)
                else:
                    width = 0.8 / max(len(chart.series), 1)
                    ax.bar([xi + i * width for xi in xs], vs, width, color=_colour(s.role, i),
                           label=s.label)
            for label, value in chart.targets:
                ax.axhline(value, color=PALETTE["target"], linestyle="--", linewidth=1)
                ax.annotate(label, (x[-1] if x else 0, value), xytext=(0, 3),
                            textcoords="offset points", ha="right", fontsize=8,
                            color=PALETTE["target"])
            ax.set_xticks(x, chart.categories)
            ax.set_xlabel(chart.x_label)
            ax.set_ylabel(chart.y_label)
            ax.grid(axis="x", visible=False)
            if chart.percent:
                ax.set_ylim(0, 1.05)
                unit = "\u00a0%" if lang == "da" else "%"
                ax.yaxis.set_major_formatter(
                    FuncFormatter(lambda v, _: f"{pct_points(v)}{unit}"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if chart.kind != "pyramid"
                                                      else -0.2), ncol=len(chart.series))
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
