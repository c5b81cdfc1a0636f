"""Number formatting for the report: rounding half up, Danish and English style.

Targets are judged on exact values elsewhere; this module only prints them.
Shares are fractions in 0…1 and print as whole percent; gaps are percentage points.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "NBSP",
    "fmt_date",
    "fmt_decimal",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "fmt_pp",
    "number_words",
    "pct_points",
    "round_half_up",
]

NBSP = "\u00a0"
MINUS = "\u2212"

_WORDS = {
    "da": ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}


def round_half_up(value: float, digits: int = 0) -> Decimal:
    """``value`` rounded half away from zero (10.5 → 11, −10.5 → −11) to ``digits`` places."""
    quantum = Decimal(1).scaleb(-digits)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def pct_points(share: float) -> int:
    """A share 0…1 as whole percent, rounded half up (0.285 → 29)."""
    exact = Decimal(repr(float(share))) * 100  # 0.285 → 28.5, not 28.499999…
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def fmt_int(value: int, lang: str) -> str:
    """49414 → ``49.414`` (da) or ``49,414`` (en); negative numbers use a true minus."""
    sign = MINUS if value < 0 else ""
    return sign + _group(str(abs(int(value))), "." if lang == "da" else ",")


def fmt_decimal(value: float, lang: str, digits: int = 1) -> str:
    """7.6 → ``7,6`` (da) or ``7.6`` (en), rounded half up to ``digits`` places."""
    rounded = round_half_up(value, digits)
    sign = MINUS if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):f}".partition(".")
    text = fmt_int(int(whole), lang)
    if digits > 0:
        text += ("," if lang == "da" else ".") + frac
    return sign + text


def fmt_pct(share: float, lang: str) -> str:
    """A share 0…1 as whole percent: ``69 %`` (da, no-break space) or ``69%`` (en)."""
    return fmt_int(pct_points(share), lang) + (NBSP + "%" if lang == "da" else "%")


def fmt_pp(points: float, lang: str) -> str:
    """Percentage points, rounded half up, signed with a true minus: ``5 pp``."""
    return fmt_int(int(round_half_up(points)), lang) + NBSP + "pp"


def number_words(value: int, lang: str, neuter: bool = False) -> str:
    """Whole numbers under ten in words (``syv``, ``seven``); others as digits.

    Danish "one" is ``én`` (common gender, stressed) or ``ét`` (neuter).
    """
    if 0 <= value < 10:
        if lang == "da" and value == 1:
            return "ét" if neuter else "én"
        return _WORDS[lang][value]
    return fmt_int(value, lang)


MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def fmt_month(d: date, lang: str) -> str:
    """``september 2024`` (da) or ``September 2024`` (en)."""
    return f"{MONTHS[lang][d.month - 1]} {d.year}"


def fmt_date(d: date, lang: str) -> str:
    """``1. januar 2025`` (da) or ``1 January 2025`` (en)."""
    sep = ". " if lang == "da" else " "
    return f"{d.day}{sep}{MONTHS[lang][d.month - 1]} {d.year}"
