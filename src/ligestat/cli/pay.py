"""``ligestat pay``: pay transparency — right to information, joint pay assessment,
exports for other countries' services, and the adjusted gap."""

from pathlib import Path
from typing import Annotated, Any

import typer

from ligestat.cli._console import LazyConsole

__all__ = ["register"]

pay_app = typer.Typer(name="pay", no_args_is_help=True,
                      help="Pay transparency (Directive (EU) 2023/970): information, "
                           "joint assessment, exports, adjusted gap.")
console = LazyConsole(soft_wrap=True)

DataArg = Annotated[Path | None, typer.Argument(
    help="Data folder (with pay.csv), as in CONTRACT.md.", show_default=False)]
YearOpt = Annotated[int, typer.Option(help="Report year; the pay year is the year before.")]
WorkspaceOpt = Annotated[Path | None, typer.Option(help="Read this workspace instead.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Organisation config.")]
DisclosureOpt = Annotated[str | None, typer.Option(
    help="Disclosure policy: public, standard, strict (default: the config's).")]


def _money(value: Any) -> str:
    return "–" if value is None else f"{value:,.2f}"


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


@pay_app.command("info")
def info(data: DataArg = None, category: Annotated[str, typer.Option(
             help="The worker's category of workers (pay.csv's category).")] = ...,  # type: ignore[assignment]
         year: YearOpt = ...,  # type: ignore[assignment]
         workspace: WorkspaceOpt = None, config: ConfigOpt = None,
         disclosure: Annotated[str | None, typer.Option(
             help="Disclosure policy (default: the config's, at least standard).")] = None
         ) -> None:
    """What a worker may ask for (Art. 7): average pay by sex in the worker's category.

    Example: [bold]ligestat pay info data/ --year 2025 --category "Lærere"[/]
    """
    from rich.table import Table

    from ligestat import api
    from ligestat.pay.info import category_info

    with api.load(data, workspace=workspace, config=config) as ws:
        result = category_info(ws, year, category, disclosure)
    r = result.row
    table = Table(title=f"{result.category} — pay year {result.pay_year}",
                  caption=f"disclosure policy: {result.policy}; – = suppressed or no one",
                  caption_justify="left")
    for col in ("", "women", "men", "gap"):
        table.add_column(col, justify="left" if not col else "right")
    table.add_row("workers", str(r["women_n"]), str(r["men_n"]), "")
    for basis in ("annual", "hourly"):
        for part in ("basic", "variable", "total"):
            table.add_row(f"mean {part} pay, {basis}", _money(r[f"women_{part}_{basis}"]),
                          _money(r[f"men_{part}_{basis}"]), _pct(r[f"{part}_{basis}_gap"]))
    console.print(table)


@pay_app.command("assessment")
def assessment(data: DataArg = None, year: YearOpt = ...,  # type: ignore[assignment]
               out: Annotated[Path | None, typer.Option(
                   help="Write the assessment (Markdown) here; default: print it.")] = None,
               texts: Annotated[Path | None, typer.Option(
                   help="The employer's pay_assessment.toml (default: DATA/pay_assessment.toml).")]
               = None,
               init: Annotated[bool, typer.Option(
                   help="Add empty entries for new categories to the texts file.")] = False,
               lang: Annotated[str, typer.Option(help="da or en.")] = "da",
               workspace: WorkspaceOpt = None, config: ConfigOpt = None,
               disclosure: DisclosureOpt = None) -> None:
    """The joint pay assessment (Art. 10) for categories with a gap of 5 % or more.

    Examples:
      [bold]ligestat pay assessment data/ --year 2025 --init[/]
      [bold]ligestat pay assessment data/ --year 2025 --lang en --out assessment.md[/]
    """
    from ligestat import api
    from ligestat.errors import WorkspaceError
    from ligestat.pay.assessment import ASSESSMENT_FILENAME, assess, init_assessment_file
    from ligestat.pay.document import assessment_markdown

    if lang not in ("da", "en"):
        raise typer.BadParameter(f"{lang!r}: choose da or en", param_hint="--lang")
    if texts is None and data is not None:
        texts = (data if data.is_dir() else data.parent) / ASSESSMENT_FILENAME
    with api.load(data, workspace=workspace, config=config) as ws:
        result = assess(ws, year, disclosure=disclosure, texts=texts)
    if result is None:
        raise WorkspaceError(f"no pay data for the pay year of report year {year}")
    if init:
        if texts is None:
            raise typer.BadParameter("give --texts FILE with --workspace", param_hint="--init")
        added = init_assessment_file(texts, [c.category for c in result.categories])
        console.print(f"{texts}: {len(added)} categor{'y' if len(added) == 1 else 'ies'} added")
    text = assessment_markdown(result, year, lang)
    _emit(text, out)


def _emit(text: str, out: Path | None) -> None:
    """Print ``text``, or write it to ``out`` and say so."""
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")


@pay_app.command("export")
def export(data: DataArg = None, year: YearOpt = ...,  # type: ignore[assignment]
           fmt: Annotated[str, typer.Option("--format", help="uk or egapro.")] = "uk",
           out: Annotated[Path | None, typer.Option(help="CSV file; default: print it.")]
           = None,
           workspace: WorkspaceOpt = None, config: ConfigOpt = None,
           disclosure: DisclosureOpt = None) -> None:
    """The pay figures as the UK gender-pay-gap service or France's egapro declaration
    takes them (docs/pay.md lists every field).

    Example: [bold]ligestat pay export data/ --year 2025 --format uk --out gpg.csv[/]
    """
    from ligestat import api
    from ligestat.errors import WorkspaceError
    from ligestat.pay import published_pay
    from ligestat.pay.exports import egapro_csv, uk_csv

    if fmt not in ("uk", "egapro"):
        raise typer.BadParameter(f"{fmt!r}: choose uk or egapro", param_hint="--format")
    with api.load(data, workspace=workspace, config=config) as ws:
        tables = published_pay(ws, year, disclosure).tables
        organisation = ws.config.organisation
    if not tables:
        raise WorkspaceError(f"no pay data for the pay year of report year {year}")
    text = uk_csv(organisation, tables) if fmt == "uk" else egapro_csv(tables)
    _emit(text, out)


@pay_app.command("adjusted")
def adjusted(data: DataArg = None, year: YearOpt = ...,  # type: ignore[assignment]
             workspace: WorkspaceOpt = None, config: ConfigOpt = None) -> None:
    """The adjusted gap: the Swiss standard model (Logib) and an Oaxaca–Blinder split,
    from pay.csv's optional columns.

    Example: [bold]ligestat pay adjusted data/ --year 2025[/]
    """
    from ligestat import api
    from ligestat.analysis import adjusted_gap
    from ligestat.analysis.logib import RATING_TEXT
    from ligestat.errors import WorkspaceError
    from ligestat.indicators import selection

    with api.load(data, workspace=workspace, config=config) as ws:
        pay_year = selection(ws, year, need_snapshot=False).pay_year
        result = adjusted_gap(ws.con, pay_year)
    if result is None:
        raise WorkspaceError(
            f"pay year {pay_year}: the adjusted gap needs at least 50 women and men with "
            "birth_year, training, years_of_service, level_of_requirements and "
            "professional_position in pay.csv (docs/pay.md)")
    lg, ox = result.logib, result.oaxaca
    console.print(f"Pay year {pay_year}: {lg.n} workers in the model ({lg.women} women, "
                  f"{lg.men} men; {result.left_out} left out).")
    console.print(f"Under otherwise equal circumstances women earn {abs(100 * lg.kennedy):.1f} % "
                  f"{'less' if lg.kennedy < 0 else 'more'} than men (Kennedy estimator; "
                  f"coefficient {lg.coefficient:.4f}, SE {lg.standard_error:.5f}, "
                  f"t {lg.t:.3f}, R² {lg.r_squared:.3f}, {lg.df_residual} df).")
    console.print(f"Rating: {RATING_TEXT[lg.rating]}.")
    share = ox.explained_share
    console.print(f"Oaxaca–Blinder: gap in mean ln(pay) {ox.gap:.4f} = explained "
                  f"{ox.explained:.4f} + unexplained {ox.unexplained:.4f}"
                  + (f" ({100 * share:.0f} % explained)." if share is not None else "."))


def register(app: typer.Typer) -> None:
    """Add the ``pay`` command family to ``app``."""
    app.add_typer(pay_app, name="pay")
