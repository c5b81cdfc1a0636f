"""The targets page: the report's front-page overview of a workspace, read-only.

It is the report's own summary table (``ligestat.report.build``), made from the
same gathered input with the same disclosure policy, so the departments see
exactly the figures the report will print. Built once per year and language.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ligestat.errors import LigestatError

if TYPE_CHECKING:
    from ligestat.register.web import Site

__all__ = ["targets_overview"]

_lock = threading.Lock()


def targets_overview(site: Site, year: int, lang: str) -> dict[str, Any]:
    """``{"table": Table, "intro": [str]}`` or ``{"message": str}`` when there is no workspace."""
    if site.workspace is None:
        return {"message": "no_workspace"}
    key = ("targets", year, lang)
    with _lock:
        if key not in site.cache:
            site.cache[key] = _build(site, year, lang)
    return dict(site.cache[key])


def _build(site: Site, year: int, lang: str) -> dict[str, Any]:
    from ligestat.api import load
    from ligestat.report.build import build
    from ligestat.report.gather import gather

    try:
        with load(workspace=site.workspace, config=site.config) as ws:
            inp = gather(ws, year)
    except LigestatError as exc:
        return {"message": "no_year", "detail": str(exc)}
    model = build(inp, lang)
    return {"table": model.summary, "intro": [p.text for p in model.summary_intro]}
