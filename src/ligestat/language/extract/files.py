"""Files and folders: which files are checked, and the right extractor for each."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ligestat.language.extract.document import Document
from ligestat.language.extract.html import html_document
from ligestat.language.extract.markdown import markdown_document
from ligestat.language.extract.pdf import pdf_document
from ligestat.language.extract.text import read_source, text_document
from ligestat.language.extract.word import docx_document

__all__ = ["SUFFIXES", "discover", "extract_file", "kind_of"]

# File suffix → document kind. Folders are searched for these suffixes only.
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


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
    kind = kind_of(path)
    if kind == "docx":
        return docx_document(path, max_bytes)
    if kind == "pdf":
        return pdf_document(path, max_bytes)
    source, encoding = read_source(path, max_bytes)
    if kind == "html":
        return html_document(str(path), source, encoding)
    if kind == "markdown":
        return markdown_document(str(path), source, encoding)
    return text_document(str(path), source, encoding)
