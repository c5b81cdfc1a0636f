"""The HTML report in a real browser: Debian's Chromium, Playwright and axe-core."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ligestat.report import build, write_report

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "tooling" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "build" / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: make setup"),
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core in tests/tooling: make setup"),
]


def _suppress(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    first = dict(rows[0])
    for k in keys:
        first[k] = None
    first["suppressed"] = list(keys)
    return [first, *rows[1:]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory,
          make_report_input: Any, kk2025: Any) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("browser")
    tables = {k: list(v) for k, v in kk2025.tables.items()}
    tables["fathers_leave"] = _suppress([dict(r) for r in tables["fathers_leave"]],
                                        ("ge24", "ge24_share"))
    suppressed = make_report_input(tables=tables)
    return {
        "da": write_report(build(suppressed, "da"), out, ["html"])[0],
        "en": write_report(build(kk2025, "en"), out, ["html"])[0],
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _axe(browser: Any, path: Path, shot: Path) -> dict[str, Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    page.screenshot(path=str(shot), full_page=True)
    result["requests"] = [u for u in requests if not u.startswith("file:")]
    page.close()
    return result


@pytest.mark.parametrize("lang", ["da", "en"])
def test_html_has_no_axe_violations_in_chromium(browser: Any, pages: dict[str, Path],
                                                tmp_path: Path, lang: str) -> None:
    shot = tmp_path / f"report-{lang}.png"
    result = _axe(browser, pages[lang], shot)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
                  for v in result["violations"]]
    assert violations == []
    assert len(result["passes"]) > 20  # axe really ran its WCAG rules
    assert result["requests"] == []  # self-contained: nothing fetched from the network
    assert shot.stat().st_size > 50_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTIFACTS / shot.name)


def test_html_reflows_on_a_phone_without_page_scroll(browser: Any, pages: dict[str, Path]) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(pages["da"].as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert overflow <= 0
