"""``ligestat report``: the gender-equality report as HTML, PDF, Word and Excel."""

from pathlib import Path
from typing import Annotated

import typer

from ligestat.cli._console import LazyConsole

__all__ = ["register"]

console = LazyConsole(soft_wrap=True)


def _formats(value: str) -> list[str]:
    from ligestat.report.render import available

    names = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [n for n in names if n not in available()]
    if not names or unknown:
        raise typer.BadParameter(
            f"{', '.join(unknown) or 'nothing'}: choose from {', '.join(available())}")
    return list(dict.fromkeys(names))


def report(
    data: Annotated[Path | None, typer.Argument(
        help="Data folder (CSV / Parquet files or one .xlsx workbook), as docs/contract.md "
             "describes.",
        show_default=False)] = None,
    year: Annotated[int, typer.Option(help="Report year, e.g. 2025.")] = ...,  # type: ignore[assignment]
    out: Annotated[Path, typer.Option(help="Folder to write the report files into.")]
    = ...,  # type: ignore[assignment]
    workspace: Annotated[Path | None, typer.Option(
        help="Report from this workspace instead of a data folder (default without DATA: "
             "./ligestat.duckdb).")] = None,
    lang: Annotated[str | None, typer.Option(
        help="Language of the report: da or en (default: the config's \\[report] lang, else da).")]
    = None,
    fmt: Annotated[str, typer.Option(
        "--format", help="Comma-separated formats: html, pdf, docx, xlsx.")]
    = "html,pdf,docx,xlsx",
    disclosure: Annotated[str | None, typer.Option(
        help="Disclosure policy: public, standard, strict (default: the config's).")] = None,
    context: Annotated[Path | None, typer.Option(
        help="Context figures file (docs/report.md); default: the context.csv imported with "
             "the data.")]
    = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="Organisation config; default: DATA/ligestat.toml, else the "
                         "workspace's (docs/config.md).")] = None,
    register: Annotated[str | None, typer.Option(
        help="Take part 2 from the initiatives register's approved updates of the year: its "
             "database (a SQLite file or postgresql://…, as ligestat serve was given it).")]
    = None,
    force: Annotated[bool, typer.Option(
        "--force",
        help="Overwrite report files even if they were changed since ligestat wrote them.")]
    = False,
    allow_older_snapshot: Annotated[bool, typer.Option(
        "--allow-older-snapshot",
        help="Let the year count a staff snapshot older than its own year; without it, a "
             "year without its own data is an error.")] = False,
    organisation: Annotated[str | None, typer.Option(
        help="The organisation to report on, in a data set of many organisations "
             "(docs/organisations.md).")] = None,
) -> None:
    """Render the gender-equality report for a year in every format asked for.

    A file in --out that was changed since ligestat wrote it (a Word file finished by
    hand) is never overwritten without --force.

    Examples:
      [bold]ligestat report build/demo-data --year 2025 --out build/demo[/]
      [bold]ligestat report --workspace kk.duckdb --year 2025 --out out --lang en[/]
      [bold]ligestat report --workspace kk.duckdb --year 2025 --out out --register kk.sqlite[/]
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ligestat.report import make_report

    if lang is not None and lang not in ("da", "en"):
        raise typer.BadParameter(f"{lang!r}: choose da or en", param_hint="--lang")
    formats = _formats(fmt)
    if data is None and workspace is None:
        from ligestat.cli.data import DEFAULT_WORKSPACE

        workspace = DEFAULT_WORKSPACE
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console.rich, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("starting", total=None)
        paths = make_report(data, workspace=workspace, year=year, out=out, lang=lang,
                            formats=formats, disclosure=disclosure, context=context,
                            config=config, register=register, force=force,
                            allow_older_snapshot=allow_older_snapshot,
                            organisation=organisation,
                            on_step=lambda msg: bar.update(task, description=msg))
    for path in paths:
        console.print(f"wrote {path}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``report`` to ``app``."""
    app.command()(report)
