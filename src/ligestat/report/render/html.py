"""HTML: one self-contained, accessible file (inline CSS, inline SVG charts, no network)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup

from ligestat.report import charts
from ligestat.report.model import Block, Figure, Paragraph, ReportModel
from ligestat.report.render import Format, register

__all__ = ["FORMAT", "document", "render"]

_TEMPLATES = Path(__file__).parent / "templates"


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _svg(model: ReportModel, f: Figure) -> Markup:
    svg = charts.svg(f.chart, model.lang, f.id)
    attrs = f'role="img" aria-labelledby="alt-{f.id}" focusable="false"'
    svg = svg.replace("<svg ", f"<svg {attrs} ", 1)
    return Markup(svg)


def _png(model: ReportModel, f: Figure) -> Markup:
    data = base64.b64encode(charts.png(f.chart, model.lang)).decode("ascii")
    return Markup('<img src="data:image/png;base64,{}" alt="{}">').format(
        Markup(data), f.alt)


@dataclass(frozen=True)
class ListGroup:
    """Consecutive list paragraphs, rendered as one <ul> or <ol>."""

    ordered: bool
    items: tuple[Paragraph, ...]


def chunks(blocks: tuple[Block, ...]) -> list[Block | ListGroup]:
    """``blocks`` with runs of bullet or numbered paragraphs gathered into lists."""
    out: list[Block | ListGroup] = []
    for b in blocks:
        if isinstance(b, Paragraph) and b.kind in ("bullet", "number"):
            ordered = b.kind == "number"
            last = out[-1] if out else None
            if isinstance(last, ListGroup) and last.ordered == ordered:
                out[-1] = ListGroup(ordered, (*last.items, b))
            else:
                out.append(ListGroup(ordered, (b,)))
        else:
            out.append(b)
    return out


def document(model: ReportModel, mode: Literal["screen", "print"], extra_css: str = "") -> str:
    """The report as one HTML string: ``screen`` (SVG charts) or ``print`` (PNG, for PDF)."""
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    if mode == "screen":
        css += "\n" + (_TEMPLATES / "screen.css").read_text(encoding="utf-8")
    if mode == "print":
        css += "\n" + (_TEMPLATES / "print.css").read_text(encoding="utf-8")
    css += extra_css

    def chart(f: Figure) -> Markup:
        return _svg(model, f) if mode == "screen" else _png(model, f)

    logo = ""
    if model.logo is not None:
        logo = f"data:{model.logo.mime};base64," + base64.b64encode(model.logo.data).decode()
    return _env().get_template("report.html.j2").render(
        m=model, css=Markup(css), mode=mode, chart=chart, chunks=chunks, logo=logo)


def render(model: ReportModel, path: Path) -> None:
    path.write_text(document(model, "screen"), encoding="utf-8")


FORMAT = Format("html", ".html", "one self-contained, accessible web page", render)
register(FORMAT)
