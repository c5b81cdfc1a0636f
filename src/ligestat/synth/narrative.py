"""The demo's own texts: initiative descriptions and the narrative folder.

``initiatives_csv`` adds the ``description`` column (CONTRACT.md §1) to the
published initiatives, from ``initiative_descriptions.toml``; ``write_narrative``
copies the demo's Markdown texts (``narrative/``: an introduction, section
texts and perspective boxes in Danish and English) into the data folder, where
``ligestat import`` and ``ligestat report`` find them (docs/report.md).
"""

from __future__ import annotations

import csv
import io
import shutil
import tomllib
from pathlib import Path

from ligestat.io.narrative import NARRATIVE_DIR

__all__ = ["DESCRIPTIONS", "TEXTS", "initiatives_csv", "write_narrative"]

_HERE = Path(__file__).parent
DESCRIPTIONS = _HERE / "initiative_descriptions.toml"
TEXTS = _HERE / "narrative"


def initiatives_csv(published: str) -> str:
    """``published`` (initiatives.csv text) with a description for every initiative."""
    texts = tomllib.loads(DESCRIPTIONS.read_text(encoding="utf-8"))["descriptions"]
    rows = list(csv.DictReader(io.StringIO(published)))
    missing = [r["id"] for r in rows if r["id"] not in texts]
    if missing:
        raise ValueError(f"{DESCRIPTIONS.name}: no description for initiative {missing[0]}")
    out = io.StringIO()
    writer = csv.DictWriter(out, [*rows[0], "description"], lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "description": texts[r["id"]].strip()})
    return out.getvalue()


def write_narrative(out: Path) -> Path:
    """Copy the demo's narrative folder into the data folder ``out``; returns its path."""
    target = out / NARRATIVE_DIR
    target.mkdir(exist_ok=True)
    for path in sorted(TEXTS.glob("*.md")):
        shutil.copyfile(path, target / path.name)
    return target
