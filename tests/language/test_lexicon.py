"""The lexicon data: size, consistency, stable ids, and that validation catches mistakes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ligestat.errors import LanguageCheckError
from ligestat.language import lexicon_load, load_lexicon, validate_lexicon

RELEASED = Path(__file__).parent / "released_rule_ids.txt"


def test_built_in_lexicon_has_no_problems() -> None:
    assert validate_lexicon() == []


def test_lexicon_has_at_least_150_lemmas_each_with_a_reason_and_a_suggestion() -> None:
    lex = load_lexicon()
    assert len(lex.entries) >= 150
    for entry in lex.entries:
        assert entry.reason, entry.id
        # a role noun with no established neutral word says so instead of suggesting one
        assert entry.suggestions or "ingen fast kønsneutral" in entry.reason, entry.id


def test_released_rule_ids_still_exist() -> None:
    lex = load_lexicon()
    current = set(lex.by_id) | {m.id for m in lex.modifiers.values()} | {lex.requirement.id}
    current |= {"da.kodet.maskulin", "da.kodet.feminin", "da.variant.stavefejl"}
    released = {
        line.strip()
        for line in RELEASED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert released - current == set()


def test_load_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


def _patched(monkeypatch: pytest.MonkeyPatch, name: str, change: Any) -> None:
    real = lexicon_load._read

    def fake(file: str) -> dict[str, Any]:
        data = real(file)
        if file == name:
            change(data)
        return data

    monkeypatch.setattr(lexicon_load, "_read", fake)


def test_validation_reports_a_duplicate_form_and_an_unreviewed_suggestion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["entries"].append(
            {"id": "da.mand.formand2", "lemma": "formand", "suggest": ["overhoved"]}
        )

    _patched(monkeypatch, "mand.toml", change)
    problems = "\n".join(validate_lexicon())
    assert "form 'formand' of da.mand.formand2 is also a form of da.mand.formand" in problems
    assert "suggestion 'overhoved' is not in suggestions.toml" in problems


def test_validation_reports_duplicate_and_malformed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    def change(data: dict[str, Any]) -> None:
        data["entries"].append({"id": "da.ord.kassedame", "lemma": "kasseko", "suggest": ["vagt"]})
        data["entries"].append({"id": "Kasse Pige", "lemma": "kassepige", "suggest": ["vagt"]})

    _patched(monkeypatch, "words.toml", change)
    problems = "\n".join(validate_lexicon())
    assert "rule id 'da.ord.kassedame' is used twice" in problems
    assert "rule id 'Kasse Pige' is not of the form" in problems


def test_validation_reports_a_suggestion_the_checker_itself_would_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["words"].append("talsmand")

    def entries(data: dict[str, Any]) -> None:
        data["entries"][0]["suggest"].append("talsmand")

    _patched(monkeypatch, "suggestions.toml", change)
    real = lexicon_load._read

    def fake(file: str) -> dict[str, Any]:
        data = real(file)
        if file == "mand.toml":
            entries(data)
        return data

    monkeypatch.setattr(lexicon_load, "_read", fake)
    assert any("suggestion form 'talsmand' is itself flagged" in p for p in validate_lexicon())


def test_an_inconsistent_lexicon_is_refused_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["entries"][0]["suggest"] = ["overhoved"]

    _patched(monkeypatch, "mand.toml", change)
    lexicon_load.load_lexicon.cache_clear()
    try:
        with pytest.raises(LanguageCheckError, match="lexicon is inconsistent"):
            lexicon_load.load_lexicon()
    finally:
        monkeypatch.undo()
        lexicon_load.load_lexicon.cache_clear()


def test_rule_reference_lists_every_released_rule() -> None:
    from ligestat.language.reference import reference_markdown

    text = reference_markdown()
    for line in RELEASED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert f"`{line.strip()}`" in text


def test_lexicon_readme_describes_every_data_file() -> None:
    folder = Path(lexicon_load.__file__).parent / "lexicon"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for toml in folder.glob("*.toml"):
        assert f"`{toml.name}`" in readme
