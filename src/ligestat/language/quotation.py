"""Quotations and direct speech: where a text quotes a word, and where it quotes a person.

Two kinds of quoted text, told apart by length (docs/sprog-evaluation.md, "Labelling policy"):

* a **quoted word** — at most ``MENTION_WORDS`` words between quotation marks ('formand',
  ‘udvalgsformand’, »formand«, "formand", „Embedsmænd i dag“) — is a *mention*: the word is
  talked about, not used, and gives no finding;
* **direct speech** — a longer quotation, a paragraph opened by a dialogue dash
  ("– Men det er formanden, der bestemmer, siger hun."), the part of a sentence before a
  speech tag (``…, siger hun.``, ``…,« sagde han``) and a paragraph that opens a quotation it
  does not close (the Danish convention for a quotation running over several paragraphs) —
  is someone's own words: a finding there is kept at severity ``info``, never fixed.

The speech *tag* itself ("siger Stefan Fryland, formand for IFPI") is narration.
Double marks pair within a paragraph; single marks (' ‘ ’ ‚ › ‹) pair only around a short
stretch on one line, and never where the mark is an apostrophe (SF'ere, 1920'erne, ka').
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["MENTION_WORDS", "Quotes", "find_quotes", "may_quote"]

MENTION_WORDS = 4  # a quotation of at most this many words quotes a word, not a person
_DOUBLE_RE = re.compile(
    r'"[^"\n]{1,600}(?:\n(?![ \t]*\n)[^"\n]{0,600}){0,6}"'
    r"|“[^”“]{1,600}”|„[^“”]{1,600}[“”]|«[^»]{1,600}»|»[^«]{1,600}«|”[^”]{1,600}”"
)
# single marks: an opener not glued to a letter or digit before it (so not the apostrophe of
# SF'ere, 1920'erne, ka'), a closer before a non-letter
_SINGLE_RE = re.compile(
    r"(?P<o>['‘’‚›‹])(?<!\w['‘’‚›‹])(?=[^\W\d_])"
    r"(?P<body>[^\n'‘’‚›‹]{1,80}?)(?<=[^\s])['’‘›‹](?![^\W\d_])"
)
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")
_WORD_RE = re.compile(r"[^\W\d_]+")
# a speech verb right after the end of a quotation or a comma: the tag that closes speech
SPEECH_VERBS = (
    "siger|sagde|fortæller|fortalte|forklarer|forklarede|udtaler|udtalte|mener|mente|"
    "skriver|skrev|oplyser|oplyste|tilføjer|tilføjede|understreger|understregede|påpeger|"
    "påpegede|pointerer|pointerede|svarer|svarede|spørger|spurgte|råber|råbte|erklærer|"
    "erklærede|fastslår|fastslog|uddyber|uddybede|konstaterer|konstaterede|fortsætter|"
    "fortsatte|lyder|lød|udbrød|indrømmer|indrømmede|vurderer|vurderede|tilføjer"
)
_TAG_RE = re.compile(
    rf"(?:[,!?][ \t]*[\"”«»“]?|[\"”«»“][ \t]*[,!?]?)[ \t]*(?:{SPEECH_VERBS})\b", re.IGNORECASE
)
_DASH_RE = re.compile(r"(?m)^[ \t]*[–—-][ \t]+(?=\S)")
_OPEN_MARKS = '"“„»«'
_CLOSE_MARKS = '"”“«»'


_HINT_RE = re.compile(
    rf"[\"“”„«»'‘’‚›‹]|(?m:^[ \t]*[–—-][ \t])|,[ \t]*(?:{SPEECH_VERBS})\b", re.IGNORECASE
)


def may_quote(text: str, lo: int, hi: int) -> bool:
    """A cheap test: could ``text[lo:hi]`` hold a quotation or speech at all?"""
    return _HINT_RE.search(text, lo, hi) is not None


@dataclass(frozen=True)
class Quotes:
    """The quoted words (mentions) and the speech in a stretch of text, as sorted spans."""

    mentions: list[tuple[int, int]]
    speech: list[tuple[int, int]]

    def mentioned(self, start: int, end: int) -> bool:
        return _inside(self.mentions, start, end)

    def spoken(self, start: int, end: int) -> bool:
        return _inside(self.speech, start, end)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    while i >= 0:
        s, e = spans[i]
        if s <= start and end <= e:
            return True
        if e < start and s < start - 5000:
            return False
        i -= 1
    return False


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD_RE.findall(text, start, end))


_REPORTED_RE = re.compile(r"(?:[ \t]+[^\s,]+){0,4}?,?[ \t]+at\b")
_SENTENCE_END_RE = re.compile(r"[.!?:](?=\s)")


def _tagged_speech(text: str, lo: int, hi: int, out: list[tuple[int, int]]) -> None:
    """Speech closed by a tag in ``text[lo:hi]`` (one paragraph). After a closing mark it
    runs back to its opening mark (or the paragraph's start: the quotation began earlier);
    after a bare comma, back to the start of the sentence."""
    for m in _TAG_RE.finditer(text, lo, hi):
        head = text[m.start() : m.end()]
        mark = next((c for c in head if c in _CLOSE_MARKS), None)
        if mark is None and "," not in head:
            continue  # "Partiet mener, at …": not a tag
        if _REPORTED_RE.match(text, m.end()):
            continue  # "X, der er formand, siger til B.T., at …": reported, not quoted
        start = lo
        if mark is not None:
            opener = max(text.rfind(c, lo, m.start()) for c in _OPEN_MARKS)
            if opener > lo:
                start = opener
        else:
            for end in _SENTENCE_END_RE.finditer(text, lo, m.start()):
                start = end.end()
        out.append((start, m.start() + 1))


def _paragraph(text: str, lo: int, hi: int, mentions: list[tuple[int, int]],
               speech: list[tuple[int, int]]) -> None:
    for m in _DOUBLE_RE.finditer(text, lo, hi):
        if _words(text, m.start(), m.end()) <= MENTION_WORDS:
            mentions.append(m.span())
        else:
            speech.append(m.span())
    for m in _SINGLE_RE.finditer(text, lo, hi):
        if _words(text, m.start(), m.end()) <= MENTION_WORDS:
            mentions.append(m.span())
    dash = _DASH_RE.match(text, lo)
    if dash is not None:  # dialogue: the whole paragraph, up to a speech tag
        tag = _TAG_RE.search(text, dash.end(), hi)
        speech.append((lo, tag.start() + 1 if tag else hi))
    _tagged_speech(text, lo, hi, speech)
    first = text[lo:hi].lstrip()[:1]
    if first in "»„“" and not any(s <= lo + 2 and e > lo for s, e in mentions + speech):
        speech.append((lo, hi))  # a quotation running on into the next paragraph


def find_quotes(text: str, lo: int = 0, hi: int | None = None) -> Quotes:
    """The quoted words and speech in ``text[lo:hi]``; nothing spans a blank line."""
    hi = len(text) if hi is None else hi
    mentions: list[tuple[int, int]] = []
    speech: list[tuple[int, int]] = []
    start = lo
    for brk in [*_PARAGRAPH_RE.finditer(text, lo, hi), None]:
        end = brk.start() if brk else hi
        _paragraph(text, start, end, mentions, speech)
        start = brk.end() if brk else end
    return Quotes(sorted(mentions), sorted(speech))
