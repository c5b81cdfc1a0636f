"""The matcher: one pass over the words of a text, dict look-ups, exemptions last.

Each *distinct* word is judged once: a whole-form look-up (lexicon heads, modifiers, gender
nouns) and, only when its last letters end some head, a scan of its endings for a closed
compound (``klimaudvalgsformændenes`` = ``klimaudvalgs`` + ``formændenes``). The few words
that matter are then located with one compiled regex. Context rules (modifiers,
requirements) and exemptions only look at the text around a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ligestat.language.advert import coded_hits
from ligestat.language.context import context_hits
from ligestat.language.exemptions import Candidate, drop_exemptions
from ligestat.language.lexicon_load import Head, Lexicon, load_lexicon
from ligestat.language.model import Hit
from ligestat.language.morphology import apply_case
from ligestat.language.suffixes import TAIL, plausible_prefix
from ligestat.language.text_utils import WORD_RE, is_sentence_start, lowered

__all__ = ["MAX_WORD", "check_text", "find_role_hits"]

MAX_WORD = 60  # letters; longer tokens are never looked up (keeps hostile input cheap)

_Details = tuple[str, str, tuple[str, ...], frozenset[str]]  # rule, message, suggestions, keys
_Spots = list[tuple[int, int, str]]


def _details(original: str, split: int, head: Head) -> _Details:
    """What a hit on ``original`` says; the same for every occurrence of that spelling."""
    entry = head.entry
    assert entry is not None
    prefix, head_text = original[:split], original[split:]
    slot, gen = head.tag
    suggestions: list[str] = []
    for paradigm in entry.suggestions:
        form = paradigm.form(slot, gen)
        if form is not None:
            suggestion = prefix + apply_case(head_text, form)
            if suggestion not in suggestions:
                suggestions.append(suggestion)
    low = original.lower()
    keys = frozenset({low, entry.id, entry.lemma, low[:split] + entry.lemma})
    return entry.id, entry.reason, tuple(suggestions), keys


def _looks_like_a_name(text: str, start: int, original: str) -> bool:
    """A name such as "Lone Brandmand": a capitalised word right after another one."""
    if not original[:1].isupper() or original.isupper() or start < 2 or text[start - 1] != " ":
        return False
    if not text[start - 2].isalpha():
        return False  # "Olsen, Formand": punctuation between, so not one name
    if is_sentence_start(text, start):
        return False
    prev = text.rfind(" ", 0, start - 1) + 1
    return text[prev : prev + 1].isupper()


def _candidate_words(low: str, lex: Lexicon) -> dict[str, tuple[int, Head] | None]:
    """The distinct words of ``low`` worth locating: modifiers and gender nouns (None) and
    words ending in a gendered head with a plausible prefix ((split, head)).

    Deciding per distinct word, not per token, keeps the Python work proportional to the
    vocabulary of a page rather than its length.
    """
    heads = lex.heads
    tails = heads.tails
    special = lex.special_words
    traps = lex.trap_tokens
    out: dict[str, tuple[int, Head] | None] = {}
    for word in set(WORD_RE.findall(low)):
        if len(word) > MAX_WORD:
            continue
        if word in special:
            out[word] = None
        elif word[-TAIL:] in tails and word not in traps:
            found = heads.ending(word)
            if found is None or found[1].entry is None:
                continue  # no head, or a neutral word (sygeplejerske) owns the ending
            if found[0] and not plausible_prefix(word[: found[0]], lex.prefixes):
                continue
            out[word] = found
    return out


def _scan(text: str, low: str, lex: Lexicon) -> tuple[list[Candidate], _Spots]:
    """Role-noun candidates, and the positions of modifiers and gender nouns to judge."""
    wanted = _candidate_words(low, lex)
    roles: list[Candidate] = []
    context: _Spots = []
    if not wanted:
        return roles, context
    alternatives = "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])")
    memo: dict[str, _Details] = {}
    for m in pattern.finditer(low):
        word = m.group()
        found = wanted[word]
        start, end = m.span()
        if found is None:
            context.append((start, end, word))
            continue
        original = text[start:end]
        if _looks_like_a_name(text, start, original):
            continue
        details = memo.get(original)
        if details is None:
            details = memo[original] = _details(original, found[0], found[1])
        rule, message, suggestions, keys = details
        hit = Hit(start, end, original, rule, "warning", message, suggestions)
        roles.append(Candidate(hit, keys))
    return roles, context


def find_role_hits(text: str, lex: Lexicon) -> list[Hit]:
    """Gendered role nouns in ``text`` before any exception is applied."""
    return [c.hit for c in _scan(text, lowered(text), lex)[0]]


def check_text(
    text: str,
    *,
    ignore: Collection[str] = (),
    allow: Collection[str] = (),
    jobopslag: bool = False,
) -> list[Hit]:
    """Every gendered-language hit in ``text``, sorted by start offset.

    ``ignore``: lemmas, words, rule ids or phrases to skip in the whole text (the HTML
    extractor passes the words of ``<!-- sprog: ignore ... -->`` comments here); ``allow``:
    the user's allow-list, matched the same way; ``jobopslag``: also report gender-coded
    wording (info). Inline markers in the text itself (``sprog: ignore formand``) are
    honoured, see ``ligestat.language.exemptions``.
    """
    lex = load_lexicon()
    low = lowered(text)
    roles, context = _scan(text, low, lex)
    candidates = roles + context_hits(text, low, context, lex)
    if jobopslag:
        candidates += coded_hits(text, lex)
    hits = drop_exemptions(text, candidates, lex, ignore=ignore, allow=allow)
    hits.sort(key=lambda h: (h.start, h.end))
    return hits
