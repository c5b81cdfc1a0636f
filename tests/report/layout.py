"""Measuring a PDF's layout as a reader sees it: pages as PNG (pdftoppm), lines as boxes.

``page_fill`` is how far down the page's content area the ink reaches (0 … 1),
measured on the rasterised page; ``page_lines`` are the text lines with their
vertical position as a fraction of the page height (``pdftotext -bbox-layout``).
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

# the print stylesheet's page box: A4, 18 mm top and 20 mm bottom margin
PAGE_MM = 297.0
TOP_MM, BOTTOM_MM = 18.0, 20.0


def rasterise(pdf: Path, out: Path, dpi: int = 30) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(out / "page")],
                   check=True, capture_output=True)
    return sorted(out.glob("page-*.png"))


def page_fill(png: Path) -> float:
    """The share of the content area (between the margins) above the lowest ink."""
    from PIL import Image

    img = Image.open(png).convert("L")
    width, height = img.size
    top = round(height * TOP_MM / PAGE_MM)
    bottom = round(height * (PAGE_MM - BOTTOM_MM) / PAGE_MM)
    pixels = img.load()
    assert pixels is not None
    lowest = top
    for y in range(bottom - 1, top - 1, -1):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):  # type: ignore[operator]
            lowest = y
            break
    return (lowest - top) / (bottom - top)


def page_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """Every page's text lines as (top of the line / page height, text)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages: list[list[tuple[float, str]]] = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.S):
        height = float(page.group(1))
        lines = []
        for line in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>',
                                page.group(2), re.S):
            words = re.findall(r"<word[^>]*>(.*?)</word>", line.group(2))
            lines.append((float(line.group(1)) / height, unescape(" ".join(words))))
        pages.append(lines)
    return pages
