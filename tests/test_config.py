"""The config parser: every section checked against the settings registry when the file
is read; every error names the real file, the table and the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ligestat.config import Config, Targets, demo_config, load_config, parse_config
from ligestat.disclosure import resolve_policy
from ligestat.errors import ConfigError, DisclosureError
from ligestat.settings import SETTINGS

BASE = 'organisation = "Testkommune"\n[departments.A]\nname = "Afdeling A"\n'

# (TOML, the words the message must hold besides the file's path)
BAD = [
    ("organisation = \n", ["not valid TOML"]),
    ('organisatoin = "X"\n[departments.A]\n', ["unknown key organisatoin",
                                                "did you mean organisation"]),
    ("[departments.A]\n", ["organisation is required"]),
    ('organisation = "  "\n[departments.A]\n', ["organisation must be a non-empty text"]),
    ("organisation = 7\n[departments.A]\n", ["organisation must be a text"]),
    ('organisation = "X"\ndepartments = 3\n', ["departments must be a table"]),
    ('organisation = "X"\n[departments]\nA = 1\n', ["[departments.A] must be a table"]),
    ('organisation = "X"\n[departments.total]\n', ["'total' is reserved"]),
    (BASE + "in_tables = 1\n", ["[departments.A]", "in_tables must be true or false"]),
    (BASE + "level_2_includes = 3\n", ["[departments.A]", "level_2_includes must be"]),
    (BASE + "level_2_includes = [2]\n", ["level_2_includes must list levels above 2"]),
    (BASE + 'nmae = "x"\n', ["[departments.A]", "unknown key nmae", "did you mean name"]),
    (BASE + "staff = 1\n", ["[departments.A]", "unknown key staff"]),
    ('organisation = "X"\nstaff = 1\n[departments.A]\n', ["staff must be a table"]),
    (BASE + '[staff]\nemployment_types = ["permanent"]\n',
     ["[staff]", "employment_types must be a list of some of ordinary"]),
    (BASE + "[staff]\nemployment_types = []\n", ["employment_types must be"]),
    (BASE + '[staff]\nsnapshot_date = "30-09-2024"\n',
     ["[staff]", "snapshot_date must be a date YYYY-MM-DD"]),
    (BASE + '[parental_leave]\ncohort_start = "2023"\n', ["[parental_leave]", "cohort_start"]),
    (BASE + "[parental_leave]\ncohort_end = 2023\n", ["cohort_end must be a date"]),
    (BASE + "[pay]\nyear = 24\n", ["[pay]", "year must be a year such as 2024"]),
    (BASE + '[pay]\nyear = "2024"\n', ["[pay]", "year must be a whole number"]),
    (BASE + "[targets]\nmanager_min_share = 40\n",
     ["[targets]", "manager_min_share must be a share between 0 and 1"]),
    (BASE + "[targets]\nchild_sick_days_max_gap_pp = -1\n",
     ["child_sick_days_max_gap_pp must be a number ≥ 0"]),
    (BASE + '[targets]\nmanager_rounding = "floor"\n',
     ["manager_rounding must be one of ceil, nearest, eu"]),
    (BASE + "[targets]\nfathers_leave_ge11_min_shar = 0.9\n",
     ["[targets]", "unknown key fathers_leave_ge11_min_shar",
      "did you mean fathers_leave_ge11_min_share"]),
    (BASE + '[report]\nlnag = "en"\n', ["[report]", "unknown key lnag", "did you mean lang"]),
    (BASE + '[report]\nlang = "fr"\n', ["[report]", "lang must be one of da, en"]),
    (BASE + '[report.sources]\nstaf = "HR"\n', ["[report.sources]", "unknown key staf"]),
    (BASE + "[report.sources]\nstaff = 3\n", ["[report.sources]", "staff must be a text"]),
    (BASE + "[disclosure]\nthreshold = 3\n", ["[disclosure]", "unknown key threshold"]),
    (BASE + "[disclosure]\npolicy = 5\n", ["[disclosure]", "policy must be a text"]),
    (BASE + '[disclosure]\nmethod = "best"\n', ["method must be one of greedy, optimal"]),
    (BASE + "[disclosure.tables.fathers_leav]\nmin_count = 3\n",
     ["[disclosure.tables.fathers_leav]", "unknown table", "did you mean fathers_leave"]),
    (BASE + "[disclosure.tables.fathers_leave]\nmin_cnt = 3\n",
     ["[disclosure.tables.fathers_leave]", "unknown key min_cnt", "did you mean min_count"]),
    (BASE + "[disclosure.tables.fathers_leave]\nmin_count = -1\n",
     ["min_count must be a whole number ≥ 0"]),
    (BASE + "[disclosure.tables.fathers_leave]\nshow_counts = 1\n",
     ["show_counts must be true or false"]),
    (BASE + "[disclosure.tables]\nfathers_leave = 5\n",
     ["[disclosure.tables.fathers_leave] must be a table"]),
]


@pytest.mark.parametrize(("toml", "words"), BAD, ids=[w[-1][:40] for _, w in BAD])
def test_a_bad_config_is_an_error_naming_the_real_file_and_the_key(
        tmp_path: Path, toml: str, words: list[str]) -> None:
    path = tmp_path / "configs" / "my-org.toml"  # as --config gives it: not ligestat.toml
    path.parent.mkdir()
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert message.startswith(str(path))
    for word in words:
        assert word in message


def test_a_missing_or_unreadable_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "absent.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('organisation = "K\xf8benhavn"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(bad)


def test_an_unknown_policy_named_in_the_config_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "my-org.toml"
    path.write_text(BASE + '[disclosure]\npolicy = "paranoid"\n', encoding="utf-8")
    with pytest.raises(DisclosureError) as err:
        resolve_policy(None, load_config(path))
    assert str(path) in str(err.value) and "paranoid" in str(err.value)


def test_a_config_read_first_thing_knows_every_built_in_setting() -> None:
    """The indicators' targets and the disclosure settings register when a config is read,
    not when ``ligestat`` is imported (#15): a fresh interpreter that imports nothing else
    reads them too."""
    text = (BASE + "[targets]\nchild_sick_days_max_gap_pp = 8\n"
            "[disclosure.tables.fathers_leave]\nmin_count = 3\n")
    code = ("import sys\nfrom ligestat.config import parse_config\n"
            "cfg = parse_config(sys.argv[1])\n"
            "print(cfg.targets['child_sick_days_max_gap_pp'], cfg.disclosure_overrides)")
    out = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "8.0 {'tables': {'fathers_leave': {'min_count': 3}}}"


def test_defaults_come_from_the_registry_and_values_are_converted() -> None:
    cfg = parse_config(BASE + '[staff]\nemployment_types = ["ordinary", "trainee"]\n'
                       'snapshot_date = "2024-09-30"\n[pay]\nyear = 2024\n'
                       "[targets]\nchild_sick_days_max_gap_pp = 8\n"
                       "[disclosure.tables.fathers_leave]\nmin_count = 3\n")
    assert cfg.staff_employment_types == ("ordinary", "trainee")
    assert str(cfg.snapshot_date) == "2024-09-30" and cfg.pay_year == 2024
    assert cfg.targets["child_sick_days_max_gap_pp"] == 8.0
    assert cfg.targets.manager_min_share == 0.40  # the registered default
    assert dict(cfg.targets) == {**dict(Targets()), "child_sick_days_max_gap_pp": 8.0}
    assert cfg.disclosure_overrides["tables"] == {"fathers_leave": {"min_count": 3}}
    assert resolve_policy("standard", cfg).rule("fathers_leave").min_count == 3
    plain = parse_config(BASE)
    assert plain == Config("Testkommune", plain.departments, source_text=BASE)
    assert plain.departments[0].in_tables is True


def test_the_shipped_config_reads_and_every_setting_has_help() -> None:
    assert demo_config().organisation == "Københavns Kommune"
    for setting in SETTINGS.values():
        assert setting.help, setting.where
