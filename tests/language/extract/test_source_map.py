"""Property: every source span the HTML map gives decodes to exactly the checked text."""

from __future__ import annotations

from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from ligestat.language.extract.html import html_document
from ligestat.language.extract.markdown import markdown_document

CHUNKS = st.sampled_from(
    [
        "for",
        "mand",
        "en",
        " ",
        "\n",
        "æ",
        "&aelig;",
        "&amp;",
        "&#229;",
        "&#xE5;",
        "&lt;",
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "<br>",
        "<!-- x -->",
        "<script>mand</script>",
        "&shy;",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(CHUNKS, max_size=14))
def test_html_source_spans_decode_to_the_checked_text(chunks: list[str]) -> None:
    source = "".join(chunks)
    doc = html_document("p.html", source)
    for start in range(len(doc.text)):
        for end in range(start + 1, len(doc.text) + 1):
            span = doc.source_span(start, end)
            if span is not None:
                raw = source[span[0] : span[1]]
                assert unescape(raw).replace("\xad", "") == doc.text[start:end]
        span = doc.source_span(start, start + 1)
        if span is not None:  # the position reported is where that character's source starts
            loc = doc.locate(start)
            line = source.count("\n", 0, span[0]) + 1
            column = span[0] - (source.rfind("\n", 0, span[0]) + 1) + 1
            assert (loc.line, loc.column) == (line, column)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab `*_[]()<>!-\n#~:/.@", max_size=60))
def test_markdown_masking_keeps_length_and_line_breaks(source: str) -> None:
    doc = markdown_document("a.md", source)
    assert len(doc.text) == len(source)
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == [
        i for i, c in enumerate(source) if c == "\n"
    ]
    assert all(t == s or t == " " for t, s in zip(doc.text, source, strict=True))
