"""Source lines and their dates speak the report's language (issue 13): the English report
quotes ``[report.sources_en]`` and context.csv's ``source_en``, never the Danish lines, in
every format; the Danish report keeps the Danish lines."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from ligestat.config import demo_config, parse_config
from ligestat.errors import ConfigError
from ligestat.report import build, write_report

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("report_readback", HERE / "readback.py")
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

# what the demo config (src/ligestat/data/kk-2025.toml) and the demo's context.csv say
ENGLISH = ["Source: KRL. All employees of the City of Copenhagen excluding trainees, flex jobs "
           "and extraordinary employment, September 2024.",
           "Source: City of Copenhagen data as of January 2025.",
           "Source: Opus absence and Opus quotas as of 22 January 2025.",
           "Source: Statistics Denmark, mean number of GP visits of women and men in Copenhagen"]
DANISH = ["Kilde: KRL. Alle ansatte i Københavns Kommune ekskl. elever, fleksjob og "
          "ekstraordinært ansatte, september 2024.",
          "Kilde: Københavns Kommunes data pr. januar 2025.",
          "Kilde: Opus fravær og Opus kvoter pr. 22. januar 2025.",
          "Kilde: Danmarks Statistik, mænd og kvinders gennemsnitlige antal lægebesøg i "
          "København"]
# words of the Danish source lines that must not reach the English report
NOT_IN_ENGLISH = ["pr. januar", "Kilde:", "Opus fravær", "Danmarks Statistik",
                  "Københavns Kommunes data", "Løndatakontor"]


@pytest.fixture(scope="module", params=["da", "en"])
def rendered(request: Any, tmp_path_factory: pytest.TempPathFactory,
             make_report_input: Any) -> tuple[str, dict[str, str]]:
    report = demo_config().report
    inp = make_report_input(sources=report["sources"], sources_en=report["sources_en"])
    paths = write_report(build(inp, request.param), tmp_path_factory.mktemp(request.param))
    return request.param, {p.suffix: rb.plain_text(p) for p in paths}


def test_source_lines_are_in_the_reports_language_in_every_format(
        rendered: tuple[str, dict[str, str]]) -> None:
    lang, texts = rendered
    assert set(texts) == {".html", ".pdf", ".docx", ".xlsx"}
    want, other = (ENGLISH, DANISH) if lang == "en" else (DANISH, ENGLISH)
    for fmt, text in texts.items():
        for line in want:
            assert line in text, (fmt, line)
        for line in other:
            assert line not in text, (fmt, line)
        if lang == "en":  # (initiatives' own periods, "september 2024 - …", are the data's)
            assert [w for w in NOT_IN_ENGLISH if w in text] == [], fmt


def test_an_english_report_without_english_sources_uses_its_own_words(
        make_report_input: Any) -> None:
    """A config with only Danish source lines: the English report falls back to its
    generic English line, never to the Danish one."""
    inp = make_report_input(sources=demo_config().report["sources"])
    notes = [n.text for t in build(inp, "en").tables() for n in t.notes if n.kind == "source"]
    assert "Source: Københavns Kommune absence data." in notes
    assert not [n for n in notes if "Opus fravær" in n or "pr. januar" in n]


def test_sources_en_keys_are_checked() -> None:
    with pytest.raises(ConfigError, match=r"\[report.sources_en\].*unknown key staf"):
        parse_config('organisation = "X"\n[departments.A]\nname = "A"\n'
                     '[report.sources_en]\nstaf = "HR"\n', "t.toml")
