"""Report formats of the language checker, registered as data like the report's renderers.

Each :class:`OutputFormat` has a name, a help text and a ``write`` function that writes a
:class:`~ligestat.language.run.CheckResult` to a stream; the CLI's ``--format`` choices
and help come from ``FORMATS``. A new format is one more ``register(OutputFormat(...))``:

``terminal`` (Rich, grouped per file), ``json`` (a list of findings), ``sarif``
(SARIF 2.1.0) and ``html`` (a summary per site with counts per section).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from ligestat._lazy import exports

if TYPE_CHECKING:  # the renderers are imported when a report is written (#15)
    from ligestat.language.output.diff import render_diff
    from ligestat.language.output.json import render_json
    from ligestat.language.output.sarif import RuleInfo, render_sarif
    from ligestat.language.output.summary import render_html, summarise
    from ligestat.language.output.terminal import render_terminal
    from ligestat.language.run import CheckResult

__all__ = [
    "FORMATS",
    "OutputFormat",
    "RuleInfo",
    "register",
    "render_diff",
    "render_html",
    "render_json",
    "render_sarif",
    "render_terminal",
    "summarise",
]


@dataclass(frozen=True)
class OutputFormat:
    """One ``--format``: ``write(result, stream, interactive)``; ``interactive`` is True
    when the stream is the user's terminal (colours allowed)."""

    name: str
    help: str
    write: Callable[[CheckResult, TextIO, bool], None]
    lists_errors: bool = False  # the report itself names the files that could not be checked


FORMATS: dict[str, OutputFormat] = {}

__getattr__, __dir__ = exports(__name__, {
    "render_diff": "diff", "render_json": "json", "RuleInfo": "sarif", "render_sarif": "sarif",
    "render_html": "summary", "summarise": "summary", "render_terminal": "terminal"})


def register(fmt: OutputFormat) -> None:
    """Add (or replace) an output format."""
    FORMATS[fmt.name] = fmt


def _terminal(result: CheckResult, stream: TextIO, interactive: bool) -> None:
    from rich.console import Console

    from ligestat.language.output.terminal import render_terminal

    if interactive:
        render_terminal(result, Console(file=stream, highlight=False))
    else:
        render_terminal(result, Console(file=stream, no_color=True, width=120))


def _json(result: CheckResult, stream: TextIO, interactive: bool) -> None:
    from ligestat.language.output.json import render_json

    stream.write(render_json(result))


def _html(result: CheckResult, stream: TextIO, interactive: bool) -> None:
    from ligestat.language.output.summary import render_html

    stream.write(render_html(result))


def _sarif(result: CheckResult, stream: TextIO, interactive: bool) -> None:
    from ligestat.language.output.rules import lexicon_rules
    from ligestat.language.output.sarif import render_sarif

    stream.write(render_sarif(result, lexicon_rules()))


register(OutputFormat("terminal", "a readable report grouped per file (default)", _terminal,
                      lists_errors=True))
register(OutputFormat(
    "json", "a JSON list: path, line, column, match, rule, severity, suggestions",
    _json))
register(OutputFormat("sarif", "SARIF 2.1.0 for code-scanning tools", _sarif))
register(OutputFormat("html", "an HTML summary per site with counts per section",
                      _html))
