"""``init``, ``validate``, ``import`` and ``tables``: HR data in, the contract's tables out."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ligestat.cli._console import LazyConsole, escape
from ligestat.errors import InputError, InterruptedAfterStoring, is_interrupt

if TYPE_CHECKING:  # the library is imported when a command runs, not for --help (#15)
    from ligestat.workspace import ImportSummary

console = LazyConsole(soft_wrap=True)

DEFAULT_WORKSPACE = Path("ligestat.duckdb")  # without DATA or --workspace

CONTRACT_HELP = "as docs/contract.md describes"
DataArg = Annotated[Path | None, typer.Argument(
    help=f"Data folder (CSV / Parquet files or one .xlsx workbook), {CONTRACT_HELP}.",
    show_default=False)]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Organisation config; default: DATA/ligestat.toml, else the workspace's "
                     "(docs/config.md; start one with ligestat init).")]
LangOpt = Annotated[str | None, typer.Option(
    help="Language: da or en (default: the config's \\[report] lang, else da).")]
OlderOpt = Annotated[bool, typer.Option(
    "--allow-older-snapshot",
    help="Let the year count a staff snapshot older than its own year (dated before 1 "
         "February of the year before); without it, a year without its own data is an error.")]


@contextmanager
def _progress(enabled: bool = True) -> Iterator[Any]:
    """A Rich progress bar fed by the library's (step, done, total) callback."""
    if not enabled or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console.rich, transient=True) as bar:
        task = bar.add_task("starting", total=1)

        def update(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=max(total, 1))

        yield update


def _print_summary(summary: "ImportSummary") -> None:
    for warning in summary.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    rows = ", ".join(f"{table} {n:,}" for table, n in summary.rows.items())
    verb = "stored" if summary.stored else "valid, nothing stored"
    console.print(f"[green]{summary.source}[/]: {verb} ({rows} rows)", highlight=False)


def validate(data: Annotated[Path, typer.Argument(
                 help=f"Data folder to check, {CONTRACT_HELP}.")],
             config: ConfigOpt = None) -> None:
    """Check a data folder against the contract without storing anything.

    Example: [bold]ligestat validate data/2025[/]
    """
    from ligestat import api

    with _progress() as progress:
        summary = api.validate(data, config=config, progress=progress)
    _print_summary(summary)


def import_(data: Annotated[Path, typer.Argument(
                help=f"Data folder to import, {CONTRACT_HELP}.")],
            workspace: Annotated[Path, typer.Option(help="Workspace file (DuckDB).")]
            = DEFAULT_WORKSPACE,
            config: ConfigOpt = None) -> None:
    """Validate a data folder and store it in the workspace, all or nothing.

    Re-importing a snapshot replaces it; earlier years stay as they were.

    Example: [bold]ligestat import data/2025 --workspace kk.duckdb[/]
    """
    from ligestat.workspace import Workspace

    ws = Workspace.open(workspace)
    try:
        with ws, _progress() as progress:
            summary = ws.import_data(data, config, progress)
        _print_summary(summary)
        console.print(f"workspace {workspace}: years {', '.join(map(str, _years(workspace)))}")
    except BaseException as exc:
        if ws.import_committed and is_interrupt(exc):  # too late to undo: say it is stored
            raise InterruptedAfterStoring from None
        raise


def _years(path: Path) -> list[int]:
    from ligestat.workspace import Workspace

    with Workspace.open(path, read_only=True) as ws:
        return ws.years()


def tables(data: DataArg = None,
           year: Annotated[int, typer.Option(help="Report year, e.g. 2025.")] = ...,  # type: ignore[assignment]
           workspace: Annotated[Path | None, typer.Option(
               help="Compute from this workspace instead of a data folder "
                    f"(default without DATA: ./{DEFAULT_WORKSPACE}).")] = None,
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
           = None,
           lang: LangOpt = None,
           allow_older_snapshot: OlderOpt = False,
           json_dir: Annotated[Path | None, typer.Option(
               "--json-dir", help="Many organisations: one contract document per "
                                  "organisation, DIR/ID.json.")] = None,
           parquet: Annotated[Path | None, typer.Option(
               help="Many organisations: every figure as one long Parquet table "
                    "(docs/organisations.md).")] = None,
           compare: Annotated[Path | None, typer.Option(
               help="Many organisations: write the comparison of key figures and ranks "
                    "here (.csv, else JSON).")] = None,
           organisation: Annotated[str | None, typer.Option(
               help="Many organisations: print this organisation's tables instead of the "
                    "comparison.")] = None) -> None:
    """Compute every table of the report for a year, with its targets.

    The tables fit the terminal (wide ones are printed in parts); --json writes the
    contract's document (docs/contract.md §3). For a data set of many organisations
    (docs/organisations.md) the terminal shows the comparison of their key figures.

    Examples:
      [bold]ligestat tables data/2025 --year 2025[/]
      [bold]ligestat tables --year 2025 --lang en[/]   (from ./ligestat.duckdb)
      [bold]ligestat tables --workspace kk.duckdb --year 2025 --json tables.json[/]
      [bold]ligestat tables --source postgresql://hr@dwh/hr --config kk.toml --year 2025[/]
    """
    from ligestat import api
    from ligestat.cli.table_view import LANGS, render_tables
    from ligestat.history import describe
    from ligestat.indicators import REGISTRY
    from ligestat.io.jsontext import dumps

    if lang is not None and lang not in LANGS:
        raise typer.BadParameter(f"{lang!r}: choose da or en", param_hint="--lang")
    if data is None and workspace is None and source is None:
        workspace = DEFAULT_WORKSPACE
    with _progress(json_out is None or str(json_out) != "-") as progress:
        doc, cfg, changes = api.tables_with_config(
            data, workspace=workspace, source=source, year=year, config=config,
            disclosure=disclosure, progress=progress, allow_older_snapshot=allow_older_snapshot)
    if cfg.many:
        _many(doc, json_out, json_dir, parquet, compare, organisation)
        if json_out is None and organisation is None:
            return
        if json_out is None and organisation is not None:
            doc = doc["organisations"][organisation]
    elif json_dir or parquet or compare or organisation:
        raise InputError("--json-dir, --parquet, --compare and --organisation are for a data "
                         "set of many organisations only (the config lists no [organisations]; "
                         "see docs/organisations.md)")
    notes = [describe(change) for change in changes]
    if json_out is None:
        chosen = lang or str(cfg.report.get("lang", "da"))
        chosen = chosen if chosen in LANGS else "da"
        captions = {n: REGISTRY[n].help for n in doc["tables"] if n in REGISTRY}
        render_tables(doc, console.rich, chosen, captions if chosen == "en" else None)
        for note in notes:
            console.print(f"[bold]note:[/] {escape(note)}", highlight=False)
        return
    for note in notes:  # beside the JSON, never inside stdout's document
        LazyConsole(stderr=True, soft_wrap=True).print(f"[bold]note:[/] {escape(note)}",
                                                       highlight=False)
    text = dumps(doc) + "\n"
    if str(json_out) == "-":
        typer.echo(text, nl=False)
    else:
        json_out.write_text(text, encoding="utf-8")
        console.line(f"wrote {json_out}")


def _many(doc: dict[str, Any], json_out: Path | None, json_dir: Path | None,
          parquet: Path | None, compare: Path | None, organisation: str | None) -> None:
    """The outputs of a many-organisation document (``ligestat.organisations``)."""
    from ligestat import organisations
    from ligestat.cli.table_view import render_comparison

    if organisation is not None and organisation not in doc["organisations"]:
        ids = list(doc["organisations"])
        raise InputError(f"--organisation {organisation!r} is not among the organisations: "
                         f"{', '.join(ids[:10])}{' …' if len(ids) > 10 else ''}")
    if json_dir is not None:
        written = organisations.write_json_dir(doc, json_dir)
        console.print(f"wrote {len(written)} documents to {json_dir}", highlight=False)
    if parquet is not None:
        n = organisations.write_parquet(doc, parquet)
        console.print(f"wrote {parquet} ({n:,} figures)", highlight=False)
    rows = organisations.comparison(doc)
    if compare is not None:
        organisations.write_comparison(rows, compare)
        console.print(f"wrote {compare}", highlight=False)
    quiet = json_dir or parquet or compare or organisation
    if json_out is None and not quiet:
        render_comparison(rows, doc["year"], console.rich)


def init(data: Annotated[Path, typer.Argument(
             help=f"Data folder whose department codes the config lists, {CONTRACT_HELP}.")],
         organisation: Annotated[str, typer.Option(
             help="The organisation's name as the report prints it.")],
         out: Annotated[Path | None, typer.Option(
             help="Where to write the config (default: DATA/ligestat.toml).")] = None,
         force: Annotated[bool, typer.Option(
             "--force", help="Replace an existing file.")] = False) -> None:
    """Write a commented ligestat.toml listing the data's own department codes.

    Then name each department in it, mark units counted only in totals, and run
    ligestat validate. docs/config.md describes every key.

    Example: [bold]ligestat init data/2025 --organisation "Eksempel Kommune"[/]
    """
    from ligestat.init_config import write_starter_config

    path = write_starter_config(data, organisation, out, force)
    console.print(f"wrote {path}; name the departments in it, then: ligestat validate {data}",
                  highlight=False)


def register(app: typer.Typer) -> None:
    """Add validate, import and tables to ``app``."""
    app.command()(init)
    app.command()(validate)
    app.command("import")(import_)
    app.command()(tables)
