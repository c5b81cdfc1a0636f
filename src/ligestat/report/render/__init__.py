"""Output formats, registered like plugins: a new format is one module.

A format module defines ``FORMAT = Format(...)`` and calls ``register(FORMAT)``
at import; the built-in formats are imported lazily on first use, so heavy
dependencies (WeasyPrint, python-docx, openpyxl) load only when asked for::

    from ligestat.report.render import Format, register
    register(Format("md", ".md", "Markdown", render_markdown))
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ligestat.errors import RenderError
from ligestat.report.model import ReportModel

__all__ = ["BUILTIN", "Format", "available", "get", "output_name", "register", "write_report"]

BUILTIN = ("html", "pdf", "docx", "xlsx")
_REGISTRY: dict[str, Format] = {}


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    description: str
    render: Callable[[ReportModel, Path], None]  # writes the model to the path


def register(fmt: Format) -> None:
    """Add (or replace) an output format."""
    _REGISTRY[fmt.name] = fmt


def get(name: str) -> Format:
    """The format called ``name``; built-ins are imported on first use."""
    if name not in _REGISTRY and name in BUILTIN:
        importlib.import_module(f"ligestat.report.render.{name}")
    try:
        return _REGISTRY[name]
    except KeyError:
        raise RenderError(
            f"unknown report format {name!r}; use one or more of {', '.join(available())}"
        ) from None


def available() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*BUILTIN, *_REGISTRY)))


def output_name(model: ReportModel, fmt: Format) -> str:
    """``koensligestilling-2025-da.html``: the file name of one format."""
    table: dict[str, str | int | None] = {"æ": "ae", "ø": "oe", "å": "aa"}
    plain = model.organisation.lower().translate(str.maketrans(table))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return f"{slug}-{model.year}-{model.lang}{fmt.suffix}"


def write_report(model: ReportModel, out_dir: Path, formats: Sequence[str] = BUILTIN,
                 on_done: Callable[[str, Path], None] | None = None,
                 force: bool = False) -> list[Path]:
    """Render ``model`` into ``out_dir`` in every format asked for; returns the files.

    A file changed since ligestat wrote it is not overwritten unless ``force``
    (``ligestat.report.written``); that is checked before anything is written.
    """
    from ligestat.report.written import check_overwrite, record_written

    chosen = [get(f) for f in formats]  # unknown names fail before anything is written
    check_overwrite([out_dir / output_name(model, fmt) for fmt in chosen], force)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{out_dir}: cannot create the output folder: {exc}") from None
    paths = []
    for fmt in chosen:
        path = out_dir / output_name(model, fmt)
        try:
            fmt.render(model, path)
        except RenderError:
            raise
        except OSError as exc:
            raise RenderError(f"{path}: cannot write the {fmt.name} report: {exc}") from None
        record_written(path)
        paths.append(path)
        if on_done is not None:
            on_done(fmt.name, path)
    return paths
