"""The readable terminal report: findings grouped per file, then what could not be checked."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ligestat.language.model import Finding
from ligestat.language.run import CheckResult

__all__ = ["render_terminal"]

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _where(f: Finding) -> str:
    at = f"{f.line}:{f.column}"
    if f.page is not None:
        return f"p. {f.page}, {at}"
    if f.selector is not None:
        return f"{at} {escape(f.selector)}"
    return at


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_terminal(result: CheckResult, console: Console) -> None:
    for path, group in groupby(result.findings, key=lambda f: f.path):
        findings = list(group)
        console.print(
            f"\n[bold]{escape(path)}[/]  ({_plural(len(findings), 'finding')})", soft_wrap=True
        )
        table = Table(show_header=True, header_style="dim", box=None, pad_edge=False)
        for name in ("where", "match", "suggestion", "rule", "severity"):
            table.add_column(name, overflow="fold")
        for f in findings:
            where = _where(f)
            if f.section and f.path.lower().endswith(".docx"):
                where += f" ({f.section})"
            table.add_row(
                where,
                escape(f.match),
                escape(" / ".join(f.suggestions)) if f.suggestions else "[dim]–[/]",
                escape(f.rule),
                f"[{_STYLE.get(f.severity, '')}]{f.severity}[/]",
            )
        console.print(table)
    if result.fixes:
        console.print("\n[bold]Fixed[/]")
        for fix in result.fixes:
            where = f" → {escape(fix.target)}" if fix.target else ""
            console.print(f"  {escape(fix.path)}{where}: {_plural(fix.applied, 'change')}")
    if result.adverts:
        console.print("\n[bold]Job adverts[/] (gender-coded wording, experimental)")
        for advert in result.adverts:
            v = advert.verdict
            words = ", ".join([*v.masculine, *v.feminine][:12])
            console.print(
                f"  {escape(advert.path)}: [bold]{escape(v.label)}[/] ({escape(v.verdict)})"
                + (f"  [dim]({escape(words)})[/]" if words else "")
            )
    if result.errors:
        console.print("\n[bold red]Could not be checked[/]")
        for e in result.errors:
            console.print(f"  {escape(e.message)}", highlight=False, soft_wrap=True)
    counts = Counter(f.severity for f in result.findings)
    detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
    summary = f"\n{_plural(len(result.findings), 'finding')}"
    if detail:
        summary += f" ({detail})"
    summary += f" in {_plural(len(result.documents), 'document')}"
    if result.errors:
        summary += f"; {len(result.errors)} could not be checked"
    console.print(summary + ".", highlight=False)
