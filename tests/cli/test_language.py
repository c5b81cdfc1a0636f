"""``ligestat sprog``: exit codes, --output, --allow, --jobopslag."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ligestat.language import analyse_advert

Sprog = Callable[..., tuple[int, str, str]]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_0_when_clean_and_1_when_something_is_found(tmp_path: Path, sprog: Sprog) -> None:
    clean = _write(tmp_path / "ren.txt", "Mødet blev ledet af forpersonen.\n")
    dirty = _write(tmp_path / "beskidt.txt", "Mødet blev ledet af formanden.\n")
    assert sprog(str(clean))[0] == 0
    assert sprog(str(dirty))[0] == 1


def test_fail_on_error_ignores_warnings(tmp_path: Path, sprog: Sprog) -> None:
    dirty = _write(tmp_path / "beskidt.txt", "Mødet blev ledet af formanden.\n")
    assert sprog(str(dirty), "--fail-on", "error")[0] == 0
    assert sprog(str(dirty), "--fail-on", "info")[0] == 1


def test_usage_errors_exit_2(tmp_path: Path, sprog: Sprog) -> None:
    text = _write(tmp_path / "a.txt", "tekst\n")
    assert sprog(str(tmp_path / "findes-ikke.txt"))[0] == 2
    assert sprog(str(text), "--format", "xml")[0] == 2
    assert sprog(str(text), "--fail-on", "fatal")[0] == 2
    assert sprog(str(text), "--fix", "--diff")[0] == 2
    assert sprog(str(text), "--in-place")[0] == 2
    assert sprog(str(text), "--allow", str(tmp_path / "mangler.txt"))[0] == 2
    assert sprog()[0] == 2


def test_output_file_receives_the_report(tmp_path: Path, sprog: Sprog) -> None:
    dirty = _write(tmp_path / "beskidt.txt", "Vores formand.\n")
    target = tmp_path / "rapport.json"
    code, stdout, _ = sprog(str(dirty), "--format", "json", "--output", str(target))
    assert code == 1
    assert stdout == ""
    assert [i["match"] for i in json.loads(target.read_text(encoding="utf-8"))] == ["formand"]


def test_allow_list_words_and_phrases_are_not_flagged(tmp_path: Path, sprog: Sprog) -> None:
    text = _write(tmp_path / "a.txt", "Vores formand og talsmanden for Foreningen af Brandmænd.\n")
    allow = _write(
        tmp_path / "tilladt.txt",
        "# vores egne undtagelser\nformand\nForeningen af Brandmænd  # navn\n",
    )
    code, stdout, _ = sprog(str(text), "--allow", str(allow), "--format", "json")
    assert [i["match"] for i in json.loads(stdout)] == ["talsmanden"]
    assert code == 1


def test_jobopslag_gives_a_verdict_and_gender_requirements_are_errors(
    tmp_path: Path, sprog: Sprog
) -> None:
    advert = (
        "Kvindelig pædagog søges til vores børnehave.\n"
        "Vi søger en ambitiøs, konkurrencestærk og selvstændig leder, der kan tage ansvar.\n"
    )
    path = _write(tmp_path / "opslag.txt", advert)
    code, stdout, _ = sprog(str(path), "--jobopslag", "--fail-on", "error")
    assert code == 1
    assert "error" in stdout
    assert analyse_advert(advert).verdict in stdout
    items = json.loads(sprog(str(path), "--jobopslag", "--format", "json")[1])
    errors = [i for i in items if i["severity"] == "error"]
    assert errors and errors[0]["line"] == 1 and errors[0]["column"] == 1


def test_without_jobopslag_no_advert_verdict_is_given(tmp_path: Path, sprog: Sprog) -> None:
    path = _write(tmp_path / "opslag.txt", "Vi søger en ambitiøs og konkurrencestærk leder.\n")
    _, stdout, _ = sprog(str(path))
    assert "Job adverts" not in stdout


def test_help_has_an_example(sprog: Sprog) -> None:
    code, stdout, _ = sprog("--help")
    assert code == 0
    assert "ligestat sprog docs/" in stdout
    assert "--fail-on" in stdout


def test_an_unreadable_allow_list_is_a_usage_error(tmp_path: Path, sprog: Sprog) -> None:
    text = _write(tmp_path / "a.txt", "tekst\n")
    bad = tmp_path / "tilladt.txt"
    bad.write_bytes(b"\xff\xfe\x00f\x00o")
    code, _, stderr = sprog(str(text), "--allow", str(bad))
    assert code == 2
    assert "allow-list cannot be read" in stderr


def test_terminal_report_to_a_file_is_plain_text(tmp_path: Path, sprog: Sprog) -> None:
    dirty = _write(tmp_path / "beskidt.txt", "Vores formand.\n")
    target = tmp_path / "rapport.txt"
    code, stdout, _ = sprog(str(dirty), "--output", str(target))
    report = target.read_text(encoding="utf-8")
    assert code == 1 and stdout == ""
    assert "\x1b[" not in report
    assert str(dirty) in report and "1:7" in report


def test_every_registered_format_is_a_format_option(sprog: Sprog, tmp_path: Path) -> None:
    from ligestat.language.output import FORMATS

    code, stdout, _ = sprog("--help")
    assert all(name in stdout for name in FORMATS)
    text = _write(tmp_path / "a.txt", "Vores formand.\n")
    for name in FORMATS:
        code, stdout, _ = sprog(str(text), "--format", name)
        assert code == 1 and stdout.strip(), name


def test_an_output_file_in_a_missing_folder_is_a_usage_error(tmp_path: Path, sprog: Sprog) -> None:
    text = _write(tmp_path / "a.txt", "tekst\n")
    assert sprog(str(text), "--output", str(tmp_path / "mangler" / "r.json"))[0] == 2


def test_findings_per_document_stop_at_the_cap_with_a_notice(
        tmp_path: Path, sprog: Sprog, monkeypatch: pytest.MonkeyPatch) -> None:
    # 7 sentences of two role nouns each: 14 findings; the cap is 5
    text = _write(tmp_path / "mange.txt", "Vores formand og talsmand.\n" * 7)
    monkeypatch.setenv("LIGESTAT_MAX_FINDINGS_PER_DOCUMENT", "5")
    code, out, err = sprog(str(text), "--format", "json")
    assert code == 1
    assert len(json.loads(out)) == 5
    assert "14 findings" in err and "max_findings_per_document" in err
    monkeypatch.setenv("LIGESTAT_MAX_FINDINGS_PER_DOCUMENT", "14")
    code, out, err = sprog(str(text), "--format", "json")
    assert len(json.loads(out)) == 14 and "max_findings" not in err
