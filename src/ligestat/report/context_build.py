"""What every section builder shares while one report is built: input, words, numbering."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ligestat.report.input import ReportInput
from ligestat.report.model import Note
from ligestat.report.numbers import fmt_date, fmt_month
from ligestat.report.text import Text

__all__ = ["BuildContext"]


@dataclass
class BuildContext:
    """Builder-internal state (numbering); the model it produces is immutable."""

    inp: ReportInput
    t: Text
    _tables: int = field(default=0)
    _figures: int = field(default=0)

    @property
    def lang(self) -> str:
        return self.t.lang

    @property
    def policy(self) -> str | None:
        return self.inp.disclosure.name if self.inp.disclosure else None

    def next_table(self) -> str:
        self._tables += 1
        return self.t.label("table_label", n=self._tables)

    def next_figure(self) -> str:
        self._figures += 1
        return self.t.label("figure_label", n=self._figures)

    def names(self, codes: tuple[str, ...] | list[str]) -> list[str]:
        return [self.inp.department_name(c) for c in codes]

    def source(self, key: str, **ctx: object) -> Note:
        """The source note of ``key``: the input's own wording in the report's language
        (``[report.sources]`` is Danish, ``[report.sources_en]`` English), else the
        language's default — never a line in another language."""
        own = self.inp.sources if self.lang == "da" else self.inp.sources_en
        if key in own:
            return Note("source", self.t.label("source_prefix") + " " + own[key])
        return Note("source", self.t.label(f"source_{key}", **self.common(), **ctx))

    def department_notes(self, years: Iterable[int]) -> tuple[Note, ...]:
        """A note for every earlier report year among ``years`` (the years a table or
        chart spans) whose departments differ from this year's: which, and that each
        year's figures are counted with its own departments."""
        t, wanted = self.t, set(years)
        notes = []
        for ch in self.inp.department_changes:
            if not wanted & set(ch.years):
                continue
            names = [f"{c} ({n})" for c, n in ch.removed]
            parts = [t.label("departments_removed", names=names, year=ch.year)] if names else []
            if ch.added:
                parts.append(t.label("departments_added", year=ch.year,
                                     names=[f"{c} ({n})" for c, n in ch.added]))
            parts += [t.label("departments_renamed", code=c, before=a, after=b)
                      for c, a, b in ch.renamed]
            if not parts:
                parts.append(t.label("departments_hidden"))
            notes.append(Note("footnote", t.label("note_departments_changed", span=ch.span,
                                                  year=ch.year, parts=parts)))
        return tuple(notes)

    def common(self) -> dict[str, object]:
        inp = self.inp
        return {
            "org": inp.organisation,
            "year": inp.year,
            "snapshot": fmt_month(inp.snapshot_date, self.lang) if inp.snapshot_date else "",
            "population_date": (fmt_date(inp.population_date, self.lang)
                                if inp.population_date else ""),
            "cohort": inp.leave_cohort or str(inp.year - 2),
        }
