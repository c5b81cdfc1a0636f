"""Small pieces of the web layer: words in both languages, database URLs, HTMX fragments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ligestat.errors import RegisterError
from ligestat.register.db import database_url
from ligestat.register.web import _labels


def test_every_word_exists_in_danish_and_english() -> None:
    labels = _labels()
    assert set(labels["da"]) == set(labels["en"])
    assert all(labels["da"].values()) and all(labels["en"].values())


def test_database_urls(tmp_path: Path) -> None:
    ws = tmp_path / "kk.duckdb"
    assert database_url(None, ws) == f"sqlite:///{tmp_path / 'kk.register.sqlite'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(str(tmp_path / "r.sqlite")) == f"sqlite:///{tmp_path / 'r.sqlite'}"
    with pytest.raises(RegisterError, match="sqlite:///FILE or postgresql"):
        database_url("mysql://x/y")


def test_pages_in_english_and_htmx_list_fragment(as_user: Any) -> None:
    eva = as_user("eva")
    r = eva.get("/?lang=en")
    assert '<html lang="en">' in r.text and "Initiatives 2025" in r.text
    assert "lang=en" in r.headers["set-cookie"]
    frag = eva.client.get("/?department=BUF", headers={"HX-Request": "true"})
    assert frag.text.lstrip().startswith('<div id="rows">') and "<html" not in frag.text


def test_errors_are_status_pages_in_the_users_language(as_user: Any) -> None:
    anna = as_user("anna")
    r = anna.get("/audit")
    assert r.status_code == 403 and "Din konto har ikke adgang til dette." in r.text
    assert anna.get("/initiatives/999").status_code == 404
    r = anna.post("/initiatives/new", {"title": "", "audience": "citizens", "focus_area": "x",
                                       "lead": "BUF"})
    assert r.status_code == 400 and "title" in r.text
