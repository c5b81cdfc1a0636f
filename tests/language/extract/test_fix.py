"""--fix and --diff: corrected copies at exact source positions; exceptions untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ligestat.language.run import FixOptions, check_paths

Sprog = Callable[..., tuple[int, str, str]]

TEXT = (
    "Referat\n"
    "Formanden bød velkommen, og næstformanden tog referat.\n"
    "Sagen går videre til Folketingets Ombudsmand.\n"
)
HTML = (
    "<html><head><title>Formand</title></head>\n"
    '<body class="formand"><p>Udvalgets n&aelig;stformand &amp; talsmanden.</p>\n'
    "<script>var formand = 1;</script>\n"
    "<p>Folketingets Ombudsmand</p></body></html>\n"
)
MARKDOWN = "# Formændenes møde\n\nSe `formand` i koden; udvalgsformanden deltog.\n"


def _files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "txt": tmp_path / "referat.txt",
        "html": tmp_path / "side.html",
        "md": tmp_path / "note.md",
    }
    paths["txt"].write_text(TEXT, encoding="utf-8")
    paths["html"].write_text(HTML, encoding="utf-8")
    paths["md"].write_text(MARKDOWN, encoding="utf-8")
    return paths


def test_fix_writes_corrected_copies_that_check_clean(tmp_path: Path, sprog: Sprog) -> None:
    paths = _files(tmp_path)
    code, _, _ = sprog(*(str(p) for p in paths.values()), "--fix")
    assert code == 0  # everything found was fixed
    for kind, path in paths.items():
        fixed = path.with_name(f"{path.stem}.fixed{path.suffix}")
        assert fixed.exists(), kind
        assert path.read_text(encoding="utf-8") == {"txt": TEXT, "html": HTML, "md": MARKDOWN}[kind]
        assert check_paths([fixed]).findings == (), kind
        assert "Folketingets Ombudsmand" in fixed.read_text(encoding="utf-8") or kind == "md"


def test_fix_keeps_case_inflection_and_everything_but_the_matches(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    result = check_paths(paths.values(), fix=FixOptions())
    fixed = {Path(f.path).suffix: f.fixed for f in result.fixes}
    before, after = TEXT.splitlines(), fixed[".txt"].splitlines()
    assert after[0] == before[0] and after[2] == before[2]
    assert after[1].startswith("Forpersonen bød velkommen, og næstforpersonen tog referat")
    html = fixed[".html"]
    assert '<body class="formand">' in html
    assert "<script>var formand = 1;</script>" in html
    assert "næstforperson &amp; talsperson" in html  # entity spans replaced as a whole
    assert "<title>Forperson</title>" in html
    md = fixed[".md"]
    assert "`formand`" in md
    assert "udvalgsforpersonen" in md
    assert md.startswith("# Forpersonernes møde")


def test_fix_dir_mirrors_folders_and_in_place_overwrites(tmp_path: Path, sprog: Sprog) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "x.txt").write_text("Vores formand.\n", encoding="utf-8")
    out = tmp_path / "rettet"
    assert sprog(str(site), "--fix", "--fix-dir", str(out))[0] == 0
    assert (out / "a" / "x.txt").read_text(encoding="utf-8") == "Vores forperson.\n"
    assert (site / "a" / "x.txt").read_text(encoding="utf-8") == "Vores formand.\n"
    assert sprog(str(site), "--fix", "--in-place")[0] == 0
    assert (site / "a" / "x.txt").read_text(encoding="utf-8") == "Vores forperson.\n"


def test_diff_shows_the_changes_and_writes_nothing(tmp_path: Path, sprog: Sprog) -> None:
    paths = _files(tmp_path)
    code, stdout, _ = sprog(str(paths["txt"]), "--diff")
    assert code == 1
    assert f"--- {paths['txt']}\n+++ {paths['txt']}\n" in stdout
    assert "-Formanden bød velkommen, og næstformanden tog referat.\n" in stdout
    assert "+Forpersonen bød velkommen, og næstforpersonen tog referat.\n" in stdout
    changed = [line for line in stdout.splitlines() if line[:1] in "+-"]
    assert not any("Ombudsmand" in line for line in changed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md", "referat.txt", "side.html"]


def test_word_and_pdf_files_are_reported_but_not_rewritten(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Vores formand.")
    path = tmp_path / "a.docx"
    document.save(str(path))
    result = check_paths([path], fix=FixOptions())
    assert [f.match for f in result.findings] == ["formand"]
    assert result.fixes == ()
    assert result.exit_code("warning") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]
    (notice,) = result.notices
    assert str(path) in notice and "cannot rewrite" in notice and "Word" in notice


def test_fix_on_a_word_file_says_so_on_stderr_and_exits_1(tmp_path: Path, sprog: Sprog) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Vores formand.")
    path = tmp_path / "a.docx"
    document.save(str(path))
    code, _, stderr = sprog(str(path), "--fix")
    assert code == 1
    assert "not fixed" in stderr and "a.docx" in stderr and "cannot rewrite" in stderr
    clean = tmp_path / "b.txt"
    clean.write_text("Vores forperson.\n", encoding="utf-8")
    code, _, stderr = sprog(str(clean), "--fix")
    assert code == 0 and "not fixed" not in stderr


def test_diff_marks_a_missing_final_newline(tmp_path: Path, sprog: Sprog) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Vores formand", encoding="utf-8")
    _, stdout, _ = sprog(str(path), "--diff")
    assert stdout.endswith(
        "-Vores formand\n\\ No newline at end of file\n"
        "+Vores forperson\n\\ No newline at end of file\n"
    )


def test_crawled_pages_are_never_rewritten(site: Any, tmp_path: Path, monkeypatch: Any) -> None:
    site.add("/", "<p>Vores formand.</p>")
    monkeypatch.chdir(tmp_path)
    result = check_paths([site.url + "/"], allow_private=True, fix=FixOptions(), timeout=5)
    assert [f.match for f in result.findings] == ["formand"]
    assert result.fixes == ()
    assert list(tmp_path.iterdir()) == []


def test_html_replacements_are_escaped_and_overlapping_hits_fixed_once() -> None:
    from ligestat.language.extract.html import html_document
    from ligestat.language.fix import plan_fixes
    from ligestat.language.model import Hit

    source = "<p>Vores formand&nbsp;her</p>"
    doc = html_document("p.html", source)
    start = doc.text.index("formand")
    hits = [
        Hit(start, start + 7, "formand", "r", "warning", "m", ("leder & <forperson>",)),
        Hit(start + 3, start + 9, "mand\xa0h", "r", "warning", "m", ("x",)),
    ]
    plan = plan_fixes(doc, hits)
    assert plan is not None
    assert plan.fixed == "<p>Vores leder &amp; &lt;forperson&gt;&nbsp;her</p>"
    assert plan.applied == frozenset({0})
