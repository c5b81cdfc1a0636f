"""Website crawl: same origin only, robots.txt honoured, page and depth limits."""

from __future__ import annotations

from typing import Any

from ligestat.language.run import check_paths


def _page(body: str, *links: str) -> str:
    anchors = "".join(f'<a href="{href}">link</a>' for href in links)
    return f"<html><head><title>Side</title></head><body><p>{body}</p>{anchors}</body></html>"


def test_crawl_stays_on_its_origin_and_honours_robots_txt(site: Any, other_site: Any) -> None:
    other = f"{other_site.url}/fremmed.html"
    same_host_name = site.url.replace("127.0.0.1", "localhost") + "/andet-navn.html"
    site.add("/robots.txt", "User-agent: *\nDisallow: /privat/\n", ctype="text/plain")
    site.add(
        "/",
        _page(
            "Forsiden nævner vores formand.",
            "/om/",
            "/privat/hemmelig.html",
            other,
            same_host_name,
            "/fil.bin",
            "mailto:formand@kk.dk",
            "/om/#top",
        ),
    )
    site.add("/om/", _page("Om talsmanden."))
    site.add("/privat/hemmelig.html", _page("Hemmelig formand."))
    site.add("/fil.bin", b"formand\x00" * 10, ctype="application/octet-stream")
    other_site.add("/fremmed.html", _page("Fremmed formand."))

    result = check_paths([site.url + "/"], allow_private=True, max_pages=10, max_depth=3, timeout=5)

    assert other_site.requests == []
    assert "/privat/hemmelig.html" not in site.paths
    assert all(host.startswith("127.0.0.1") for host, _ in site.requests)
    assert sorted(d.path for d in result.documents) == [site.url + "/", site.url + "/om/"]
    assert {(f.path, f.match) for f in result.findings} == {
        (site.url + "/", "formand"),
        (site.url + "/om/", "talsmanden"),
    }
    assert {d.section for d in result.documents} == {"/", "om"}
    assert site.paths.count("/om/") == 1  # the #top link is the same page


def test_crawl_stops_at_max_depth(site: Any) -> None:
    site.add("/", _page("Start", "/d1.html"))
    for n in range(1, 6):
        site.add(f"/d{n}.html", _page(f"Niveau {n} formand", f"/d{n + 1}.html"))
    result = check_paths([site.url + "/"], allow_private=True, max_depth=2, timeout=5)
    assert sorted(d.path.rsplit("/", 1)[1] for d in result.documents) == ["", "d1.html", "d2.html"]
    assert "/d3.html" not in site.paths


def test_crawl_stops_at_max_pages(site: Any) -> None:
    site.add("/", _page("Start", *[f"/p{n}.html" for n in range(20)]))
    for n in range(20):
        site.add(f"/p{n}.html", _page("formand"))
    result = check_paths([site.url + "/"], allow_private=True, max_pages=4, timeout=5)
    assert len(result.documents) == 4
    assert len([p for p in site.paths if p.endswith(".html")]) == 3


def test_broken_links_and_offsite_redirects_are_page_errors_and_the_crawl_goes_on(
    site: Any, other_site: Any
) -> None:
    site.add("/", _page("Start", "/mangler.html", "/videre", "/ok.html"))
    site.add("/videre", "", status=302, headers={"Location": other_site.url + "/x.html"})
    site.add("/ok.html", _page("Her er en formand."))
    other_site.add("/x.html", _page("formand"))
    result = check_paths([site.url + "/"], allow_private=True, timeout=5)
    errors = {e.path.rsplit("/", 1)[1]: e.message for e in result.errors}
    assert "HTTP 404" in errors["mangler.html"]
    assert "redirects off the site" in errors["videre"]
    assert other_site.requests == []
    assert [f.path for f in result.findings] == [site.url + "/ok.html"]


def test_robots_txt_can_forbid_the_whole_site(site: Any) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /\n", ctype="text/plain")
    site.add("/", _page("formand"))
    result = check_paths([site.url + "/"], allow_private=True, timeout=5)
    assert result.documents == ()
    assert site.paths == ["/robots.txt"]


def test_crawled_pages_are_decoded_with_their_declared_charset(site: Any) -> None:
    page = _page("Vores næstformand.").encode("cp1252")
    site.add("/", page, ctype="text/html; charset=windows-1252")
    result = check_paths([site.url + "/"], allow_private=True, timeout=5)
    assert [f.match for f in result.findings] == ["næstformand"]


def test_a_start_url_that_is_not_html_is_an_error(site: Any) -> None:
    site.add("/data.json", '{"formand": 1}', ctype="application/json")
    result = check_paths([site.url + "/data.json"], allow_private=True, timeout=5)
    assert result.documents == ()
    assert [e.message.split(": ", 1)[1] for e in result.errors] == [
        "is not an HTML page; nothing to check."
    ]
    assert result.exit_code("warning") == 3
