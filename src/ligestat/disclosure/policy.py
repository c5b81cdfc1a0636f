"""Disclosure policies: the presets as data, and their resolution against a config.

A :class:`Policy` says, per table, the minimum cell size for primary
suppression, whether counts are shown at all, how small ``other``-gender
counts are treated, and how wide the interval an attacker can derive for a
suppressed cell must stay (the protection interval).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from ligestat.config import TABLE_RULES, Config
from ligestat.disclosure.schema import shaped
from ligestat.errors import ConfigError, DisclosureError
from ligestat.settings import Section, Setting, register_section, register_setting

__all__ = ["METHODS", "OTHER_GENDER", "PRESETS", "Policy", "TableRule", "resolve_policy"]

OTHER_GENDER = ("show", "suppress")
METHODS = ("greedy", "optimal")  # how secondary cells are chosen


@dataclass(frozen=True)
class TableRule:
    """The resolved settings for one table.

    ``min_count``: counts ``0 < c < min_count`` are suppressed (0: no threshold).
    ``other_min_count``: the same for counts of the ``other`` gender.
    ``show_counts``: always true; ``false`` is refused (exact shares gave the counts back).
    ``protection``: the least width (in persons) of the interval an attacker can
    derive for a primary-suppressed count.
    """

    min_count: int = 0
    other_min_count: int = 0
    show_counts: bool = True
    protection: int = 0


@dataclass(frozen=True)
class Policy:
    """A named disclosure policy, resolved for every known table."""

    name: str
    description_da: str
    description_en: str
    min_count: int
    show_counts: bool
    other_gender: str  # "show" | "suppress"
    protection: int
    tables: Mapping[str, TableRule]
    method: str = "greedy"  # secondary suppression: "greedy" | "optimal"

    def rule(self, table: str) -> TableRule:
        """The settings for ``table`` (a table without a disclosure shape: none; such a
        table is refused whenever the policy suppresses anything)."""
        return self.tables.get(table, TableRule())

    @property
    def suppresses(self) -> bool:
        """True when this policy can suppress or withhold anything at all."""
        return any(
            r.min_count > 1 or r.other_min_count > 1 or not r.show_counts
            for r in self.tables.values()
        )


@dataclass(frozen=True)
class _Preset:
    description_da: str
    description_en: str
    min_count: int  # for the sensitive tables (leave, sick days, surveys)
    other_gender: str
    protection: int


PRESETS: Mapping[str, _Preset] = MappingProxyType({
    "public": _Preset(
        "Ingen celler er undertrykt; tabellerne vises som i den offentliggjorte rapport.",
        "No cells are suppressed; the tables are shown as published.",
        0, "show", 0,
    ),
    "standard": _Preset(
        "Antal mellem 1 og 4 i tabellerne om barsel og omsorgsdage, og antal personer af "
        "kønnet 'andet' under 5, er undertrykt (vist som –), sammen med de celler, de kunne "
        "genberegnes ud fra.",
        "Counts from 1 to 4 in the parental-leave and sick-day tables, and counts of "
        "gender 'other' under 5, are suppressed (shown as –), together with the cells "
        "they could be recomputed from.",
        5, "suppress", 2,
    ),
    "strict": _Preset(
        "Antal mellem 1 og 9 i tabellerne om barsel og omsorgsdage, og antal personer af "
        "kønnet 'andet' under 10, er undertrykt (vist som –), sammen med de celler, de kunne "
        "genberegnes ud fra.",
        "Counts from 1 to 9 in the parental-leave and sick-day tables, and counts of "
        "gender 'other' under 10, are suppressed (shown as –), together with the cells "
        "they could be recomputed from.",
        10, "suppress", 4,
    ),
})


register_section(Section("disclosure", "disclosure control, see `docs/disclosure.md`"))
register_section(Section(
    TABLE_RULES, "per-table overrides of the policy's rules; TABLE is an indicator with a "
    "disclosure shape (docs/indicators.md)", names=lambda: tuple(shaped())))
for _setting in (
    Setting("disclosure", "policy", "text", "public",
            f"the disclosure policy: {', '.join(f'`{p}`' for p in PRESETS)} "
            "(`--disclosure` overrides it)"),
    Setting("disclosure", "method", "choice", "greedy",
            "how secondary cells are chosen: `greedy`, or `optimal` (integer programming)",
            choices=METHODS),
    Setting("disclosure", "tables", "table", None, "per-table overrides, below"),
    Setting(TABLE_RULES, "min_count", "int", None,
            "counts `0 < c < min_count` are suppressed (0: none)", default_doc="the policy's"),
    Setting(TABLE_RULES, "other_min_count", "int", None,
            "the same for counts of gender `other`", default_doc="the policy's"),
    Setting(TABLE_RULES, "show_counts", "bool", True,
            "only `true`: `false` is refused, as the exact shares with the totals gave "
            "the withheld counts back"),
    Setting(TABLE_RULES, "protection", "int", None,
            "least width of an attacker's interval for a primary-suppressed count "
            "(always ≥ 1)", default_doc="the policy's"),
):
    register_setting(_setting)


def _preset_rules(p: _Preset) -> dict[str, TableRule]:
    rules: dict[str, TableRule] = {}
    for name, schema in shaped().items():
        other = p.min_count if p.other_gender == "suppress" else 0
        if schema.kind == "sensitive" or schema.kind == "magnitude":
            rules[name] = TableRule(p.min_count, other, True, p.protection)
        elif schema.kind in ("staff", "managers"):
            # managers are public persons, but a manager of gender "other" is the same
            # person the staff tables protect: one rule for "other" in both (issue 14)
            rules[name] = TableRule(0, other, True, p.protection)
        else:  # public statistics: published as they are
            rules[name] = TableRule(0, 0, True, p.protection)
    return rules


def resolve_policy(policy: str | None, config: Config) -> Policy:
    """The named preset (``None``: the config's), with the config's per-table overrides.

    Raises :class:`DisclosureError` for an unknown policy name and
    :class:`ConfigError` for a malformed ``[disclosure]`` table.
    """
    name = policy if policy is not None else config.disclosure_policy
    if name not in PRESETS:
        origin = f"{config.where}: [disclosure] policy: " if policy is None else ""
        raise DisclosureError(
            f"{origin}unknown disclosure policy {name!r}; known policies: {', '.join(PRESETS)}"
        )
    preset = PRESETS[name]
    rules = _preset_rules(preset)
    # checked when the config was read (ligestat.config); only the registry may have moved
    tables = dict(config.disclosure_overrides.get("tables", {}))
    method = config.disclosure_overrides.get("method", "greedy")
    for table, changes in tables.items():
        if table not in rules:
            raise ConfigError(f"{config.where}: [disclosure.tables.{table}]: unknown table; "
                              f"known: {', '.join(rules)}")
        if changes.get("show_counts") is False:
            # exact shares beside the trend's n gave every withheld count back (issue 14)
            raise ConfigError(
                f"{config.where}: [disclosure.tables.{table}] show_counts = false is no longer "
                "offered: the exact shares with the totals give the withheld counts back. "
                "Remove it, and protect small counts with min_count (and protection) instead")
        rules[table] = replace(rules[table], **changes)
    da, en = preset.description_da, preset.description_en
    if tables:
        names = ", ".join(sorted(tables))
        da += f" Organisationens egne regler gælder for: {names}."
        en += f" The organisation's own rules apply to: {names}."
    return Policy(
        name=name,
        description_da=da,
        description_en=en,
        min_count=preset.min_count,
        show_counts=all(r.show_counts for r in rules.values()),
        other_gender=preset.other_gender,
        protection=preset.protection,
        tables=MappingProxyType(rules),
        method=method,
    )
