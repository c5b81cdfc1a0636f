"""Descriptions are Markdown: rendered safely to HTML for pages, flattened to prose for the report.

We use markdown-it-py (CommonMark): it is already in every ligestat install
(Rich depends on it), it follows the CommonMark spec, and it has the two
switches safety needs built in — raw HTML off (``html=False``: ``<script>``
and ``onerror=`` come out as visible text, never markup) and a link validator,
which we narrow to an allow-list of schemes (http, https, mailto and relative
links; ``javascript:``, ``data:``, ``vbscript:``, ``file:`` … become text).
Images are off so a description cannot load anything from the network.
Python-Markdown, the other well-known choice, passes raw HTML through and
needs a separate sanitiser (bleach, now deprecated) to be safe.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

__all__ = ["SAFE_SCHEMES", "render_markdown", "to_prose"]

SAFE_SCHEMES = ("http", "https", "mailto")


def _safe_link(url: str) -> bool:
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES or (scheme == "" and ":" not in cleaned.split("/")[0])


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = _safe_link  # type: ignore[method-assign]

    def link_open(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        tokens[idx].attrSet("rel", "noopener noreferrer nofollow")
        return str(renderer.renderToken(tokens, idx, options, env))

    md.add_render_rule("link_open", link_open)
    return md


_MD = _parser()


def render_markdown(text: str) -> Markup:
    """Safe HTML of a description (escaped text, allowed links only)."""
    return Markup(_MD.render(text or ""))


def _inline(children: list[Token]) -> str:
    out: list[str] = []
    href: list[str] = []
    start: list[int] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type == "softbreak":
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
        elif tok.type == "link_open":
            href.append(str(tok.attrGet("href") or ""))
            start.append(len(out))
        elif tok.type == "link_close" and href:
            url, at = href.pop(), start.pop()
            label = "".join(out[at:])
            if url and url not in (label, f"mailto:{label}"):
                out.append(f" ({url.removeprefix('mailto:')})")
    return "".join(out)


def to_prose(text: str) -> str:
    """A description as the report prints it: plain paragraphs with blank lines between.

    Each list item becomes a paragraph of its own starting with an en dash; a
    link keeps its address in brackets after its text.
    """
    blocks: list[str] = []
    depth = 0
    for tok in _MD.parse(text or ""):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "inline":
            line = _inline(tok.children or [])
            if depth:
                blocks.append("\u2013 " + line)
            else:
                blocks.append(line)
        elif tok.type in ("fence", "code_block"):
            blocks.append(tok.content.rstrip("\n"))
    return "\n\n".join(b.strip() for b in blocks if b.strip())
