"""The equality unit's own texts: Markdown → the report model's paragraphs and boxes.

The files (``ligestat.io.narrative``) are placed by name: ``introduction.md``
opens the report, ``SECTION.md`` opens a section and ``SECTION.perspective-N.md``
closes it with a "Perspektiv" box. Markdown is parsed (markdown-it, CommonMark,
raw HTML off) into plain values — paragraphs of text runs, lists, quotes,
subheadings — that every renderer escapes in its own way; nothing of the
Markdown reaches an output as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ligestat.errors import InputError
from ligestat.io.narrative import NAME, NARRATIVE_DIR, NarrativeFile
from ligestat.report.model import Box, Logo, Paragraph, ParagraphKind, Section, Span

__all__ = ["SECTION_IDS", "SOURCE_PREFIXES", "Narrative", "markdown_blocks", "place"]

# Where a text can go: the introduction, the parts and every section of part 1 and 2.
SECTION_IDS = ("introduction", "part1", "population", "staff", "agreements", "managers",
               "leave", "child_sick_days", "pay", "context", "part2", "initiatives_citizens",
               "initiatives_staff", "about")
SOURCE_PREFIXES = ("kilde:", "source:")
_SCHEMES = ("http://", "https://", "mailto:")


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _spans(children: Sequence[Any]) -> tuple[Span, ...]:
    out: list[Span] = []
    bold = italic = 0
    href = ""
    for tok in children:
        kind = tok.type
        if kind in ("text", "code_inline", "html_inline"):
            text = tok.content
        elif kind in ("softbreak", "hardbreak"):
            text = " "
        elif kind == "image":
            text = "".join(c.content for c in tok.children or ())
        else:
            bold += {"strong_open": 1, "strong_close": -1}.get(kind, 0)
            italic += {"em_open": 1, "em_close": -1}.get(kind, 0)
            if kind == "link_open":
                target = str(tok.attrs.get("href", ""))
                href = target if target.lower().startswith(_SCHEMES) else ""
            elif kind == "link_close":
                href = ""
            continue
        if not text:
            continue
        span = Span(text, bold > 0, italic > 0, href)
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (span.bold, span.italic,
                                                                      span.href):
            out[-1] = Span(out[-1].text + text, span.bold, span.italic, span.href)
        else:
            out.append(span)
    return tuple(out)


def _paragraph(spans: tuple[Span, ...], kind: ParagraphKind) -> Paragraph:
    text = " ".join("".join(s.text for s in spans).split())
    plain = all(not (s.bold or s.italic or s.href) for s in spans)
    return Paragraph(text, kind, () if plain else spans)


def markdown_blocks(markdown: str) -> tuple[Paragraph, ...]:
    """The paragraphs of a Markdown text, in order (lists, quotes, headings kept as kinds)."""
    out: list[Paragraph] = []
    context: list[str] = []  # open containers: bullet_list, ordered_list, blockquote
    heading = False
    for tok in _parser().parse(markdown):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            context.append(kind.removesuffix("_open"))
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            context.pop()
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            spans = _spans(tok.children or ())
            if not spans:
                continue
            pkind: ParagraphKind = "text"
            if heading:
                pkind = "subheading"
            elif context:
                pkind = {"bullet_list": "bullet", "ordered_list": "number",
                         "blockquote": "quote"}[context[-1]]  # type: ignore[assignment]
            out.append(_paragraph(spans, pkind))
        elif kind in ("fence", "code_block") and tok.content.strip():
            out.append(Paragraph(" ".join(tok.content.split())))
    return tuple(p for p in out if p.text)


@dataclass(frozen=True)
class _Entry:
    file: NarrativeFile
    section: str
    box: str  # "" for a section's text
    lang: str  # "" for every language


@dataclass(frozen=True)
class Narrative:
    """The narrative files of one report, looked up by section and language."""

    files: tuple[NarrativeFile, ...] = ()

    def _entries(self) -> list[_Entry]:
        out = []
        for f in self.files:
            if f.is_logo:
                continue
            m = NAME.match(f.name)
            if m is None:
                raise InputError(f"{NARRATIVE_DIR}/{f.name}: not a narrative file name")
            section = m["section"]
            if section not in SECTION_IDS:
                raise InputError(f"{NARRATIVE_DIR}/{f.name}: no section {section!r} in the "
                                 f"report; use one of {', '.join(SECTION_IDS)}")
            out.append(_Entry(f, section, m["box"] or "", m["lang"] or ""))
        return out

    def check(self) -> None:
        """Raise an InputError naming the first file placed at an unknown section."""
        self._entries()

    def _pick(self, section: str, box: str, lang: str) -> _Entry | None:
        found = [e for e in self._entries() if (e.section, e.box) == (section, box)
                 and e.lang in (lang, "")]
        found.sort(key=lambda e: e.lang != lang)  # the language's own file first
        return found[0] if found else None

    def text(self, section: str, lang: str) -> tuple[Paragraph, ...]:
        """The paragraphs written for the start of ``section`` in ``lang`` (may be empty)."""
        entry = self._pick(section, "", lang)
        return markdown_blocks(entry.file.text()) if entry else ()

    def boxes(self, section: str, lang: str) -> tuple[Box, ...]:
        """The perspective boxes of ``section`` in ``lang``, in the order of their names."""
        names = sorted({e.box for e in self._entries() if e.section == section and e.box})
        out = []
        for name in names:
            entry = self._pick(section, name, lang)
            if entry is not None:
                out.append(_box(f"{section}-{name}", markdown_blocks(entry.file.text())))
        return tuple(out)

    def logo(self) -> Logo | None:
        for f in self.files:
            if f.is_logo:
                return Logo(f.content, "image/png" if f.name.endswith(".png") else "image/jpeg")
        return None


def _box(box_id: str, blocks: tuple[Paragraph, ...]) -> Box:
    """A box: its first heading is the title, a last paragraph "Kilde: …" its source."""
    items = list(blocks)
    title = ""
    if items and items[0].kind == "subheading":
        title = items.pop(0).text
    source = ""
    if items and items[-1].text.lower().startswith(SOURCE_PREFIXES):
        source = items.pop().text
    return Box(box_id, title, tuple(items), source)


def place(parts: Sequence[Section], narrative: Narrative, lang: str,
          introduction_title: str) -> tuple[Section, ...]:
    """``parts`` with every text at the start and every box at the end of its section.

    The introduction becomes a part of its own before the others; a leading
    heading in ``introduction.md`` is its title.
    """
    narrative.check()

    def visit(section: Section) -> Section:
        blocks = tuple(visit(b) if isinstance(b, Section) else b for b in section.blocks)
        text = narrative.text(section.id, lang)
        boxes = narrative.boxes(section.id, lang)
        if not text and not boxes:
            return replace(section, blocks=blocks) if blocks != section.blocks else section
        return replace(section, blocks=(*text, *blocks, *boxes))

    out = [visit(p) for p in parts]
    intro = list(narrative.text("introduction", lang))
    boxes = narrative.boxes("introduction", lang)
    if intro or boxes:
        title = introduction_title
        if intro and intro[0].kind == "subheading":
            title = intro.pop(0).text
        out.insert(0, Section("introduction", title, (*intro, *boxes), level=1))
    return tuple(out)
