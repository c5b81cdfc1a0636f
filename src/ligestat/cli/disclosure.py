"""``audit-disclosure``: what an attacker could derive from the published tables."""

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ligestat.cli._console import LazyConsole
from ligestat.errors import DisclosureError

if TYPE_CHECKING:
    from ligestat.disclosure import AuditResult, Policy

console = LazyConsole(soft_wrap=True)


def _bound(x: float) -> str:
    return "∞" if x == math.inf else f"{x:g}"


def _print(policy: "Policy", result: "AuditResult", years: list[int], show_values: bool) -> None:
    """One Rich table per published table and report year: each suppressed count and its
    interval (and, with ``show_values``, its true value)."""
    from rich.table import Table

    shown = ", ".join(str(y) for y in years)
    console.print(f"[bold]Disclosure audit, report year(s) {shown} together, "
                  f"policy {policy.name}[/]")
    if show_values:
        console.print("[bold red]For the data owner only:[/] the 'value' column holds the "
                      "true suppressed counts. Do not share this output.", highlight=False)
    for name, release in dict.fromkeys((c.table, c.release) for c in result.cells):
        title = f"{name} (report {release})" if release else name
        table = Table(title=title, title_justify="left")
        table.add_column("row", overflow="fold")
        table.add_column("cell", overflow="fold")
        table.add_column("kind")
        columns = ("value", "derivable", "width", "needed") if show_values else (
            "derivable", "width", "needed")
        for column in columns:
            table.add_column(column, justify="right")
        table.add_column("")
        for cell in (c for c in result.cells if (c.table, c.release) == (name, release)):
            status = "[green]ok[/]" if cell.ok else "[bold red]too narrow[/]"
            if cell.published:
                status = "[bold red]published[/]"
            value = (f"{cell.value:g}",) if show_values else ()
            table.add_row(cell.label, cell.key, cell.kind, *value,
                          f"{_bound(cell.low)}–{_bound(cell.high)}", _bound(cell.width),
                          f"{cell.required:g}" if cell.required else "–", status)
        console.print(table)
    console.print(f"{len(result.cells)} suppressed cell(s); "
                  f"{len(result.failures)} narrower than the policy allows.", highlight=False)


def audit_disclosure(
    year: Annotated[int | None, typer.Option(
        "--year", help="Report year: audit it with every earlier year it can be combined "
                       "with (default: every year the data can report).",
        show_default=False)] = None,
    data: Annotated[Path | None, typer.Argument(
        help="Data folder, as in CONTRACT.md (or use --workspace).", show_default=False)] = None,
    workspace: Annotated[Path | None, typer.Option(
        "--workspace", help="Workspace file (DuckDB) instead of a data folder.")] = None,
    disclosure: Annotated[str | None, typer.Option(
        "--disclosure", help="Policy: public, standard or strict (default: the config's).")]
    = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="Organisation config; default: DATA/ligestat.toml, else the "
                         "workspace's.")] = None,
    show_values: Annotated[bool, typer.Option(
        "--show-values", help="Also print the true suppressed counts (for the data owner "
                              "only; never share that output).")] = False,
) -> None:
    """Audit a disclosure policy: what an attacker can derive about each suppressed count.

    Applies the policy to every report year the data can report (up to --year), then
    computes by linear programming, for every suppressed count, the interval it must
    lie in given everything published in all those years together: the JSON tables,
    the report's trend and population, earlier reports' tables. Exits non-zero when
    any interval is narrower than the policy allows. The output shows the intervals,
    not the suppressed values; --show-values adds them, for the data owner only.

    Example: [bold]ligestat audit-disclosure --workspace kk.duckdb --disclosure standard[/]
    """
    from ligestat import api
    from ligestat.indicators import REGISTRY

    shaped = [n for n, ind in REGISTRY.items() if ind.disclosure is not None]
    with api.load(data, workspace=workspace, config=config) as ws, \
            console.status("suppressing and auditing…"):
        years = api.report_years(ws)
        if year is None:
            if not years:
                raise DisclosureError("the data holds no report year (no staff snapshot)")
            year = years[-1]
        published = api.publish(ws, year, disclosure=disclosure, names=shaped)
        result = published.audit()
    policy = published.policy
    audited = sorted({r.year for r in published.releases} or {year})
    _print(policy, result, audited, show_values)
    if not result.ok:
        worst = result.failures[0]
        raise DisclosureError(
            f"{len(result.failures)} cell(s) are not protected as policy {policy.name!r} "
            f"requires (published, or narrowed below its protection width), e.g. "
            f"{worst.table}{f' (report {worst.release})' if worst.release else ''} "
            f"{worst.label} {worst.key}: "
            f"[{_bound(worst.low)}, {_bound(worst.high)}]; check the [disclosure] overrides "
            "in ligestat.toml, or report this with the shape of the tables"
        )


def register(app: typer.Typer) -> None:
    """Add this family's commands to ``app``."""
    app.command("audit-disclosure")(audit_disclosure)
