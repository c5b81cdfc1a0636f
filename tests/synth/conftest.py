"""Fixtures of the synth tests: one generated Copenhagen 2025 folder per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from ligestat.synth.kk2025 import generate_kk2025


@pytest.fixture(scope="session")
def kk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kk-2025")
    generate_kk2025(out)
    return out
