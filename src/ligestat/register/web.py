"""The web layer's plumbing: guarded routes, sessions from cookies, CSRF, headers, errors.

Every route is declared with ``Routes.page(path, action)``. The wrapper loads
the session, checks the CSRF token of every state-changing request, asks
``policy.require`` for the route's action and only then runs the view (in a
worker thread, as views talk to the database). Errors from the library become
a status page here, once.
"""

from __future__ import annotations

import secrets
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ligestat.config import Config
from ligestat.errors import AccessDenied, LigestatError, RegisterError
from ligestat.register.auth import session_for
from ligestat.register.db import Database
from ligestat.register.models import User
from ligestat.register.policy import ACTIONS, can, require

__all__ = ["COOKIE", "LANGS", "Ctx", "Routes", "SecurityHeaders", "Site"]

COOKIE = "__Host-ligestat"
LOGIN_COOKIE = "__Host-ligestat-login"
LANGS = ("da", "en")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def _labels() -> dict[str, dict[str, str]]:
    raw = tomllib.loads((Path(__file__).parent / "labels.toml").read_text(encoding="utf-8"))
    return {lang: dict(raw[lang]) for lang in LANGS}


@dataclass
class Site:
    """What every view needs: the database, the organisation config, the report year."""

    db: Database
    config: Config
    year: int
    workspace: Path | None = None
    session_hours: float = 8.0
    labels: dict[str, dict[str, str]] = field(default_factory=_labels)
    cache: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.env = Environment(loader=PackageLoader("ligestat.register", "templates"),
                               autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)

    @property
    def departments(self) -> tuple[str, ...]:
        return self.config.department_codes


@dataclass
class Ctx:
    """One request, as a view sees it."""

    site: Site
    request: Request
    user: User | None
    csrf: str
    lang: str
    form: Mapping[str, str]
    lists: Mapping[str, list[str]]
    files: Mapping[str, bytes]

    def t(self, key: str, **kw: Any) -> str:
        text = self.site.labels[self.lang].get(key) or self.site.labels["da"].get(key, key)
        return text.format(**kw) if kw else text

    def message(self, exc: LigestatError) -> str:
        """An error as the page's language says it (``RegisterError.key``); the English
        text for errors without one."""
        key = getattr(exc, "key", None)
        if key is None or key not in self.site.labels[self.lang]:
            return str(exc)
        params = dict(getattr(exc, "params", {}))
        if "state" in params:  # draft, submitted, … in the page's words
            params["state"] = self.t(f"state_{params['state']}")
        return self.t(key, **params)

    @property
    def me(self) -> User:
        assert self.user is not None  # every route but login has a user
        return self.user

    def param(self, name: str) -> int:
        try:
            return int(self.request.path_params[name])
        except (KeyError, ValueError):
            raise RegisterError(f"{name} must be a number", key="err_not_a_number",
                                name=name) from None

    @property
    def year(self) -> int:
        raw = self.request.query_params.get("year") or self.form.get("year")
        if raw and raw.isdigit() and 1900 < int(raw) < 2200:
            return int(raw)
        return self.site.year

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = self.site.env.get_template(template).render(
            t=self.t, me=self.user, csrf=self.csrf, lang=self.lang, year=self.year,
            can=lambda action, obj=None: can(self.user, action, obj),
            path=self.request.url.path, **values)
        return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})

    def redirect(self, url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)


View = Callable[[Ctx], Response]


def _lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get("lang")
    return cookie if cookie in LANGS else "da"


def _error_page(site: Site, request: Request, user: User | None, csrf: str, lang: str,
                exc: LigestatError) -> Response:
    status = exc.status if isinstance(exc, RegisterError) else 400
    ctx = Ctx(site, request, user, csrf, lang, {}, {}, {})
    message = ctx.message(exc)
    if request.headers.get("hx-request"):
        return HTMLResponse(f'<p class="error" role="alert">{_escape(message)}</p>',
                            status_code=status)
    return ctx.render("error.html", status=status, message=message, status_code=status)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


class Routes:
    """The app's routes; each declares the policy action it needs."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.routes: list[Route] = []
        self.actions: dict[str, str] = {}  # "METHOD path" → action (None: public)

    def page(self, path: str, action: str | None, methods: tuple[str, ...] = ("GET",)
             ) -> Callable[[View], View]:
        if action is not None and action not in ACTIONS:
            raise ValueError(f"{path}: unknown action {action}")

        def wrap(view: View) -> View:
            async def endpoint(request: Request) -> Response:
                return await self._handle(request, view, action)

            self.routes.append(Route(path, endpoint, methods=list(methods),
                                     name=view.__name__))
            for m in methods:
                self.actions[f"{m} {path}"] = action or "public"
            return view

        return wrap

    async def _handle(self, request: Request, view: View, action: str | None) -> Response:
        site = self.site
        lang = _lang(request)
        form: dict[str, str] = {}
        lists: dict[str, list[str]] = {}
        files: dict[str, bytes] = {}
        if request.method == "POST":
            try:
                data = await request.form(max_files=1, max_fields=100, max_part_size=1 << 20)
            except Exception:
                return Response("bad form data", status_code=400)
            for k, v in data.multi_items():
                if isinstance(v, UploadFile):
                    files[k] = await v.read(5 << 20)
                else:
                    lists.setdefault(k, []).append(v)
                    form.setdefault(k, v)
        token = request.cookies.get(COOKIE)

        def run() -> Response:
            with site.db.read() as s:
                sess = session_for(s, token)
                user, csrf = (sess.user, sess.csrf) if sess is not None else (None, "")
            try:
                if action is not None:
                    if user is None:
                        if request.method == "GET" and not request.headers.get("hx-request"):
                            return RedirectResponse(f"/login?next={request.url.path}", 303)
                        raise AccessDenied("log in first")
                    if request.method != "GET":
                        sent = form.get("csrf") or request.headers.get("x-csrf-token", "")
                        if not secrets.compare_digest(sent.encode(), csrf.encode()):
                            raise AccessDenied("the form's security token is missing or old; "
                                               "reload the page and try again")
                    require(user, action)
                return view(Ctx(site, request, user, csrf, lang, form, lists, files))
            except LigestatError as exc:
                return _error_page(site, request, user, csrf, lang, exc)

        response = await run_in_threadpool(run)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, secure=True,
                                httponly=True, samesite="lax")
        return response


class SecurityHeaders:
    """Adds the security headers to every response (pages, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _v in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      *(h for h in HEADERS if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
