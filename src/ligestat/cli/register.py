"""``ligestat serve`` and ``ligestat register …``: the initiatives register from the shell."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ligestat.cli._console import LazyConsole

if TYPE_CHECKING:
    from ligestat.config import Config
    from ligestat.register import Database

__all__ = ["register"]

console = LazyConsole(soft_wrap=True)
group = typer.Typer(help="The initiatives register's accounts and initiatives.csv, from the "
                         "shell (the web application is [bold]ligestat serve[/]).",
                    no_args_is_help=True, rich_markup_mode="rich")

DbOpt = Annotated[str | None, typer.Option(
    "--db", help="The register's database: a SQLite file or postgresql://user@host/db "
                 "(default: WORKSPACE.register.sqlite beside --workspace, else "
                 "./ligestat-register.sqlite).")]
WsOpt = Annotated[Path | None, typer.Option(
    help="Workspace whose config lists the departments (and whose targets the register shows).")]
CfgOpt = Annotated[Path | None, typer.Option(
    "--config", help="Organisation config listing the departments (default: the workspace's; "
                     "docs/config.md).")]


def _open(db: str | None, workspace: Path | None, config: Path | None
          ) -> "tuple[Database, Config]":
    from ligestat.register import database_url, open_database
    from ligestat.workspace import Workspace, resolve_config

    stored: Config | None = None
    if workspace is not None:
        with Workspace.open(workspace, read_only=True) as ws:
            stored = ws.stored_config
    cfg = resolve_config(None, config, stored)
    return open_database(database_url(db, workspace)), cfg


def serve(
    db: DbOpt = None,
    workspace: WsOpt = None,
    config: CfgOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    year: Annotated[int | None, typer.Option(
        help="Report year the register works on (default: the current year).")] = None,
) -> None:
    """Start the initiatives register, a web application; migrates its database first.

    Examples:
      [bold]ligestat serve[/]                                      (./ligestat-register.sqlite)
      [bold]ligestat serve --workspace kk.duckdb[/]                 (kk.register.sqlite beside it)
      [bold]ligestat serve --db postgresql://ligestat@localhost/register --port 8080[/]
    """
    import uvicorn

    from ligestat.register.app import create_app

    database, cfg = _open(db, workspace, config)
    app = create_app(database, cfg, workspace=workspace, year=year)
    console.print(f"register at http://{host}:{port}/  (database {database.url.split('@')[-1]})",
                  highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                proxy_headers=False)


@group.command("add-user")
def add_user(
    name: Annotated[str, typer.Argument(help="Account name to log in with.")],
    role: Annotated[str, typer.Option(help="coordinator, editor, viewer or admin.")]
    = ...,  # type: ignore[assignment]
    department: Annotated[str | None, typer.Option(
        help="The coordinator's department code (from the config).")] = None,
    db: DbOpt = None, workspace: WsOpt = None, config: CfgOpt = None,
) -> None:
    """Create an account and print its generated password (shown once, stored only hashed).

    Examples:
      [bold]ligestat register add-user anna --role coordinator --department BUF[/]
      [bold]ligestat register add-user ligestilling --role editor --db postgresql://…[/]
    """
    from ligestat.register.auth import create_user, generate_password
    from ligestat.register.demo import CLI_ACTOR

    database, cfg = _open(db, workspace, config)
    password = generate_password()
    with database.write() as s:
        create_user(s, CLI_ACTOR, name, role, department, password,
                    cfg.department_codes)
    console.print(f"created {role} {name!r}; password: {password}", highlight=False)


@group.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="initiatives.csv (CONTRACT.md §1).")],
    year: Annotated[int, typer.Option(help="Report year the rows are the approved text of.")]
    = ...,  # type: ignore[assignment]
    db: DbOpt = None, workspace: WsOpt = None, config: CfgOpt = None,
) -> None:
    """Import initiatives.csv as the year's approved updates (all rows or, on an error, none).

    Example:
      [bold]ligestat register import build/demo-data/initiatives.csv --year 2025[/]
    """
    from ligestat.register.demo import cli_actor
    from ligestat.register.exchange import import_csv

    database, cfg = _open(db, workspace, config)
    with database.write() as s:
        n = import_csv(s, cli_actor(), file, year, cfg.department_codes)
    console.print(f"imported {n} initiatives as approved {year} updates", highlight=False)


@group.command("export")
def export(
    year: Annotated[int, typer.Option(help="Report year whose approved updates to export.")]
    = ...,  # type: ignore[assignment]
    out: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")]
    = None,
    db: DbOpt = None, workspace: WsOpt = None, config: CfgOpt = None,
) -> None:
    """Export the year's approved updates as initiatives.csv.

    Example:
      [bold]ligestat register export --year 2025 --out initiatives.csv[/]
    """
    from ligestat.register.demo import cli_actor
    from ligestat.register.exchange import export_csv

    database, _cfg = _open(db, workspace, config)
    with database.read() as s:
        text = export_csv(s, cli_actor(), year)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}", highlight=False)


@group.command("demo")
def demo(
    data: Annotated[Path, typer.Argument(help="Demo data folder holding initiatives.csv.")],
    year: Annotated[int, typer.Option(help="Report year.")] = 2025,
    db: DbOpt = None, workspace: WsOpt = None, config: CfgOpt = None,
) -> None:
    """Seed a register with DATA's initiatives and three example accounts; print passwords.

    Example:
      [bold]ligestat register demo build/demo-data --db build/demo/register.sqlite[/]
    """
    from ligestat.register.demo import seed_demo

    database, cfg = _open(db, workspace, config)
    n, accounts = seed_demo(database, data / "initiatives.csv", year,
                            cfg.department_codes)
    console.print(f"register: {n} initiatives approved for {year}", highlight=False)
    for a in accounts:
        where = f" ({a.department})" if a.department else ""
        console.print(f"  {a.role}{where}: {a.name} / {a.password}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``register`` group to ``app``."""
    app.command()(serve)
    app.add_typer(group, name="register")
