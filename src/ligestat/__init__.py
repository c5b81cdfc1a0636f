"""ligestat: gender-equality reporting from HR data, and a checker for gendered language.

The public API mirrors the command line::

    import ligestat
    doc = ligestat.tables("data/", year=2025)            # ligestat tables data/ --year 2025
    ligestat.validate("data/")                          # ligestat validate data/
    with ligestat.Workspace.open("kk.duckdb") as ws:    # ligestat import ... --workspace
        ws.import_data("data/")
    ligestat.make_report("data/", year=2025, out=Path("out"))  # ligestat report data/ ...
    result = ligestat.check(["site/", "https://example.dk/"])   # ligestat sprog site/ URL
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ligestat._lazy import exports
from ligestat.errors import LigestatError, Problem, ValidationError

if TYPE_CHECKING:
    from ligestat.api import Published, compute_tables, load, publish, tables, validate
    from ligestat.config import Config, load_config
    from ligestat.language.run import CheckResult, FixOptions
    from ligestat.workspace import Workspace

__all__ = [
    "Config",
    "LigestatError",
    "Problem",
    "Published",
    "ValidationError",
    "Workspace",
    "check",
    "compute_tables",
    "load",
    "load_config",
    "make_report",
    "publish",
    "tables",
    "validate",
]

# Imported when first used: `import ligestat` (and with it the command line) stays cheap.
__getattr__, __dir__ = exports(__name__, {
    "Config": "config", "load_config": "config", "Workspace": "workspace",
    **dict.fromkeys(("Published", "compute_tables", "load", "publish", "tables", "validate"),
                    "api")})

__version__ = "0.1.0"


def check(paths_or_urls: Iterable[str | PathLike[str]], *, jobopslag: bool = False,
          allow: Iterable[str] = (), max_pages: int | None = None, max_depth: int | None = None,
          max_bytes: int | None = None, timeout: float | None = None,
          allow_private: bool = False, workers: int = 1, fix: FixOptions | None = None,
          on_document: Callable[[str], None] | None = None) -> CheckResult:
    """Check texts, documents, folders and web sites for gendered language (``ligestat sprog``).

    ``jobopslag``: judge the texts as job adverts; ``allow``: rule ids to skip;
    ``max_pages``, ``max_depth``, ``max_bytes``, ``timeout``: crawl and file limits
    (``None``: the checker's defaults); ``allow_private``: let a crawl reach loopback,
    private and link-local addresses (an intranet); ``workers``: processes; ``fix``: write fixed
    copies; ``on_document``: called with each document's name.
    """
    from ligestat.language.run import check_paths  # lazily: the checker is independent

    limits: dict[str, Any] = {k: v for k, v in (("max_pages", max_pages), ("max_depth", max_depth),
                                ("max_bytes", max_bytes), ("timeout", timeout))
              if v is not None}
    return check_paths(paths_or_urls, jobopslag=jobopslag, allow=allow, workers=workers,
                       allow_private=allow_private, fix=fix, on_document=on_document, **limits)


def make_report(data: str | PathLike[str] | None = None, *,
                workspace: str | PathLike[str] | None = None, year: int,
                out: str | PathLike[str], lang: str | None = None,
                formats: Sequence[str] | None = None, disclosure: str | None = None,
                context: str | PathLike[str] | None = None,
                config: Config | str | PathLike[str] | None = None,
                on_step: Callable[[str], None] | None = None,
                register: str | None = None, force: bool = False,
                allow_older_snapshot: bool = False,
                organisation: str | None = None) -> list[Path]:
    """Render the report of ``year`` into ``out`` (``ligestat report``); the paths written.

    ``formats``: ``None`` for every built-in format (html, pdf, docx, xlsx);
    ``lang``: ``None`` for the config's ``[report] lang``; ``disclosure``: ``None``
    for the config's policy; ``register``: an initiatives register's database whose
    approved updates become part 2 (docs/register.md); ``force``: overwrite files
    changed since ligestat wrote them; ``allow_older_snapshot``: let the year count an
    older staff snapshot; ``organisation``: the organisation of a many-organisation data
    set to report on (docs/organisations.md). Named ``make_report`` because
    ``ligestat.report`` is the report package itself.
    """
    from ligestat.config import Config
    from ligestat.report import BUILTIN
    from ligestat.report import make_report as _make_report

    def path(p: str | PathLike[str] | None) -> Path | None:
        return Path(p) if p is not None else None

    return _make_report(path(data), workspace=path(workspace), year=year, out=Path(out),
                        lang=lang, disclosure=disclosure, context=path(context),
                        config=config if isinstance(config, Config | None) else Path(config),
                        on_step=on_step, register=register,
                        formats=BUILTIN if formats is None else formats,
                        force=force, allow_older_snapshot=allow_older_snapshot,
                        organisation=organisation)
