"""Fixes: first suggestion in, inflection and case kept, exceptions untouched, diffs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ligestat.language import apply_fixes, check_text, unified_diff
from ligestat.language.fix import fixable
from ligestat.language.model import Hit


def test_fix_replaces_each_hit_with_its_first_suggestion() -> None:
    text = (
        "Formændenes møde. FORMAND: Lise. Klimaudvalgsformanden og bestyrelses- og udvalgsformænd."
    )
    fixed = apply_fixes(text, check_text(text))
    assert fixed == (
        "Forpersonernes møde. FORPERSON: Lise. Klimaudvalgsforpersonen og "
        "bestyrelses- og udvalgsforpersoner."
    )


def test_fix_leaves_exceptions_and_unfixable_hits_alone() -> None:
    text = 'Folketingets Ombudsmand. "Formanden". Dame søges. Formanden kom.'
    fixed = apply_fixes(text, check_text(text))
    assert fixed == 'Folketingets Ombudsmand. "Formanden". Dame søges. Forpersonen kom.'


def test_fixed_text_has_no_role_noun_hits_left() -> None:
    text = "Kassedamen, brandmændene, lærerinden og tillidsmandens kontaktmand."
    fixed = apply_fixes(text, check_text(text))
    assert check_text(fixed) == []
    assert fixed == (
        "Kassemedarbejderen, brandmedarbejderne, læreren og tillidsrepræsentantens kontaktperson."
    )


def test_stale_or_overlapping_hits_are_skipped() -> None:
    text = "Formanden kom."
    stale = Hit(0, 9, "Talsmand", "da.mand.talsmand", "warning", "", ("X",))
    first = Hit(0, 9, "Formanden", "da.mand.formand", "warning", "", ("Forpersonen",))
    overlap = Hit(3, 9, "manden", "da.mand.formand", "warning", "", ("Y",))
    assert apply_fixes(text, [stale]) == text
    assert apply_fixes(text, [overlap, first]) == "Forpersonen kom."


def test_unified_diff_shows_the_change_and_is_empty_without_one() -> None:
    original = "Linje et.\nFormanden kom.\n"
    fixed = apply_fixes(original, check_text(original))
    diff = unified_diff(original, fixed, "side.md")
    assert diff.startswith("--- a/side.md\n+++ b/side.md\n")
    assert "-Formanden kom.\n+Forpersonen kom.\n" in diff
    assert unified_diff(original, original, "side.md") == ""


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff("Formanden", "Forpersonen", "x.txt")
    assert "\\ No newline at end of file" in diff


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Formanden",
                "mødes",
                "med",
                "talsmændene",
                "mandag",
                "og",
                "\n",
                ". ",
                "kvinder",
                "FORMÆND",
                '"',
                "§",
                "udvalgsformandens",
                "Amanda",
            ]
        ),
        max_size=30,
    )
)
def test_fix_changes_nothing_outside_the_hits(words: list[str]) -> None:
    text = " ".join(words)
    hits = check_text(text)
    fixed = apply_fixes(text, hits)
    # rebuild the original from the fixed text by undoing each replacement
    pos, out, shift = 0, [], 0
    for hit in hits:
        if not fixable(hit):  # no suggestion, or only info (direct speech): left alone
            continue
        new = hit.suggestions[0]
        out.append(fixed[pos : hit.start + shift])
        out.append(hit.match)
        pos = hit.start + shift + len(new)
        shift += len(new) - len(hit.match)
    out.append(fixed[pos:])
    assert "".join(out) == text
