"""``validate``, ``import`` and ``tables``: HR data in, the contract's tables out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ligestat import api
from ligestat.indicators import REGISTRY
from ligestat.workspace import DEFAULT_WORKSPACE, ImportSummary, Workspace

console = Console(soft_wrap=True)

DataArg = Annotated[Path | None, typer.Argument(
    help="Data folder (CSV / Parquet files or one .xlsx workbook), as in CONTRACT.md.",
    show_default=False)]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Organisation config; default: DATA/ligestat.toml, else the workspace's.")]


@contextmanager
def _progress(enabled: bool = True) -> Iterator[Any]:
    """A Rich progress bar fed by the library's (step, done, total) callback."""
    if not enabled or not console.is_terminal:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("starting", total=1)

        def update(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=max(total, 1))

        yield update


def _print_summary(summary: ImportSummary) -> None:
    for warning in summary.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    rows = ", ".join(f"{table} {n:,}" for table, n in summary.rows.items())
    verb = "stored" if summary.stored else "valid, nothing stored"
    console.print(f"[green]{summary.source}[/]: {verb} ({rows} rows)", highlight=False)


def validate(data: Annotated[Path, typer.Argument(help="Data folder to check.")],
             config: ConfigOpt = None) -> None:
    """Check a data folder against the contract without storing anything.

    Example: [bold]ligestat validate data/2025[/]
    """
    with _progress() as progress:
        summary = api.validate(data, config=config, progress=progress)
    _print_summary(summary)


def import_(data: Annotated[Path, typer.Argument(help="Data folder to import.")],
            workspace: Annotated[Path, typer.Option(help="Workspace file (DuckDB).")]
            = DEFAULT_WORKSPACE,
            config: ConfigOpt = None) -> None:
    """Validate a data folder and store it in the workspace, all or nothing.

    Re-importing a snapshot replaces it; earlier years stay as they were.

    Example: [bold]ligestat import data/2025 --workspace kk.duckdb[/]
    """
    with Workspace.open(workspace) as ws, _progress() as progress:
        summary = ws.import_data(data, config, progress)
    _print_summary(summary)
    console.print(f"workspace {workspace}: years {', '.join(map(str, _years(workspace)))}")


def _years(path: Path) -> list[int]:
    with Workspace.open(path, read_only=True) as ws:
        return ws.years()


def _fmt(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if key.endswith("share") and isinstance(value, float):
        return f"{100 * value:.1f} %"
    if key == "gap_pp" and isinstance(value, float):
        return f"{value:.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _render(doc: dict[str, Any]) -> None:
    console.print(f"[bold]{doc['organisation']}[/] — report year {doc['year']}")
    for name, rows in doc["tables"].items():
        help_text = REGISTRY[name].help if name in REGISTRY else ""
        table = Table(title=f"{name}", caption=help_text, caption_justify="left")
        keys = [k for k in (rows[0] if rows else {}) if k != "suppressed"]
        for k in keys:
            table.add_column(k, justify="left" if k in ("department", "agreement", "gender",
                                                        "age_band") else "right")
        for row in rows:
            table.add_row(*(_fmt(k, row.get(k)) for k in keys),
                          style="bold" if row.get("department") == "total" else None)
        console.print(table)


def tables(data: DataArg = None,
           year: Annotated[int, typer.Option(help="Report year, e.g. 2025.")] = ...,  # type: ignore[assignment]
           workspace: Annotated[Path | None, typer.Option(
               help="Compute from this workspace instead of a data folder.")] = None,
           source: Annotated[str | None, typer.Option(
               help="Compute inside a warehouse instead: postgresql://user@host/db (tables "
                    "or views named as in the contract) or spark:///folder (Parquet); only "
                    "aggregates leave it. Needs --config. See docs/engines.md.")] = None,
           json_out: Annotated[Path | None, typer.Option(
               "--json", help="Write the contract's JSON document here ('-' for stdout).")]
           = None,
           config: ConfigOpt = None,
           disclosure: Annotated[str | None, typer.Option(
               help="Disclosure policy: public, standard, strict (default: the config's).")]
           = None) -> None:
    """Compute every table of the report for a year, with its targets.

    Examples:
      [bold]ligestat tables data/2025 --year 2025[/]
      [bold]ligestat tables --workspace kk.duckdb --year 2025 --json tables.json[/]
      [bold]ligestat tables --source postgresql://hr@dwh/hr --config kk.toml --year 2025[/]
    """
    with _progress(json_out is None or str(json_out) != "-") as progress:
        doc = api.tables(data, workspace=workspace, source=source, year=year, config=config,
                         disclosure=disclosure, progress=progress)
    if json_out is None:
        _render(doc)
        return
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if str(json_out) == "-":
        typer.echo(text, nl=False)
    else:
        json_out.write_text(text, encoding="utf-8")
        console.print(f"wrote {json_out}")


def register(app: typer.Typer) -> None:
    """Add validate, import and tables to ``app``."""
    app.command()(validate)
    app.command("import")(import_)
    app.command()(tables)
