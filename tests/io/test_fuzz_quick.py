"""A quick run of the readers' fuzz harness (benchmarks/fuzz_readers.py holds the full one):
bombed, truncated and control-character inputs end in time, under 2 GB, without a traceback."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz_readers.py"


def test_bombed_truncated_and_control_character_inputs_fail_cleanly() -> None:
    spec = importlib.util.spec_from_file_location("fuzz_readers", FUZZ)
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_readers"] = fuzz  # dataclasses look their module up
    spec.loader.exec_module(fuzz)
    outcomes = fuzz.run(True, limit=40.0, only=("xlsx bomb", "docx bomb", "truncated hr-data",
                                                "control characters in initiatives"))
    assert len(outcomes) == 5
    assert [o for o in outcomes if not o.ok] == []
