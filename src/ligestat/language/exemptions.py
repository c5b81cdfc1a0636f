"""Exemptions: text that must stay as written, so it yields no hit.

In order of checking:

1. **ignore** (argument) and **allow** (the user's allow-list): a single word matches a
   hit whose matched text, lemma, compound lemma or rule id it equals (case-insensitive):
   ``formand`` covers formanden, formændenes and udvalgsformand; ``udvalgsformand`` only
   that compound; ``da.mand.formand`` the rule. An entry with a space is a phrase: any
   hit inside an occurrence of it is dropped.
2. **Inline markers** in the text (plain text, e.g. in a comment line)::

       sprog: ignore formand, næstformand   the rest of the document, for those words
       sprog: ignore                        its own line and the next line, every rule

   Hits inside the marker itself are dropped too.
3. **Built-in phrases** (``exceptions.toml``: Folketingets Ombudsmand, agreement names).
4. **Rule contexts** (``exceptions.toml``): ``ansat som tjenestemand``, domsmænd among
   nævninger; **institutions** by meaning (``institution.py``: "klag til ombudsmanden").
5. **Mentions** (``mention.py``): the word is talked about, not used ("ordet formand",
   "kønnede titler som formand og forkvinde", "Formand bliver til forperson").
6. **Quoted words** (``quotation.py``): at most a few words in quotation marks
   ('formand', ‘udvalgsformand’, »formand«, "formand") in one paragraph.
7. **References**: after ``jf.`` or ``§`` in the same clause: up to ; ) ! ?, a line
   break, a new sentence or ", og"/", men"/", når" ... ("§ 5, stk. 2, om formandens
   pligter" is one clause; so is "§ 3, stk. 2, skal formanden", a known limit).

A hit that survives all of these but sits in **direct speech** (a longer quotation, dialogue
after a dash, speech closed by ", siger hun") is kept at severity ``info``: someone's own
words are reported, not counted as the writer's, and ``--fix`` leaves them alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import cache

from ligestat.language.institution import INSTITUTIONS, institution_meant
from ligestat.language.lexicon_load import Lexicon
from ligestat.language.mention import mention_by_cue
from ligestat.language.model import Hit
from ligestat.language.quotation import Quotes, find_quotes, may_quote
from ligestat.language.text_utils import WORD_RE, lowered

__all__ = ["Candidate", "drop_exemptions", "ignore_markers"]

_MARKER_RE = re.compile(r"sprog:[ \t]*ignore\b(?P<words>[^\n]*)", re.IGNORECASE)
_MARKER_WORD_RE = re.compile(r"[\w.]+(?:-[\w.]+)*")
_REF_RE = re.compile(r"\bjf\.|§", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"[;!?)\n]|\.\s+[A-ZÆØÅ]|,\s+(?:og|men|mens|så|hvis|når|fordi)\b")
_REACH = 300
_SPEECH_NOTE = " (Direkte tale: andres ord, kun til orientering.)"


@dataclass(frozen=True)
class Candidate:
    """A hit before exemptions, with the keys an ignore/allow word may match."""

    hit: Hit
    keys: frozenset[str]


@dataclass(frozen=True)
class _Marker:
    line_start: int
    start: int
    end: int  # end of the marker (its comment closer or its line end)
    words: frozenset[str]  # empty: a bare marker
    scope_end: int  # bare marker: end of the next line


def ignore_markers(text: str) -> list[_Marker]:
    """The ``sprog: ignore`` markers in a text."""
    if "sprog:" not in text and "SPROG:" not in text and "Sprog:" not in text:
        return []
    out = []
    for m in _MARKER_RE.finditer(text):
        rest = m.group("words")
        closer = min((i for i in (rest.find("-->"), rest.find("*/")) if i != -1), default=-1)
        if closer != -1:
            rest = rest[:closer]
        words = frozenset(w.lower() for w in _MARKER_WORD_RE.findall(rest))
        line_end = m.end()
        marker_end = m.start("words") + len(rest)
        nxt = text.find("\n", line_end + 1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        scope_end = len(text) if nxt == -1 else nxt
        out.append(_Marker(line_start, m.start(), marker_end, words, scope_end))
    return out


def _normalise(words: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    singles, phrases = set(), []
    for raw in words:
        word = " ".join(raw.split()).lower()
        if not word:
            continue
        if " " in word:
            phrases.append(word)
        else:
            singles.add(word)
    return frozenset(singles), tuple(phrases)


@dataclass(frozen=True)
class _Phrases:
    pattern: re.Pattern[str]
    words: frozenset[str]  # every word of every phrase, lower case: a cheap pre-filter


@cache
def _phrases(phrases: tuple[str, ...]) -> _Phrases | None:
    if not phrases:
        return None
    parts = sorted((r"\s+".join(re.escape(w) for w in p.split()) for p in phrases), key=len)
    words = frozenset(w.lower() for p in phrases for w in WORD_RE.findall(p))
    return _Phrases(re.compile("|".join(reversed(parts)), re.IGNORECASE), words)


def _in_phrase(text: str, cand: Candidate, phrases: _Phrases | None) -> bool:
    if phrases is None or phrases.words.isdisjoint(cand.keys):
        return False
    hit = cand.hit
    pattern = phrases.pattern
    lo, hi = max(0, hit.start - _REACH), min(len(text), hit.end + _REACH)
    return any(
        m.start() <= hit.start and hit.end <= m.end() for m in pattern.finditer(text, lo, hi)
    )


def _in_context(text: str, cand: Candidate, lex: Lexicon) -> bool:
    rule = lex.contexts.get(cand.hit.rule)
    if rule is None:
        return False
    hit = cand.hit
    if rule.capitalised and hit.match[:1].isupper():
        return True
    if not rule.window:
        return False
    before = WORD_RE.findall(text, max(0, hit.start - 120), hit.start)[-rule.window :]
    after = WORD_RE.findall(text, hit.end, hit.end + 120)[: rule.window]
    return bool(
        rule.before.intersection(w.lower() for w in before)
        or rule.after.intersection(w.lower() for w in after)
    )


_QUOTE_REACH = 800  # characters either side of a hit searched for its quotation or speech


def _local_quotes(text: str, hit: Hit) -> Quotes | None:
    """The quotations and speech in the paragraph around a hit (for texts with few hits),
    or None when there is no quotation mark, dialogue dash or speech tag near it."""
    lo = max(0, hit.start - _QUOTE_REACH)
    para = text.rfind("\n\n", lo, hit.start)
    para_start = lo if para == -1 else para + 2
    para_end = text.find("\n\n", hit.end, hit.end + _QUOTE_REACH)
    end = min(len(text), hit.end + _QUOTE_REACH) if para_end == -1 else para_end
    if not may_quote(text, para_start, end):
        return None
    return find_quotes(text, para_start, end)


def _after_reference(text: str, hit: Hit) -> bool:
    lo = max(0, hit.start - 200)
    last = None
    for m in _REF_RE.finditer(text, lo, hit.start):
        last = m
    if last is None:
        return False
    return _CLAUSE_END_RE.search(text, last.end(), hit.start + 1) is None


def drop_exemptions(
    text: str,
    candidates: list[Candidate],
    lex: Lexicon,
    *,
    ignore: Collection[str] = (),
    allow: Collection[str] = (),
) -> list[Hit]:
    """The hits of ``candidates`` that no exception covers."""
    if not candidates:
        return []
    ignore_words, ignore_phrases = _normalise(ignore)
    allow_words, allow_phrases = _normalise(allow)
    skip_words = ignore_words | allow_words
    allow_re = _phrases(tuple(sorted({*ignore_phrases, *allow_phrases})))
    builtin_re = _phrases(tuple(lex.phrases))
    markers = ignore_markers(text)
    # many hits: find every quotation once; few hits: only around each hit
    shared_quotes = find_quotes(text) if len(candidates) > 20 else None
    has_refs = "§" in text or _REF_RE.search(text) is not None
    low: str | None = None
    kept: list[Hit] = []
    for cand in candidates:
        hit = cand.hit
        if skip_words.intersection(cand.keys) or _marked(hit, cand.keys, markers):
            continue
        if _in_phrase(text, cand, allow_re) or _in_phrase(text, cand, builtin_re):
            continue
        if _in_context(text, cand, lex) or mention_by_cue(text, hit, lex):
            continue
        if hit.rule in INSTITUTIONS:
            low = lowered(text) if low is None else low
            if institution_meant(text, low, hit):
                continue
        quotes = shared_quotes if shared_quotes is not None else _local_quotes(text, hit)
        if quotes is not None and quotes.mentioned(hit.start, hit.end):
            continue
        if has_refs and _after_reference(text, hit):
            continue
        if quotes is not None and quotes.spoken(hit.start, hit.end) and hit.severity != "info":
            hit = replace(hit, severity="info", message=hit.message + _SPEECH_NOTE)
        kept.append(hit)
    return kept


def _marked(hit: Hit, keys: frozenset[str], markers: list[_Marker]) -> bool:
    for marker in markers:
        if marker.start <= hit.start < marker.end:
            return True  # the marker's own words
        if marker.words:
            if marker.start <= hit.start and marker.words.intersection(keys):
                return True
        elif marker.line_start <= hit.start < marker.scope_end:
            return True
    return False
