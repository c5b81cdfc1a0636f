"""Every command's --help shows its texts whole: a config section named in brackets
(``[report]``, ``[organisations]``) is text, not Rich markup that vanishes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ligestat.cli import app

# what Rich reads as markup in our help texts: styles and closing tags
STYLES = {"bold", "dim", "italic", "red", "green", "yellow", "cyan", "b", "i"}
BRACKETED = re.compile(r"\\?\[([A-Za-z_][\w.\"]*)\]")


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``group`` (typer's own click), with its path of names."""
    yield path, group
    for name, sub in getattr(group, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = [(path, cmd) for path, cmd in _commands(typer.main.get_command(app))]


def _sections(cmd: Any) -> set[str]:
    texts: list[Any] = [cmd.help or ""]
    texts += [getattr(p, "help", None) or "" for p in cmd.params]
    return {m for t in texts for m in BRACKETED.findall(t) if m not in STYLES}


def test_some_help_text_names_a_config_section() -> None:
    """The check below would pass vacuously if no help named a section."""
    assert any(_sections(cmd) for _, cmd in COMMANDS)


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) or "ligestat"
                                                         for p, _ in COMMANDS])
def test_config_sections_in_help_texts_are_shown(path: tuple[str, ...], cmd: Any,
                                                 cli: CliRunner) -> None:
    result = cli.invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    shown = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())
    for section in _sections(cmd):
        assert f"[{section}]" in shown, (section, shown[:400])

