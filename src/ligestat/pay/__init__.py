"""Pay transparency beyond the three tables (Directive (EU) 2023/970).

- ``info``: the right to information (Art. 7) — what a worker of a category may ask for;
- ``assessment``: the joint pay assessment (Art. 10) for categories with a gap ≥ 5 %,
  with the employer's justification and measures kept in ``pay_assessment.toml``;
- ``exports``: the figures in the shapes the UK gender-pay-gap service and France's
  egapro declaration take.

The tables themselves are indicators (``ligestat.indicators.pay``); the adjusted gap
is ``ligestat.analysis``. Everything here reads the disclosure-protected tables.
"""

from __future__ import annotations

from ligestat.api import Published, publish
from ligestat.workspace import Workspace

__all__ = ["PAY_TABLES", "published_pay"]

PAY_TABLES = ("pay_gap", "pay_quartiles", "pay_categories")


def published_pay(ws: Workspace, year: int, disclosure: str | None) -> Published:
    """The pay tables of a report year, disclosure applied (no tables: no pay data),
    with the selection (``.selection.pay_year``) and the policy."""
    return publish(ws, year, disclosure=disclosure, names=PAY_TABLES)
