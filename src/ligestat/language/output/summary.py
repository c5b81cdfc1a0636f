"""``--format html``: an HTML summary per site, with counts per section.

A *site* is what was named on the command line (a folder, a file or a
website's origin); a *section* is the first URL path segment of a page or the
top folder of a file below the named folder (``.`` for files at the top).
The numbers are computed here; the template (``summary.html.j2``) only shows them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ligestat.language.model import SEVERITIES
from ligestat.language.run import CheckResult, FileError

__all__ = ["SectionRow", "SiteSummary", "render_html", "summarise"]


@dataclass(frozen=True)
class SectionRow:
    section: str
    documents: int
    with_findings: int
    counts: dict[str, int]  # severity → findings

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class SiteSummary:
    site: str
    sections: list[SectionRow]
    rules: list[tuple[str, int, str]]  # rule, findings, an example match
    errors: list[FileError]

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)


def summarise(result: CheckResult) -> list[SiteSummary]:
    doc_site = {d.path: (d.site, d.section) for d in result.documents}
    docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for d in result.documents:
        docs[d.site][d.section].add(d.path)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    flagged: dict[tuple[str, str], set[str]] = defaultdict(set)
    rules: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    for f in result.findings:
        site, section = doc_site.get(f.path, ("?", "?"))
        counts[site, section][f.severity] += 1
        flagged[site, section].add(f.path)
        rules[site][f.rule] += 1
        examples.setdefault((site, f.rule), f.match)
    errors: dict[str, list[FileError]] = defaultdict(list)
    for e in result.errors:
        errors[e.site or "?"].append(e)
    summaries = []
    for site in dict.fromkeys([*docs, *errors]):
        rows = [
            SectionRow(
                section,
                len(paths),
                len(flagged[site, section]),
                {s: counts[site, section][s] for s in reversed(SEVERITIES)},
            )
            for section, paths in sorted(docs[site].items())
        ]
        top = [(r, n, examples[site, r]) for r, n in rules[site].most_common(15)]
        summaries.append(SiteSummary(site, rows, top, errors.get(site, [])))
    return summaries


def render_html(result: CheckResult) -> str:
    import jinja2  # only this format needs it

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("summary.html.j2")
    return template.render(
        sites=summarise(result),
        severities=list(reversed(SEVERITIES)),
        adverts=result.adverts,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
