"""Policies: presets, the config's choice, per-table overrides, unknown names."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest

from ligestat.disclosure import PRESETS, apply_policy, resolve_policy
from ligestat.errors import ConfigError, DisclosureError


def test_unknown_policy_is_an_error_naming_the_known_ones(tb: SimpleNamespace) -> None:
    with pytest.raises(DisclosureError) as err:
        resolve_policy("secret", tb.make_config(["A"]))
    for name in ("public", "standard", "strict"):
        assert name in str(err.value)


def test_unknown_policy_in_config_is_an_error_too(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"], disclosure='[disclosure]\npolicy = "paranoid"\n')
    with pytest.raises(DisclosureError):
        apply_policy({}, policy=None, config=cfg)


def test_none_means_the_configs_policy(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"], disclosure='[disclosure]\npolicy = "strict"\n')
    policy = resolve_policy(None, cfg)
    assert policy.name == "strict"
    assert policy.rule("fathers_leave").min_count == 10
    assert resolve_policy("standard", cfg).rule("fathers_leave").min_count == 5


def test_presets_thresholds_and_public_tables(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"])
    standard = resolve_policy("standard", cfg)
    assert standard.rule("child_sick_days").min_count == 5
    assert standard.rule("staff_gender").min_count == 0
    assert standard.rule("staff_gender").other_min_count == 5
    assert standard.rule("managers_level_1").min_count == 0
    assert standard.rule("managers_level_1").other_min_count == 5  # as the staff tables
    assert not resolve_policy("public", cfg).suppresses
    for name in PRESETS:
        p = resolve_policy(name, cfg)
        assert p.description_da and p.description_en and p.description_da != p.description_en


def test_per_table_overrides_replace_the_preset_for_that_table(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"], disclosure=(
        '[disclosure]\npolicy = "standard"\n'
        "[disclosure.tables.fathers_leave]\nmin_count = 3\nprotection = 1\n"
        "[disclosure.tables.managers_level_2]\nmin_count = 5\n"))
    policy = resolve_policy(None, cfg)
    assert policy.rule("fathers_leave").min_count == 3
    assert policy.rule("fathers_leave").protection == 1
    assert policy.rule("mothers_leave").min_count == 5
    assert policy.rule("managers_level_2").min_count == 5


@pytest.mark.parametrize("toml", [
    "[disclosure.tables.fathers_leave]\nmin_cnt = 3\n",
    "[disclosure.tables.no_such_table]\nmin_count = 3\n",
    "[disclosure.tables.fathers_leave]\nmin_count = -1\n",
    "[disclosure.tables.fathers_leave]\nshow_counts = 1\n",
    "[disclosure]\nthreshold = 3\n",
])
def test_malformed_overrides_are_config_errors(tb: SimpleNamespace, toml: str) -> None:
    with pytest.raises(ConfigError):  # since issue 9: when the config is read
        resolve_policy("standard", tb.make_config(["A"], disclosure=toml))


def test_public_suppresses_nothing_and_returns_new_tables(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"])
    tables = {"fathers_leave": tb.leave_table({"A": (3, 1, 0, 0), "B": (2, 2, 1, 1)}),
              "child_sick_days": tb.sick_table(2024, {"A": (4, 1, 1, 1), "B": (9, 3, 2, 1)})}
    out = apply_policy(tables, policy="public", config=cfg)
    assert out == tables
    assert out["fathers_leave"] is not tables["fathers_leave"]
    assert out["fathers_leave"][0] is not tables["fathers_leave"][0]


@pytest.mark.parametrize("policy", ["public", "standard", "strict"])
def test_apply_policy_never_mutates_its_input(tb: SimpleNamespace, policy: str) -> None:
    cfg = tb.make_config(["A", "B", "C"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table({"A": (3, 1, 0, 0), "B": (12, 8, 4, 1),
                                               "C": (30, 20, 9, 6)}, hidden=(1, 1, 0, 0)),
              "managers_level_1": [tb.manager_row("A", 1, 2, 0), tb.manager_row("total", 1, 2, 0)]}
    before = copy.deepcopy(tables)
    out = apply_policy(tables, policy=policy, config=cfg)
    assert tables == before
    if policy != "public":
        assert out != tables


def test_the_statement_names_tables_with_the_organisations_own_rules(
        tb: SimpleNamespace) -> None:
    plain = resolve_policy("standard", tb.make_config(["A"]))
    custom = resolve_policy("standard", tb.make_config(["A"], disclosure=(
        "[disclosure.tables.fathers_leave]\nmin_count = 3\n")))
    assert "fathers_leave" not in plain.description_en
    assert "fathers_leave" in custom.description_en and "fathers_leave" in custom.description_da
