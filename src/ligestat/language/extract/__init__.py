"""Extractors: files, folders and web pages → checkable documents with source positions.

Plain text, Markdown, HTML, Word (.docx) and PDF files, folders searched
recursively, and a same-site crawl from a start URL. Each gives a
:class:`Document` whose ``locate(offset)`` returns the line and column in the
source file (the page of a PDF, the paragraph and part of a Word document).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ligestat._lazy import exports

if TYPE_CHECKING:  # imported when first used: the command line starts without them (#15)
    from ligestat.language.extract.document import Document, Location
    from ligestat.language.extract.files import SUFFIXES, discover, extract_file
    from ligestat.language.extract.html import html_document
    from ligestat.language.extract.markdown import markdown_document
    from ligestat.language.extract.text import DEFAULT_MAX_BYTES, text_document
    from ligestat.language.extract.web import CrawlLimits, crawl, is_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "CrawlLimits",
    "Document",
    "Location",
    "crawl",
    "discover",
    "extract_file",
    "html_document",
    "is_url",
    "markdown_document",
    "text_document",
]

__getattr__, __dir__ = exports(__name__, {
    "Document": "document", "Location": "document", "SUFFIXES": "files",
    "discover": "files", "extract_file": "files", "html_document": "html",
    "markdown_document": "markdown", "DEFAULT_MAX_BYTES": "text", "text_document": "text",
    "CrawlLimits": "web", "crawl": "web", "is_url": "web"})
