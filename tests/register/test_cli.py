"""``ligestat register …`` and ``ligestat report --register`` from the shell (SQLite)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from ligestat.cli import app
from ligestat.register import database_url, open_database
from ligestat.register.auth import log_in

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "src" / "ligestat" / "synth" / "reference" / "kk-2025" / "initiatives.csv"
KK = str(ROOT / "src" / "ligestat" / "data" / "kk-2025.toml")  # the demo's config, explicitly


def test_add_user_prints_a_password_that_logs_in(tmp_path: Path, cli: CliRunner) -> None:
    db = str(tmp_path / "r.sqlite")
    r = cli.invoke(app, ["register", "add-user", "--config", KK,
                         "anna", "--role", "coordinator",
                         "--department", "BUF", "--db", db])
    assert r.exit_code == 0, r.output
    found = re.search(r"password: (\S+)", r.output)
    assert found is not None
    login = log_in(open_database(database_url(db)), "anna", found.group(1), "test")
    assert (login.user.role, login.user.department) == ("coordinator", "BUF")


def test_add_user_refuses_bad_roles_and_departments(tmp_path: Path, cli: CliRunner) -> None:
    db = str(tmp_path / "r.sqlite")
    for args, says in ((["--role", "coordinator", "--department", "XYZ"], "'XYZ'"),
                       (["--role", "coordinator"], "needs a department"),
                       (["--role", "boss"], "'boss'")):
        r = cli.invoke(app, ["register", "add-user", "--config", KK,
                         "bo", *args, "--db", db])
        assert r.exit_code == 1 and says in r.output, r.output
        assert "Traceback" not in r.output


def test_import_export_and_demo(tmp_path: Path, cli: CliRunner) -> None:
    db = str(tmp_path / "r.sqlite")
    r = cli.invoke(app, ["register", "import", "--config", KK,
                         str(REFERENCE), "--year", "2025", "--db", db])
    assert r.exit_code == 0 and "imported 55" in r.output, r.output
    out = tmp_path / "x.csv"
    r = cli.invoke(app, ["register", "export", "--config", KK,
                         "--year", "2025", "--out", str(out), "--db", db])
    assert r.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 56
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "initiatives.csv").write_bytes(REFERENCE.read_bytes())
    r = cli.invoke(app, ["register", "demo", "--config", KK,
                         str(demo), "--db", str(tmp_path / "d.sqlite")])
    assert r.exit_code == 0, r.output
    assert "55 initiatives" in r.output
    assert len(re.findall(r": \w+ / \S{20}", r.output)) == 3


def test_report_register_needs_an_existing_database(tmp_path: Path, cli: CliRunner) -> None:
    r = cli.invoke(app, ["report", str(tmp_path), "--year", "2025", "--out", str(tmp_path),
                         "--register", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 1 and "no register database here" in r.output, r.output
