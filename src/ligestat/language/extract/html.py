"""HTML documents: the visible text, placed at its position in the HTML source.

Text inside ``script``, ``style``, ``template`` and the ``head`` (except the
``title``) is left out. Character references are decoded for checking, and a
match is traced back to its exact source range, entity included. Inline
elements (``<b>``, ``<a>``, …) join their text; every other tag separates it.
``<!-- sprog: ignore WORD -->`` comments are collected for the matcher.

Each stretch of text also records the CSS path of its element (``main > p:nth-of-type(3)``),
so a finding in a minified page is placed by element, not only by "line 1, column 4711".
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from ligestat.language.extract.document import Document, Run, SourceMap, line_starts
from ligestat.language.extract.text import ignore_markers

__all__ = ["html_document"]

_SKIP = frozenset({"script", "style", "template"})
_HEAD_CONTENT = frozenset({"title", "meta", "link", "base", "noscript", "object"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_UNNUMBERED = frozenset({"html", "head", "body", "main"})
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i"}
    | {"ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup"}
    | {"time", "u", "var", "wbr"}
)


class _VisibleText(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = line_starts(source)
        self.pieces: list[str] = []
        self.runs: list[Run] = []
        self.length = 0
        self.skip_depth = 0
        self.in_head = False
        self.in_title = False
        self.ignore: list[str] = []
        self.links: list[str] = []
        self.base: str | None = None
        # the open elements as CSS path steps, each level's counts of child tags
        self.steps: list[str] = []
        self.names: list[str] = []
        self.counts: list[dict[str, int]] = [{}]
        self.paths: list[str] = []
        self.run_paths: list[int] = []
        self.path_dirty = True

    # -- helpers ---------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _visible(self) -> bool:
        return self.skip_depth == 0 and (self.in_title or not self.in_head)

    def _path_id(self) -> int:
        if self.path_dirty:
            self.paths.append(" > ".join(self.steps))
            self.path_dirty = False
        return len(self.paths) - 1

    def _open(self, tag: str) -> None:
        if tag in _VOID:
            return
        counts = self.counts[-1]
        n = counts[tag] = counts.get(tag, 0) + 1
        self.steps.append(tag if tag in _UNNUMBERED else f"{tag}:nth-of-type({n})")
        self.names.append(tag)
        self.counts.append({})
        self.path_dirty = True

    def _close(self, tag: str) -> None:
        if tag not in self.names:
            return  # a stray end tag
        while self.names:
            self.steps.pop()
            self.counts.pop()
            self.path_dirty = True
            if self.names.pop() == tag:
                break

    def _add(self, text: str, src_start: int, src_end: int) -> None:
        if not text:
            return
        self.run_paths.append(self._path_id())
        self.runs.append(Run(self.length, self.length + len(text), src_start, src_end))
        self.pieces.append(text)
        self.length += len(text)

    def _separate(self) -> None:
        if self.pieces and self.pieces[-1] != "\n":
            if self.pieces[-1] == " ":  # whitespace before a block boundary
                self.pieces[-1] = "\n"
                return
            self.pieces.append("\n")
            self.length += 1

    # -- parser events ---------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)
        if tag == "head":
            self.in_head = True
        elif tag not in _HEAD_CONTENT and tag not in _SKIP:  # <body> or body content
            self.in_head = False
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in ("a", "area"):
            self.links.extend(v for k, v in attrs if k == "href" and v)
        elif tag == "base":
            self.base = next((v for k, v in attrs if k == "href" and v), self.base)
        if tag not in _INLINE:
            self._separate()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "area", "base"):
            self.handle_starttag(tag, attrs)
            self._close(tag)
        elif tag not in _INLINE:
            self._separate()

    def handle_endtag(self, tag: str) -> None:
        self._close(tag)
        if tag in _SKIP:
            self.skip_depth = max(self.skip_depth - 1, 0)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        if tag not in _INLINE:
            self._separate()

    def handle_data(self, data: str) -> None:
        if self.skip_depth or (self.in_head and not self.in_title):
            return
        if data.isspace():  # layout whitespace between tags: a separator, no run needed
            if self.pieces and not self.pieces[-1].isspace():
                self.pieces.append(" ")
                self.length += 1
            return
        line, col = self.getpos()
        start = self.lines[line - 1] + col
        self.run_paths.append(self._path_id())
        self.runs.append(Run(self.length, self.length + len(data), start, start + len(data)))
        self.pieces.append(data)
        self.length += len(data)

    def _reference(self, prefix: str, name: str) -> None:
        if not self._visible():
            return
        start = self._offset()
        end = start + len(prefix) + len(name)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[start:end]
        value = unescape(raw if raw.endswith(";") else raw + ";")
        if value != "\xad":  # a soft hyphen (&shy;) joins the word around it
            self._add(value, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def handle_comment(self, data: str) -> None:
        self.ignore.extend(ignore_markers(data))


def html_document(
    path: str, source: str, encoding: str | None = None, *, url: str | None = None
) -> Document:
    """The visible text of an HTML page, mapped to its source.

    With ``url`` (a crawled page), links are resolved against it (or the page's
    ``<base href>``) and returned without their ``#fragment``.
    """
    parser = _VisibleText(source)
    parser.feed(source)
    parser.close()
    links: tuple[str, ...] = ()
    if url is not None:
        base = urljoin(url, parser.base) if parser.base else url
        links = tuple(
            dict.fromkeys(urldefrag(urljoin(base, href.strip())).url for href in parser.links)
        )
    return Document(
        path=path,
        kind="html",
        text="".join(parser.pieces),
        map=SourceMap(source, parser.runs, (parser.paths, parser.run_paths)),
        ignore=tuple(dict.fromkeys(parser.ignore)),
        encoding=encoding,
        links=links,
    )
