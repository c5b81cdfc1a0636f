"""The register's web routes: parse the request, call the library, render a template.

Authorisation lives in ``policy`` (each route names its action; objects are
loaded through ``store``), sessions and CSRF in ``web``. Nothing here decides
who may do what.
"""

from __future__ import annotations

import secrets
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ligestat.config import Config
from ligestat.errors import AccessDenied, NotFound, RegisterError
from ligestat.register import audit, auth, exchange, store
from ligestat.register.db import Database
from ligestat.register.markdown import render_markdown
from ligestat.register.models import AUDIENCES, ROLES, STATUSES, User
from ligestat.register.policy import can, require
from ligestat.register.store import InitiativeFields, UpdateFields
from ligestat.register.targets import targets_overview
from ligestat.register.web import COOKIE, LOGIN_COOKIE, Ctx, Routes, SecurityHeaders, Site

__all__ = ["create_app"]


def _initiative_fields(c: Ctx) -> InitiativeFields:
    codes = tuple(v for v in c.lists.get("departments", []) if v)
    lead = c.form.get("lead", "")
    ordered = (lead, *(d for d in codes if d != lead)) if lead else codes
    return InitiativeFields(c.form.get("audience", ""), c.form.get("focus_area", ""),
                            c.form.get("title", ""), ordered,
                            c.form.get("cross_cutting") == "true", c.form.get("contact", ""))


def _update_fields(c: Ctx) -> UpdateFields:
    return UpdateFields(c.form.get("status", ""), c.form.get("period", ""),
                        c.form.get("key_figures", ""), c.form.get("description", ""))


def _client(c: Ctx) -> str:
    return c.request.client.host if c.request.client else "unknown"


def _safe_next(url: str | None) -> str:
    return url if url and url.startswith("/") and not url.startswith("//") else "/"


def routes(site: Site) -> Routes:
    r = Routes(site)

    # -- logging in and out ---------------------------------------------------------
    @r.page("/login", None, ("GET", "POST"))
    def login(c: Ctx) -> Response:
        token = c.request.cookies.get(LOGIN_COOKIE, "")
        error, status = "", 200
        if c.request.method == "POST":
            sent = c.form.get("csrf", "")
            if not token or not secrets.compare_digest(sent.encode(), token.encode()):
                raise AccessDenied("the login form's security token is missing or old; "
                                   "reload the page")
            try:
                got = auth.log_in(site.db, c.form.get("name", ""), c.form.get("password", ""),
                                  _client(c), site.session_hours)
            except RegisterError as exc:
                throttled = exc.status == 429
                error = c.t("throttled") if throttled else c.t("wrong_login")
                status = 429 if throttled else 401
            else:
                resp = c.redirect(_safe_next(c.form.get("next")))
                resp.set_cookie(COOKIE, got.token, max_age=got.expires_in, secure=True,
                                httponly=True, samesite="strict", path="/")
                resp.delete_cookie(LOGIN_COOKIE, path="/", secure=True, httponly=True)
                return resp
        token = secrets.token_urlsafe(32)
        c.csrf = token
        page = c.render("login.html", status=status, error=error,
                        next=_safe_next(c.request.query_params.get("next")
                                        or c.form.get("next")))
        page.set_cookie(LOGIN_COOKIE, token, max_age=3600, secure=True, httponly=True,
                        samesite="strict", path="/")
        return page

    @r.page("/logout", "account.self", ("POST",))
    def logout(c: Ctx) -> Response:
        auth.log_out(site.db, c.request.cookies.get(COOKIE, ""))
        resp = c.redirect("/login")
        resp.delete_cookie(COOKIE, path="/", secure=True, httponly=True)
        return resp

    # -- initiatives --------------------------------------------------------------
    @r.page("/", "initiative.list")
    def index(c: Ctx) -> Response:
        dept = c.request.query_params.get("department", "")
        with site.db.read() as s:
            items = store.list_initiatives(s, c.me)
        if dept:
            items = [i for i in items if dept in i.codes]
        rows = [(i, i.update_for(c.year)) for i in items]
        rows = [(i, u if u is not None and can_read(c, u) else None) for i, u in rows]
        template = "list_rows.html" if c.request.headers.get("hx-request") else "list.html"
        return c.render(template, rows=rows, department=dept, departments=site.departments)

    def can_read(c: Ctx, upd: object) -> bool:
        return can(c.me, "update.read", upd)

    @r.page("/initiatives/new", "initiative.list", ("GET", "POST"))
    def new_initiative(c: Ctx) -> Response:
        fields = InitiativeFields("citizens", "", "", (c.me.department or "",))
        if c.request.method == "POST":
            fields = _initiative_fields(c)
            try:
                with site.db.write() as s:
                    ini = store.create_initiative(s, c.me, fields, site.departments)
                return c.redirect(f"/initiatives/{ini.id}/updates/{c.year}/edit")
            except AccessDenied:
                raise
            except RegisterError as exc:
                return c.render("initiative_form.html", status=400, ini=None, f=fields,
                                error=c.message(exc), **_choices(site))
        return c.render("initiative_form.html", ini=None, f=fields, error="", **_choices(site))

    @r.page("/initiatives/{id:int}", "initiative.list")
    def show(c: Ctx) -> Response:
        with site.db.read() as s:
            ini = store.get_initiative(s, c.me, c.param("id"))
        updates = [u for u in ini.updates if can_read(c, u)]
        current = next((u for u in updates if u.year == c.year), None)
        return c.render("initiative.html", ini=ini, updates=updates, current=current,
                        html=render_markdown, has_earlier=any(u.year < c.year
                                                              for u in ini.updates))

    @r.page("/initiatives/{id:int}/edit", "initiative.list", ("GET", "POST"))
    def edit(c: Ctx) -> Response:
        with site.db.read() as s:
            ini = store.get_initiative(s, c.me, c.param("id"), "initiative.edit")
        fields = InitiativeFields(ini.audience, ini.focus_area, ini.title, ini.codes,
                                  ini.cross_cutting, ini.contact)
        if c.request.method == "POST":
            fields = _initiative_fields(c)
            try:
                with site.db.write() as s:
                    ini = store.get_initiative(s, c.me, c.param("id"), "initiative.edit")
                    store.edit_initiative(s, c.me, ini, fields, site.departments)
                return c.redirect(f"/initiatives/{ini.id}?year={c.year}")
            except AccessDenied:
                raise
            except RegisterError as exc:
                return c.render("initiative_form.html", status=400, ini=ini, f=fields,
                                error=c.message(exc), **_choices(site))
        return c.render("initiative_form.html", ini=ini, f=fields, error="", **_choices(site))

    @r.page("/initiatives/{id:int}/updates/{year:int}/edit", "initiative.list",
            ("GET", "POST"))
    def edit_update(c: Ctx) -> Response:
        year = c.param("year")
        with site.db.read() as s:
            ini = store.get_initiative(s, c.me, c.param("id"), "initiative.edit")
        upd = ini.update_for(year)
        if upd is not None:
            require(c.me, "update.edit", upd)
        fields = (UpdateFields(upd.status, upd.period, upd.key_figures, upd.description)
                  if upd is not None else UpdateFields("ongoing"))
        if c.request.method == "POST":
            fields = _update_fields(c)
            try:
                with site.db.write() as s:
                    ini = store.get_initiative(s, c.me, c.param("id"), "initiative.edit")
                    store.save_update(s, c.me, ini, year, fields)
                return c.redirect(f"/initiatives/{ini.id}?year={year}")
            except AccessDenied:
                raise
            except RegisterError as exc:
                return c.render("update_form.html", status=400, ini=ini, upd=upd, f=fields,
                                form_year=year, error=c.message(exc), statuses=STATUSES)
        return c.render("update_form.html", ini=ini, upd=upd, f=fields, form_year=year,
                        error="", statuses=STATUSES)

    def _step(name: str) -> None:
        @r.page(f"/initiatives/{{id:int}}/updates/{{year:int}}/{name}", "initiative.list",
                ("POST",))
        def step(c: Ctx) -> Response:
            year = c.param("year")
            with site.db.write() as s:
                if name == "copy":
                    ini = store.get_initiative(s, c.me, c.param("id"), "initiative.edit")
                    store.copy_forward(s, c.me, ini, year)
                    return c.redirect(f"/initiatives/{ini.id}/updates/{year}/edit")
                upd = store.get_update(s, c.me, c.param("id"), year)
                if name == "submit":
                    store.submit(s, c.me, upd)
                elif name == "return":
                    store.return_update(s, c.me, upd, c.form.get("comment", ""))
                else:
                    store.approve(s, c.me, upd)
            back = "/review" if name in ("return", "approve") else f"/initiatives/{c.param('id')}"
            return c.redirect(f"{back}?year={year}")

        step.__name__ = f"update_{name}"

    for _name in ("submit", "copy", "return", "approve"):
        _step(_name)

    @r.page("/preview", "account.self", ("POST",))
    def preview(c: Ctx) -> Response:
        return HTMLResponse(str(render_markdown(c.form.get("description", ""))))

    # -- the equality unit's pages -----------------------------------------------------
    @r.page("/review", "review.list")
    def review(c: Ctx) -> Response:
        with site.db.read() as s:
            queue = store.review_queue(s, c.me, c.year)
        return c.render("review.html", queue=queue, html=render_markdown)

    @r.page("/audit", "audit.read")
    def audit_log(c: Ctx) -> Response:
        with site.db.read() as s:
            items = audit.entries(s, limit=500)
        return c.render("audit.html", entries=items)

    @r.page("/audit.csv", "audit.read")
    def audit_csv(c: Ctx) -> Response:
        with site.db.read() as s:
            text = audit.export_csv(s)
        return Response(text, media_type="text/csv; charset=utf-8", headers={
            "content-disposition": 'attachment; filename="audit-log.csv"'})

    @r.page("/initiatives.csv", "register.export")
    def export(c: Ctx) -> Response:
        with site.db.read() as s:
            text = exchange.export_csv(s, c.me, c.year)
        return Response(text, media_type="text/csv; charset=utf-8", headers={
            "content-disposition": f'attachment; filename="initiatives-{c.year}.csv"'})

    @r.page("/import", "register.import", ("POST",))
    def import_(c: Ctx) -> Response:
        data = c.files.get("file")
        if not data:
            raise RegisterError("choose an initiatives.csv file to import", key="err_no_file")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "initiatives.csv"
            path.write_bytes(data)
            with site.db.write() as s:
                exchange.import_csv(s, c.me, path, c.year, site.departments)
        return c.redirect(f"/?year={c.year}")

    @r.page("/targets", "targets.read")
    def targets(c: Ctx) -> Response:
        overview = targets_overview(site, c.year, c.lang)
        return c.render("targets.html", overview=overview)

    # -- accounts ---------------------------------------------------------------------
    @r.page("/users", "user.manage", ("GET", "POST"))
    def users(c: Ctx) -> Response:
        from sqlalchemy import select

        created = error = ""
        if c.request.method == "POST":
            password = auth.generate_password()
            try:
                with site.db.write() as s:
                    auth.create_user(s, c.me.name, c.form.get("name", ""),
                                     c.form.get("role", ""), c.form.get("department") or None,
                                     password, site.departments)
                created = c.t("created_user", name=c.form.get("name", ""), password=password)
            except RegisterError as exc:
                error = c.message(exc)
        with site.db.read() as s:
            accounts = list(s.scalars(select(User).order_by(User.name)))
        return c.render("users.html", accounts=accounts, roles=ROLES, created=created,
                        error=error, departments=site.departments)

    @r.page("/users/{id:int}/role", "user.manage", ("POST",))
    def user_role(c: Ctx) -> Response:
        with site.db.write() as s:
            target = s.get(User, c.param("id"))
            if target is None:
                raise NotFound(f"no account {c.param('id')}")
            auth.set_role(s, c.me, target, c.form.get("role", ""),
                          c.form.get("department") or None, site.departments)
        return c.redirect("/users")

    return r


def _choices(site: Site) -> dict[str, Any]:
    return {"audiences": AUDIENCES, "departments": site.departments,
            "department_names": {d.code: d.name for d in site.config.departments}}


def create_app(db: Database, config: Config, *, workspace: Path | None = None,
               year: int | None = None, session_hours: float = auth.SESSION_HOURS) -> Starlette:
    """The register as an ASGI application."""
    site = Site(db, config, year or date.today().year, workspace, session_hours)
    r = routes(site)
    static = StaticFiles(directory=Path(__file__).parent / "static")
    app = Starlette(routes=[*r.routes, Mount("/static", static, name="static")])
    app.state.site = site
    app.state.actions = r.actions
    app.add_middleware(SecurityHeaders)

    async def not_found(request: object, exc: Exception) -> Response:
        return HTMLResponse("<!doctype html><title>404</title><p>Not found</p>", 404)

    app.add_exception_handler(404, not_found)
    return app

