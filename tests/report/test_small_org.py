"""Issue 13: a small organisation judges its top management (level 1) as one group, and
the report says so instead of "cannot be assessed in any department"."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

import ligestat

SNAP = "2024-09-30"
LEVEL_1 = {"A": ("woman",), "B": ("man",), "C": ("woman", "man"), "D": ("woman", "man")}


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))))


@pytest.mark.parametrize("lang, sentence", [
    ("da", "På lederniveau 1 vurderes måltallet om en ligelig kønsfordeling på mindst 40/60 "
           "for Testkommune samlet, fordi forvaltningerne hver har en eller to topledere. "
           "De 6 topledere opfylder tilsammen måltallet."),
    ("en", "At management level 1, the target of an even gender split of at least 40/60 is "
           "judged for Testkommune as a whole, since each department has one or two top "
           "managers. Together, the 6 top managers meet the target."),
])
def test_the_report_judges_level_1_for_the_organisation(make_org: Callable[..., Path],
                                                        tmp_path: Path, lang: str,
                                                        sentence: str) -> None:
    rows = [(SNAP, f"{d}{i}", g, 1970, d, "HK", 1, "") for d, genders in LEVEL_1.items()
            for i, g in enumerate(genders)]
    rows += [(SNAP, f"S{i}", "woman" if i % 2 else "man", 1980, "A", "HK", "", "")
             for i in range(10)]
    folder = make_org(departments=dict.fromkeys(LEVEL_1, True), employees=rows,
                      extra_config='[targets]\nmanager_level_1_scope = "organisation"\n')
    (path,) = ligestat.make_report(str(folder), year=2025, out=str(tmp_path / "out"),
                                   formats=["html"], lang=lang)
    text = _text(path)
    assert sentence in text
    assert "At management level 1, the target cannot be assessed" not in text
    assert "På lederniveau 1 kan måltallet ikke vurderes" not in text
