"""The ``ligestat`` command line: a thin shell over the library.

Each command family lives in its own module and registers itself on the one
Typer app, exactly as an extension would. Errors from the library
(``ligestat.errors``) are turned into a message and an exit code here, once.

Start-up (#15): the command modules import the library inside their commands, and declare
options without ``from __future__ import annotations`` (Typer would evaluate each option's
annotation string again at every start).
"""

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ligestat.cli._console import LazyConsole, escape
from ligestat.cli._values import install
from ligestat.errors import (
    InterruptedAfterStoring,
    LigestatError,
    damaged_message,
    environment_message,
    is_interrupt,
)

__all__ = ["app", "err_console", "main"]

err_console = LazyConsole(stderr=True, soft_wrap=True)


class _Group(TyperGroup):
    """Translates ligestat's errors into a message and an exit code, once; converts the
    options of the command about to run without pydantic (``ligestat.cli._values``)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            install(command, ctx)
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            return super().invoke(ctx)
        except LigestatError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            _interrupted(ctx, exc)
        except BrokenPipeError:  # `ligestat … | head`: the reader is gone, say nothing
            _stdout_to_devnull()
            raise typer.Exit(141) from None
        except (OSError, MemoryError, RecursionError) as exc:  # the environment, not a bug
            err_console.print(f"[bold red]error:[/] {escape(environment_message(exc))}",
                              highlight=False)
            raise typer.Exit(1) from None
        except Exception as exc:
            if is_interrupt(exc):
                _interrupted(ctx, exc)
            if type(exc).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
                raise
            err_console.print(f"[bold red]error:[/] {escape(damaged_message(exc))}",
                              highlight=False)
            raise typer.Exit(1) from None


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so flushing it at exit does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _interrupted(ctx: Any, exc: BaseException) -> None:
    """Ctrl-C: one line, no traceback; imports and reports are all or nothing."""
    command = ctx.invoked_subcommand or ""
    stored = "; nothing was stored" if command in ("import", "register") else ""
    if isinstance(exc, InterruptedAfterStoring):
        stored = " after the import was stored"
    err_console.print(f"[bold red]interrupted[/] (Ctrl-C){stored}", highlight=False)
    raise typer.Exit(130) from None


# The flags of ligestat and of each command group default to False, not None: Typer then
# checks them without building a pydantic adapter, and `ligestat … --help` starts without
# importing pydantic (#15).
_OFF = {"help": False}
_FLAGS_OFF = {**_OFF, "install_completion": False, "show_completion": False,
              "pay": _OFF, "synth": _OFF, "register": _OFF}

app = typer.Typer(
    cls=_Group,
    name="ligestat",
    help="Gender-equality reporting from HR data, and a checker for gendered language.\n\n"
         "Data folders follow the data contract, docs/contract.md; the organisation config, "
         "ligestat.toml, is described in docs/config.md (start one with: ligestat init).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"], "default_map": _FLAGS_OFF},
)

def _version(value: bool) -> None:
    if value:
        from ligestat import __version__
        from ligestat.api import CONTRACT_VERSION

        typer.echo(f"ligestat {__version__} (data contract version {CONTRACT_VERSION})")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and the data contract's version, then exit.")] = False) -> None:
    """The options before any command."""


# Command families register themselves; order is the order in --help.
from ligestat.cli import data, disclosure, language, pay, register, report, synth  # noqa: E402

for _module in (data, report, disclosure, pay, synth, language, register):
    _module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ligestat`` console script."""
    app(args=argv if argv is not None else sys.argv[1:], prog_name="ligestat")
