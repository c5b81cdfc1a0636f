"""Rules that need the sentence: gendered modifiers on roles and explicit gender requirements.

* ``kvindelig``/``mandlig`` directly before a role noun (``kvindelig læge``):
  an **error** (``da.krav.koen``) when a requirement verb is within a few tokens
  ("Kvindelig pædagog søges", "vi søger en mandlig sygeplejerske"); otherwise a
  **warning** only for a singular role in a sentence with no statistics cue (a digit,
  %, "andel", "flere", ...), no cue that gender is the point ("første", "ønske",
  "netværk"), no both-genders listing ("mandlige og kvindelige") and not after "som"
  ("Som kvindelig leder har jeg ..."). Plural roles outside
  a requirement ("kvindelige ledere") and generic nouns ("medarbejder") give nothing.
* A gender noun (``dame``, ``mand``, ``kvinder``) next to a requirement verb
  ("Dame søges", "vi søger en ung mand") is an **error**, unless the sentence names
  both genders or the noun follows a preposition ("frivillige til kvinder").
"""

from __future__ import annotations

import re

from ligestat.language.exemptions import Candidate
from ligestat.language.lexicon_load import Lexicon
from ligestat.language.model import Hit
from ligestat.language.morphology import apply_case
from ligestat.language.suffixes import plausible_prefix
from ligestat.language.text_utils import sentence_bounds, tokens_between

__all__ = ["VERB_HINT_RE", "context_hits"]

_REQUIREMENT_REACH = 6  # tokens either side of a modifier that may hold a requirement verb
# every requirement verb (modifiers.toml) contains one of these; a cheap pre-filter
VERB_HINT_RE = re.compile("søg|ønsk|foretræk|ansæt")
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")


def _sides(words: list[str], lex: Lexicon) -> tuple[bool, bool]:
    """Whether the sentence names women, and whether it names men."""
    req = lex.requirement
    return not req.female.isdisjoint(words), not req.male.isdisjoint(words)


def _is_role(word: str, lex: Lexicon) -> tuple[int, bool] | None:
    """The tag of ``word`` when it is a neutral role noun (or a compound ending in one)."""
    found = lex.roles.ending(word)
    if found is None:
        return None
    split, tag = found
    if split and not plausible_prefix(word[:split], lex.prefixes):
        return None
    return tag


def _modifier(
    text: str, tokens: list[tuple[int, int, str]], i: int, lex: Lexicon
) -> Candidate | None:
    start, end, word = tokens[i]
    if i + 1 >= len(tokens):
        return None
    n_start, n_end, noun = tokens[i + 1]
    if text[end:n_start].strip() or _head_is_gendered(noun, lex):
        return None  # not adjacent, or the noun is itself flagged ("kvindelig brandmand")
    tag = _is_role(noun, lex)
    if tag is None:
        return None
    words = [t[2] for t in tokens]
    female, male = _sides(words, lex)
    if female and male:
        return None
    req = lex.requirement
    verbs = req.passive_verbs | req.active_verbs
    near = words[max(0, i - _REQUIREMENT_REACH) : i + 2 + _REQUIREMENT_REACH]
    role_text = text[n_start:n_end]
    suggestion = apply_case(text[start:end], role_text)
    keys = frozenset({word, noun, f"{word} {noun}"})
    if lex.choice.intersection(words):
        return None
    if verbs.intersection(near) and not req.not_job.intersection(words):
        hit = Hit(start, n_end, text[start:n_end], req.id, "error", req.reason, (suggestion,))
        return Candidate(hit, keys | {req.id})
    if noun in lex.generic_roles or tag[0] >= 2 or (i > 0 and words[i - 1] == "som"):
        return None  # generic, plural, or about oneself ("Som kvindelig leder har jeg ...")
    sentence = text[tokens[0][0] : tokens[-1][1]]
    if any(c.isdigit() for c in sentence) or "%" in sentence:
        return None
    if lex.statistics.intersection(words) or lex.purpose.intersection(words):
        return None
    mod = lex.modifiers[word]
    hit = Hit(start, n_end, text[start:n_end], mod.id, "info", mod.reason, (suggestion,))
    return Candidate(hit, keys | {mod.id})


def _head_is_gendered(word: str, lex: Lexicon) -> bool:
    found = lex.heads.ending(word)
    return found is not None and found[1].entry is not None


def _gender_noun(
    text: str, tokens: list[tuple[int, int, str]], i: int, lex: Lexicon
) -> Candidate | None:
    req = lex.requirement
    start, end, word = tokens[i]
    words = [t[2] for t in tokens]
    female, male = _sides(words, lex)
    if (female and male) or ("uanset" in words and "køn" in words):
        return None
    if req.not_job.intersection(words):
        return None
    if i > 0 and words[i - 1] in req.blockers:
        return None
    after = words[i + 1 : i + 2 + req.max_gap]
    required = bool(req.passive_verbs.intersection(after))
    if not required:
        for j in range(i - 1, max(-1, i - 2 - req.max_gap), -1):
            if words[j] in req.active_verbs:
                required = True
                break
            if words[j] in req.blockers:
                break
    if not required:
        return None
    hit = Hit(start, end, text[start:end], req.id, "error", req.reason, ())
    return Candidate(hit, frozenset({word, req.id}))


def _may_be_modifier_hit(low: str, end: int, verb_near: bool, lex: Lexicon) -> bool:
    """Cheap check before the sentence is tokenised: the next word is a singular role, or a
    role near a requirement verb."""
    nxt = _NEXT_WORD_RE.match(low, end)
    if nxt is None:
        return False
    tag = _is_role(nxt.group(1), lex)
    if tag is None:
        return False
    return verb_near or (tag[0] < 2 and nxt.group(1) not in lex.generic_roles)


def context_hits(
    text: str, low: str, spots: list[tuple[int, int, str]], lex: Lexicon
) -> list[Candidate]:
    """Judge each modifier or gender noun found by the scan in its sentence.

    ``low`` is ``text`` lower-cased with the same offsets (``text_utils.lowered``).
    """
    out: list[Candidate] = []
    done: set[int] = set()
    for start, end, word in spots:
        if word not in lex.modifiers and not VERB_HINT_RE.search(low, max(0, start - 80), end + 80):
            continue  # a gender noun with no requirement verb anywhere near
        s, e = sentence_bounds(text, start, end)
        tokens = tokens_between(low, s, e)
        i = next((k for k, t in enumerate(tokens) if t[0] == start), None)
        if i is None:
            continue
        if word in lex.modifiers:
            cand = _modifier(text, tokens, i, lex)
        else:
            cand = _gender_noun(text, tokens, i, lex)
        if cand is not None and cand.hit.start not in done:
            done.add(cand.hit.start)
            out.append(cand)
    return out
