"""Option values converted without pydantic (#15).

Typer 0.29 converts the value of every option that is not a bool flag through a pydantic
``TypeAdapter``, built when the command runs, so running any command imported pydantic:
about 60 ms of a 0.35 s ``ligestat tables``. Typer offers no declaration that avoids it
(``parser=`` builds an adapter too).

ligestat's options are plain ``str``, ``bool``, ``int`` and ``Path`` values. For these, a
value Typer would accept is converted here to exactly what Typer gives (a string or a bool
as it is, decimal digits as an int, a path through Typer's own path checks; None, an
option not given, stays None); every other value — one Typer
rejects, ``+5``, an enum, a float, a list — goes to Typer's own conversion, which accepts
or rejects it in its own words. ``tests/cli/test_values.py`` compares the two on every
option of every command.

The converter is a parameter's lazily built ``RuntimeParam`` (Typer's private hook
``_runtime_param``), given before Typer builds its own. A Typer without that hook keeps
its own conversion throughout.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["install"]

_DIGITS = re.compile(r"-?[0-9]+")

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover - another Typer: its own conversion throughout
    RuntimeParam = None  # type: ignore[assignment,misc]


def _kind(param: Any) -> str | None:
    """``str``, ``bool``, ``int`` or ``path`` for a parameter converted here, else None."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None or param.nargs != 1 or param.multiple:
        return None
    info = desc.parameter_info
    if info.parser is not None:
        return None
    if desc.annotation is str:
        return "str"
    if desc.annotation is bool:
        return "bool"
    if desc.annotation is int and info.min is None and info.max is None:
        return "int"
    if desc.annotation is Path and info.path_type is None and not info.allow_dash:
        return "path"
    return None


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Quick(RuntimeParam):
        """Typer's ``RuntimeParam`` (which passes None through) for a ``str``, ``bool``,
        ``int`` or ``Path`` value; what it cannot convert quickly goes to Typer's own."""

        kind: str = "str"

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = self.kind
            if (kind, type(value)) in (("str", str), ("bool", bool)):
                return value
            if kind == "int" and (type(value) is int or (
                    type(value) is str and _DIGITS.fullmatch(value) and len(value) < 100)):
                return int(value)
            if kind == "path" and isinstance(value, str | Path):
                try:  # Typer's own checks (exists, file or folder, readable …)
                    return coerce_cli_path(Path(value), self.parameter_info, path_type=Path,
                                           param=param, ctx=ctx)
                except Exception:  # Typer says what is wrong, in its words, below
                    pass
            typer_own = build_runtime_param(param.type_descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)


def install(command: Any, ctx: Any) -> None:
    """Give the ``str``, ``bool``, ``int`` and ``Path`` parameters of ``command`` (and of
    every command under it, for a group) the quick converter, unless Typer already built
    its own. ``ctx``: the context of the group running ``command`` (its help option is
    made from the group's help option names, as the command's own context inherits them)."""
    if RuntimeParam is None:  # pragma: no cover
        return
    own_help = "help_option_names" in (getattr(command, "context_settings", None) or {})
    params = command.params if own_help else command.get_params(ctx)
    for param in params:
        if getattr(param, "_runtime_param", False) is None and (kind := _kind(param)):
            desc = param.type_descriptor
            param._runtime_param = _Quick(parameter_info=desc.parameter_info,
                                          annotation=desc.annotation, kind=kind)
    for sub in getattr(command, "commands", {}).values():
        install(sub, ctx)
