"""``--format json``: one object per finding.

Every object has exactly the keys ``path``, ``line``, ``column``, ``match``,
``rule``, ``severity`` and ``suggestions``, plus ``page`` for PDF findings and
``selector`` (the CSS path of the element) for HTML findings.
Files that could not be checked are not in the list; they go to stderr.
"""

from __future__ import annotations

import json
from typing import Any

from ligestat.language.run import CheckResult

__all__ = ["render_json"]


def render_json(result: CheckResult) -> str:
    items: list[dict[str, Any]] = []
    for f in result.findings:
        item: dict[str, Any] = {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "match": f.match,
            "rule": f.rule,
            "severity": f.severity,
            "suggestions": list(f.suggestions),
        }
        if f.page is not None:
            item["page"] = f.page
        if f.selector is not None:
            item["selector"] = f.selector
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
