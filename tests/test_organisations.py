"""Many organisations in one data set (CONTRACT.md §1, ``ligestat.organisations``).

The central property: each organisation's tables in the many-organisation document are
exactly ``ligestat tables`` on its rows alone with a single-organisation config (its
name, its departments, the top level's other keys), disclosure control included.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ligestat import api, organisations
from ligestat.cli import app
from ligestat.config import parse_config
from ligestat.errors import ConfigError, ValidationError

EMP = ("snapshot_date", "employee_id", "gender", "birth_year", "department", "agreement",
       "manager_level", "employment_type")
LEAVE = ("employee_id", "gender", "department", "child_birth_date", "weeks_taken")
SICK = ("year", "employee_id", "gender", "department", "entitled", "days_taken")
PAY = ("year", "employee_id", "gender", "department", "category", "basic_pay",
       "variable_pay", "hours_paid")
TABLES = {"employees": EMP, "parental_leave": LEAVE, "child_sick_days": SICK, "pay": PAY}


def _write(folder: Path, table: str, columns: tuple[str, ...],
           rows: list[tuple[Any, ...]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        w.writerows(rows)


# -- a hand-built data set: values worked out below --------------------------------------

CONFIG = '''organisation = "To kommuner"

[organisations."B2"]
name = "Beta"

[organisations."A1"]
name = "Alfa"
[organisations."A1".departments.X]
name = "Ekspres"
[organisations."A1".departments.Y]
name = "Yderst"
'''

HAND = [  # employees, the last cell the organisation; E1 and E2 are in both
    ("2024-09-30", "E1", "woman", 1980, "X", "Adm", 1, "", "A1"),
    ("2024-09-30", "E2", "man", 1970, "Y", "Adm", 1, "", "A1"),
    ("2024-09-30", "E3", "woman", 1990, "Y", "Adm", "", "", "A1"),
    ("2024-09-30", "E1", "man", 1985, "", "Tek", 1, "", "B2"),
    ("2024-09-30", "E2", "man", 1975, "", "Tek", "", "", "B2"),
]


def _hand(folder: Path, rows: list[tuple[Any, ...]] = HAND, config: str = CONFIG) -> Path:
    _write(folder, "employees", (*EMP, "organisation"), rows)
    (folder / "ligestat.toml").write_text(config, encoding="utf-8")
    return folder


def test_the_document_has_the_contract_shape_with_ids_sorted(tmp_path: Path) -> None:
    doc = api.tables(_hand(tmp_path), year=2025)
    assert list(doc) == ["contract", "year", "organisations"]
    assert (doc["contract"], doc["year"]) == (2, 2025)
    assert list(doc["organisations"]) == ["A1", "B2"]  # the config lists B2 first
    alfa = doc["organisations"]["A1"]
    assert list(alfa) == ["contract", "organisation", "year", "tables"]
    assert (alfa["contract"], alfa["organisation"], alfa["year"]) == (2, "Alfa", 2025)


def test_each_organisation_counts_its_own_rows(tmp_path: Path) -> None:
    doc = api.tables(_hand(tmp_path), year=2025)
    alfa, beta = (doc["organisations"][i]["tables"] for i in ("A1", "B2"))
    # Alfa: 2 women, 1 man of 3; Beta: 2 men
    assert [(r["gender"], r["n"]) for r in alfa["staff_gender"]] == [
        ("woman", 2), ("man", 1), ("other", 0)]
    assert alfa["staff_gender"][0]["share"] == 2 / 3
    assert [(r["gender"], r["n"]) for r in beta["staff_gender"]] == [
        ("woman", 0), ("man", 2), ("other", 0)]
    # top managers: Alfa X 1 woman, Y 1 man, total 1 + 1 (balanced: ceil(0.8) = 1 each)
    assert [(r["department"], r["women"], r["men"], r["target_met"])
            for r in alfa["managers_level_1"]] == [("X", 1, 0, None), ("Y", 0, 1, None),
                                                    ("total", 1, 1, True)]
    # Beta lists no departments: only the total row; one manager is not assessable
    assert [(r["department"], r["men"], r["target_met"]) for r in beta["managers_level_1"]] \
        == [("total", 1, None)]


def test_the_comparison_ranks_the_organisations(tmp_path: Path) -> None:
    rows = organisations.comparison(api.tables(_hand(tmp_path), year=2025))
    assert [(r["organisation"], r["name"], r["staff"], r["rank_staff"]) for r in rows] == [
        ("A1", "Alfa", 3, 1), ("B2", "Beta", 2, 2)]
    # women's share: 2/3 is nearer to 0.5 than 0 is
    assert [(r["women_share"], r["rank_women_share"]) for r in rows] == [(2 / 3, 1), (0.0, 2)]
    # targets: Alfa's total level-1 group is met (1 judged); Beta judges none
    assert [(r["targets_met"], r["targets_judged"], r["targets_met_share"],
             r["rank_targets_met_share"]) for r in rows] == [(1, 1, 1.0, 1), (0, 0, None, None)]


def test_equal_values_share_a_rank() -> None:
    doc = {"organisations": {
        k: {"organisation": k, "tables": {"staff_gender": [{"gender": "woman", "n": n}]}}
        for k, n in (("a", 5), ("b", 7), ("c", 5), ("d", 1))}}
    rows = organisations.comparison(doc)
    assert [r["rank_staff"] for r in rows] == [2, 1, 2, 4]


# -- bad input -----------------------------------------------------------------------------


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as err:
        api.validate(folder)
    return [str(p) for p in err.value.problems]


def test_an_organisation_column_without_organisations_in_the_config(tmp_path: Path) -> None:
    single = 'organisation = "Alfa"\n[departments.X]\n[departments.Y]\n'
    _hand(tmp_path, HAND[:3], single)
    assert _problems(tmp_path) == [
        "employees.csv:2: organisation: names an organisation, but ligestat.toml lists no "
        "[organisations]; list each there (docs/organisations.md) or leave the column out "
        "(A1)", *(f"employees.csv:{r}: organisation: names an organisation, but ligestat.toml "
                  "lists no [organisations]; list each there (docs/organisations.md) or leave "
                  "the column out (A1)" for r in (3, 4))]


def test_an_unknown_or_empty_organisation_names_file_row_and_value(tmp_path: Path) -> None:
    rows = [*HAND[:3], (*HAND[3][:-1], "C3"), (*HAND[4][:-1], "")]
    _hand(tmp_path, rows)
    assert _problems(tmp_path) == [
        "employees.csv:5: organisation: unknown organisation; add it to ligestat.toml as "
        "[organisations.\"ID\"] or correct the row (C3)",
        "employees.csv:6: organisation: is empty; with [organisations] in ligestat.toml every "
        "row names its organisation ()"]


def test_departments_are_checked_against_the_rows_organisation(tmp_path: Path) -> None:
    rows = [("2024-09-30", "E1", "woman", 1980, "Z", "Adm", "", "", "A1"),  # not Alfa's
            ("2024-09-30", "E2", "woman", 1980, "", "Adm", "", "", "A1"),  # Alfa has some
            ("2024-09-30", "E3", "man", 1985, "X", "Tek", "", "", "B2")]  # Beta has none
    _hand(tmp_path, rows)
    assert _problems(tmp_path) == [
        "employees.csv:2: department: not a department of the row's organisation; add it to "
        "ligestat.toml [organisations.\"ID\".departments] or correct the row (Z)",
        "employees.csv:3: department: is empty ()",
        "employees.csv:4: department: unknown department code: the row's organisation lists "
        "no departments in ligestat.toml; add them there or leave the cell empty (X)"]


def test_duplicates_are_per_organisation(tmp_path: Path) -> None:
    _hand(tmp_path)  # E1 and E2 in both organisations: valid
    assert api.validate(tmp_path).rows["employees"] == 5
    _hand(tmp_path, [*HAND, ("2024-09-30", "E1", "man", 1985, "", "Tek", "", "", "B2")])
    assert _problems(tmp_path) == [
        "employees.csv:7: employee_id: duplicate employee_id for the same snapshot_date "
        "(first at row 5) (E1)"]


def _parquet(folder: Path, rows: list[tuple[Any, ...]]) -> Path:
    """The employees as Parquet (text columns; the rows' cells as text), with CONFIG."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    cols = (*EMP, "organisation")
    con.execute("CREATE TABLE e (" + ", ".join(f"{c} VARCHAR" for c in cols) + ")")
    con.executemany(f"INSERT INTO e VALUES ({', '.join('?' for _ in cols)})",
                    [tuple(None if v is None else str(v) for v in r) for r in rows])
    con.execute(f"COPY e TO '{folder / 'employees.parquet'}' (FORMAT parquet)")
    con.close()
    (folder / "ligestat.toml").write_text(CONFIG, encoding="utf-8")
    return folder


def test_organisation_and_department_problems_in_parquet_name_row_column_value(
        tmp_path: Path) -> None:
    """The organisation and department of each row are judged once per distinct pair, by
    the rules: every broken one still names its rows and values (Parquet rows: row 1 is the
    first row)."""
    day = "2024-09-30"
    rows = [
        (day, "E1", "woman", 1980, "X", "Adm", 1, "", "A1"),  # fine
        (day, "E2", "man", 1970, " Y ", "Adm", 1, "", " A1 "),  # fine once trimmed
        (day, "E3", "woman", 1990, "Z", "Adm", "", "", "A1"),  # not Alfa's
        (day, "E4", "man", 1985, "", "Tek", 1, "", "A1"),  # Alfa has departments
        (day, "E5", "man", 1975, "X", "Tek", "", "", "B2"),  # Beta has none
        (day, "E6", "man", 1975, None, "Tek", "", "", "B2"),  # fine
        (day, "E7", "man", 1975, "X", "Tek", "", "", "C3"),  # no such organisation
        (day, "E8", "man", 1975, "X", "Tek", "", "", None),  # no organisation
        (day, "E9", "man", 1975, "X", "Tek", "", "", "A\x01"),  # a control character
        *[(day, f"F{i}", "man", 1975, "", "Tek", "", "", "D4") for i in range(5)],
    ]
    # C3, A\x01 and D4 (5 rows) are 7 unknown organisations: one line naming their rows
    assert _problems(_parquet(tmp_path, rows)) == [
        "employees.parquet:3: department: not a department of the row's organisation; add "
        "it to ligestat.toml [organisations.\"ID\".departments] or correct the row (Z)",
        "employees.parquet:4: department: is empty ()",
        "employees.parquet:5: department: unknown department code: the row's organisation "
        "lists no departments in ligestat.toml; add them there or leave the cell empty (X)",
        "employees.parquet: organisation: unknown organisation; add it to ligestat.toml as "
        "[organisations.\"ID\"] or correct the row — 7 rows (7, 9–14), e.g. C3, A\\x01, D4",
        "employees.parquet:8: organisation: is empty; with [organisations] in ligestat.toml "
        "every row names its organisation ()",
        "employees.parquet:9: organisation: holds a control character (shown as \\xNN); "
        "remove it (A\\x01)",
    ]


def test_duplicates_are_found_when_blanks_around_an_id_or_organisation_differ(
        tmp_path: Path) -> None:
    """Keys are compared trimmed (trim() also removes a no-break space): E1 with a
    no-break space after it, or in " A1", is the E1 of A1 again."""
    day = "2024-09-30"
    rows = [(day, "E1", "woman", 1980, "X", "Adm", 1, "", "A1"),
            (day, "E1\u00a0", "woman", 1980, "X", "Adm", 1, "", "A1"),
            (day, "E2", "woman", 1980, "X", "Adm", 1, "", "A1"),
            (day, "E2", "woman", 1980, "X", "Adm", 1, "", " A1"),
            (day, "E3", "woman", 1980, "X", "Adm", 1, "", "A1"),
            (day, "E3", "woman", 1980, "", "Adm", 1, "", "B2")]  # another organisation's E3
    assert _problems(_parquet(tmp_path / "pq", rows)) == [
        "employees.parquet:2: employee_id: duplicate employee_id for the same snapshot_date "
        "(first at row 1) (E1)",
        "employees.parquet:4: employee_id: duplicate employee_id for the same snapshot_date "
        "(first at row 3) (E2)"]
    assert _problems(_hand(tmp_path / "csv", rows)) == [
        "employees.csv:3: employee_id: duplicate employee_id for the same snapshot_date "
        "(first at row 2) (E1)",
        "employees.csv:5: employee_id: duplicate employee_id for the same snapshot_date "
        "(first at row 4) (E2)"]


@pytest.mark.parametrize(("toml", "words"), [
    (CONFIG + "[departments.X]\n", ["[departments] cannot be combined with [organisations]"]),
    ('organisation = "X"\norganisations = {}\n', ["[organisations] lists no organisation"]),
    ('[organisations."A"]\nname = "A"\nnavn = 1\n',
     ['[organisations."A"]', "unknown key navn"]),
    ('[organisations."A"]\n', ['[organisations."A"]', "name is required"]),
    ('[organisations."A"]\nname = "A"\n[organisations."A".departments.X]\nin_table = false\n',
     ['[organisations."A".departments.X]', "unknown key in_table", "did you mean in_tables"]),
    ('[organisations."A"]\nname = "A"\n[organisations."A".departments.total]\n',
     ["'total' is reserved"]),
    ('[organisations."A"]\nname = "A"\n[organisations."A".targets]\nmanager_min_share = 2\n',
     ['[organisations."A".targets]', "manager_min_share must be a share"]),
])
def test_a_bad_organisations_config_names_file_and_key(toml: str, words: list[str]) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(toml, "orgs.toml")
    assert str(err.value).startswith("orgs.toml: ")
    for word in words:
        assert word in str(err.value)


def test_an_organisation_inherits_the_top_level_unless_it_overrides() -> None:
    cfg = parse_config('[targets]\nmanager_min_share = 0.3\n[disclosure]\npolicy = "strict"\n'
                       '[organisations."A"]\nname = "A"\n[organisations."B"]\nname = "B"\n'
                       '[organisations."B".targets]\nmanager_min_share = 0.45\n')
    a, b = cfg.organisation_config("A"), cfg.organisation_config("B")
    assert (a.targets["manager_min_share"], b.targets["manager_min_share"]) == (0.3, 0.45)
    assert a.disclosure_policy == b.disclosure_policy == "strict"
    assert cfg.organisation == "2 organisations" and a.departments == ()


def test_a_single_organisation_may_list_no_departments(tmp_path: Path) -> None:
    rows = [r[:-1] for r in HAND[3:]]
    _write(tmp_path, "employees", EMP, rows)
    (tmp_path / "ligestat.toml").write_text('organisation = "Beta"\n', encoding="utf-8")
    doc = api.tables(tmp_path, year=2025)
    assert [r["department"] for r in doc["tables"]["managers_level_2"]] == ["total"]


# -- the property: identical to each organisation's rows alone ------------------------------


def _generated(folder: Path, seed: int) -> dict[str, dict[str, Any]]:
    """3–5 organisations: one without departments, one of men only, tiny ones."""
    rnd = random.Random(seed)
    n_orgs = rnd.randint(3, 5)
    orgs: dict[str, dict[str, Any]] = {}
    for i in range(n_orgs):
        oid = f"{rnd.randint(10000000, 99999999)}"
        depts = [] if i == 0 else [f"D{j}" for j in range(rnd.randint(1, 3))]
        size = rnd.choice([3, 6, 40, 120]) if i > 1 else (30 if i == 0 else 8)
        genders = ["man"] if i == 1 else ["woman", "man", "woman", "other"]
        orgs[oid] = {"name": f"Org {i}", "depts": depts, "size": size, "genders": genders,
                     "rows": {t: [] for t in TABLES}}
    for o in orgs.values():
        for k in range(o["size"]):
            eid = f"E{k:04d}"  # the same ids in every organisation
            g = rnd.choice(o["genders"])
            d = rnd.choice(o["depts"]) if o["depts"] else ""
            level = rnd.choice([1, 2, 2, "", "", "", "", ""])
            o["rows"]["employees"].append(
                ("2024-09-30", eid, g, rnd.randint(1960, 2004), d,
                 rnd.choice(["Adm", "Tek", "Pæd"]), level, rnd.choice(["", "", "trainee"])))
            if rnd.random() < 0.5:
                o["rows"]["parental_leave"].append(
                    (eid, g, d, f"2023-0{rnd.randint(1, 9)}-15", rnd.choice([2, 11, 12.5, 20])))
            o["rows"]["child_sick_days"].append(
                (rnd.choice([2023, 2024]), eid, g, d, rnd.choice(["true", "false"]),
                 rnd.choice([0, 1, 2.5])))
            o["rows"]["pay"].append((2024, eid, g, d, rnd.choice(["A", "B"]),
                                     rnd.choice([300000, 350000, 410000]),
                                     rnd.choice([0, 0, 5000]), rnd.choice([1924, 962])))
    for table, cols in TABLES.items():
        rows = [(*r, oid) for oid, o in orgs.items() for r in o["rows"][table]]
        rnd.shuffle(rows)  # the organisations' rows interleaved
        _write(folder, table, (*cols, "organisation"), rows)
    lines = ['organisation = "Generated"', "[disclosure]", 'policy = "standard"']
    for oid, o in orgs.items():
        lines += [f'[organisations."{oid}"]', f'name = "{o["name"]}"']
        lines += [f'[organisations."{oid}".departments.{d}]' for d in o["depts"]]
    (folder / "ligestat.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return orgs


def _alone(folder: Path, org: dict[str, Any]) -> Path:
    for table, cols in TABLES.items():
        _write(folder, table, cols, org["rows"][table])
    lines = [f'organisation = "{org["name"]}"', "[disclosure]", 'policy = "standard"']
    lines += [f"[departments.{d}]" for d in org["depts"]]
    (folder / "ligestat.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("disclosure", ["standard", "public"])
def test_each_organisation_is_exactly_its_rows_alone(tmp_path: Path, seed: int,
                                                     disclosure: str) -> None:
    orgs = _generated(tmp_path / "all", seed)
    doc = api.tables(tmp_path / "all", year=2025, disclosure=disclosure)
    assert list(doc["organisations"]) == sorted(orgs)
    suppressed = 0
    for oid, org in orgs.items():
        alone = api.tables(_alone(tmp_path / oid, org), year=2025, disclosure=disclosure)
        assert doc["organisations"][oid] == alone, oid
        suppressed += sum(bool(r.get("suppressed")) for rows in alone["tables"].values()
                          for r in rows)
    if disclosure == "standard":
        assert suppressed > 0  # the tiny organisations are protected


def test_a_workspace_holds_many_organisations(tmp_path: Path) -> None:
    orgs = _generated(tmp_path / "all", 4)
    ws_path = tmp_path / "ws.duckdb"
    with api.Workspace.open(ws_path) as ws:
        ws.import_data(tmp_path / "all")
    from_ws = api.tables(workspace=ws_path, year=2025)
    assert from_ws == api.tables(tmp_path / "all", year=2025)
    assert list(from_ws["organisations"]) == sorted(orgs)


# -- the command line ----------------------------------------------------------------------


def test_cli_writes_every_output(tmp_path: Path) -> None:
    data = _hand(tmp_path / "data")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "tables", str(data), "--year", "2025", "--json", str(tmp_path / "all.json"),
        "--json-dir", str(out), "--parquet", str(tmp_path / "long.parquet"),
        "--compare", str(tmp_path / "cmp.csv")])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == ["A1.json", "B2.json"]
    assert json.loads((out / "B2.json").read_text(encoding="utf-8")) == \
        doc["organisations"]["B2"]
    import duckdb

    con = duckdb.connect()
    (value, flag, hidden), = con.execute(
        "SELECT value, flag, suppressed FROM read_parquet(?) WHERE organisation = 'A1' AND "
        "\"table\" = 'staff_gender' AND gender = 'woman' AND \"column\" = 'n'",
        [str(tmp_path / "long.parquet")]).fetchall()
    assert (value, flag, hidden) == (2.0, None, False)
    (met,), = con.execute(
        "SELECT flag FROM read_parquet(?) WHERE organisation = 'A1' AND \"table\" = "
        "'managers_level_1' AND department = 'total' AND \"column\" = 'target_met'",
        [str(tmp_path / "long.parquet")]).fetchall()
    assert met is True
    with (tmp_path / "cmp.csv").open(encoding="utf-8") as f:
        cmp = list(csv.DictReader(f))
    assert [(r["organisation"], r["staff"], r["rank_staff"]) for r in cmp] == [
        ("A1", "3", "1"), ("B2", "2", "2")]


def test_cli_prints_the_comparison_or_one_organisation(tmp_path: Path) -> None:
    data = _hand(tmp_path)
    result = CliRunner().invoke(app, ["tables", str(data), "--year", "2025"], env={
        "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2 organisations, 2025" in result.output and "Beta" in result.output
    one = CliRunner().invoke(app, ["tables", str(data), "--year", "2025", "--organisation",
                                   "B2"], env={"COLUMNS": "200"})
    assert one.exit_code == 0 and "Beta" in one.output and "Alfa" not in one.output
    bad = CliRunner().invoke(app, ["tables", str(data), "--year", "2025", "--organisation",
                                   "C3"])
    assert bad.exit_code == 1
    assert "--organisation 'C3' is not among the organisations: A1, B2" in bad.output


def test_many_organisation_options_need_many_organisations(tmp_path: Path) -> None:
    _write(tmp_path, "employees", EMP, [r[:-1] for r in HAND[3:]])
    (tmp_path / "ligestat.toml").write_text('organisation = "Beta"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["tables", str(tmp_path), "--year", "2025",
                                      "--parquet", str(tmp_path / "x.parquet")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "for a data set of many organisations only" in result.output


def test_a_report_per_organisation_on_request(tmp_path: Path) -> None:
    data = _hand(tmp_path / "data")
    result = CliRunner().invoke(app, ["report", str(data), "--year", "2025", "--organisation",
                                      "B2", "--out", str(tmp_path / "out"), "--format", "html"])
    assert result.exit_code == 0, result.output
    (html,) = (tmp_path / "out").glob("*.html")
    text = html.read_text(encoding="utf-8")
    assert "Beta" in text and "Alfa" not in text
    none = CliRunner().invoke(app, ["report", str(data), "--year", "2025",
                                    "--out", str(tmp_path / "x"), "--format", "html"])
    assert none.exit_code == 1
    assert "give --organisation ID, one of A1, B2" in none.output


def test_all_organisations_are_never_published_as_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["audit-disclosure", str(_hand(tmp_path)), "--year",
                                      "2025"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "published organisation by organisation" in result.output
