"""The Danish gendered-language checker: lexicon, morphology, matcher and fixes.

Public API (the extractors, outputs and the ``ligestat sprog`` command build on it)::

    check_text(text, *, ignore=(), allow=(), jobopslag=False) -> list[Hit]
    analyse_advert(text) -> AdvertVerdict
    apply_fixes(text, hits) -> str
    unified_diff(original, fixed, path="") -> str
    load_lexicon() -> Lexicon          # cached
    validate_lexicon() -> list[str]    # problems; empty when the lexicon is sound

``AdvertVerdict.verdict`` is one of ``VERDICTS`` (``"strongly-masculine"`` ...
``"strongly-feminine"``); ``.label`` is the Danish wording. Coded-word hits use the rule ids
``MASCULINE_RULE``/``FEMININE_RULE``. ``Lexicon.entries`` carry ``id``, ``lemma``,
``reason``, ``source`` (the full source text, not a key) and ``suggestions`` (paradigms).

Severities: a gendered role noun is ``"warning"``, an explicit gender requirement
("dame søges", "kvindelig pædagog søges") is ``"error"`` and gender-coded wording in a
job advert (only with ``jobopslag=True``) is ``"info"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ligestat._lazy import exports

if TYPE_CHECKING:  # imported when first used: the command line starts without them (#15)
    from ligestat.language.advert import (
        FEMININE_RULE,
        MASCULINE_RULE,
        VERDICTS,
        AdvertVerdict,
        analyse_advert,
    )
    from ligestat.language.fix import apply_fixes, unified_diff
    from ligestat.language.lexicon_check import validate_lexicon
    from ligestat.language.lexicon_load import Lexicon, load_lexicon
    from ligestat.language.matcher import check_text
    from ligestat.language.model import SEVERITIES, Finding, Hit

__all__ = [
    "FEMININE_RULE",
    "MASCULINE_RULE",
    "SEVERITIES",
    "VERDICTS",
    "AdvertVerdict",
    "Finding",
    "Hit",
    "Lexicon",
    "analyse_advert",
    "apply_fixes",
    "check_text",
    "load_lexicon",
    "unified_diff",
    "validate_lexicon",
]

__getattr__, __dir__ = exports(__name__, {
    **dict.fromkeys(("FEMININE_RULE", "MASCULINE_RULE", "VERDICTS", "AdvertVerdict",
                     "analyse_advert"), "advert"),
    "apply_fixes": "fix", "unified_diff": "fix", "validate_lexicon": "lexicon_check",
    "Lexicon": "lexicon_load", "load_lexicon": "lexicon_load", "check_text": "matcher",
    "SEVERITIES": "model", "Finding": "model", "Hit": "model"})
