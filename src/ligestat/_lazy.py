"""A package's public names, imported from their modules when first used (PEP 562).

``import ligestat`` and the command line's ``--help`` then load none of the library's
DuckDB side, renderers or extractors (#15). A package lists each name's module::

    __getattr__, __dir__ = exports(__name__, {"check_text": "matcher", ...})

and imports the same names under ``TYPE_CHECKING`` for type checkers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["exports"]


def exports(package: str, homes: Mapping[str, str]
            ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``; ``homes``: name → its module,
    relative to the package."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{homes[name]}"), name)
        setattr(sys.modules[package], name, value)  # once: later reads find it
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *homes})

    return __getattr__, __dir__
