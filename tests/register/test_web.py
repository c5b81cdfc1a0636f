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


def test_form_messages_speak_the_pages_language(as_user: Any) -> None:
    """Issue 11: a form's validation message on a Danish page is Danish, on an English
    page English — never the library's English sentence on a Danish page."""
    import html

    anna = as_user("anna")
    empty = {"title": "", "audience": "citizens", "focus_area": "x", "lead": "BUF"}
    r = anna.post("/initiatives/new", empty)
    text = html.unescape(r.text)
    assert r.status_code == 400 and "Titlen skal have 1 til 300 tegn." in text
    assert "needs 1 to" not in text
    anna.get("/?lang=en")
    r = anna.post("/initiatives/new", empty)
    assert r.status_code == 400 and "The title needs 1 to 300 characters." in html.unescape(
        r.text)
    anna.get("/?lang=da")
    r = anna.post("/initiatives/new?year=2024", {"title": "Forløb", "audience": "citizens",
                                                 "focus_area": "Skole", "lead": "BUF"})
    ini = int(r.headers["location"].split("/")[2])
    r = anna.post(f"/initiatives/{ini}/updates/2024/copy")
    assert r.status_code == 400
    assert "Der er ingen opdatering før 2024 at kopiere." in html.unescape(r.text)


def test_copy_forward_makes_this_years_draft_from_last_years_update(as_user: Any,
                                                                   db: Any) -> None:
    from sqlalchemy import select

    from ligestat.register.models import AuditEntry, Update

    anna = as_user("anna")
    r = anna.post("/initiatives/new?year=2024", {"title": "Forløb", "audience": "citizens",
                                                 "focus_area": "Skole", "lead": "BUF"})
    ini = int(r.headers["location"].split("/")[2])
    anna.post(f"/initiatives/{ini}/updates/2024/edit", {"status": "ongoing", "period": "2024",
                                                         "key_figures": "12 skoler",
                                                         "description": "Sidste år."})
    assert anna.post(f"/initiatives/{ini}/updates/2025/copy").status_code == 303
    with db.read() as s:
        new = s.scalars(select(Update).where(Update.year == 2025)).one()
        assert (new.state, new.status, new.period, new.key_figures, new.description) == (
            "draft", "ongoing", "2024", "12 skoler", "Sidste år.")
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "update.create" and last.actor == "anna"
    assert anna.post(f"/initiatives/{ini}/updates/2025/copy").status_code == 400


def test_viewers_read_approved_text_only(as_user: Any) -> None:
    anna = as_user("anna")
    r = anna.post("/initiatives/new", {"title": "Synlig", "audience": "staff",
                                       "focus_area": "Barsel", "lead": "BUF"})
    ini = int(r.headers["location"].split("/")[2])
    anna.post(f"/initiatives/{ini}/updates/2025/edit", {"status": "ongoing",
                                                         "description": "Hemmelig kladde"})
    vic = as_user("vic")
    assert vic.get(f"/initiatives/{ini}?year=2025").status_code == 403
    anna.post(f"/initiatives/{ini}/updates/2025/submit")
    as_user("eva").post(f"/initiatives/{ini}/updates/2025/approve")
    page = vic.get(f"/initiatives/{ini}?year=2025")
    assert page.status_code == 200 and "Hemmelig kladde" in page.text
    assert "Redigér" not in page.text
    assert vic.post(f"/initiatives/{ini}/updates/2025/edit",
                    {"status": "paused", "description": "x"}).status_code == 403
