"""The right to information (Directive (EU) 2023/970 Art. 7): a worker may ask for
the average pay levels, by sex, of the workers doing the same work or work of equal
value — the worker's category. Disclosure control always applies here: a request
names one small group, so a policy that suppresses nothing (``public``) is raised to
``standard`` unless the caller insists (``disclosure="public"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ligestat.errors import WorkspaceError
from ligestat.pay import published_pay
from ligestat.workspace import Workspace

__all__ = ["CategoryInfo", "category_info"]


@dataclass(frozen=True)
class CategoryInfo:
    category: str
    pay_year: int
    policy: str
    row: dict[str, Any]  # the protected pay_categories row

    @property
    def suppressed(self) -> tuple[str, ...]:
        return tuple(self.row.get("suppressed") or ())


def category_info(ws: Workspace, year: int, category: str,
                  disclosure: str | None = None) -> CategoryInfo:
    """The averages a worker of ``category`` may ask for, for report ``year``."""
    policy = disclosure or ("standard" if ws.config.disclosure_policy == "public"
                            else ws.config.disclosure_policy)
    published = published_pay(ws, year, policy)
    tables, pay_year = published.tables, published.selection.pay_year
    if not tables:
        raise WorkspaceError(f"no pay data for pay year {pay_year} (report year {year}); "
                             "import a pay.csv with that year")
    rows = {r["category"]: r for r in tables["pay_categories"]}
    wanted = category.strip()
    if wanted not in rows:
        near = [c for c in rows if c.casefold() == wanted.casefold()]
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise WorkspaceError(f"no category {category!r} in pay year {pay_year}; {hint}"
                             f"categories: {', '.join(rows)}")
    return CategoryInfo(wanted, pay_year, policy, rows[wanted])
