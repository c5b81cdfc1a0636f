"""The PDF's pages rasterise with pdftoppm (what a person looks at), one image per page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ligestat.report import build, write_report

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils: make setup")
def test_pdftoppm_renders_every_page(tmp_path: Path, kk2025: Any) -> None:
    pdf = write_report(build(kk2025, "en"), tmp_path, ["pdf"])[0]
    pages = len(PdfReader(str(pdf)).pages)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert pages >= 8
    assert len(images) == pages
    assert all(p.stat().st_size > 5_000 for p in images)  # not blank
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for p in images[:3]:
        shutil.copy(p, ARTIFACTS / f"pdf-en-{p.name}")
