"""Job adverts (``--jobopslag``): every stated preference for one gender is an error.

The equal treatment act (ligebehandlingsloven § 6) forbids a job advert to state that a
person of a given sex is sought or preferred; the Ombudsman (FOB 1983.232) holds that a
direct call on one sex to apply also needs a dispensation (today § 13). So in advert mode a
clause is an **error** (``da.krav.koen``) when it names one gender as the one wanted:

* a requirement or preference word and a gender word for the applicant in the same clause:
  "Vi søger gerne en kvinde", "Vi ønsker især ansøgninger fra mænd", "Kvinder opfordres til
  at søge", "Vi søger en mandlig pædagog eller en kvindelig tømrer" (two errors);
* the post said to be for one gender: "Stillingen er (som udgangspunkt) for en mand";
* the reader addressed as one gender: "Er du en ung mand med flair for tal?".

It passes when the clause names both genders together ("mænd og kvinder", "mandlig eller
kvindelig", "uanset køn"), when the gender word is not the applicant ("arbejde med kvinder i
krise", "da vi er mange mænd", "teamet består af kvinder") and when the advert states the
legal basis of an exemption in the same or a neighbouring sentence ("dispensation",
"ligebehandlingslovens § 13", "i medfør af …").
"""

from __future__ import annotations

import re

from ligestat.language.exemptions import Candidate
from ligestat.language.lexicon_load import Lexicon
from ligestat.language.model import Hit

__all__ = ["legal_basis_near", "preference_hits"]

_FEMALE = r"kvinde|kvinden|kvinder|kvinderne|dame|damen|damer|pige|pigen|piger|kvindelige?t?"
_MALE = r"mand|manden|mænd|mændene|dreng|drengen|drenge|herre|herrer|fyr|fyre|mandlige?t?"
_GENDER_RE = re.compile(rf"(?<![^\W\d_])(?:{_FEMALE}|{_MALE})(?![^\W\d_])", re.IGNORECASE)
_BOTH_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_FEMALE}|{_MALE})\s*(?:og|eller|/|&|som)\s*(?:en\s+|et\s+)?"
    rf"(?:{_FEMALE}|{_MALE})(?![^\W\d_])|uanset\s+køn|begge\s+køn|alle\s+køn|"
    rf"køn\s+er\s+(?:underordnet|ligegyldigt|uden\s+betydning)",
    re.IGNORECASE,
)
_WANT_RE = re.compile(
    r"(?<![^\W\d_])(?:søger|søges|søge|ønsker|ønskes|ønske|foretrækker|foretrækkes|ansætter|"
    r"ansættes|ansætte|efterlyser|efterlyses|opfordrer|opfordres|opfordre|gerne|helst|især|"
    r"særligt|særlig|fortrinsvis|primært|mangler|savner|velkommen|velkomne|henvender|"
    r"egner|passer|brug\s+for|leder\s+efter|håber\s+på|ser\s+gerne|foretrukket|foretrukne|"
    r"prioriterer|prioriteres|prioriteret|tiltænkt|forbeholdt|reserveret)(?![^\W\d_])",
    re.IGNORECASE,
)
_POST_FOR_RE = re.compile(
    r"(?<![^\W\d_])(?:stillingen|jobbet|opgaven|pladsen|vikariatet|funktionen|"
    r"arbejdet|rollen)\s+(?:er|egner\s+sig|passer)\b[^.,;]{0,40}?\b"
    r"(?:for|til|tiltænkt|forbeholdt|reserveret\s+til)\s+"
    r"(?:en\s+|et\s+)?(?:\w+\s+)?(?P<g>" + _FEMALE + "|" + _MALE + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_ADDRESS_RE = re.compile(
    r"(?:^|[.!?]\s+)er\s+du\s+(?:en\s+|et\s+)?(?:\w+\s+){0,2}?(?P<g>" + _FEMALE + "|"
    + _MALE + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_FROM_RE = re.compile(
    r"(?:ansøgning|ansøgninger|ansøgere|kandidater|henvendelser|bud)\s+(?:fra|blandt)\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
_WANT_PHRASE_END_RE = re.compile(
    r"(?:brug\s+for|leder\s+efter|håber\s+på|ser\s+gerne)\s+(?:en\s+|et\s+)?$", re.IGNORECASE
)
_BASIS_RE = re.compile(
    r"dispensation|ligebehandlingslovens?\s+§|§\s*13\b|i\s+medfør\s+af|"
    r"jf\.\s+ligebehandlingsloven|bekendtgørelse\s+nr\.|tilladelse\s+fra",
    re.IGNORECASE,
)
_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_CLAUSE_SPLIT_RE = re.compile(
    r";|\s[–—]\s|,\s+(?=(?:da|fordi|idet|eftersom|så|men|hvor|som|der)\b)|"
    r"\s(?=(?:da|fordi|idet|eftersom)\s+(?:vi|teamet|afdelingen|gruppen|de|der)\b)",
    re.IGNORECASE,
)
_INFINITIVE_RE = re.compile(r"(?<![^\W\d_])at(?![^\W\d_])", re.IGNORECASE)
_NOT_APPLICANT = frozenset({
    "til", "for", "med", "af", "hos", "om", "blandt", "mellem", "mod", "på", "i", "ved",
    "mange", "flere", "færre", "få", "overvejende", "kun", "alle", "andre",
})


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE_SPLIT_RE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _applicant(text: str, clause_start: int, g_start: int) -> bool:
    """Whether the gender word at ``g_start`` can be the one sought: no preposition or
    quantity word right before it (unless "ansøgninger fra …"), and no infinitive between
    it and the want word before it."""
    before = text[clause_start:g_start]
    if _FROM_RE.search(before) or _WANT_PHRASE_END_RE.search(before):
        return True
    wants = list(_WANT_RE.finditer(before))
    if wants and _INFINITIVE_RE.search(before, wants[-1].end()):
        return False  # "søger en sygeplejerske til at passe kvinder": the object of a task
    words = re.findall(r"[^\W\d_]+", before.lower())
    prev = [w for w in words[-2:] if w not in ("en", "et", "ung", "unge", "ældre", "moden")]
    return not prev or prev[-1] not in _NOT_APPLICANT


def _hit(text: str, start: int, end: int, lex: Lexicon) -> Candidate:
    req = lex.requirement
    word = text[start:end]
    if word.lower().startswith(("kvindelig", "mandlig")):
        nxt = re.match(r"\s+[^\W\d_]+", text[end:])
        if nxt is not None:
            end += nxt.end()
    hit = Hit(start, end, text[start:end], req.id, "error", req.reason)
    return Candidate(hit, frozenset({word.lower(), req.id}))


def _sentence_hits(text: str, s: int, e: int, lex: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _POST_FOR_RE.finditer(text, s, e):
        out.append(_hit(text, m.start("g"), m.end("g"), lex))
    for m in _ADDRESS_RE.finditer(text[s:e]):
        out.append(_hit(text, s + m.start("g"), s + m.end("g"), lex))
    for cs, ce in _clauses(text, s, e):
        if not _WANT_RE.search(text, cs, ce):
            continue
        both = [m.span() for m in _BOTH_RE.finditer(text, cs, ce)]
        for g in _GENDER_RE.finditer(text, cs, ce):
            if any(bs <= g.start() < be for bs, be in both):
                continue
            if _applicant(text, cs, g.start()):
                out.append(_hit(text, g.start(), g.end(), lex))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE_RE.finditer(text) if m.group().strip()]


def legal_basis_near(text: str, offset: int) -> bool:
    """Whether the sentence at ``offset``, or the one before or after it, states the legal
    basis of an exemption ("dispensation", "ligebehandlingslovens § 13", ...)."""
    lo = max(0, offset - 600)
    spans = [(s + lo, e + lo) for s, e in _sentences(text[lo : offset + 600])]
    for i, (s, e) in enumerate(spans):
        if s <= offset < e or (offset >= e and i + 1 < len(spans) and offset < spans[i + 1][0]):
            a, b = spans[max(0, i - 1)][0], spans[min(len(spans) - 1, i + 1)][1]
            return _BASIS_RE.search(text, a, b) is not None
    return False


def preference_hits(text: str, lex: Lexicon) -> list[Candidate]:
    """An error for each gender word a job advert states as wanted (see the module doc)."""
    if _GENDER_RE.search(text) is None:
        return []
    out: list[Candidate] = []
    seen: set[int] = set()
    for s, e in _sentences(text):
        for cand in _sentence_hits(text, s, e, lex):
            if cand.hit.start not in seen:
                seen.add(cand.hit.start)
                out.append(cand)
    return out
