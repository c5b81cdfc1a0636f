"""The report's words: labels (TOML) and sentences (Jinja macros), per language.

Every language has a folder with ``labels.toml`` (captions, headings, sources,
definitions — each a small Jinja template) and ``sentences.j2`` (one macro per
sentence family, written from the numbers); a topic may bring its own pair
(``pay.toml``, ``pay.j2``). The filters below carry the
grammar: numbers under ten in words, lists with "og"/"and", percent and
percentage points in each language's style.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ligestat.config import REPORT_LANGS
from ligestat.errors import RenderError
from ligestat.indicators import REGISTRY
from ligestat.report.numbers import (
    fmt_decimal,
    fmt_int,
    fmt_pct,
    fmt_pp,
    number_words,
    round_half_up,
)

__all__ = ["LANGS", "Text", "join_words", "text_for"]

LANGS = REPORT_LANGS  # the languages [report] lang accepts
_HERE = Path(__file__).parent
_AND = {"da": "og", "en": "and"}


def join_words(items: Iterable[str], lang: str) -> str:
    """``a``, ``a og b``, ``a, b og c`` (da); ``a, b and c`` (en, no serial comma)."""
    seq = [str(i) for i in items]
    if len(seq) <= 1:
        return "".join(seq)
    return ", ".join(seq[:-1]) + f" {_AND[lang]} " + seq[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _filters(lang: str) -> dict[str, Callable[..., Any]]:
    return {
        "num": lambda v: fmt_int(int(v), lang),
        "dec": lambda v, d=1: fmt_decimal(float(v), lang, d),
        "pct": lambda v: fmt_pct(float(v), lang),
        "pp": lambda v: fmt_pp(float(v), lang),
        "words": lambda v, neuter=False: number_words(int(v), lang, neuter),
        "join": lambda v: join_words(v, lang),
        "cap": _cap,
        "round0": lambda v: int(round_half_up(float(v))),
        "plural": lambda n, one, many: one if int(n) == 1 else many,
    }


class Text:
    """Labels and sentences of one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise RenderError(f"unknown report language {lang!r}; use one of {', '.join(LANGS)}")
        self.lang = lang
        folder = _HERE / lang
        # labels.toml, then one more file per topic (pay.toml …); a key is defined once
        self._labels: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml"), key=lambda p: (p.name != "labels.toml", p)):
            more = tomllib.loads(path.read_text(encoding="utf-8"))
            twice = sorted(set(more) & set(self._labels))
            if twice:
                raise RenderError(f"text/{lang}/{path.name} defines {', '.join(twice)} again")
            self._labels.update(more)
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self._env.filters.update(_filters(lang))
        # sentences.j2, then one more template per topic (pay.j2 …)
        self._modules = [self._env.get_template(path.name).module for path in sorted(
            folder.glob("*.j2"), key=lambda p: (p.name != "sentences.j2", p))]
        self._compiled: dict[str, jinja2.Template] = {}

    def label(self, key: str, **ctx: Any) -> str:
        """The label ``key`` rendered with ``ctx`` (labels are small templates).

        A label not in ``labels.toml`` may come with an indicator's definition
        (``labels=`` of :func:`ligestat.indicators.indicator`).
        """
        source = self._labels.get(key)
        if source is None:
            source = next((ind.labels[self.lang][key] for ind in REGISTRY.values()
                           if key in ind.labels.get(self.lang, {})), None)
        if source is None:
            raise RenderError(f"text/{self.lang}/labels.toml has no label {key!r}, and no "
                              "indicator defines it")
        if "{" not in source:
            return source
        tpl = self._compiled.get(source)
        if tpl is None:
            tpl = self._compiled[source] = self._env.from_string(source)
        return tpl.render(**ctx).strip()

    def say(self, macro: str, **ctx: Any) -> str:
        """Sentences from the macro ``macro`` of ``sentences.j2``; whitespace normalised."""
        fn = next((getattr(m, macro) for m in self._modules if hasattr(m, macro)), None)
        if fn is None:
            raise RenderError(f"text/{self.lang}/sentences.j2 has no macro {macro!r}")
        raw = str(fn(**ctx))
        # collapse template whitespace, but keep no-break spaces ("69 %" stays together)
        text = re.sub(r"[ \t\r\n]+", " ", raw).strip()
        text = re.sub(r" ([.,;:])", r"\1", text)
        return _cap(text)

    def labels(self, keys: Iterable[str], **ctx: Any) -> Mapping[str, str]:
        return {k: self.label(k, **ctx) for k in keys}


@cache
def text_for(lang: str) -> Text:
    """The (cached) ``Text`` of ``lang``."""
    return Text(lang)
