"""The register's security, on SQLite and on PostgreSQL: every refusal changes nothing."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from sqlalchemy import func, select, text

from ligestat.register import Database
from ligestat.register.auth import MAX_FAILURES
from ligestat.register.models import AuditEntry, Initiative, Session, Update, User

NEW = {"title": "Sofies indsats", "audience": "citizens", "focus_area": "LGBT+", "lead": "SOF"}


def _state(db: Database) -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    with db.read() as s:
        return (
            tuple(s.execute(select(Update.id, Update.state, Update.status, Update.description,
                                   Update.comment).order_by(Update.id)).all()),
            tuple(s.execute(select(Initiative.id, Initiative.title).order_by(Initiative.id))
                  .all()),
            tuple(s.execute(select(User.id, User.role, User.department).order_by(User.id))
                  .all()),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def _sofie_draft(as_user: Any, description: str = "SOF kladde-tekst") -> tuple[Any, int]:
    sofie = as_user("sofie")
    r = sofie.post("/initiatives/new", NEW)
    assert r.status_code == 303, r.text
    ini = int(r.headers["location"].split("/")[2])
    r = sofie.post(f"/initiatives/{ini}/updates/2025/edit",
                   {"status": "ongoing", "description": description})
    assert r.status_code == 303, r.text
    return sofie, ini


def test_coordinator_cannot_read_another_departments_draft(as_user: Any, db: Database) -> None:
    _sofie, ini = _sofie_draft(as_user)
    anna = as_user("anna")
    for url in (f"/initiatives/{ini}?year=2025", f"/initiatives/{ini}/updates/2025/edit",
                f"/initiatives/{ini}/edit"):
        r = anna.get(url)
        assert r.status_code == 403, url
        assert "SOF kladde-tekst" not in r.text
    assert "Sofies indsats" not in anna.get("/?year=2025").text
    assert "Sofies indsats" in as_user("eva").get("/?year=2025").text


def test_coordinator_edits_of_another_departments_initiative_are_refused(
        as_user: Any, db: Database) -> None:
    _sofie, ini = _sofie_draft(as_user)
    anna = as_user("anna")
    before = _state(db)
    attempts = [
        (f"/initiatives/{ini}/updates/2025/edit", {"status": "paused", "description": "hacked"}),
        (f"/initiatives/{ini}/edit", {**NEW, "title": "hacked", "lead": "BUF"}),
        (f"/initiatives/{ini}/updates/2025/submit", {}),
        (f"/initiatives/{ini}/updates/2025/copy", {}),
        (f"/initiatives/{ini}/updates/2024/edit", {"status": "paused", "description": "x"}),
    ]
    for url, data in attempts:
        assert anna.post(url, data).status_code == 403, url
    assert _state(db) == before


def test_coordinator_cannot_create_for_another_department(as_user: Any, db: Database) -> None:
    before = _state(db)
    assert as_user("anna").post("/initiatives/new", NEW).status_code == 403
    assert _state(db) == before


def test_only_editors_approve_or_return(as_user: Any, db: Database) -> None:
    sofie, ini = _sofie_draft(as_user)
    assert sofie.post(f"/initiatives/{ini}/updates/2025/submit").status_code == 303
    before = _state(db)
    for who in ("sofie", "anna", "vic", "adam"):
        b = sofie if who == "sofie" else as_user(who)
        assert b.post(f"/initiatives/{ini}/updates/2025/approve").status_code == 403, who
        assert b.post(f"/initiatives/{ini}/updates/2025/return",
                      {"comment": "nej"}).status_code == 403, who
    assert _state(db) == before
    assert as_user("eva").post(f"/initiatives/{ini}/updates/2025/approve").status_code == 303
    with db.read() as s:
        assert s.scalar(select(Update.state)) == "approved"


def test_nobody_but_an_admin_changes_roles(as_user: Any, db: Database) -> None:
    with db.read() as s:
        ids = dict(s.execute(select(User.name, User.id)).all())  # type: ignore[arg-type]
    before = _state(db)
    for who in ("anna", "eva", "vic"):
        b = as_user(who)
        r = b.post(f"/users/{ids[who]}/role", {"role": "admin", "department": ""})
        assert r.status_code == 403, who
        assert b.get("/users").status_code == 403
    adam = as_user("adam")
    assert adam.post(f"/users/{ids['adam']}/role", {"role": "viewer"}).status_code == 403
    assert _state(db) == before
    assert adam.post(f"/users/{ids['vic']}/role", {"role": "editor"}).status_code == 303
    with db.read() as s:
        assert s.scalar(select(User.role).where(User.name == "vic")) == "editor"


def test_only_editors_and_admins_read_the_audit_log(as_user: Any, db: Database) -> None:
    _sofie_draft(as_user)
    before = _state(db)
    for who in ("anna", "sofie", "vic"):
        b = as_user(who)
        assert b.get("/audit").status_code == 403
        assert b.get("/audit.csv").status_code == 403
    assert _state(db) == before
    for who in ("eva", "adam"):
        r = as_user(who).get("/audit.csv")
        assert r.status_code == 200 and "initiative.create" in r.text


def test_state_changes_without_a_valid_csrf_token_are_rejected(as_user: Any,
                                                               db: Database) -> None:
    anna = as_user("anna")
    mine = {**NEW, "lead": "BUF"}
    before = _state(db)
    assert anna.post("/initiatives/new", mine, csrf=False).status_code == 403
    assert anna.post("/initiatives/new", {**mine, "csrf": "forged"}).status_code == 403
    other = as_user("sofie")
    assert anna.post("/initiatives/new", {**mine, "csrf": other.csrf}).status_code == 403
    assert anna.post("/logout", csrf=False).status_code == 403
    assert _state(db) == before
    # the header HTMX sends counts like the form field
    r = anna.client.post("/initiatives/new", data=mine, follow_redirects=False,
                         headers={"X-CSRF-Token": anna.csrf})
    assert r.status_code == 303


def test_login_form_needs_its_token(make_app: Any, accounts: dict[str, str]) -> None:
    from starlette.testclient import TestClient

    client = TestClient(make_app(), base_url="https://testserver")
    r = client.post("/login", data={"name": "anna", "password": "correct horse battery"},
                    follow_redirects=False)
    assert r.status_code == 403 and "set-cookie" not in r.headers


def test_repeated_wrong_passwords_throttle_the_account(make_app: Any, accounts: dict[str, str],
                                                       db: Database, browser_cls: Any) -> None:
    Browser = browser_cls
    app = make_app()
    b = Browser(app)
    for _ in range(MAX_FAILURES):
        assert b.login("anna", "wrong password!").status_code == 401
    r = b.login("anna")
    assert r.status_code == 429
    assert "__Host-ligestat=" not in r.headers.get("set-cookie", "")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Session)) == 0
    assert Browser(app).login("sofie").status_code == 303  # other accounts are not locked


HOSTILE = """Et afsnit <script>alert(1)</script> med [et link](javascript:alert(1)) og
[et andet](JAVASCRIPT:alert(2)) og <img src=x onerror="alert(3)"> og
<a href="https://x" onclick="alert(4)">klik</a> og [data](data:text/html,<b>x</b>)
og [godt](https://www.kk.dk)."""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_markdown_with_scripts_and_hostile_links_renders_inert(as_user: Any) -> None:
    anna = as_user("anna")
    r = anna.post("/initiatives/new", {**NEW, "lead": "BUF"})
    ini = int(r.headers["location"].split("/")[2])
    anna.post(f"/initiatives/{ini}/updates/2025/edit", {"status": "ongoing",
                                                         "description": HOSTILE})
    pages = [anna.get(f"/initiatives/{ini}?year=2025").text,
             anna.post("/preview", {"description": HOSTILE}).text]
    for page in pages:
        parser = _Tags()
        parser.feed(page)
        scripts = [a for t, a in parser.tags if t == "script"]
        assert all(dict(a).get("src") == "/static/htmx.min.js" for a in scripts)
        for tag, attrs in parser.tags:
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name)
                assert not (value or "").strip().lower().startswith(("javascript:", "data:")), tag
        assert "&lt;script&gt;" in page
        assert 'href="https://www.kk.dk"' in page


def _audited(db: Database) -> list[dict[str, Any]]:
    with db.read() as s:
        return [{"actor": e.actor, "action": e.action, "id": e.entity_id,
                 "before": json.loads(e.before) if e.before else None,
                 "after": json.loads(e.after) if e.after else None}
                for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_every_change_is_in_the_audit_log_with_before_and_after(as_user: Any,
                                                                db: Database) -> None:
    start = len(_audited(db))
    sofie, ini = _sofie_draft(as_user, "første udgave")
    sofie.post(f"/initiatives/{ini}/edit", {**NEW, "title": "Nyt navn"})
    sofie.post(f"/initiatives/{ini}/updates/2025/submit")
    eva = as_user("eva")
    eva.post(f"/initiatives/{ini}/updates/2025/return", {"comment": "Tilføj nøgletal"})
    sofie.post(f"/initiatives/{ini}/updates/2025/edit",
               {"status": "completed", "description": "anden udgave", "key_figures": "12"})
    sofie.post(f"/initiatives/{ini}/updates/2025/submit")
    eva.post(f"/initiatives/{ini}/updates/2025/approve")
    log = _audited(db)[start:]
    assert [(e["actor"], e["action"]) for e in log] == [
        ("sofie", "initiative.create"), ("sofie", "update.create"), ("sofie", "initiative.edit"),
        ("sofie", "update.submit"), ("eva", "update.return"), ("sofie", "update.save"),
        ("sofie", "update.submit"), ("eva", "update.approve")]
    assert log[0]["before"] is None and log[0]["after"]["title"] == "Sofies indsats"
    assert log[2]["before"]["title"] == "Sofies indsats" and log[2]["after"]["title"] == "Nyt navn"
    assert log[4]["before"]["state"] == "submitted"
    assert log[4]["after"] == {**log[4]["before"], "state": "returned",
                               "comment": "Tilføj nøgletal"}
    assert log[5]["before"]["description"] == "første udgave"
    assert log[5]["after"]["description"] == "anden udgave"
    assert log[5]["after"]["key_figures"] == "12"
    assert log[-1]["after"]["state"] == "approved"
    with db.read() as s:  # the log's last "after" is what is stored
        upd = s.scalars(select(Update)).one()
        assert (upd.state, upd.description, upd.status) == ("approved", "anden udgave",
                                                            "completed")


def test_the_audit_log_is_append_only_in_the_database(as_user: Any, db: Database) -> None:
    _sofie_draft(as_user)
    n = len(_audited(db))
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), db.write() as s:
            s.execute(text(sql))
    assert len(_audited(db)) == n


def test_pages_carry_security_headers_and_the_session_cookie_is_locked_down(
        make_app: Any, accounts: dict[str, str], browser_cls: Any) -> None:
    b = browser_cls(make_app())
    r = b.login("anna")
    cookie = r.headers["set-cookie"].lower()
    for flag in ("httponly", "secure", "samesite=strict", "path=/", "max-age="):
        assert flag in cookie
    for url in ("/", "/login", "/static/htmx.min.js", "/static/register.css"):
        h = b.get(url).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"


def test_expired_sessions_are_refused(make_app: Any, accounts: dict[str, str],
                                      browser_cls: Any) -> None:
    b = browser_cls(make_app(session_hours=-1))
    assert b.login("anna").status_code == 303
    assert b.get("/").headers["location"].startswith("/login")


def test_every_route_names_a_policy_action(make_app: Any) -> None:
    from ligestat.register.policy import ACTIONS

    actions = make_app().state.actions
    public = {k for k, v in actions.items() if v == "public"}
    assert public == {"GET /login", "POST /login"}
    assert all(v in ACTIONS for k, v in actions.items() if k not in public)
