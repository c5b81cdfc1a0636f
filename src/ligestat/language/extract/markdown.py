"""Markdown documents: the prose is checked, code and addresses are not.

Fenced and indented code blocks, inline code, HTML comments and tags, link
destinations, autolinks, bare URLs and e-mail addresses are blanked out
(replaced by spaces, newlines kept), so the checked text has the source's
exact length and every offset is also the source offset. ``<!-- sprog: ignore
WORD -->`` comments apply to the whole file, as in HTML; plain ``sprog: ignore``
markers in the prose are left to the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ligestat.language.extract.document import Document, SourceMap
from ligestat.language.extract.text import ignore_markers

__all__ = ["markdown_document", "mask_markdown"]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE = [
    _COMMENT,  # HTML comments (their ``sprog: ignore`` markers are passed to the matcher)
    re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S),  # inline code
    re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>", re.I),  # autolinks
    re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # raw HTML tags
    re.compile(r"(?<=\]\()\s*<?[^)\s>]*>?"),  # link destination
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+", re.M),  # reference definition
    re.compile(r"(?:https?|ftp)://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+", re.I),  # bare URLs
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
]


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _block_spans(source: str) -> list[tuple[int, int]]:
    """Fenced and indented code blocks, as source spans."""
    spans: list[tuple[int, int]] = []
    lines = source.splitlines(keepends=True)
    pos = 0
    fence: str | None = None
    fence_start = 0
    prev_blank, prev_code, in_list = True, False, False
    for line in lines:
        stripped = line.strip()
        is_code = False
        if fence is not None:
            m = _FENCE.match(line)
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line[m.end() :].strip()
            ):
                spans.append((fence_start, pos + len(line)))
                fence = None
        elif m := _FENCE.match(line):
            fence, fence_start = m.group(1), pos
        elif (
            stripped
            and (line[:1] == "\t" or line.startswith("    "))
            and (prev_code or (prev_blank and not in_list))
        ):
            spans.append((pos, pos + len(line)))
            is_code = True
        if stripped and not is_code and fence is None:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and line[:1] in " \t")
        prev_code = is_code or (prev_code and not stripped)
        prev_blank = not stripped
        pos += len(line)
    if fence is not None:
        spans.append((fence_start, len(source)))
    return spans


def mask_markdown(source: str) -> str:
    """``source`` with code, markup and addresses blanked out (same length)."""
    text = _blank(source, _block_spans(source))
    for pattern in _INLINE:
        text = _blank(text, ((m.start(), m.end()) for m in pattern.finditer(text)))
    return text


def markdown_document(path: str, source: str, encoding: str | None = None) -> Document:
    return Document(
        path=path,
        kind="markdown",
        text=mask_markdown(source),
        map=SourceMap(source),
        ignore=tuple(
            dict.fromkeys(w for m in _COMMENT.finditer(source) for w in ignore_markers(m.group()))
        ),
        encoding=encoding,
    )
