"""The register in a real browser (Debian's Chromium via Playwright), keyboard and axe-core
included: a coordinator's update goes through return and approval into the report's part 2."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "tooling" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "test-artifacts" / "register"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SOURCE = AXE.read_text(encoding="utf-8") if AXE.exists() else ""
YEAR = 2025
PROSE = "Alle ledere i Administrationen har haft en samtale om barsel med deres medarbejdere"
FIRST = "Første udkast uden tal."

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: make setup"),
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core in tests/tooling: make setup"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, serve_module: Any) -> Iterator[dict[str, Any]]:
    import orgdata  # type: ignore[import-not-found]

    from ligestat.register import open_database
    from ligestat.register.auth import create_user
    from ligestat.workspace import Workspace

    tmp = tmp_path_factory.mktemp("register-browser")
    data = orgdata.write_csv(tmp / "data")
    ws = tmp / "org.duckdb"
    with Workspace.open(ws) as w:
        w.import_data(data)
    db_url = f"sqlite:///{tmp / 'register.sqlite'}"
    db = open_database(db_url)
    codes = ("ADM", "KØF", "SÅF", "BR")
    with db.write() as s:
        for name, role, dept in (("karen", "coordinator", "ADM"), ("ella", "editor", None),
                                 ("alma", "admin", None)):
            create_user(s, "test", name, role, dept, "correct horse battery", codes)
    db.close()
    server = serve_module(db_url, workspace=ws, year=YEAR)
    yield {"url": server.url, "db": db_url, "workspace": ws, "tmp": tmp}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _axe(page: Any, name: str) -> None:
    """axe-core on the page as it stands: zero WCAG 2.1 AA violations; a screenshot."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)  # through the DevTools protocol: the page's CSP stays on
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
                  for v in result["violations"]]
    assert violations == [], f"{name}: {violations}"


def _login(page: Any, url: str, name: str, check: bool = False) -> None:
    """Logs in with the keyboard only: Tab to the name field, type, Tab, type, Enter."""
    page.goto(url + "/login")
    if check:
        _axe(page, "login")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "name":
            break
    assert page.evaluate("document.activeElement.id") == "name"
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "/")


def _logout(page: Any) -> None:
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(re.compile(r".*/login$"))


def test_coordinator_to_approval_to_report(browser: Any, site: dict[str, Any]) -> None:
    url = site["url"]
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)

    # the coordinator creates an initiative, writes the year's update and submits it
    _login(page, url, "karen", check=True)
    _axe(page, "list")
    page.get_by_role("link", name="Ny indsats").click()
    _axe(page, "initiative-form")
    page.get_by_label("Titel").fill("Samtaler om barsel")
    page.get_by_label("Ansatte").check()
    page.get_by_label("Indsatsområde").fill("Barsel og fleksibilitet")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(re.compile(r".*/updates/2025/edit$"))
    page.get_by_label("Periode").fill("2025")
    page.get_by_label("Beskrivelse").fill(FIRST)
    page.get_by_role("button", name="Forhåndsvis").click()
    page.locator("#preview p").wait_for()
    _axe(page, "update-form")
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("button", name="Indsend til godkendelse").click()
    page.wait_for_url(re.compile(r".*/initiatives/\d+\?year=2025$"))
    assert "Indsendt" in page.locator("main").inner_text()
    initiative = page.url.split("?")[0]
    _logout(page)

    # the editor returns it with a comment
    _login(page, url, "ella")
    page.get_by_role("link", name="Til godkendelse").click()
    _axe(page, "review")
    page.get_by_label("Kommentar").fill("Tilføj nøgletal og en sætning om resultatet.")
    page.get_by_role("button", name="Send retur med kommentar").click()
    page.wait_for_url(re.compile(r".*/review\?year=2025$"))
    _logout(page)

    # the coordinator sees the comment, rewrites and resubmits
    _login(page, url, "karen")
    page.goto(initiative + "?year=2025")
    assert "Tilføj nøgletal" in page.locator(".comment").inner_text()
    page.get_by_role("link", name="Redigér opdatering for 2025").click()
    page.get_by_label("Nøgletal").fill("42 samtaler")
    page.get_by_label("Beskrivelse").fill(f"{PROSE}.\n\nIndsatsen fortsætter i **2026**.")
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("button", name="Indsend til godkendelse").click()
    _logout(page)

    # the editor approves; the audit log and targets are there for the editor
    _login(page, url, "ella")
    page.goto(url + "/review?year=2025")
    assert PROSE in page.locator("main").inner_text()
    page.get_by_role("button", name="Godkend").click()
    page.wait_for_url(re.compile(r".*/review\?year=2025$"))
    page.goto(initiative + "?year=2025")
    assert "Godkendt" in page.locator("main").inner_text()
    _axe(page, "initiative")
    page.get_by_role("link", name="Revisionslog").click()
    _axe(page, "audit")
    assert "update.approve" in page.locator("table").inner_text()
    page.get_by_role("link", name="Måltal").click()
    _axe(page, "targets")
    assert page.locator("table tbody tr").count() >= 3
    targets = [[c.strip() for c in row.locator("th, td").all_inner_texts()]
               for row in page.locator("table tbody tr").all()]
    page.goto(url + "/?lang=en")
    assert "Initiatives" in page.locator("h1").inner_text()
    _axe(page, "list-en")
    page.goto(url + "/?lang=da")
    _logout(page)
    _login(page, url, "alma")
    page.get_by_role("link", name="Brugere").click()
    _axe(page, "users")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert outside == []

    # the report takes part 2 from the approved update
    from pypdf import PdfReader

    from ligestat.report import make_report

    out = site["tmp"] / "report"
    html, pdf = make_report(workspace=site["workspace"], year=YEAR, out=out,
                            formats=["html", "pdf"], register=site["db"])
    # the targets page shows the report's front page, figure for figure
    page.goto(html.as_uri())
    front = [" ".join(row.locator("th, td").all_inner_texts())
             for row in page.locator("#t-summary tbody tr").all()]
    page.close()
    assert len(front) == len(targets)
    for mine, theirs in zip(targets, front, strict=True):
        assert all(cell in theirs for cell in mine), (mine, theirs)
    text = html.read_text(encoding="utf-8")
    part2 = text[text.index('id="s-part2"'):]
    for expected in ("Samtaler om barsel", "42 samtaler"):
        assert expected in part2
    assert FIRST not in text
    import inspect

    from ligestat.report import sections_initiatives

    if "description" not in inspect.getsource(sections_initiatives):
        pytest.xfail("part 2 prints descriptions once issue 13's publication work is merged")
    assert PROSE in part2
    pdf_text = " ".join((p.extract_text() or "") for p in PdfReader(str(pdf)).pages)
    flat = re.sub(r"\s+", " ", pdf_text)
    assert "Samtaler om barsel" in flat
    assert PROSE in flat
