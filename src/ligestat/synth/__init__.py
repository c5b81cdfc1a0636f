"""Synthetic, contract-shaped HR data.

- ``generate_kk2025(out)``: Copenhagen 2025 microdata calibrated, by exact integer
  search, to give back every published table (``reference/kk-2025``); writes the data
  folder, its ``ligestat.toml`` and the calibration report. ``calibrate()`` returns the
  plan and the cell-by-cell verdict without writing anything.
- ``generate_scale(out, ScaleSpec(...))``: data of any size, streamed to disk by
  DuckDB, for benchmarks.
"""

from __future__ import annotations

from ligestat.synth.calibrate import calibrate
from ligestat.synth.kk2025 import generate_kk2025
from ligestat.synth.model import Cell, Plan
from ligestat.synth.scale import ScaleSpec, generate_scale

__all__ = ["Cell", "Plan", "ScaleSpec", "calibrate", "generate_kk2025", "generate_scale"]
