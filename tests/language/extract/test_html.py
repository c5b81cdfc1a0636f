"""HTML: visible text only, positions in the HTML source, entities, ignore markers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ligestat.language.extract.html import html_document
from ligestat.language.run import check_paths

Sprog = Callable[..., tuple[int, str, str]]

Position = Callable[..., tuple[int, int]]

PAGE = """<!doctype html>
<html lang="da">
<head>
  <title>Formand for udvalget</title>
  <meta name="description" content="formand">
  <style>.formand { color: red }</style>
  <script>var talsmand = "formand";</script>
</head>
<body>
  <template><p>formand</p></template>
  <p class="formand">Udvalgets <b>n&aelig;stformand</b> og   talsmanden.</p>
  <img alt="formand" src="formand.png">
</body>
</html>
"""


def _found(path: Path) -> list[tuple[str, int, int]]:
    return [(f.match, f.line, f.column) for f in check_paths([path]).findings]


def test_only_visible_text_and_title_are_checked_at_their_source_position(
    tmp_path: Path, position: Position
) -> None:
    path = tmp_path / "side.html"
    path.write_text(PAGE, encoding="utf-8")
    found = _found(path)
    assert found == [
        ("Formand", *position(PAGE, "Formand")),
        ("næstformand", *position(PAGE, "n&aelig;stformand")),
        ("talsmanden", *position(PAGE, "talsmanden")),
    ]


def test_entity_spans_map_back_to_the_exact_source_range() -> None:
    source = "<p>x n&aelig;stformand&#x20;y</p>"
    doc = html_document("p.html", source)
    start = doc.text.index("næstformand")
    span = doc.source_span(start, start + len("næstformand"))
    assert span is not None
    assert source[span[0] : span[1]] == "n&aelig;stformand"


def test_match_across_markup_has_no_source_span() -> None:
    doc = html_document("p.html", "<p><b>form</b>and</p>")
    assert doc.text.strip() == "formand"
    start = doc.text.index("formand")
    assert doc.source_span(start, start + 7) is None


def test_block_elements_separate_words_inline_elements_do_not() -> None:
    doc = html_document("p.html", "<div>for</div><div>mand</div><span>tals</span><i>mand</i>")
    assert "for\n" in doc.text
    assert "talsmand" in doc.text


def test_ignore_comment_silences_the_word_on_that_page(tmp_path: Path) -> None:
    source = "<p>Vores formand og talsmand.</p><!-- sprog: ignore formand -->\n"
    path = tmp_path / "ign.html"
    path.write_text(source, encoding="utf-8")
    assert [m for m, _, _ in _found(path)] == ["talsmand"]


def test_broken_html_is_still_checked(tmp_path: Path, position: Position) -> None:
    source = "<div><p>Vores <b>formand\n</div></span><p class='x>talsmand <!-- uafsluttet"
    path = tmp_path / "broken.html"
    path.write_text(source, encoding="utf-8")
    found = _found(path)
    assert ("formand", *position(source, "formand")) in found


def test_markdown_ignore_comment_applies_to_the_whole_file(tmp_path: Path) -> None:
    source = "Vores formand.\n\n<!-- sprog: ignore formand -->\n\nOg talsmanden.\n"
    path = tmp_path / "ign.md"
    path.write_text(source, encoding="utf-8")
    assert [m for m, _, _ in _found(path)] == ["talsmanden"]


def test_body_content_without_a_body_tag_ends_the_head() -> None:
    doc = html_document("p.html", "<head><title>T</title><meta charset=utf-8><p>formand</p>")
    assert "formand" in doc.text


def test_soft_hyphens_do_not_hide_a_word(tmp_path: Path) -> None:
    source = "<p>Vores for&shy;mand&#173;en</p>"
    path = tmp_path / "shy.html"
    path.write_text(source, encoding="utf-8")
    assert _found(path) == [("formanden", 1, 10)]


def test_a_finding_in_a_minified_page_carries_the_css_path_of_its_element(
    tmp_path: Path, sprog: Sprog
) -> None:
    page = (
        "<!doctype html><html><head><title>Om os</title></head><body><main><h1>Om os</h1>"
        "<p>Velkommen.</p><p>Kontakt <b>formanden</b> her.</p><ul><li>Jens</li>"
        "<li>Talsmand: Ole</li></ul></main></body></html>"
    )
    path = tmp_path / "side.html"
    path.write_text(page, encoding="utf-8")
    found = {f.match: f.selector for f in check_paths([path]).findings}
    assert found == {
        "formanden": "html > body > main > p:nth-of-type(2) > b:nth-of-type(1)",
        "Talsmand": "html > body > main > ul:nth-of-type(1) > li:nth-of-type(2)",
    }
    _, stdout, _ = sprog(str(path), "--format", "json")
    assert '"selector": "html > body > main > p:nth-of-type(2) > b:nth-of-type(1)"' in stdout
