"""The command line's consoles: Rich, imported when first needed (#15).

A command that only says one plain line at the end (``ligestat tables --json FILE``:
"wrote FILE") runs without importing Rich: :meth:`LazyConsole.line` writes such a line
itself when Rich would write exactly the same characters — the line goes to a pipe or a
file (not a terminal, so no colours), and holds nothing Rich would read as markup, an
emoji code or a control character. Everything else (markup, tables, progress, a terminal)
goes through Rich as before. ``tests/cli/test_console.py`` compares the two.
"""

import os
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["LazyConsole", "escape"]

# what makes Rich decide about a terminal other than isatty() (rich.console.Console.is_terminal)
_TERMINAL_ENV = ("TTY_COMPATIBLE", "FORCE_COLOR")


def escape(text: str) -> str:
    """``rich.markup.escape``, imported when used."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


class LazyConsole:
    """A ``rich.console.Console(**options)`` made when first used; attributes other than
    :meth:`line` and :attr:`is_terminal` are the Rich console's."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def rich(self) -> "Console":
        """The Rich console itself (made now if not yet)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:  # print, status, width …
        return getattr(self.rich, name)

    def _file(self) -> IO[str]:
        file = self._options.get("file")
        if file is not None:
            return file  # type: ignore[no-any-return]
        return sys.stderr if self._options.get("stderr") else sys.stdout

    def _surely_plain(self) -> bool:
        """Whether Rich would certainly find its file no terminal (Rich's own rules:
        anything unusual — a forced terminal, the environment saying so, Jupyter, IDLE —
        is left to Rich)."""
        if self._console is not None or "force_terminal" in self._options:
            return False
        if any(name in os.environ for name in _TERMINAL_ENV):
            return False
        if "ipykernel" in sys.modules or "idlelib" in sys.modules:
            return False
        isatty = getattr(self._file(), "isatty", None)
        try:
            return isatty is None or not isatty()
        except ValueError:  # a closed file: Rich says no terminal too
            return True

    @property
    def is_terminal(self) -> bool:
        """``Console.is_terminal``, without importing Rich when it is certainly False."""
        return False if self._surely_plain() else bool(self.rich.is_terminal)

    def line(self, text: str) -> None:
        """``print(text)``, as Rich's ``print`` would write it (a console made with
        ``soft_wrap=True`` writes plain lines without Rich)."""
        if (self._options.get("soft_wrap") and self._surely_plain() and text.isprintable()
                and "[" not in text and text.count(":") < 2):
            file = self._file()
            file.write(text + "\n")
            file.flush()
        else:
            self.rich.print(text)
