"""``ligestat synth``: synthetic data — the Copenhagen 2025 demo and data of any size."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ligestat.cli._console import LazyConsole

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["register"]

synth_app = typer.Typer(
    name="synth",
    help="Generate synthetic, contract-shaped HR data.",
    no_args_is_help=True,
)
console = LazyConsole()
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the data into.")]


def _progress() -> "Progress":
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=console.rich, transient=True)


@synth_app.command("kk-2025")
def kk_2025(
    out: OutOpt,
    report: Annotated[bool, typer.Option(
        "--report", help="Print the calibration report (it is always written to "
                         "OUT/calibration.md and calibration.json).")] = False,
) -> None:
    """Synthetic Copenhagen 2025 microdata that gives back the published tables.

    Example: [bold]ligestat synth kk-2025 --out build/demo-data --report[/]
    """
    from ligestat.synth.kk2025 import generate_kk2025
    from ligestat.synth.report import report_markdown

    with _progress() as progress:
        task = progress.add_task("calibrating", total=None)
        plan = generate_kk2025(out, lambda msg: progress.update(task, description=msg))
    bad = plan.impossible
    console.print(f"wrote {out}: {len(plan.cells) - len(bad)} of {len(plan.cells)} published "
                  f"cells reproduced, {len(bad)} proven impossible (see calibration.md)")
    if report:
        console.print(report_markdown(plan), markup=False, highlight=False)


@synth_app.command("scale")
def scale(
    employees: Annotated[int, typer.Option(
        "--employees", "-n", min=1, help="Employees per yearly snapshot.")],
    out: OutOpt,
    years: Annotated[int, typer.Option(
        "--years", "-k", min=1, help="Yearly snapshots, the last dated 2024-09-30.")] = 3,
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    seed: Annotated[int, typer.Option(
        "--seed", help="The same seed gives the same data.")] = 1,
    organisations: Annotated[int, typer.Option(
        "--organisations", min=1, help="Organisations sharing the employees (> 1: an "
        "organisation column and \\[organisations] in ligestat.toml; every fourth without "
        "departments).")] = 1,
) -> None:
    """Realistic contract-shaped data of any size, streamed to disk (for benchmarks).

    Examples:
      [bold]ligestat synth scale --employees 1000000 --years 3 --out build/big[/]
      [bold]ligestat synth scale --employees 100000 --organisations 100 --out build/orgs[/]
    """
    from ligestat.synth.scale import FORMATS, ScaleSpec, generate_scale

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    spec = ScaleSpec(employees=employees, years=years, seed=seed, format=fmt,
                     organisations=organisations)
    with _progress() as progress:
        task = progress.add_task("starting", total=None)
        written = generate_scale(out, spec,
                                 lambda msg: progress.update(task, description=f"writing {msg}"))
    for path in written.values():
        console.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def register(app: typer.Typer) -> None:
    """Add the ``synth`` command family to ``app``."""
    app.add_typer(synth_app, name="synth")
