"""The gender-equality report: from tables to HTML, PDF, Word and Excel.

Data flows one way::

    Workspace ──gather──▶ ReportInput ──build──▶ ReportModel ──render/*──▶ files

``ReportInput`` is a plain value (tests make it by hand); ``ReportModel`` is
immutable and every renderer only reads it. Formats are registered in
``ligestat.report.render``; words live in ``text/<lang>/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ligestat.config import Config
from ligestat.report.build import build
from ligestat.report.context import read_context
from ligestat.report.input import ContextFigure, DisclosureInfo, ReportInput
from ligestat.report.model import ReportModel
from ligestat.report.render import BUILTIN, available, write_report

__all__ = [
    "BUILTIN",
    "ContextFigure",
    "DisclosureInfo",
    "ReportInput",
    "ReportModel",
    "available",
    "build",
    "make_report",
    "read_context",
    "write_report",
]


def make_report(data: Path | None = None, *, workspace: Path | None = None, year: int,
                out: Path, lang: str | None = None, formats: Sequence[str] = BUILTIN,
                disclosure: str | None = None, context: Path | None = None,
                config: Config | Path | None = None,
                on_step: Callable[[str], None] | None = None,
                register: str | None = None, force: bool = False,
                allow_older_snapshot: bool = False,
                organisation: str | None = None) -> list[Path]:
    """Load the data, gather the year's tables, build the model, write every format.

    ``lang`` ``None`` takes the config's ``[report] lang``, else Danish. ``register``
    (a register database URL or SQLite file) replaces initiatives.csv: part 2 then
    holds the year's approved updates from the initiatives register. A file changed
    since ligestat wrote it is not overwritten unless ``force``; a year without its own
    staff snapshot is an error unless ``allow_older_snapshot``. ``organisation``: the
    report of one organisation of a many-organisation data set (docs/organisations.md).
    """
    from ligestat.api import load
    from ligestat.report.gather import gather
    from ligestat.report.render import get
    from ligestat.report.text import text_for

    if lang is not None:
        text_for(lang)  # an unknown language fails before any work
    for name in formats:
        get(name)  # so does an unknown format
    step = on_step or (lambda _msg: None)
    initiatives = None
    if register is not None:
        from ligestat.register import approved_initiatives, database_url, open_database

        step("reading the initiatives register")
        db = open_database(database_url(register), migrate=False)
        try:
            initiatives = approved_initiatives(db, year)
        finally:
            db.close()
    step("loading data")
    with load(data, workspace=workspace, config=config) as ws:
        if allow_older_snapshot:
            ws.older_snapshot_year = year
        step("computing tables")
        store = _organisation(ws, year, organisation)
        inp = gather(store, year, disclosure=disclosure, context=context,
                     data=data)
        chosen = lang or str(store.year_config(year).report.get("lang", "da"))
    if initiatives is not None:
        from dataclasses import replace

        inp = replace(inp, initiatives=initiatives)
    step("building the report")
    model = build(inp, chosen)
    return write_report(model, out, formats, lambda name, _path: step(f"wrote {name}"), force)


def _organisation(ws: Any, year: int, organisation: str | None) -> Any:
    """The store a report reads: the workspace, or one organisation's view of it."""
    cfg = ws.year_config(year)
    if organisation is None and not cfg.many:
        return ws
    from ligestat.errors import InputError
    from ligestat.organisations import for_organisation, organisation_ids

    if not cfg.many:
        raise InputError("--organisation is for a data set of many organisations only (the "
                         "config lists no [organisations]; see docs/organisations.md)")
    ids = organisation_ids(cfg)
    if organisation not in ids:
        shown = ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")
        raise InputError(f"a data set of many organisations: give --organisation ID, one of "
                         f"{shown}" if organisation is None else
                         f"--organisation {organisation!r} is not among the organisations: "
                         f"{shown}")
    return for_organisation(ws, organisation, cfg)
