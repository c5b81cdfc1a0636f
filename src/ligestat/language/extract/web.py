"""A polite, bounded crawl of one website, from a start URL, restricted to its origin.

Only pages on the start URL's scheme, host and port are fetched (redirects
elsewhere are refused, a redirect to a page already visited or queued is not
fetched again); ``robots.txt`` is honoured (``urllib.robotparser``, with its
crawl delay up to a cap; a server error on robots.txt disallows the crawl, as
RFC 9309 says); the crawl makes at most ``max_pages`` page requests (every
response counts: HTML or not, failed, or a redirect hop) and goes no deeper
than ``max_depth`` links from the start page; each page has one deadline for
connecting, headers and body together, and a size cap (after decompression
too: a page that unpacks to more is "not checked", never "0 findings").

The host is resolved once, and every request connects to that address (no
DNS rebinding between the check and the connection). Loopback, private,
link-local (cloud metadata) and other non-public addresses are refused unless
``allow_private`` is set (``--allow-intranet``). Proxy settings are not used.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from ligestat.errors import LanguageCheckError
from ligestat.language.extract.document import Document
from ligestat.language.extract.html import html_document
from ligestat.language.extract.text import DEFAULT_MAX_BYTES

__all__ = ["USER_AGENT", "CrawlLimits", "crawl", "is_url", "origin"]

USER_AGENT = "ligestat-sprog/0.1 (gendered-language checker)"
_SKIP_SUFFIX = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|zip|gz|jpe?g|png|gif|svg|webp|ico|mp[34]|avi|mov|css|js|json|xml)$",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_MAX_CRAWL_DELAY = 2.0
_MAX_REDIRECTS = 5
_ROBOTS_BYTES = 512 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class CrawlLimits:
    max_pages: int = 100  # page requests, every response counted (robots.txt is not)
    max_depth: int = 3
    timeout: float = 10.0  # seconds per page: connect, headers and body together
    max_bytes: int = DEFAULT_MAX_BYTES  # per page, after decompression
    allow_private: bool = False  # loopback, private and link-local addresses (an intranet)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) — the part of a URL a crawl may not leave."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:  # a malformed port: never the crawl's origin
        port = -1
    return scheme, (parts.hostname or "").lower(), port


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, allow_private: bool) -> str:
    """The one address a crawl of ``host`` connects to; refuses non-public addresses."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise LanguageCheckError(f"{host}: the host name cannot be resolved ({exc}); "
                                 "check the address.") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        private = [a for a in addresses if not _public(a)]
        if private:
            raise LanguageCheckError(
                f"{host}: resolves to {private[0]}, a loopback, private, link-local or other "
                "non-public address; refused. To check an intranet site, add --allow-intranet."
            )
    return addresses[0]


class _Pinned:
    """Connections to one resolved address, whatever the host name resolves to later."""

    def __init__(self, scheme: str, host: str, port: int, address: str) -> None:
        self.scheme, self.host, self.port, self.address = scheme, host, port, address

    def connection(self, timeout: float) -> http.client.HTTPConnection:
        address, host = self.address, self.host

        class Http(http.client.HTTPConnection):
            def connect(self) -> None:
                self.sock = socket.create_connection((address, self.port), self.timeout)

        class Https(http.client.HTTPSConnection):
            def connect(self) -> None:
                raw = socket.create_connection((address, self.port), self.timeout)
                self.sock = ssl.create_default_context().wrap_socket(raw, server_hostname=host)

        cls = Https if self.scheme == "https" else Http
        return cls(host, self.port, timeout=timeout)


@dataclass(frozen=True)
class _Response:
    url: str
    status: int
    reason: str
    ctype: str
    charset: str | None
    location: str | None
    body: bytes


def _decompress(url: str, body: bytes, encoding: str, max_bytes: int) -> bytes:
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise LanguageCheckError(f"{url}: compressed as {encoding!r}, which sprog does not "
                                 "read; not checked.")
    unpack = zlib.decompressobj(47 if encoding != "deflate" else 15)
    try:
        out = unpack.decompress(body, max_bytes + 1)
    except zlib.error:
        raise LanguageCheckError(f"{url}: damaged {encoding} data; not checked.") from None
    if len(out) > max_bytes:
        raise LanguageCheckError(
            f"{url}: unpacks to more than the limit of {max_bytes:,} bytes (a compression "
            "bomb?); not checked. Raise --max-bytes to check it.")
    return out


_HTML = ("text/html", "application/xhtml+xml")


def _request(pinned: _Pinned, url: str, limits: CrawlLimits, html_only: bool) -> _Response:
    """One GET with a deadline for the whole exchange; raises LanguageCheckError.

    The body is read only for a success (and, with ``html_only``, only for HTML).
    """
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    conn = pinned.connection(limits.timeout)
    expired = threading.Event()

    def cut() -> None:  # the deadline: whatever read is waiting returns now
        expired.set()
        sock = conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(limits.timeout, cut)
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request("GET", target, headers={"User-Agent": USER_AGENT,
                                             "Accept-Encoding": "gzip, deflate;q=0.5"})
        resp = conn.getresponse()
        ctype = resp.headers.get_content_type()
        wanted = resp.status < 300 and (ctype in _HTML or not html_only)
        body = resp.read(limits.max_bytes + 1) if wanted else b""
        if expired.is_set():
            raise TimeoutError
        if len(body) > limits.max_bytes:
            raise LanguageCheckError(
                f"{url}: page larger than the limit of {limits.max_bytes:,} bytes; skipped. "
                "Raise --max-bytes to check it.")
        encoding = (resp.getheader("Content-Encoding") or "").strip().lower()
        return _Response(url, resp.status, resp.reason, ctype,
                         resp.headers.get_content_charset(), resp.getheader("Location"),
                         _decompress(url, body, encoding, limits.max_bytes) if body else b"")
    except LanguageCheckError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise LanguageCheckError(
                f"{url}: no complete answer within {limits.timeout:g} s; page skipped. "
                "Raise --timeout for a slow site.") from None
        raise LanguageCheckError(f"{url}: could not be fetched ({exc}); page skipped. "
                                 "Check the address.") from None
    finally:
        watchdog.cancel()
        conn.close()


def _decode(body: bytes, charset: str | None) -> str:
    if charset is None:
        m = _META_CHARSET.search(body[:4096])
        charset = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _robots(pinned: _Pinned, limits: CrawlLimits) -> RobotFileParser:
    url = f"{pinned.scheme}://{_netloc(pinned.host, pinned.port)}/robots.txt"
    parser = RobotFileParser(url)
    robot_limits = CrawlLimits(timeout=limits.timeout, max_bytes=_ROBOTS_BYTES)
    try:
        resp = _request(pinned, url, robot_limits, html_only=False)
    except LanguageCheckError:
        parser.parse([])  # no robots.txt to be had: the pages' own errors will tell
        return parser
    if resp.status in (401, 403) or resp.status >= 500:
        # 401/403 as urllib.robotparser; a server error means "disallow all" (RFC 9309)
        parser.parse(["User-agent: *", "Disallow: /"])
    elif resp.status >= 300:
        parser.parse([])
    else:
        parser.parse(resp.body.decode("utf-8", errors="replace").splitlines())
    return parser


def crawl(start: str, limits: CrawlLimits) -> Iterator[tuple[str, Document | LanguageCheckError]]:
    """(URL, page document or the error that stopped it) for each page visited."""
    home = origin(start)
    scheme, host, port = home
    if scheme not in ("http", "https") or not host or port < 0:
        yield start, LanguageCheckError(f"{start}: not an http(s) address; check it.")
        return
    try:
        pinned = _Pinned(scheme, host, port, resolve(host, port, limits.allow_private))
    except LanguageCheckError as exc:
        yield start, exc
        return
    robots = _robots(pinned, limits)
    delay = min(float(robots.crawl_delay(USER_AGENT) or 0), _MAX_CRAWL_DELAY)
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    seen = {start}
    requests = 0
    while queue and requests < limits.max_pages:
        url, depth = queue.popleft()
        if not robots.can_fetch(USER_AGENT, url):
            if depth == 0:
                yield url, LanguageCheckError(f"{url}: robots.txt does not allow this page (or "
                                              "the site's robots.txt failed); not checked.")
            continue
        fetched: _Response | None = None
        error: LanguageCheckError | None = None
        for _ in range(_MAX_REDIRECTS + 1):
            if requests >= limits.max_pages:
                break
            if requests and delay:
                time.sleep(delay)
            requests += 1
            try:
                resp = _request(pinned, url, limits, html_only=True)
            except LanguageCheckError as exc:
                error = exc
                break
            if resp.status in _REDIRECTS and resp.location:
                target = urljoin(url, resp.location).split("#", 1)[0]
                if origin(target) != home:
                    error = LanguageCheckError(
                        f"{url}: redirects off the site to {target}; page skipped.")
                    break
                if target in seen:  # visited or queued already: fetched once, not twice
                    break
                seen.add(target)
                url = target
                if not robots.can_fetch(USER_AGENT, url):
                    break
                continue
            if resp.status >= 400:
                error = LanguageCheckError(f"{url}: HTTP {resp.status} {resp.reason}; "
                                           "page skipped.")
            fetched = resp
            break
        else:
            error = LanguageCheckError(f"{url}: more than {_MAX_REDIRECTS} redirects; "
                                       "page skipped.")
        if error is not None:
            yield url, error
            continue
        if fetched is None:
            continue
        if fetched.ctype not in _HTML:
            if depth == 0:
                yield url, LanguageCheckError(f"{url}: is not an HTML page; nothing to check.")
            continue
        doc = html_document(fetched.url, _decode(fetched.body, fetched.charset), url=fetched.url)
        yield fetched.url, doc
        if depth >= limits.max_depth:
            continue
        for link in doc.links:
            if (
                link not in seen
                and origin(link) == home
                and not _SKIP_SUFFIX.search(urlsplit(link).path)
            ):
                seen.add(link)
                queue.append((link, depth + 1))
