"""Option values converted without pydantic (``ligestat.cli._values``) are exactly Typer's:
for every option of every command, each sample value gives the value Typer's own conversion
gives, or the same error in the same words."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._coercion import build_runtime_param

from ligestat.cli import _values, app

SAMPLES: dict[str, list[Any]] = {
    "str": ["x", "", "ø å", " padded ", "--json", None, 5, b"bytes"],
    "bool": [True, False, None, "true", "no", "", 1],
    "int": ["2025", "-3", "007", "0", "+5", " 5", "1_000", "5.0", "abc", "", "٣", "9" * 120,
            2025, True, None, 2.0],
    "path": ["", "-", "a b", "missing/x.json", "~/x", "a//b/", Path("p"), None, 5],
}


def _params() -> Iterator[tuple[str, Any, Any]]:
    """(command path, parameter, a context) for every parameter of every command."""
    root = typer.main.get_command(app)

    def walk(command: Any, path: str, parent: Any) -> Iterator[tuple[str, Any, Any]]:
        ctx = typer.Context(command, info_name=path.split()[-1] if path else "ligestat",
                            parent=parent, help_option_names=["-h", "--help"])
        for param in command.get_params(ctx):
            yield path or "ligestat", param, ctx
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}".strip(), ctx)

    yield from walk(root, "", None)


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        out = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error itself is what is compared
        return "error", (type(exc).__name__, str(exc))
    return "value", (type(out), out)


QUICK = [(path, p, ctx) for path, p, ctx in _params() if _values._kind(p)]


def test_the_quick_conversion_covers_the_command_lines_options() -> None:
    kinds = {_values._kind(p) for _, p, _ in QUICK}
    assert kinds == {"str", "bool", "int", "path"}
    tables = {p.name for path, p, _ in QUICK if path == "tables"}
    assert {"year", "workspace", "json_out", "source", "allow_older_snapshot", "help"} <= tables


@pytest.mark.parametrize(("path", "param", "ctx"), QUICK,
                         ids=[f"{path}:{p.name}" for path, p, _ in QUICK])
def test_every_option_converts_as_typer_does(path: str, param: Any, ctx: Any,
                                             tmp_path: Path) -> None:
    kind = _values._kind(param)
    assert kind is not None
    desc = param.type_descriptor
    quick = _values._Quick(parameter_info=desc.parameter_info, annotation=desc.annotation,
                           kind=kind)
    typer_own = build_runtime_param(desc)
    samples = list(SAMPLES[kind])
    if kind == "path":
        (tmp_path / "file.txt").write_text("x")
        samples += [str(tmp_path / "file.txt"), str(tmp_path), tmp_path / "file.txt"]
    for value in samples:
        assert _outcome(quick, value, param, ctx) == _outcome(typer_own, value, param, ctx), \
            (path, param.name, value)


def test_a_path_that_typer_rejects_is_rejected_in_typers_words(tmp_path: Path) -> None:
    """``sprog --allow`` must name an existing file: Typer's own check and message."""
    [(_, allow, ctx)] = [(path, p, c) for path, p, c in QUICK
                         if path == "sprog" and p.name == "allow"]
    kind = _values._kind(allow)
    assert kind == "path"
    quick = _values._Quick(parameter_info=allow.type_descriptor.parameter_info,
                           annotation=Path, kind=kind)
    for value in (str(tmp_path / "missing.txt"), str(tmp_path)):
        with pytest.raises(typer.BadParameter) as caught:
            quick.coerce(value, param=allow, ctx=ctx)
        assert os.path.basename(value) in str(caught.value)


def test_a_bad_year_is_reported_by_typer_as_before() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["tables", "--year", "abc", "--workspace", "x.duckdb"])
    assert result.exit_code == 2
    assert "Invalid value for '--year'" in result.output
    assert "valid integer" in result.output
