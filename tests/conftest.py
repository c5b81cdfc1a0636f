"""Fixtures shared by every test family."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

def _find_shared() -> Path | None:
    """The project's read-only shared/ folder, beside the clone, when present."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / "kk-2025"
        if candidate.is_dir():
            return parent / "shared"
    return None


SHARED = _find_shared()


@pytest.fixture
def cli() -> CliRunner:
    """A runner for the ligestat CLI, in-process."""
    return CliRunner()
