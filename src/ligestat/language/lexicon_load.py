"""Load the lexicon (``lexicon/*.toml``, package data) into look-up structures, and check it.

``load_lexicon()`` is cached and raises ``LanguageCheckError`` when the data is broken;
``ligestat.language.lexicon_check.validate_lexicon()`` lists every problem instead.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from ligestat.errors import LanguageCheckError
from ligestat.language.morphology import Paradigm, Tag, inflect
from ligestat.language.suffixes import TAIL, SuffixIndex
from ligestat.language.variants import VariantIndex, build_variant_index

__all__ = [
    "FIRST_PART_MARKERS",
    "CodedWords",
    "ContextRule",
    "Entry",
    "FirstPart",
    "Head",
    "Lexicon",
    "Modifier",
    "Requirement",
    "build_lexicon",
    "load_lexicon",
    "with_every_first_part",
]

ENTRY_FILES = ("mand.toml", "kvinde.toml", "titles.toml", "words.toml")
_ID_RE = re.compile(r"^da\.[a-z]+\.[a-z_]+$")


@dataclass(frozen=True)
class Entry:
    """One gendered lemma: its forms, neutral suggestions, reason and source."""

    id: str
    lemma: str
    category: str
    paradigm: Paradigm
    suggestions: tuple[Paradigm, ...]
    reason: str
    source: str | None
    # what a compound of the word gets (udvalgsformand, formandsposten): the suggestions
    # that still make sense with a first or last part added (not "partimødeleder")
    compound_suggestions: tuple[Paradigm, ...] = ()
    first_part: bool = True  # flagged as the first part of a compound (formandsposten)


@dataclass(frozen=True)
class FirstPart:
    """A gendered word as the first part of a compound: ``formand`` + ``s`` (formandsposten)."""

    entry: Entry
    link: str  # the linking letters after the word in the match: "s", "e" or ""


@dataclass(frozen=True)
class Head:
    """What a form in the suffix index is: a form of ``entry`` (None: a neutral word)."""

    entry: Entry | None
    tag: Tag


@dataclass(frozen=True)
class Modifier:
    id: str
    reason: str


@dataclass(frozen=True)
class Requirement:
    id: str
    reason: str
    source: str | None
    gender_nouns: frozenset[str]
    female: frozenset[str]  # female nouns and modifier forms
    male: frozenset[str]
    passive_verbs: frozenset[str]
    active_verbs: frozenset[str]
    blockers: frozenset[str]
    max_gap: int
    not_job: frozenset[str]


@dataclass(frozen=True)
class ContextRule:
    rule: str
    window: int
    before: frozenset[str]
    after: frozenset[str]
    capitalised: bool


@dataclass(frozen=True)
class CodedWords:
    """Gender-coded words for job adverts (experimental)."""

    masculine_words: frozenset[str]
    masculine_stems: tuple[str, ...]
    feminine_words: frozenset[str]
    feminine_stems: tuple[str, ...]
    strong: int
    source: str | None


@dataclass(frozen=True)
class Lexicon:
    """Everything the matcher looks up, built once from the TOML files."""

    entries: tuple[Entry, ...]
    by_id: Mapping[str, Entry]
    heads: SuffixIndex[Head]
    first_parts: SuffixIndex[FirstPart]
    first_part_re: re.Pattern[str]  # a first part's last letters before three more letters
    first_part_tails: re.Pattern[str]  # the same letters alone: a cheap test per word
    joints: Mapping[str, str]  # suggestion lemma → its form as a first part, where irregular
    joint_without_s: tuple[str, ...]  # endings whose words join without a linking s
    trap_tokens: frozenset[str]
    neutral_words: frozenset[str]  # traps.toml's neutral lemmas (block first-part readings)
    prefixes: frozenset[str]
    modifiers: Mapping[str, Modifier]  # form → modifier
    special_words: frozenset[str]  # modifier forms and gender nouns: judged in context
    roles: SuffixIndex[Tag]  # neutral role nouns a modifier can stand on
    generic_roles: frozenset[str]  # forms only flagged next to a requirement verb
    requirement: Requirement
    statistics: frozenset[str]
    purpose: frozenset[str]
    choice: frozenset[str]
    phrases: tuple[str, ...]
    mention_cues: frozenset[str]
    contexts: Mapping[str, ContextRule]
    coded: CodedWords
    sources: Mapping[str, str]
    variants: VariantIndex  # misspelt -mand/-kvinde words (fomand), reported as info
    problems: tuple[str, ...] = field(default=())

    def joint(self, lemma: str, link: str) -> str:
        """``lemma`` as the first part of a compound whose gendered original had ``link``:
        forperson + s (forpersonsposten), tillidsrepræsentant (tillidsrepræsentantregler)."""
        if lemma in self.joints:
            return self.joints[lemma]
        if link == "s" and lemma.endswith(self.joint_without_s):
            return lemma
        return lemma + link


_NO_NEUTRAL = "Der er ingen fast kønsneutral betegnelse; omskriv evt. sætningen."
_ENDINGS = ("", "e", "t", "s", "es", "en", "er", "ere", "erne", "est", "este", "hed", "heden")


def _read(name: str) -> dict[str, Any]:
    path = resources.files("ligestat.language").joinpath("lexicon", name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LanguageCheckError(
            f"lexicon/{name}: cannot be read ({exc}); reinstall ligestat or fix the file"
        ) from exc


def _suggestion_paradigms(data: dict[str, Any], problems: list[str]) -> dict[str, Paradigm]:
    out: dict[str, Paradigm] = {}
    classes: dict[str, str] = data.get("class", {})
    forms: dict[str, list[str]] = data.get("forms", {})
    for word in [*data.get("words", []), *classes, *forms]:
        if word in out:
            problems.append(f"suggestions.toml: {word!r} is listed twice")
            continue
        try:
            out[word] = inflect(word, classes.get(word), forms.get(word))
        except ValueError as exc:
            problems.append(f"suggestions.toml: {exc}")
    return out


_LINKS = ("s", "")
# the heads looked for as first parts (formands|posten); the matcher tests these strings
# before anything else, so every first part must contain one
FIRST_PART_MARKERS = ("mand", "inde", "rske", "dame", "pige", "moder")


def _first_parts(
    entries: Iterable[Entry], owner: Mapping[str, str], *, every: bool = False
) -> dict[str, FirstPart]:
    """Every entry's singular spellings with each linking ending, as first parts (only
    the entries with ``first_part`` unless ``every``)."""
    out: dict[str, FirstPart] = {}
    for entry in entries:
        if not (entry.first_part or every):
            continue
        for spelling in entry.paradigm.slots[0]:
            if not every and not any(m in spelling for m in FIRST_PART_MARKERS):
                continue  # -mor, -far, -dreng ...: rare as first parts, costly to look for
            # a word ending in a vowel joins without s: barnepige|samfund, not barnepiges|amfund
            for link in ("",) if spelling[-1] in "aeiouyæøå" else _LINKS:
                key = spelling + link
                if owner.get(key, entry.id) == entry.id:  # "formands" is also a genitive
                    out.setdefault(key, FirstPart(entry, link))
    return out


def _tails(parts: Mapping[str, FirstPart]) -> re.Pattern[str]:
    return re.compile("|".join(sorted({re.escape(key[-TAIL:]) for key in parts})))


def _tails_before_letters(parts: Mapping[str, FirstPart]) -> re.Pattern[str]:
    tails = sorted({key[-TAIL:] for key in parts})
    # a look-ahead, so that overlapping endings are all found (formand|s, formands|)
    return re.compile(rf"(?=({'|'.join(map(re.escape, tails))})[^\W\d_]{{3}})")


def _role_forms(words: list[str]) -> dict[str, Tag]:
    out: dict[str, Tag] = {}
    for spec in words:
        word, _, cls = spec.partition(":")
        for form, tag in inflect(word, cls or None).tagged_forms():
            out.setdefault(form, tag)
    return out


def with_every_first_part(lexicon: Lexicon) -> Lexicon:
    """The lexicon with the first parts of *every* entry, also those whose compounds are
    lexicalised (købmandsbutik): used to classify such compounds, never to check text."""
    parts = _first_parts(lexicon.entries, {}, every=True)
    return replace(
        lexicon,
        first_parts=SuffixIndex(parts),
        first_part_re=_tails_before_letters(parts),
        first_part_tails=_tails(parts),
    )


def build_lexicon() -> Lexicon:
    """The lexicon from the data files, uncached, with ``problems`` listing what is wrong."""
    return _build()


def _build() -> Lexicon:
    problems: list[str] = []
    sources: dict[str, str] = _read("sources.toml")["sources"]
    suggestion_data = _read("suggestions.toml")
    reviewed = _suggestion_paradigms(suggestion_data, problems)
    entries: list[Entry] = []
    heads: dict[str, Head] = {}
    owner: dict[str, str] = {}
    seen_ids: set[str] = set()
    for name in ENTRY_FILES:
        data = _read(name)
        for raw in data["entries"]:
            rid = raw.get("id", "")
            if not _ID_RE.match(rid):
                problems.append(f"{name}: rule id {rid!r} is not of the form da.<group>.<name>")
            if rid in seen_ids:
                problems.append(f"{name}: rule id {rid!r} is used twice")
            seen_ids.add(rid)
            source = raw.get("source")
            if source is not None and source not in sources:
                problems.append(f"{name}: {rid}: unknown source key {source!r}")
            suggestions = []
            for word in raw.get("suggest", []):
                if word not in reviewed:
                    problems.append(
                        f"{name}: {rid}: suggestion {word!r} is not in suggestions.toml"
                    )
                else:
                    suggestions.append(reviewed[word])
            if not suggestions and raw.get("suggest", []):
                problems.append(f"{name}: {rid}: has no usable suggestion")
            if "suggest" not in raw:
                problems.append(f"{name}: {rid}: lists no suggestions (use suggest = [] if none)")
            compound = suggestions
            if "suggest_compound" in raw:
                compound = [reviewed[w] for w in raw["suggest_compound"] if w in reviewed]
                for word in raw["suggest_compound"]:
                    if word not in raw.get("suggest", []):
                        problems.append(f"{name}: {rid}: suggest_compound {word!r} not in suggest")
            try:
                paradigm = inflect(raw["lemma"], raw.get("class"), raw.get("forms"))
            except (ValueError, KeyError) as exc:
                problems.append(f"{name}: {rid}: {exc}")
                continue
            entry = Entry(
                id=rid,
                lemma=raw["lemma"],
                category=data.get("category", name.removesuffix(".toml")),
                paradigm=paradigm,
                suggestions=tuple(suggestions),
                reason=raw.get("reason", data.get("reason", ""))
                + ("" if suggestions else f" {_NO_NEUTRAL}"),
                source=sources.get(source) if source else None,
                compound_suggestions=tuple(compound),
                first_part=bool(raw.get("first_part", True)),
            )
            entries.append(entry)
            for form, tag in paradigm.tagged_forms():
                if form in owner and owner[form] != rid:
                    problems.append(
                        f"{name}: form {form!r} of {rid} is also a form of {owner[form]}"
                    )
                    continue
                owner[form] = rid
                heads.setdefault(form, Head(entry, tag))

    traps = _read("traps.toml")
    for form, tag in _role_forms(traps["neutral"]).items():
        if form in owner:
            problems.append(f"traps.toml: neutral word form {form!r} is a form of {owner[form]}")
        else:
            heads.setdefault(form, Head(None, tag))

    mods = _read("modifiers.toml")
    modifiers: dict[str, Modifier] = {}
    for raw in mods["modifier"]:
        for form in raw["forms"]:
            modifiers[form] = Modifier(raw["id"], raw["reason"])
    req = mods["requirement"]
    requirement = Requirement(
        id=req["id"],
        reason=req["reason"],
        source=sources.get(req.get("source", "")),
        gender_nouns=frozenset(req["female_nouns"]) | frozenset(req["male_nouns"]),
        female=frozenset(req["female_nouns"]).union(
            f for f, m in modifiers.items() if m.id.endswith("kvindelig")
        ),
        male=frozenset(req["male_nouns"]).union(
            f for f, m in modifiers.items() if m.id.endswith("mandlig")
        ),
        passive_verbs=frozenset(req["passive_verbs"]),
        active_verbs=frozenset(req["active_verbs"]),
        blockers=frozenset(req["blockers"]),
        max_gap=int(req["max_gap"]),
        not_job=frozenset(req.get("not_job", [])),
    )
    roles = _role_forms(mods["roles"]["words"])
    generic = frozenset(_role_forms(mods["roles"]["generic"]))

    excepted = _read("exceptions.toml")
    contexts = {
        c["rule"]: ContextRule(
            rule=c["rule"],
            window=int(c.get("window", 0)),
            before=frozenset(c.get("before", [])),
            after=frozenset(c.get("after", [])),
            capitalised=bool(c.get("capitalised", False)),
        )
        for c in excepted.get("context", [])
    }
    by_id = {e.id: e for e in entries}
    first_parts = _first_parts(entries, owner)
    for rule in contexts:
        if rule not in by_id:
            problems.append(f"exceptions.toml: context for unknown rule {rule!r}")

    coded_raw = _read("coded.toml")
    coded = CodedWords(
        masculine_words=_coded_forms(coded_raw["masculine"]),
        masculine_stems=tuple(w[:-1] for w in coded_raw["masculine"] if w.endswith("*")),
        feminine_words=_coded_forms(coded_raw["feminine"]),
        feminine_stems=tuple(w[:-1] for w in coded_raw["feminine"] if w.endswith("*")),
        strong=int(coded_raw.get("strong", 4)),
        source=sources.get(coded_raw.get("source", "")),
    )
    return Lexicon(
        entries=tuple(entries),
        by_id=by_id,
        heads=SuffixIndex(heads),
        first_parts=SuffixIndex(first_parts),
        first_part_re=_tails_before_letters(first_parts),
        first_part_tails=_tails(first_parts),
        joints=dict(suggestion_data.get("joint", {})),
        joint_without_s=tuple(suggestion_data.get("joint_without_s", ())),
        trap_tokens=frozenset(traps["tokens"]),
        neutral_words=frozenset(w.partition(":")[0] for w in traps["neutral"] if len(w) > 5),
        prefixes=frozenset(traps["prefixes"]),
        modifiers=modifiers,
        special_words=frozenset(modifiers) | requirement.gender_nouns,
        roles=SuffixIndex(roles),
        generic_roles=generic,
        requirement=requirement,
        statistics=frozenset(mods["context"]["statistics"]),
        purpose=frozenset(mods["context"]["purpose"]),
        choice=frozenset(mods["context"]["choice"]),
        phrases=tuple(excepted.get("phrases", [])),
        mention_cues=frozenset(excepted.get("mention", [])),
        contexts=contexts,
        coded=coded,
        sources=sources,
        variants=build_variant_index(entries, _read("variants.toml").get("real_words", [])),
        problems=tuple(problems),
    )


def _coded_forms(words: list[str]) -> frozenset[str]:
    return frozenset(w + end for w in words if not w.endswith("*") for end in _ENDINGS)


@cache
def load_lexicon() -> Lexicon:
    """The built-in lexicon (cached). Raises ``LanguageCheckError`` if it is inconsistent."""
    lexicon = _build()
    if lexicon.problems:
        shown = "; ".join(lexicon.problems[:5])
        raise LanguageCheckError(f"the built-in lexicon is inconsistent: {shown}")
    return lexicon
