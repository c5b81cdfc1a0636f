"""Files and folders: the extractors, registered as data, and which files are checked.

An extractor is a document kind, the file suffixes it reads, a function that turns a file
into a :class:`Document`, and whether ``--fix`` can write a corrected copy of that kind.
A new format is one more ``register(Extractor(...))``; folders are searched for the
registered suffixes, and an unknown suffix is read as plain text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ligestat.language.extract.document import Document
from ligestat.language.extract.html import html_document
from ligestat.language.extract.markdown import markdown_document
from ligestat.language.extract.pdf import pdf_document
from ligestat.language.extract.text import read_source, text_document
from ligestat.language.extract.word import docx_document

__all__ = ["EXTRACTORS", "SUFFIXES", "Extractor", "discover", "extract_file", "kind_of",
           "register"]


@dataclass(frozen=True)
class Extractor:
    """How one kind of file becomes a checkable document."""

    kind: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, int], Document]  # (path, max_bytes) → document; LanguageCheckError
    writable: bool  # --fix can write a corrected copy of this kind
    description: str


EXTRACTORS: dict[str, Extractor] = {}
SUFFIXES: dict[str, str] = {}  # file suffix → kind, kept in step with EXTRACTORS


def register(extractor: Extractor) -> None:
    """Add (or replace) an extractor and the suffixes it reads."""
    EXTRACTORS[extractor.kind] = extractor
    for suffix in extractor.suffixes:
        SUFFIXES[suffix] = extractor.kind


def _source_reader(
    make: Callable[[str, str, str | None], Document],
) -> Callable[[Path, int], Document]:
    def read(path: Path, max_bytes: int) -> Document:
        source, encoding = read_source(path, max_bytes)
        return make(str(path), source, encoding)

    return read


register(Extractor("text", (".txt", ".text"), _source_reader(text_document), True, "plain text"))
register(Extractor("markdown", (".md", ".markdown"), _source_reader(markdown_document), True,
                   "Markdown (code blocks, link targets and HTML comments are skipped)"))
register(Extractor("html", (".html", ".htm", ".xhtml"), _source_reader(html_document), True,
                   "HTML (the visible text)"))
register(Extractor("docx", (".docx",), docx_document, False,
                   "Word (paragraphs, tables, headers and footers)"))
register(Extractor("pdf", (".pdf",), pdf_document, False, "PDF (the text of each page)"))


def kind_of(path: Path) -> str:
    """The document kind for ``path``; an unknown suffix is read as plain text."""
    return SUFFIXES.get(path.suffix.lower(), "text")


def discover(path: Path) -> Iterator[Path]:
    """``path`` itself when it is a file; else every checkable file below it, sorted.

    Hidden folders and files (names starting with ``.``) are skipped.
    """
    if not path.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def extract_file(path: Path, max_bytes: int) -> Document:
    """The checkable document in one file; raises LanguageCheckError when unreadable."""
    return EXTRACTORS[kind_of(path)].read(path, max_bytes)
