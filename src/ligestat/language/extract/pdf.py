"""PDF documents: the text layer, page by page (lines and columns within a page)."""

from __future__ import annotations

import logging
from pathlib import Path

from ligestat.errors import LanguageCheckError
from ligestat.language.extract.document import Document, Part, join_parts
from ligestat.language.extract.text import check_size

__all__ = ["pdf_document"]


def _pages(path: Path) -> list[str]:
    import pypdf

    # pypdf logs every repair it makes; a broken file is reported once, as our error
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    reader = pypdf.PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise LanguageCheckError(f"{path}: is password-protected; skipped. Remove the password.")
    return [page.extract_text() or "" for page in reader.pages]


def pdf_document(path: Path, max_bytes: int) -> Document:
    check_size(path, max_bytes)
    try:
        pages = _pages(path)
    except LanguageCheckError:
        raise
    except Exception as exc:  # pypdf raises many types on a damaged file
        raise LanguageCheckError(
            f"{path}: is not a readable PDF ({type(exc).__name__}: {exc}); skipped. "
            "Check that the file is a complete PDF."
        ) from None
    if pages and not any(p.strip() for p in pages):
        raise LanguageCheckError(
            f"{path}: has no text layer (a scanned PDF?); skipped. Run OCR on it first."
        )
    return join_parts(
        str(path),
        "pdf",
        [
            (text, Part(0, 1, number, None, count_lines=True))
            for number, text in enumerate(pages, start=1)
        ],
    )
