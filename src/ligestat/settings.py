"""Config settings as data: one registry of every key ``ligestat.toml`` accepts.

A :class:`Setting` is a section, a name, a type, a default and a help text. The
config parser (:mod:`ligestat.config`) validates every section against this
registry at load time, and ``docs/config.md`` is generated from it
(``python -m ligestat.config > docs/config.md``). The built-in settings are
registered in :mod:`ligestat.config`; every target of an indicator registers its
own threshold in ``[targets]`` (:mod:`ligestat.indicators.registry`), exactly as
an extension would.

This module imports nothing from ligestat but the error tree, so every other
module may register settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from ligestat.errors import ConfigError

__all__ = [
    "SECTIONS",
    "SETTINGS",
    "TYPES",
    "Section",
    "Setting",
    "convert",
    "register_section",
    "register_setting",
    "section_settings",
    "unregister_setting",
]

# type → what a value must be, as the docs and error messages say it
TYPES: Mapping[str, str] = MappingProxyType({
    "text": "a text",
    "bool": "true or false",
    "share": "a share between 0 and 1",
    "number": "a number ≥ 0",
    "int": "a whole number ≥ 0",
    "date": "a date YYYY-MM-DD",
    "choice": "one of the choices",
    "texts": "a list of texts",
    "ints": "a list of whole numbers",
    "table": "a table",
})


@dataclass(frozen=True)
class Setting:
    """One key of ``ligestat.toml``.

    ``default``: the value when the key is absent (``None``: computed, described
    by ``default_doc``, or required when ``required``). ``choices``: the allowed
    values of a ``choice`` or ``texts`` setting. ``check``: an extra rule
    returning an error text (or ``None``) for a converted value.
    """

    section: str  # "" top level, "staff", "departments.CODE", "disclosure.tables.TABLE", …
    name: str
    type: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    default_doc: str = ""  # the default as the docs state it, when not a plain value
    required: bool = False
    check: Callable[[Any], str | None] | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"setting {self.name}: unknown type {self.type!r}")

    @property
    def where(self) -> str:
        return f"[{self.section}] {self.name}" if self.section else self.name


@dataclass(frozen=True)
class Section:
    """A table of ``ligestat.toml``: its name, title and an introduction for the docs."""

    name: str
    help: str
    doc: str = ""  # paragraphs after the section's table in docs/config.md


SETTINGS: dict[tuple[str, str], Setting] = {}
SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    """Register a section (idempotent for the same definition)."""
    if SECTIONS.get(section.name, section) != section:
        raise ValueError(f"config section [{section.name}] registered twice, differently")
    SECTIONS[section.name] = section
    return section


def register_setting(setting: Setting) -> Setting:
    """Register a setting; the same definition twice is allowed (targets sharing one)."""
    key = (setting.section, setting.name)
    if SETTINGS.get(key, setting) != setting:
        raise ValueError(f"config setting {setting.where} registered twice, differently")
    if setting.section not in SECTIONS:
        raise ValueError(f"config setting {setting.where}: register its section first")
    SETTINGS[key] = setting
    return setting


def unregister_setting(section: str, name: str) -> None:
    SETTINGS.pop((section, name), None)


def section_settings(section: str) -> dict[str, Setting]:
    """The settings of one section, by name, in registration order."""
    return {s.name: s for (sec, _), s in SETTINGS.items() if sec == section}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _convert(setting: Setting, value: Any) -> Any:
    kind = setting.type
    if kind == "text" and isinstance(value, str):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "share" and _is_number(value) and 0 <= value <= 1:
        return float(value)
    if kind == "number" and _is_number(value) and value >= 0:
        return float(value)
    if kind == "int" and _is_number(value) and isinstance(value, int) and value >= 0:
        return value
    if kind == "date":
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
    if kind == "choice" and value in setting.choices:
        return value
    if kind == "texts" and isinstance(value, list) and value and all(
            isinstance(v, str) and (not setting.choices or v in setting.choices) for v in value):
        return tuple(value)
    if kind == "ints" and isinstance(value, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    if kind == "table" and isinstance(value, dict):
        return value
    return None


def convert(setting: Setting, value: Any, where: str) -> Any:
    """``value`` checked against ``setting`` and converted (lists → tuples, dates parsed).

    ``where`` names the file (and table) in the error message.
    """
    out = _convert(setting, value)
    if out is None:
        want = TYPES[setting.type]
        if setting.choices:
            want = ("one of " if setting.type == "choice" else "a list of some of ") + \
                ", ".join(setting.choices)
        raise ConfigError(f"{where}: {setting.name} must be {want} ({value!r})")
    problem = setting.check(out) if setting.check is not None else None
    if problem:
        raise ConfigError(f"{where}: {setting.name} {problem} ({value!r})")
    return out
