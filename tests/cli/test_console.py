"""The command line's lazy consoles write what Rich writes, importing Rich only when Rich
would add something (``ligestat.cli._console``)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from ligestat.cli._console import LazyConsole

PLAIN = ["wrote /tmp/tables.json", "wrote out/tabeller æøå.json", "wrote C:/x/tables.json",
         "wrote 1,234 rows", "", "wrote " + "long/" * 40 + "x.json"]  # soft wrap: one line
RICH = ["wrote [bold]x[/].json", "wrote out/[x].json", "wrote :thumbs_up: :x.json",
        "wrote a\tb.json", "wrote a\rb", "wrote two\nlines", "wrote \x1b[31mred",
        "wrote [[x]]"]


def _rich(text: str, **options: object) -> str:
    out = io.StringIO()
    Console(file=out, soft_wrap=True, **options).print(text)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("text", PLAIN + RICH)
def test_a_line_is_written_as_rich_writes_it(text: str) -> None:
    out = io.StringIO()
    LazyConsole(file=out, soft_wrap=True).line(text)
    assert out.getvalue() == _rich(text)


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_line_to_a_file_needs_no_rich(text: str) -> None:
    console = LazyConsole(file=io.StringIO(), soft_wrap=True)
    console.line(text)
    assert console._console is None
    assert console.is_terminal is False
    assert console._console is None


@pytest.mark.parametrize("text", RICH)
def test_markup_emoji_and_control_characters_go_through_rich(text: str) -> None:
    console = LazyConsole(file=io.StringIO(), soft_wrap=True)
    console.line(text)
    assert console._console is not None


def test_a_console_that_wraps_leaves_every_line_to_rich() -> None:
    console = LazyConsole(file=io.StringIO())
    console.line("wrote x.json")
    assert console._console is not None


@pytest.mark.parametrize(("name", "value"), [("FORCE_COLOR", "1"), ("TTY_COMPATIBLE", "1")])
def test_the_environment_asking_for_a_terminal_is_left_to_rich(
        monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    out = io.StringIO()
    console = LazyConsole(file=out, soft_wrap=True)
    assert console.is_terminal is True  # Rich's answer
    console.line("wrote [bold]x[/]")
    assert out.getvalue() == _rich("wrote [bold]x[/]")
    assert "\x1b[" in out.getvalue()  # Rich coloured it: a terminal


def test_a_terminal_is_left_to_rich() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    console = LazyConsole(file=Tty(), soft_wrap=True)
    assert console.is_terminal is True
    console.line("wrote x.json")
    assert console._console is not None
