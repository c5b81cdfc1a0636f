"""The crawler under attack: trickling and bombing servers, request floods, redirects twice,
private addresses, DNS rebinding, IPv6 hosts and a failing robots.txt (issue 14)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ligestat.language.extract import web
from ligestat.language.run import check_paths


def _page(body: str, *links: str) -> str:
    anchors = "".join(f'<a href="{href}">link</a>' for href in links)
    return f"<html><body><p>{body}</p>{anchors}</body></html>"


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket], None]], str]]:
    """A TCP server on 127.0.0.1 answering each connection with ``behave(conn)``."""
    servers: list[socket.socket] = []

    def start(behave: Callable[[socket.socket], None]) -> str:
        srv = socket.create_server(("127.0.0.1", 0))
        servers.append(srv)

        def loop() -> None:
            while True:
                try:
                    conn, _ = srv.accept()
                except OSError:
                    return
                threading.Thread(target=_serve_one, args=(conn, behave), daemon=True).start()

        threading.Thread(target=loop, daemon=True).start()
        return f"http://127.0.0.1:{srv.getsockname()[1]}"

    yield start
    for srv in servers:
        srv.close()


def _serve_one(conn: socket.socket, behave: Callable[[socket.socket], None]) -> None:
    with conn:
        try:
            conn.recv(65536)
            behave(conn)
        except OSError:
            pass


def _trickle(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(200):
        conn.sendall(b"<")
        time.sleep(0.2)


def _trickle_headers(conn: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


@pytest.mark.parametrize("behave", [_trickle, _trickle_headers], ids=["body", "headers"])
def test_a_trickling_server_is_cut_at_the_page_deadline(
    raw_server: Callable[..., str], behave: Callable[[socket.socket], None]
) -> None:
    url = raw_server(behave)
    began = time.monotonic()
    result = check_paths([url + "/"], allow_private=True, timeout=0.5)
    assert time.monotonic() - began < 3  # robots.txt and the page: half a second each
    assert [e.path for e in result.errors] == [url + "/"]
    assert "no complete answer within 0.5 s" in result.errors[0].message
    assert result.exit_code("error") == 3


def test_max_pages_counts_every_request_html_or_not(site: Any) -> None:
    site.add("/", _page("Start", *[f"/fil{n}" for n in range(50)]))
    for n in range(50):
        site.add(f"/fil{n}", b"\x00binary", ctype="application/octet-stream")
    check_paths([site.url + "/"], allow_private=True, max_pages=2, timeout=5)
    assert [p for p in site.paths if p != "/robots.txt"] == ["/", "/fil0"]


def test_a_same_host_redirect_target_is_fetched_and_reported_once(site: Any) -> None:
    site.add("/", _page("Start", "/gammel", "/ny.html", "/igen"))
    site.add("/gammel", "", status=301, headers={"Location": "/ny.html"})
    site.add("/igen", "", status=302, headers={"Location": "/ny.html#top"})
    site.add("/ny.html", _page("Vores formand."))
    result = check_paths([site.url + "/"], allow_private=True, timeout=5)
    assert site.paths.count("/ny.html") == 1
    assert [f.path for f in result.findings] == [site.url + "/ny.html"]
    assert sorted(d.path for d in result.documents) == [site.url + "/", site.url + "/ny.html"]


def test_a_gzip_bomb_is_not_checked_rather_than_zero_findings(site: Any) -> None:
    bomb = gzip.compress(b"<p>" + b" " * (8 * 1024 * 1024) + b"formand</p>", 9)
    assert len(bomb) < 64 * 1024
    site.add("/", bomb, headers={"Content-Encoding": "gzip"})
    result = check_paths([site.url + "/"], allow_private=True, max_bytes=1024 * 1024, timeout=5)
    assert result.findings == ()
    assert "unpacks to more than the limit" in result.errors[0].message
    assert result.exit_code("error") == 3


def test_a_gzip_page_within_the_limit_is_checked(site: Any) -> None:
    site.add("/", gzip.compress(_page("Vores formand.").encode()),
             headers={"Content-Encoding": "gzip"})
    result = check_paths([site.url + "/"], allow_private=True, timeout=5)
    assert [f.match for f in result.findings] == ["formand"]


def test_loopback_is_refused_by_default_and_nothing_is_requested(site: Any) -> None:
    site.add("/", _page("Vores formand."))
    result = check_paths([site.url + "/"], timeout=5)
    assert site.requests == []
    assert "non-public address; refused" in result.errors[0].message
    assert "--allow-intranet" in result.errors[0].message
    assert result.exit_code("error") == 3


@pytest.mark.parametrize("address", ["10.1.2.3", "192.168.0.10", "169.254.169.254",
                                     "100.100.100.200", "::1", "fe80::1", "fd00:ec2::254",
                                     "::ffff:127.0.0.1", "0.0.0.0"])
def test_private_link_local_and_metadata_addresses_are_refused(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    connected: list[Any] = []
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connected.append(a))
    result = check_paths(["http://intranet.example/"], timeout=2)
    assert connected == []
    assert f"resolves to {address}" in result.errors[0].message


def test_the_host_is_resolved_once_and_every_request_goes_to_that_address(
    site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers a public-looking address first and another later
    must not move the crawl; every connection goes to the first answer."""
    site.add("/", _page("Start", "/a.html", "/b.html"))
    site.add("/a.html", _page("formand"))
    site.add("/b.html", _page("formand"))
    port = int(site.url.rsplit(":", 1)[1])
    lookups: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "skifter.example":
            lookups.append(host)
            answer = "127.0.0.1" if len(lookups) == 1 else "192.0.2.1"  # then elsewhere
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = check_paths([f"http://skifter.example:{port}/"], allow_private=True, timeout=5)
    assert lookups == ["skifter.example"]
    assert len(result.documents) == 3 and result.errors == ()
    assert {host for host, _ in site.requests} == {f"skifter.example:{port}"}


def test_robots_txt_with_a_server_error_disallows_the_crawl(site: Any) -> None:
    site.add("/robots.txt", "oops", status=503, ctype="text/plain")
    site.add("/", _page("Vores formand.", "/a.html"))
    result = check_paths([site.url + "/"], allow_private=True, timeout=5)
    assert site.paths == ["/robots.txt"]
    assert "robots.txt does not allow" in result.errors[0].message
    assert result.exit_code("error") == 3


def test_robots_txt_of_an_ipv6_host_is_asked_with_a_bracketed_address() -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = (b"User-agent: *\nDisallow: /privat/\n" if self.path == "/robots.txt"
                    else _page("formand", "/privat/x.html").encode())
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt"
                             else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server6(ThreadingHTTPServer):
        address_family = socket.AF_INET6

    try:
        server = Server6(("::1", 0), Handler)
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://[::1]:{server.server_address[1]}/"
        result = check_paths([url], allow_private=True, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert asked == ["/robots.txt", "/"]  # /privat/ disallowed by the robots.txt it read
    assert [f.match for f in result.findings] == ["formand"]


def test_robots_url_brackets_ipv6_hosts() -> None:
    assert web._netloc("::1", 8080) == "[::1]:8080"
    assert web._netloc("kk.dk", 443) == "kk.dk:443"
