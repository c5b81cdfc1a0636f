"""``ligestat sprog``: check texts, documents and web pages for gendered language."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ligestat.errors import LanguageCheckError
from ligestat.language.extract.text import DEFAULT_MAX_BYTES
from ligestat.language.output import FORMATS, OutputFormat

if TYPE_CHECKING:  # the checker itself is imported when a check runs
    from ligestat.language.run import CheckResult

__all__ = ["register"]

_EXAMPLES = """
Examples:

  ligestat sprog docs/ minutes.docx report.pdf

  ligestat sprog https://www.example.dk --max-pages 200 --format html --output sprog.html

  ligestat sprog opslag.md --jobopslag --fail-on error

  ligestat sprog site/ --fix --fix-dir fixed/     (or --diff to only show the changes)

Exit codes: 0 nothing at or above --fail-on found; 1 found; 2 usage error
(bad option, missing path); 3 nothing found but some files could not be
checked (each is named in the report, or on stderr for json/sarif/html).
"""


class Severity(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


def _render(result: "CheckResult", fmt: OutputFormat, output: Path | None) -> None:
    if output is None:
        fmt.write(result, sys.stdout, True)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fmt.write(result, fh, False)


def _format(name: str) -> str:
    if name not in FORMATS:
        raise typer.BadParameter(
            f"{name!r} is not a format; use one of {', '.join(FORMATS)}.", param_hint="--format"
        )
    return name


def _report_errors(result: "CheckResult") -> None:
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, highlight=False)
    for e in result.errors:
        err.print(f"[red]could not check:[/] {escape(e.message)}", soft_wrap=True)


def _report_notices(result: "CheckResult") -> None:
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, highlight=False)
    for notice in result.notices:
        err.print(f"[yellow]note:[/] {escape(notice)}", soft_wrap=True)


def sprog(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (searched recursively) or start URLs.")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            callback=_format,
            help="Report format: " + "; ".join(f"{k}: {v.help}" for k, v in FORMATS.items()),
        ),
    ] = "terminal",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        Severity, typer.Option(help="Exit 1 when a finding at or above this severity is left.")
    ] = Severity.warning,
    jobopslag: Annotated[
        bool,
        typer.Option(
            "--jobopslag",
            help="Treat the texts as job adverts: gender-coded wording verdict (experimental); "
            "explicit gender requirements are errors.",
        ),
    ] = False,
    allow: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="Allow-list file: words or phrases never to flag, one a line, # comments.",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Write corrected copies of text, Markdown and HTML files as NAME.fixed.EXT.",
        ),
    ] = False,
    fix_dir: Annotated[
        Path | None,
        typer.Option(file_okay=False, help="With --fix: write the corrected copies here instead."),
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="With --fix: overwrite the original files.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the changes --fix would make; write nothing.")
    ] = False,
    max_pages: Annotated[int, typer.Option(
        min=1, help="Crawl: at most this many page requests (every response counts).")] = 100,
    max_depth: Annotated[
        int, typer.Option(min=0, help="Crawl: follow links at most this deep.")
    ] = 3,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Skip files and pages larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Crawl: seconds allowed for each page, all of it.")
    ] = 10.0,
    allow_intranet: Annotated[
        bool, typer.Option("--allow-intranet", help="Crawl: allow loopback, private and "
                           "link-local addresses (refused by default).")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=0, help="Processes checking files in parallel; 0 = one per core for big folders."
        ),
    ] = 0,
) -> None:
    """Find gendered words (formand, lærerinde, …) in texts, documents and web pages."""
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(f"{output.parent}: no such folder.", param_hint="--output")
    if fix and diff:
        raise typer.BadParameter("use either --fix or --diff, not both.", param_hint="--diff")
    if (fix_dir is not None or in_place) and not fix:
        raise typer.BadParameter("--fix-dir and --in-place need --fix.", param_hint="--fix")
    if fix_dir is not None and in_place:
        raise typer.BadParameter("use either --fix-dir or --in-place.", param_hint="--in-place")
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from ligestat.language.output.diff import render_diff
    from ligestat.language.run import FixOptions, MissingPathError, check_paths, read_allow_list

    try:
        allowed = read_allow_list(allow) if allow is not None else ()
    except LanguageCheckError as exc:
        raise typer.BadParameter(str(exc), param_hint="--allow") from None
    options = None
    if fix or diff:
        options = FixOptions(write=fix, fix_dir=fix_dir, in_place=in_place)
    err = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} checked"),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("checking", total=None)

        def advance(path: str) -> None:
            progress.update(task, advance=1, description=f"checking {path}")

        try:
            result = check_paths(
                paths,
                jobopslag=jobopslag,
                allow=allowed,
                max_pages=max_pages,
                max_depth=max_depth,
                max_bytes=max_bytes,
                timeout=timeout,
                allow_private=allow_intranet,
                workers=workers,
                fix=options,
                on_document=advance,
            )
        except MissingPathError as exc:
            raise typer.BadParameter(str(exc), param_hint="PATHS") from None
    if diff:
        sys.stdout.write(render_diff(result))
        _report_errors(result)
        _report_notices(result)
    else:
        chosen = FORMATS[fmt]
        _render(result, chosen, output)
        if not chosen.lists_errors or output is not None:
            _report_errors(result)
        _report_notices(result)
    raise typer.Exit(result.exit_code(fail_on.value))


sprog.__doc__ = (sprog.__doc__ or "") + "\n" + _EXAMPLES


def register(app: typer.Typer) -> None:
    """Add this family's commands to ``app``."""
    app.command("sprog", no_args_is_help=True)(sprog)
