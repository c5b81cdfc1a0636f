"""Checking files, folders and websites: paths and URLs → documents → findings.

``check_paths`` is the library call behind ``ligestat sprog`` and
``ligestat.check()``. A file or page that cannot be read or checked (binary,
too large, a damaged Word or PDF file, an HTTP error) becomes a
:class:`FileError` in the result and the run goes on with the rest;
``CheckResult.exit_code`` gives 1 for findings at or above the threshold, else
3 when some file could not be checked, else 0.

With ``workers > 1`` files are checked in that many processes (results keep
the input order); ``workers=0`` picks one per CPU core from 200 files on; a
crawl runs in the calling process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from ligestat.errors import LanguageCheckError
from ligestat.language import AdvertVerdict, analyse_advert, check_text
from ligestat.language.extract.document import Document
from ligestat.language.extract.files import EXTRACTORS, discover, extract_file
from ligestat.language.extract.text import DEFAULT_MAX_BYTES
from ligestat.language.extract.web import CrawlLimits, crawl, is_url, origin
from ligestat.language.fix import fixable as can_fix
from ligestat.language.fix import plan_fixes
from ligestat.language.model import SEVERITIES, Finding, Hit
from ligestat.limits import LIMITS, limit

__all__ = [
    "AdvertResult",
    "CheckResult",
    "DocumentInfo",
    "FileError",
    "FixOptions",
    "FixedFile",
    "MissingPathError",
    "check_paths",
    "read_allow_list",
]

class MissingPathError(LanguageCheckError):
    """A path named by the caller does not exist (a usage error at the CLI)."""


EXIT_CLEAN, EXIT_FINDINGS, EXIT_FILE_ERRORS = 0, 1, 3
AUTO_WORKERS_FROM = 200  # files; with workers=0, fewer are checked in this process


@dataclass(frozen=True)
class FileError:
    """A file or page that could not be checked, and why."""

    path: str
    message: str
    site: str | None = None  # the folder, file or site origin it was reached from


@dataclass(frozen=True)
class DocumentInfo:
    """A checked document and where it belongs in a per-site summary."""

    path: str
    kind: str
    site: str  # the folder, file or site origin it was reached from
    section: str  # first URL path segment, or the top folder below the site ("." = top)


@dataclass(frozen=True)
class AdvertResult:
    """The gender-coded wording verdict of one document (``--jobopslag``, experimental)."""

    path: str
    verdict: AdvertVerdict


@dataclass(frozen=True)
class FixOptions:
    """How ``--fix`` writes: NAME.fixed.EXT beside the file, under ``fix_dir``, or in place."""

    write: bool = True  # False: only compute the fixed text (for --diff)
    fix_dir: Path | None = None
    in_place: bool = False


@dataclass(frozen=True)
class FixedFile:
    """A file ``--fix`` rewrote (or ``--diff`` would rewrite): before, after, how many fixes."""

    path: str
    target: str | None  # where the fixed copy was written; None when not written
    original: str
    fixed: str
    applied: int


@dataclass(frozen=True)
class CheckResult:
    """Everything one check found, in input order; the renderers only read it."""

    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...] = ()
    adverts: tuple[AdvertResult, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()
    fixes: tuple[FixedFile, ...] = ()
    remaining: tuple[Finding, ...] | None = None  # after --fix wrote copies: the ones not fixed
    notices: tuple[str, ...] = ()  # e.g. "--fix cannot rewrite Word files": shown on stderr

    def failing(self, fail_on: str) -> list[Finding]:
        """Findings (not fixed) at or above severity ``fail_on``."""
        floor = SEVERITIES.index(fail_on)
        pool = self.findings if self.remaining is None else self.remaining
        return [f for f in pool if SEVERITIES.index(f.severity) >= floor]

    def exit_code(self, fail_on: str) -> int:
        """1 when something at or above ``fail_on`` was found, else 3 when a file
        could not be checked, else 0."""
        if self.failing(fail_on):
            return EXIT_FINDINGS
        return EXIT_FILE_ERRORS if self.errors else EXIT_CLEAN


def read_allow_list(path: Path) -> tuple[str, ...]:
    """Words and phrases from an allow-list file: one a line, ``#`` starts a comment."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LanguageCheckError(
            f"{path}: the allow-list cannot be read ({exc}). Give a UTF-8 text file."
        ) from None
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(dict.fromkeys(e for e in entries if e))


@dataclass(frozen=True)
class _Settings:
    allow: tuple[str, ...]
    jobopslag: bool
    max_bytes: int
    fix: FixOptions | None


@dataclass(frozen=True)
class _Task:
    path: str
    site: str
    section: str
    root: str | None  # the folder given on the command line, for --fix-dir


@dataclass(frozen=True)
class _Outcome:
    info: DocumentInfo | None
    findings: tuple[Finding, ...] = ()
    remaining: tuple[Finding, ...] = ()
    error: FileError | None = None
    advert: AdvertResult | None = None
    fixed: FixedFile | None = None
    notice: str | None = None


def _fix_target(task: _Task, options: FixOptions) -> Path:
    path = Path(task.path)
    if options.in_place:
        return path
    if options.fix_dir is not None:
        rel = path.relative_to(task.root) if task.root else Path(path.name)
        return options.fix_dir / rel
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def _write(target: Path, text: str, encoding: str | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding=encoding or "utf-8", newline="") as fh:
        fh.write(text)


def _capped(doc: Document, hits: list[Hit]) -> tuple[list[Hit], str | None]:
    """At most ``max_findings_per_document`` hits, and the notice saying the cap was hit."""
    cap = limit("max_findings_per_document")
    if len(hits) <= cap:
        return hits, None
    return hits[:cap], (
        f"{doc.path}: {len(hits):,} findings, more than "
        f"{LIMITS['max_findings_per_document'].describe(cap)}; only the first {cap:,} are "
        "reported (and fixed). Check the document in parts, or raise the limit.")


def _check_document(doc: Document, task: _Task, settings: _Settings) -> _Outcome:
    hits, capped = _capped(doc, check_text(
        doc.text, ignore=doc.ignore, allow=settings.allow, jobopslag=settings.jobopslag
    ))
    findings = []
    for hit in hits:
        loc = doc.locate(hit.start)
        findings.append(
            Finding(
                path=doc.path,
                line=loc.line,
                column=loc.column,
                match=hit.match,
                rule=hit.rule,
                severity=hit.severity,
                message=hit.message,
                suggestions=hit.suggestions,
                section=loc.section or task.section,
                page=loc.page,
                selector=loc.selector,
            )
        )
    info = DocumentInfo(doc.path, doc.kind, task.site, task.section)
    advert = AdvertResult(doc.path, analyse_advert(doc.text)) if settings.jobopslag else None
    remaining = tuple(findings)
    fixed = None
    fixable = settings.fix is not None and not is_url(doc.path)  # web pages are not rewritten
    plan = plan_fixes(doc, hits) if fixable else None
    notice = capped
    if settings.fix is not None and plan is None and any(map(can_fix, hits)):
        notice = "\n".join(filter(None, (capped, _not_rewritten(doc))))
    if settings.fix is not None and plan is not None and plan.applied:
        target = None
        if settings.fix.write:
            path = _fix_target(task, settings.fix)
            try:
                _write(path, plan.fixed, doc.encoding)
            except (OSError, UnicodeEncodeError) as exc:
                error = FileError(
                    doc.path, f"{doc.path}: fixed copy not written to {path} ({exc}).", task.site
                )
                return _Outcome(info, tuple(findings), remaining, error, advert)
            target = str(path)
        fixed = FixedFile(doc.path, target, plan.original, plan.fixed, len(plan.applied))
        remaining = tuple(f for i, f in enumerate(findings) if i not in plan.applied)
    return _Outcome(info, tuple(findings), remaining, None, advert, fixed, notice)


def _not_rewritten(doc: Document) -> str:
    """Why ``--fix``/``--diff`` left a document with fixable findings alone."""
    if is_url(doc.path):
        return f"{doc.path}: web pages are not rewritten; fix the page in its source."
    kind = EXTRACTORS[doc.kind].description if doc.kind in EXTRACTORS else doc.kind
    return (
        f"{doc.path}: --fix cannot rewrite this format ({kind}); its findings are reported "
        "but not fixed. Fix them in the document itself."
    )


def _check_file(task: _Task, settings: _Settings) -> _Outcome:
    try:
        doc = extract_file(Path(task.path), settings.max_bytes)
    except LanguageCheckError as exc:
        return _Outcome(None, error=FileError(task.path, str(exc), task.site))
    return _check_document(doc, task, settings)


def _outcome_path(outcome: _Outcome) -> str:
    if outcome.info is not None:
        return outcome.info.path
    return outcome.error.path if outcome.error is not None else ""


def _url_section(url: str) -> str:
    segment = urlsplit(url).path.strip("/").split("/", 1)[0]
    return segment or "/"


def _file_tasks(arg: str) -> Iterator[_Task]:
    root = Path(arg)
    if not root.is_dir():
        yield _Task(str(root), arg, ".", None)
        return
    for path in discover(root):
        parts = path.relative_to(root).parts
        yield _Task(str(path), arg, parts[0] if len(parts) > 1 else ".", str(root))


def _outcomes(
    args: Sequence[str], settings: _Settings, limits: CrawlLimits, workers: int
) -> Iterator[_Outcome]:
    tasks: dict[str, _Task] = {}  # a file named twice (or inside a named folder): once
    for arg in args:
        if not is_url(arg):
            for task in _file_tasks(arg):
                tasks.setdefault(os.path.realpath(task.path), task)
    todo = list(tasks.values())
    run = partial(_check_file, settings=settings)
    if workers == 0:  # auto: processes pay off from a few hundred files on
        workers = min(os.cpu_count() or 1, 8) if len(todo) >= AUTO_WORKERS_FROM else 1
    if workers > 1 and len(todo) > 1:
        chunk = max(1, min(64, len(todo) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(run, todo, chunksize=chunk)
    else:
        yield from map(run, todo)
    for arg in (a for a in args if is_url(a)):
        scheme, host, port = origin(arg)
        site = f"{scheme}://{host}:{port}"
        for url, page in crawl(arg, limits):
            if isinstance(page, LanguageCheckError):
                yield _Outcome(None, error=FileError(url, str(page), site))
            else:
                yield _check_document(page, _Task(url, site, _url_section(url), None), settings)


def check_paths(
    paths_or_urls: Iterable[str | os.PathLike[str]],
    *,
    jobopslag: bool = False,
    allow: Iterable[str] = (),
    max_pages: int = 100,
    max_depth: int = 3,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 10.0,
    allow_private: bool = False,
    workers: int = 1,
    fix: FixOptions | None = None,
    on_document: Callable[[str], None] | None = None,
) -> CheckResult:
    """Check files, folders (recursively) and websites (crawled from a start URL).

    Raises MissingPathError (a LanguageCheckError) when a named path does not exist; every other
    problem with a single file or page is collected in ``errors``.
    """
    args = [os.fspath(p) for p in paths_or_urls]
    for arg in args:  # the one check of the named paths, before any work
        if not is_url(arg) and not Path(arg).exists():
            raise MissingPathError(f"{arg}: no such file or folder. Check the path.")
    settings = _Settings(tuple(allow), jobopslag, max_bytes, fix)
    limits = CrawlLimits(max_pages, max_depth, timeout, max_bytes, allow_private)
    findings: list[Finding] = []
    remaining: list[Finding] = []
    errors: list[FileError] = []
    adverts: list[AdvertResult] = []
    documents: list[DocumentInfo] = []
    fixes: list[FixedFile] = []
    notices: list[str] = []
    for outcome in _outcomes(args, settings, limits, workers):
        findings.extend(outcome.findings)
        remaining.extend(outcome.remaining)
        if outcome.info is not None:
            documents.append(outcome.info)
        if outcome.error is not None:
            errors.append(outcome.error)
        if outcome.advert is not None:
            adverts.append(outcome.advert)
        if outcome.fixed is not None:
            fixes.append(outcome.fixed)
        if outcome.notice is not None:
            notices.append(outcome.notice)
        if on_document is not None:
            on_document(_outcome_path(outcome))
    return CheckResult(
        findings=tuple(findings),
        errors=tuple(errors),
        adverts=tuple(adverts),
        documents=tuple(documents),
        fixes=tuple(fixes),
        remaining=tuple(remaining) if fix is not None and fix.write else None,
        notices=tuple(notices),
    )
