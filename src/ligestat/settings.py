"""Config settings as data: one registry of every key ``ligestat.toml`` accepts.

A :class:`Setting` is a section, a name, a type, a default and a help text. The
config parser (:mod:`ligestat.config`) validates every section against this
registry at load time, and ``docs/config.md`` is generated from it
(``python -m ligestat.config > docs/config.md``). The built-in settings are
registered in :mod:`ligestat.config`; every target of an indicator registers its
own threshold in ``[targets]`` (:mod:`ligestat.indicators.registry`), and the
disclosure policies their ``[disclosure]`` settings, exactly as an extension would.
Those modules are imported by :func:`load_builtins` before a config is read, not by
``import ligestat`` (the command line starts without them, #15).

This module imports nothing from ligestat but the error tree (the built-ins by name,
when asked), so every other module may register settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import import_module
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
    "load_builtins",
    "reference_markdown",
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
    documented_in: str = ""  # another doc listing it (a target's threshold: docs/indicators.md)

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
    names: Callable[[], tuple[str, ...]] | None = None  # allowed names of a NAME placeholder


SETTINGS: dict[tuple[str, str], Setting] = {}
SECTIONS: dict[str, Section] = {}

# The modules whose import registers the built-in sections and settings.
BUILTINS = ("ligestat.config", "ligestat.indicators", "ligestat.disclosure")


def load_builtins() -> None:
    """Register the built-in settings (once; importing a module twice does nothing)."""
    for name in BUILTINS:
        import_module(name)


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


_INTRO = """# Organisation config: `ligestat.toml`

Generated from the settings registry by
`python -c 'import ligestat.settings as s; print(s.reference_markdown(), end="")' > docs/config.md`;
a test fails when this file and the code differ.

ligestat reads `ligestat.toml` from the data folder when present; `--config FILE`
overrides it; a workspace keeps the config each staff snapshot was imported with
(a later config may rename or add departments without rewriting earlier years;
a table over several years shows each year's rows with that year's departments, and
the report and `ligestat tables` add a note naming the years and departments that
changed).
Without any config, ligestat stops with an error: start one with
`ligestat init DATA --organisation "Eksempel Kommune"`, which writes a commented
`ligestat.toml` listing the department codes found in the data, and a
`[columns.TABLE]` mapping for an export's own headers it recognises (`Køn`,
`Forvaltning`, …). (The City of
Copenhagen's 2025 config, `src/ligestat/data/kk-2025.toml`, belongs to the demo:
`ligestat synth kk-2025` writes it beside the demo data.)
Every key but the departments has a default. Every section is checked when the file
is read: an unknown or misspelt key is an error naming the file and the key, so a
typo never passes silently.
"""


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _default(s: Setting) -> str:
    if s.required:
        return "(required)"
    if s.default_doc:
        return s.default_doc
    return "" if s.default is None else f"`{_toml(s.default)}`"


def _children(path: str) -> list[str]:
    """The sections a table setting at ``path`` opens: itself, or itself.PLACEHOLDER."""
    return [name for name in SECTIONS
            if name == path or (name.startswith(path + ".")
                                and name[len(path) + 1:].isupper()
                                and "." not in name[len(path) + 1:])]


def _document(section: str, lines: list[str]) -> None:
    sec = SECTIONS[section]
    shown = [s for s in section_settings(section).values() if not s.documented_in]
    elsewhere = sorted({s.documented_in for s in section_settings(section).values()
                        if s.documented_in})
    lines += ["", "## Top level" if not section else f"## `[{section}]`", ""]
    if section:
        lines += [sec.help[:1].upper() + sec.help[1:] + ".", ""]
    lines += ["| key | default | meaning |", "|---|---|---|"]
    lines += [f"| `{s.name}` | {_default(s)} | {s.help} |" for s in shown]
    for where in elsewhere:
        lines += ["", f"More keys of this section are listed in `{where}`: every target's "
                  "threshold, with its default, in the *setting* column of its table."]
    if sec.doc:
        lines += ["", sec.doc]
    for s in section_settings(section).values():
        if s.type == "table":
            for child in _children(f"{section}.{s.name}" if section else s.name):
                if child != section:
                    _document(child, lines)


def reference_markdown() -> str:
    """docs/config.md, generated from the registry."""
    load_builtins()
    lines = [_INTRO.rstrip("\n")]
    _document("", lines)
    return "\n".join(lines) + "\n"
