"""A polite crawl of one website, from a start URL, restricted to its origin.

Only pages on the start URL's scheme, host and port are fetched (redirects
elsewhere are refused); ``robots.txt`` is honoured (``urllib.robotparser``,
with its crawl delay up to a cap); the crawl stops after ``max_pages`` HTML
pages (a page that fails counts too) and goes no deeper than ``max_depth``
links from the start page; every request has a timeout and a size cap; only
``text/html`` responses are checked and followed.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ligestat.errors import LanguageCheckError
from ligestat.language.extract.document import Document
from ligestat.language.extract.html import html_document

__all__ = ["USER_AGENT", "CrawlLimits", "crawl", "is_url", "origin"]

USER_AGENT = "ligestat-sprog/0.1 (gendered-language checker)"
_SKIP_SUFFIX = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|zip|gz|jpe?g|png|gif|svg|webp|ico|mp[34]|avi|mov|css|js|json|xml)$",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_MAX_CRAWL_DELAY = 2.0


@dataclass(frozen=True)
class CrawlLimits:
    max_pages: int = 100
    max_depth: int = 3
    timeout: float = 10.0
    max_bytes: int = 50 * 1024 * 1024


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


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows redirects only within the crawl's origin."""

    def __init__(self, home: tuple[str, str, int]) -> None:
        self.home = home

    def redirect_request(
        self, req: Any, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if origin(newurl) != self.home:
            raise urllib.error.HTTPError(
                newurl, code, f"redirects off the site to {newurl}", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _decode(body: bytes, charset: str | None) -> str:
    if charset is None:
        m = _META_CHARSET.search(body[:4096])
        charset = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _robots(opener: urllib.request.OpenerDirector, start: str, timeout: float) -> RobotFileParser:
    scheme, host, port = origin(start)
    url = f"{scheme}://{host}:{port}/robots.txt"
    parser = RobotFileParser(url)
    try:
        with opener.open(url, timeout=timeout) as resp:
            parser.parse(resp.read(512 * 1024).decode("utf-8", errors="replace").splitlines())
    except urllib.error.HTTPError as exc:
        # as urllib.robotparser: 401/403 forbid everything, other errors allow everything
        parser.parse(["User-agent: *", "Disallow: /"] if exc.code in (401, 403) else [])
    except (OSError, ValueError):
        parser.parse([])
    return parser


def _fetch(
    opener: urllib.request.OpenerDirector, url: str, limits: CrawlLimits
) -> tuple[str, str] | None:
    """(final URL, HTML) of a page; None when it is not HTML. Raises LanguageCheckError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=limits.timeout) as resp:
            ctype = resp.headers.get_content_type()
            if ctype not in ("text/html", "application/xhtml+xml"):
                return None
            body = resp.read(limits.max_bytes + 1)
            if len(body) > limits.max_bytes:
                raise LanguageCheckError(
                    f"{url}: page larger than the limit of {limits.max_bytes} bytes; skipped. "
                    "Raise --max-bytes to check it."
                )
            return resp.geturl(), _decode(body, resp.headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        raise LanguageCheckError(f"{url}: HTTP {exc.code} {exc.reason}; page skipped.") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LanguageCheckError(
            f"{url}: could not be fetched ({reason}); page skipped. Check the address."
        ) from None


def crawl(start: str, limits: CrawlLimits) -> Iterator[tuple[str, Document | LanguageCheckError]]:
    """(URL, page document or the error that stopped it) for each page visited."""
    home = origin(start)
    opener = urllib.request.build_opener(_SameOrigin(home))
    robots = _robots(opener, start, limits.timeout)
    delay = min(float(robots.crawl_delay(USER_AGENT) or 0), _MAX_CRAWL_DELAY)
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    seen = {start}
    pages = 0
    while queue and pages < limits.max_pages:
        url, depth = queue.popleft()
        if not robots.can_fetch(USER_AGENT, url):
            continue
        if pages and delay:
            time.sleep(delay)
        try:
            fetched = _fetch(opener, url, limits)
        except LanguageCheckError as exc:
            pages += 1
            yield url, exc
            continue
        if fetched is None:
            if depth == 0:
                pages += 1
                yield url, LanguageCheckError(f"{url}: is not an HTML page; nothing to check.")
            continue
        pages += 1
        final_url, source = fetched
        doc = html_document(final_url, source, url=final_url)
        yield final_url, doc
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
