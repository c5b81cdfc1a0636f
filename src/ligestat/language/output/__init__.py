"""Report formats of the language checker, registered as data: name → help.

``terminal`` (Rich, grouped per file), ``json`` (a list of findings), ``sarif``
(SARIF 2.1.0) and ``html`` (a summary per site with counts per section).
"""

from __future__ import annotations

from ligestat.language.output.diff import render_diff
from ligestat.language.output.json import render_json
from ligestat.language.output.sarif import RuleInfo, render_sarif
from ligestat.language.output.summary import render_html, summarise
from ligestat.language.output.terminal import render_terminal

__all__ = [
    "FORMATS",
    "RuleInfo",
    "render_diff",
    "render_html",
    "render_json",
    "render_sarif",
    "render_terminal",
    "summarise",
]

FORMATS: dict[str, str] = {
    "terminal": "a readable report grouped per file (default)",
    "json": "a JSON list: path, line, column, match, rule, severity, suggestions",
    "sarif": "SARIF 2.1.0 for code-scanning tools",
    "html": "an HTML summary per site with counts per section",
}
