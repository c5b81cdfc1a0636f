"""The PDF's layout, measured on the pages as a reader sees them (pdftoppm, pdftotext).

The publication's rules: no page is more than half empty unless it is the last
page of a part (a part starts on a new page), and no table starts in the last
15 % of a page (a caption and header row alone at a page's foot).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from ligestat.report.model import ReportModel

_spec = importlib.util.spec_from_file_location("report_layout", Path(__file__).with_name(
    "layout.py"))
assert _spec and _spec.loader
layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layout)

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="needs poppler-utils: make setup")
FOOTER = 0.92  # lines below this are the running footer
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"


@pytest.fixture(scope="module")
def pdf(published: tuple[ReportModel, dict[str, Path]],
        tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportModel, Path, list[Path]]:
    model, paths = published
    out = tmp_path_factory.mktemp(f"layout-{model.lang}")
    pages = layout.rasterise(paths["pdf"], out)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for p in pages:
        shutil.copy(p, ARTIFACTS / f"layout-{model.lang}-{p.name}")
    return model, paths["pdf"], pages


def _starts(model: ReportModel, lines: list[list[tuple[float, str]]]) -> set[int]:
    """Pages on which a part (or the summary after the cover) begins."""
    titles = {p.title for p in model.parts} | {model.label("summary_title")}
    return {0} | {i for i, page in enumerate(lines)
                  if page and page[0][1] in titles}


def test_every_part_starts_on_a_new_page(pdf: tuple[ReportModel, Path, list[Path]]) -> None:
    model, path, _ = pdf
    lines = layout.page_lines(path)
    first_lines = [page[0][1] for page in lines if page]
    for part in model.parts:
        assert part.title in first_lines, part.title


def test_no_page_is_more_than_half_empty_before_the_last_of_a_part(
        pdf: tuple[ReportModel, Path, list[Path]]) -> None:
    model, path, pages = pdf
    lines = layout.page_lines(path)
    assert len(lines) == len(pages)
    last_of_part = {i - 1 for i in _starts(model, lines)} | {len(pages) - 1}
    fills = {i + 1: round(layout.page_fill(p), 2) for i, p in enumerate(pages)}
    half_empty = [page for page, fill in fills.items()
                  if page - 1 not in last_of_part and fill < 0.5]
    assert half_empty == [], fills


def test_no_table_starts_in_the_last_15_percent_of_a_page(
        pdf: tuple[ReportModel, Path, list[Path]]) -> None:
    model, path, _ = pdf
    captions = [t.title for t in model.tables()] + [f.data.caption for f in model.figures()]
    found: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(layout.page_lines(path), start=1):
        for y, text in page:
            for caption in captions:
                if caption not in found and text and caption.startswith(text[:40]) \
                        and len(text) >= min(12, len(caption)):
                    found[caption] = (number, round(y, 3))
    assert set(captions) <= set(found), set(captions) - set(found)
    low = {c: where for c, where in found.items() if FOOTER > where[1] > 0.85}
    assert low == {}


def test_contents_are_numbered_once(pdf: tuple[ReportModel, Path, list[Path]]) -> None:
    model, path, _ = pdf
    text = "\n".join(t for page in layout.page_lines(path) for _, t in page)
    part1 = next(p.title for p in model.parts if p.id == "part1")
    assert part1 in text
    assert f"1. {part1}" not in text and f"1 {part1}" not in text
