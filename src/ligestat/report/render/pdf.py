"""PDF through WeasyPrint: tagged PDF/UA-1, title and language set, page numbers,
table headers repeated on every page, fonts embedded (subset)."""

from __future__ import annotations

from pathlib import Path

from ligestat.errors import RenderError
from ligestat.report.model import ReportModel
from ligestat.report.render import Format, register
from ligestat.report.render.html import document

__all__ = ["FORMAT", "render"]


def render(model: ReportModel, path: Path) -> None:
    try:
        import weasyprint
    except ImportError:  # pragma: no cover - a broken installation
        raise RenderError("PDF output needs WeasyPrint and Pango: run `make setup`") from None
    page = model.label("page").replace('"', "")
    html = document(model, "print", f'\n@page {{ @bottom-right {{ content: "{page} " '
                    'counter(page) " / " counter(pages); } }\n')
    weasyprint.HTML(string=html).write_pdf(
        str(path), pdf_variant="pdf/ua-1", pdf_tags=True, optimize_images=False)


FORMAT = Format("pdf", ".pdf", "tagged PDF/UA for print and archive", render)
register(FORMAT)
