"""Docs that cannot drift: every config key, indicator and CLI command is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ligestat.indicators import REGISTRY, reference_markdown
from ligestat.settings import SETTINGS, load_builtins
from ligestat.settings import reference_markdown as config_markdown

ROOT = Path(__file__).resolve().parents[2]
load_builtins()  # every built-in setting, not only those the imports above registered


@pytest.mark.parametrize(("table", "key"), list(SETTINGS))
def test_every_config_key_is_documented(table: str, key: str) -> None:
    where = SETTINGS[(table, key)].documented_in or "docs/config.md"
    assert f"`{key}`" in (ROOT / where).read_text(encoding="utf-8")


def test_config_reference_is_generated_from_the_settings_registry() -> None:
    # regenerate with:
    # python -c 'import ligestat.settings as s; print(s.reference_markdown(), end="")' \
    #     > docs/config.md
    assert (ROOT / "docs" / "config.md").read_text(encoding="utf-8") == config_markdown()


def test_indicator_reference_is_generated_from_the_registry() -> None:
    # regenerate with: python -m ligestat.indicators > docs/indicators.md
    assert (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8") == reference_markdown()
    for name in REGISTRY:
        assert f"`{name}`" in reference_markdown()


def test_contract_copy_matches_the_shared_contract(shared_dir: Path) -> None:
    copy = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    assert copy.split("\n", 1)[1] == (shared_dir / "CONTRACT.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands_and_every_data_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in ("make demo", "make test", "ligestat validate", "ligestat import",
                 "ligestat tables"):
        assert text in readme


def test_language_rule_reference_is_generated_from_the_lexicon() -> None:
    from ligestat.language.reference import reference_markdown as rules_markdown

    # regenerate with: python -m ligestat.language.reference > docs/sprog-rules.md
    assert (ROOT / "docs" / "sprog-rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_every_size_limit_is_documented_with_its_variable_and_default() -> None:
    from ligestat.limits import LIMITS, human_size

    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for lim in LIMITS.values():
        default = human_size(lim.default) if lim.unit == "bytes" else f"{lim.default:,}"
        row = next((line for line in text.splitlines() if f"`{lim.name}`" in line), "")
        assert f"`{lim.env}`" in row and default in row, lim.name
