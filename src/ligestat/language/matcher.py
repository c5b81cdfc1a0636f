"""The matcher: one pass over the words of a text, dict look-ups, exemptions last.

Each *distinct* word is judged once: a whole-form look-up (lexicon heads, modifiers, gender
nouns) and, only when its last letters end some head, a scan of its endings for a closed
compound (``klimaudvalgsformændenes`` = ``klimaudvalgs`` + ``formændenes``); failing that,
when it holds the last letters of a gendered word before further letters, a scan for the
gendered word as a first part (``formandsposten`` = ``formands`` + ``posten``). The few
words that matter are then located with one compiled regex. Context rules (modifiers,
requirements) and exemptions only look at the text around a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ligestat.language.advert import coded_hits
from ligestat.language.context import context_hits
from ligestat.language.exemptions import Candidate, drop_exemptions
from ligestat.language.lexicon_load import Entry, Lexicon, load_lexicon
from ligestat.language.model import Hit
from ligestat.language.morphology import Tag, apply_case
from ligestat.language.preference import legal_basis_near, preference_hits
from ligestat.language.suffixes import TAIL, plausible_prefix
from ligestat.language.text_utils import WORD_RE, is_sentence_start, lowered
from ligestat.language.variants import RULE as VARIANT_RULE
from ligestat.language.variants import is_variant_word, variant_message

__all__ = ["MAX_WORD", "check_text", "find_role_hits", "first_part_in_word", "role_in_word"]

MAX_WORD = 60  # letters; longer tokens are never looked up (keeps hostile input cheap)

_Details = tuple[str, str, tuple[str, ...], frozenset[str]]  # rule, message, suggestions, keys
_Spots = list[tuple[int, int, str]]


@dataclass(frozen=True)
class _Role:
    """Where the gendered word sits in a token: ``token[start:end]`` is a form of ``entry``
    (``first`` false: the token's last part) or the entry plus its linking letters ``link``
    (``first`` true: a first part, ``formands|posten``)."""

    start: int
    end: int
    entry: Entry
    tag: Tag
    first: bool = False
    link: str = ""


def _details(original: str, role: _Role, lex: Lexicon) -> _Details:
    """What a hit on ``original`` says; the same for every occurrence of that spelling."""
    entry = role.entry
    prefix, head_text, rest = (
        original[: role.start],
        original[role.start : role.end],
        original[role.end :],
    )
    compound = bool(prefix or rest)
    suggestions: list[str] = []
    for paradigm in entry.compound_suggestions if compound else entry.suggestions:
        if role.first:
            form: str | None = lex.joint(paradigm.lemma, role.link)
        else:
            form = paradigm.form(*role.tag)
        if form is not None:
            suggestion = prefix + apply_case(head_text, form) + rest
            if suggestion not in suggestions:
                suggestions.append(suggestion)
    low = original.lower()
    keys = frozenset({low, entry.id, entry.lemma, low[: role.start] + entry.lemma})
    return entry.id, entry.reason, tuple(suggestions), keys


_TITLE_AFTER_RE = re.compile(r"[ \t]*(?:$|[\n\t|,;:]|(?:for|i|af|ved|hos|til|på)\b)")


def _looks_like_a_name(text: str, start: int, original: str) -> bool:
    """Part of a name: "Lone Brandmand" (a capitalised word right after another one) or a
    unit's name ("et Formands- og Ledelsessekretariat": a capitalised, suspended compound
    in mid-sentence).

    A capitalised role word after a name is a title, not a surname, when a preposition,
    a comma or the end of a line or table cell follows it: "Henning Jensen Formand for
    klubben", "Jens Hansen Overstyrmand" in a member list.
    """
    if not original[:1].isupper() or original.isupper() or start < 2:
        return False
    end = start + len(original)
    if text[end : end + 1] == "-" and not is_sentence_start(text, start):
        return True
    if text[start - 1] != " " or not text[start - 2].isalpha():
        return False  # "Olsen, Formand": punctuation between, so not one name
    if is_sentence_start(text, start) or _TITLE_AFTER_RE.match(text, end):
        return False
    prev = text.rfind(" ", 0, start - 1) + 1
    return text[prev : prev + 1].isupper()


def first_part_in_word(word: str, lex: Lexicon) -> _Role | None:
    """The gendered first part of ``word`` (``formands|posten``), the longest one first."""
    parts = lex.first_parts
    ends = [m.end(1) for m in lex.first_part_re.finditer(word)]
    for end in reversed(ends):
        found = parts.ending(word[:end])
        if found is None:
            continue
        split, part = found
        rest = word[end:]
        if part.link and rest.startswith("kab"):
            continue  # formand|skab: the s belongs to the suffix -skab, not a link
        if not part.link and (rest[:1] == "e" or len(rest) < 4):
            continue  # opmand|ede: an inflected verb, not a compound
        if rest.startswith("lig"):
            continue  # husmoder|lige, mand|ig: an adjective made from the word, not a compound
        owner = lex.heads.ending(word[:end])
        if owner is not None and owner[1].entry is None and owner[0] < split:
            continue  # a longer neutral word owns the first part: sygeplejerske|uddannelse
        if any(
            word.startswith(n, k)
            for k in range(split + 1, end)
            if word[k - 1] == "s"
            for n in lex.neutral_words
        ):
            continue  # a neutral last part after a link: rednings|mandskab
        if not plausible_prefix(rest, ()) or (
            split and not plausible_prefix(word[:split], lex.prefixes)
        ):
            continue
        if rest in lex.trap_tokens:
            continue
        return _Role(split, end, part.entry, (0, False), first=True, link=part.link)
    return None


def role_in_word(word: str, lex: Lexicon) -> _Role | None:
    """The gendered role noun in one lower-case word (a last or a first part), or None."""
    if word in lex.trap_tokens:
        return None
    if word[-TAIL:] in lex.heads.tails:
        found = lex.heads.ending(word)
        if found is not None:
            split, head = found
            if head.entry is not None and (
                not split or plausible_prefix(word[:split], lex.prefixes)
            ):
                return _Role(split, len(word), head.entry, head.tag)
            if head.entry is None and not split:
                return None  # a neutral word itself (sygeplejerske, kvinde)
    if _may_hold_a_first_part(word):
        return first_part_in_word(word, lex)
    return None


def _may_hold_a_first_part(word: str) -> bool:
    """A cheap test (substring searches) that ``word`` holds one of FIRST_PART_MARKERS."""
    return len(word) > 6 and (
        "mand" in word
        or "inde" in word
        or "rske" in word
        or "dame" in word
        or "pige" in word
        or "moder" in word
    )


def _candidate_words(low: str, lex: Lexicon) -> dict[str, _Role | Entry | None]:
    """The distinct words of ``low`` worth locating: modifiers and gender nouns (None),
    words with a gendered role noun as a last or first part (a ``_Role``) and misspelt
    role nouns (the ``Entry`` meant, see ``ligestat.language.variants``).

    Deciding per distinct word, not per token, keeps the Python work proportional to the
    vocabulary of a page rather than its length.
    """
    special = lex.special_words
    tails = lex.heads.tails
    out: dict[str, _Role | Entry | None] = {}
    for word in set(WORD_RE.findall(low)):
        if len(word) > MAX_WORD:
            continue
        if word in special:
            out[word] = None
            continue
        if word[-TAIL:] in tails or _may_hold_a_first_part(word):
            role = role_in_word(word, lex)
            if role is not None:
                out[word] = role
                continue
        misspelt = is_variant_word(word, lex)
        if misspelt is not None:
            out[word] = misspelt
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
        if isinstance(found, Entry):
            hit = Hit(start, end, original, VARIANT_RULE, "info", variant_message(found))
            roles.append(Candidate(hit, frozenset({word, VARIANT_RULE, found.lemma})))
            continue
        details = memo.get(original)
        if details is None:
            details = memo[original] = _details(original, found, lex)
        rule, message, suggestions, keys = details
        hit = Hit(start, end, original, rule, "warning", message, suggestions)
        roles.append(Candidate(hit, keys))
    return roles, context


def find_role_hits(text: str, lex: Lexicon) -> list[Hit]:
    """Gendered role nouns in ``text`` before any exception is applied."""
    return [c.hit for c in _scan(text, lowered(text), lex)[0]]


def _overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _with_preferences(text: str, candidates: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Advert mode: the stated gender preferences join the candidates (an error replaces a
    descriptive hit on the same words), and no requirement error stands where the advert
    states the legal basis of an exemption."""
    prefs = preference_hits(text, lex)
    errors = [c.hit for c in candidates if c.hit.severity == "error"]
    prefs = [p for p in prefs if not any(_overlaps(p.hit, h) for h in errors)]
    kept = [c for c in candidates
            if c.hit.severity == "error" or not any(_overlaps(c.hit, p.hit) for p in prefs)]
    rule = lex.requirement.id
    return [c for c in kept + prefs
            if c.hit.rule != rule or not legal_basis_near(text, c.hit.start)]


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
    wording (info) and treat every stated preference for one gender as an error
    (``ligestat.language.preference``). Inline markers in the text itself
    (``sprog: ignore formand``) are honoured, see ``ligestat.language.exemptions``.
    """
    lex = load_lexicon()
    low = lowered(text)
    roles, context = _scan(text, low, lex)
    candidates = roles + context_hits(text, low, context, lex)
    if jobopslag:
        candidates = _with_preferences(text, candidates, lex) + coded_hits(text, lex)
    hits = drop_exemptions(text, candidates, lex, ignore=ignore, allow=allow)
    hits.sort(key=lambda h: (h.start, h.end))
    return hits
