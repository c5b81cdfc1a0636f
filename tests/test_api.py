"""The public API: the names it exports and the typed signatures of its two wrappers."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import ligestat
from ligestat.language.run import check_paths
from ligestat.report import make_report

PUBLIC = ["Config", "LigestatError", "Problem", "Published", "ValidationError", "Workspace",
          "check", "compute_tables", "load", "load_config", "make_report", "publish", "tables",
          "validate"]


def test_the_public_names_are_pinned() -> None:
    assert ligestat.__all__ == PUBLIC
    for name in PUBLIC:
        assert hasattr(ligestat, name)


@pytest.mark.parametrize("first", ["ligestat", "ligestat.workspace", "ligestat.rules"])
def test_the_public_names_are_the_library_calls_whatever_was_imported_first(first: str) -> None:
    """They are imported when first used (#15); a module imported before must not hide one
    (``ligestat.validate`` is the call, not a module)."""
    code = (f"import {first}, ligestat, ligestat.api as api, ligestat.workspace as ws\n"
            "print(ligestat.validate is api.validate, ligestat.load is api.load,"
            " ligestat.Workspace is ws.Workspace)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["True", "True", "True"]


@pytest.mark.parametrize(("wrapper", "target"), [(ligestat.check, check_paths),
                                                 (ligestat.make_report, make_report)])
def test_wrappers_are_typed_with_the_options_of_what_they_call(
        wrapper: Callable[..., Any], target: Callable[..., Any]) -> None:
    ours = inspect.signature(wrapper).parameters
    theirs = inspect.signature(target).parameters
    assert not any(p.kind is p.VAR_KEYWORD for p in ours.values())  # no **options: Any
    assert list(ours) == list(theirs)
    for name, p in ours.items():
        assert p.annotation is not inspect.Parameter.empty, name
        assert p.kind is theirs[name].kind, name


def test_make_report_writes_the_formats_asked_for(make_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    emp = [("2024-09-30", "x", "woman", 1980, "A", "HK", 1, "")]
    folder = make_org(departments={"A": True}, employees=emp)
    written = ligestat.make_report(str(folder), year=2025, out=str(tmp_path / "out"),
                                   formats=["html"], lang="en")
    assert [p.suffix for p in written] == [".html"]
    assert written[0].read_text(encoding="utf-8").count("<html") == 1
