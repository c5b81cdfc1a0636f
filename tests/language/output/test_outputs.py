"""Report formats: JSON keys, SARIF 2.1.0 structure, HTML summary counts, terminal report."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import weasyprint

from ligestat.language import analyse_advert, load_lexicon
from ligestat.language.output import render_html
from ligestat.language.run import check_paths

Sprog = Callable[..., tuple[int, str, str]]

REQUIRED = {"path", "line", "column", "match", "rule", "severity", "suggestions"}


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "sider"
    (root / "politik").mkdir(parents=True)
    (root / "job").mkdir()
    (root / "forside.txt").write_text("Velkommen.\n", encoding="utf-8")
    (root / "politik" / "udvalg.md").write_text("Udvalgets formand og næstformand.\n")
    (root / "politik" / "mode.html").write_text("<p>Mødets talsmand.</p>", encoding="utf-8")
    (root / "job" / "opslag.txt").write_text("Ingen kønnede ord her.\n", encoding="utf-8")
    (root / "job" / "skadet.pdf").write_bytes(b"%PDF garbage")
    return root


def test_json_objects_have_exactly_the_required_keys(tmp_path: Path, sprog: Sprog) -> None:
    root = _folder(tmp_path)
    items = json.loads(sprog(str(root), "--format", "json")[1])
    assert len(items) == 3
    # HTML findings add the CSS path of their element (issue 12), nothing else adds a key
    assert [set(item) - REQUIRED for item in items] == [{"selector"}, set(), set()]
    assert all(set(item) >= REQUIRED for item in items)
    first = items[0]
    assert first["selector"] == "p:nth-of-type(1)"
    assert first["path"] == str(root / "politik" / "mode.html")
    assert (first["line"], first["column"], first["match"]) == (1, 11, "talsmand")
    assert first["severity"] == "warning"
    assert isinstance(first["suggestions"], list) and first["suggestions"]


def test_json_adds_the_page_for_pdf_findings(tmp_path: Path, sprog: Sprog) -> None:
    pdf = tmp_path / "a.pdf"
    weasyprint.HTML(
        string="<p>Side et</p><p style='page-break-before:always'>Ny formand</p>"
    ).write_pdf(str(pdf))
    items = json.loads(sprog(str(pdf), "-f", "json")[1])
    assert [(set(i) - REQUIRED, i["page"]) for i in items] == [({"page"}, 2)]


def _check_sarif(log: dict[str, Any]) -> None:
    """The required properties and value rules of the SARIF 2.1.0 schema we rely on."""
    assert set(log) <= {"$schema", "version", "runs", "inlineExternalProperties", "properties"}
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert isinstance(driver["name"], str) and driver["name"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert isinstance(rule["shortDescription"]["text"], str)
        assert isinstance(rule["help"]["text"], str) and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"none", "note", "warning", "error"}
    for result in run["results"]:
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        assert result["level"] in {"none", "note", "warning", "error"}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            assert isinstance(physical["artifactLocation"]["uri"], str)
            assert physical["region"]["startLine"] >= 1
            assert physical["region"]["startColumn"] >= 1
    for invocation in run["invocations"]:
        assert isinstance(invocation["executionSuccessful"], bool)
        for note in invocation["toolExecutionNotifications"]:
            assert isinstance(note["message"]["text"], str)


def test_sarif_has_the_lexicon_rules_results_and_file_errors(tmp_path: Path, sprog: Sprog) -> None:
    root = _folder(tmp_path)
    code, stdout, _ = sprog(str(root), "--format", "sarif")
    assert code == 1
    log = json.loads(stdout)
    _check_sarif(log)
    run = log["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {e.id for e in load_lexicon().entries} <= rule_ids
    results = run["results"]
    assert {r["level"] for r in results} == {"warning"}
    talsmand = next(r for r in results if "talsmand" in r["message"]["text"])
    location = talsmand["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == (root / "politik" / "mode.html").as_uri()
    assert location["region"] == {"startLine": 1, "startColumn": 11}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [n["message"]["text"].split(":")[0] for n in notes] == [str(root / "job" / "skadet.pdf")]


def _row(page: str, section: str) -> list[int]:
    m = re.search(rf'<th scope="row">{re.escape(section)}</th>(.*?)</tr>', page)
    assert m is not None, section
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', m.group(1))]


def test_html_summary_counts_documents_and_findings_per_section(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    page = render_html(check_paths([root]))
    assert f"<h2>{root}</h2>" in page
    # documents, with findings, error, warning, info, total
    assert _row(page, "politik") == [2, 2, 0, 3, 0, 3]
    assert _row(page, "job") == [1, 0, 0, 0, 0, 0]
    assert _row(page, "(top level)") == [1, 0, 0, 0, 0, 0]
    assert "skadet.pdf" in page and "Could not be checked" in page


def test_html_summary_groups_a_crawl_by_first_path_segment(
    site: Any, tmp_path: Path, sprog: Sprog
) -> None:
    site.add(
        "/",
        '<p>Forside</p><a href="/borger/a">a</a><a href="/borger/b">b</a>'
        '<a href="/politik/x">x</a>',
    )
    site.add("/borger/a", "<p>Kontakt en formand.</p>")
    site.add("/borger/b", "<p>Formanden og talsmanden.</p>")
    site.add("/politik/x", "<p>Ingen fund.</p>")
    target = tmp_path / "sum.html"
    code, _, _ = sprog(site.url + "/", "--allow-intranet", "--format", "html",
                       "--output", str(target))
    assert code == 1
    page = target.read_text(encoding="utf-8")
    assert _row(page, "borger") == [2, 2, 0, 3, 0, 3]
    assert _row(page, "politik") == [1, 0, 0, 0, 0, 0]
    assert _row(page, "/") == [1, 0, 0, 0, 0, 0]


def test_terminal_report_groups_findings_per_file_with_positions(
    tmp_path: Path, sprog: Sprog
) -> None:
    root = _folder(tmp_path)
    text = sprog(str(root))[1]
    md = str(root / "politik" / "udvalg.md")
    assert md in text
    block = text[text.index(md) :]
    assert re.search(r"1:11\s+formand\s+\S+", block)
    assert re.search(rf"1:{len('Udvalgets formand og ') + 1}\s+næstformand", block)
    assert "3 findings (3 warning) in 4 documents; 1 could not be checked." in text


def test_job_advert_verdicts_are_in_sarif_properties_and_the_html_summary(
    tmp_path: Path, sprog: Sprog
) -> None:
    advert = "Vi søger en ambitiøs, konkurrencestærk og selvstændig leder.\n"
    path = tmp_path / "opslag.txt"
    path.write_text(advert, encoding="utf-8")
    verdict = analyse_advert(advert)
    log = json.loads(sprog(str(path), "-f", "sarif", "--jobopslag")[1])
    _check_sarif(log)
    adverts = log["runs"][0]["properties"]["jobAdverts"]
    assert [(a["verdict"], a["masculine"]) for a in adverts] == [
        (verdict.verdict, list(verdict.masculine))
    ]
    assert verdict.masculine
    page = render_html(check_paths([path], jobopslag=True))
    assert f"<td>{verdict.label}</td>" in page
