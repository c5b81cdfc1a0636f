"""``--format sarif``: SARIF 2.1.0 for code-scanning tools.

``tool.driver.rules`` lists every rule of the lexicon (id, short description,
help, default level); results point at ``artifactLocation.uri`` and a region
with ``startLine``/``startColumn`` (columns in Unicode code points). Files
that could not be checked are tool execution notifications; with
``--jobopslag`` the per-document verdicts are in ``runs[0].properties.jobAdverts``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ligestat.language.model import Finding
from ligestat.language.run import CheckResult

__all__ = ["LEVELS", "SCHEMA", "RuleInfo", "render_sarif"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"info": "note", "warning": "warning", "error": "error"}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    short: str
    help: str
    severity: str = "warning"


def _uri(path: str) -> str:
    if "://" in path:
        return path
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def _version() -> str:
    try:
        return metadata.version("ligestat")
    except metadata.PackageNotFoundError:
        return "0"


def _rules(result: CheckResult, lexicon_rules: Sequence[RuleInfo]) -> list[RuleInfo]:
    rules = {r.id: r for r in lexicon_rules}
    for f in result.findings:  # rules outside the lexicon (job-advert wording, …)
        rules.setdefault(f.rule, RuleInfo(f.rule, f.message, f.message, f.severity))
    return list(rules.values())


def _message(f: Finding) -> str:
    text = f"«{f.match}»: {f.message}"
    if f.suggestions:
        text += " Forslag: " + ", ".join(f.suggestions) + "."
    return text


def render_sarif(result: CheckResult, lexicon_rules: Sequence[RuleInfo] = ()) -> str:
    rules = _rules(result, lexicon_rules)
    index = {r.id: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for f in result.findings:
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column}
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}
        }
        item: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": _message(f)},
            "locations": [location],
        }
        properties = {k: v for k, v in (("page", f.page), ("section", f.section)) if v}
        if properties:
            item["properties"] = properties
        results.append(item)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.path)}}}],
        }
        for e in result.errors
    ]
    log: dict[str, Any] = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ligestat-sprog",
                        "version": _version(),
                        "rules": [
                            {
                                "id": r.id,
                                "shortDescription": {"text": r.short},
                                "help": {"text": r.help},
                                "defaultConfiguration": {
                                    "level": LEVELS.get(r.severity, "warning")
                                },
                            }
                            for r in rules
                        ],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not result.errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    if result.adverts:  # --jobopslag: the per-document verdict (experimental)
        log["runs"][0]["properties"] = {
            "jobAdverts": [
                {
                    "uri": _uri(a.path),
                    "verdict": a.verdict.verdict,
                    "masculine": list(a.verdict.masculine),
                    "feminine": list(a.verdict.feminine),
                    "score": a.verdict.score,
                }
                for a in result.adverts
            ]
        }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
