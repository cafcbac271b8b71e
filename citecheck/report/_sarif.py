"""The change report as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One result per place a citation that needs an editor is written in the document, located at its
line and columns, so the Files view shows the alert on the footnote itself. A source whose URL is
not written verbatim (a short cite's source, a DOCX/PDF without line numbers) still gets one
result, on the document as a whole. No timestamps: the same report gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Mapping, Sequence
from pathlib import PurePath, PurePosixPath
from typing import Any

from citecheck import __version__
from citecheck.report._model import INCONCLUSIVE, INCONCLUSIVE_DETAIL, Category, ChangeReport, Entry
from citecheck.report._places import Place

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/citecheck/citecheck"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "citecheck/v1"

# (rule id, level, short description, what the editor does) per category that needs an editor.
_RULES: dict[Category, tuple[str, str, str, str]] = {
    Category.GONE: (
        "source-gone",
        "error",
        "A cited source is gone",
        "The URL no longer serves the cited work (404/410, no such host, a soft 404 or a parked "
        "domain). Add the archived copy from when it was cited, or find where it lives now.",
    ),
    Category.MOVED: (
        "source-moved",
        "warning",
        "A cited source has moved",
        "The URL redirects to another address that serves the work. Cite the new URL.",
    ),
    Category.CHANGED: (
        "source-changed",
        "warning",
        "A cited source has changed since it was cited",
        "The page still answers, but its text differs from the copy archived near the visit "
        "date. Check the claim against the archived copy and cite that copy.",
    ),
    Category.UNVERIFIED: (
        "source-unverified",
        "note",
        "A cited source could not be verified",
        "The server blocked the checker or kept failing (bot wall, rate limit, timeouts, 5xx). "
        "This is not evidence of rot; check it by hand.",
    ),
    Category.INVALID: (
        "url-invalid",
        "error",
        "A cited URL is malformed",
        "The URL as written cannot be requested. Correct it from the cited work.",
    ),
}


def to_sarif(
    report: ChangeReport,
    *,
    document: PurePath,
    places: Mapping[str, Sequence[Place]] | None = None,
) -> str:
    """The SARIF log of ``report`` about ``document`` (relative paths resolve from the repository
    root, as GitHub expects); ``places`` maps each URL to where it is written (``cited_places``).
    """
    rules = [category for category in Category if category in _RULES]
    results = [
        result
        for entry in report.needs_editor
        for result in _results(entry, rules, document, (places or {}).get(entry.url, ()))
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(rules)},
                "invocations": [_invocation(report)],
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _driver(rules: list[Category]) -> dict[str, Any]:
    return {
        "name": "citecheck",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(category) for category in rules],
    }


def _rule(category: Category) -> dict[str, Any]:
    rule_id, level, short, full = _RULES[category]
    return {
        "id": rule_id,
        "name": category.label.title().replace(" ", ""),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full},
        "helpUri": f"{INFORMATION_URI}#verdicts",
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["citation", "link-rot"], "category": category.value},
    }


def _invocation(report: ChangeReport) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.inconclusive:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": f"{INCONCLUSIVE}: {INCONCLUSIVE_DETAIL}."}}
        ]
    return invocation


def _results(
    entry: Entry, rules: list[Category], document: PurePath, places: Sequence[Place]
) -> list[dict[str, Any]]:
    rule_id, level, _, _ = _RULES[entry.category]
    base = {
        "ruleId": rule_id,
        "ruleIndex": rules.index(entry.category),
        "level": level,
        "message": {"text": _message(entry)},
        "properties": _properties(entry),
    }
    if not places:
        return [{**base, **_located(document, None, _fingerprint(rule_id, entry.url, 0))}]
    return [
        {**base, **_located(document, place, _fingerprint(rule_id, entry.url, n))}
        for n, place in enumerate(places)
    ]


def _located(document: PurePath, place: Place | None, fingerprint: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(document)}
    if place is not None:
        region = {
            "startLine": place.line,
            "startColumn": place.column,
            "endLine": place.end_line,
            "endColumn": place.end_column,
        }
        physical["region"] = {key: value for key, value in region.items() if value is not None}
    return {
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


def _artifact(document: PurePath) -> dict[str, Any]:
    """A relative path resolves from the checkout's root (``%SRCROOT%``); an absolute one is a
    file URI of its own."""
    if document.is_absolute():
        return {"uri": PurePosixPath(document.as_posix()).as_uri()}
    return {"uri": urllib.parse.quote(document.as_posix()), "uriBaseId": SRCROOT}


def _fingerprint(rule_id: str, url: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the document, so code scanning keeps one alert open."""
    return hashlib.sha256(f"{rule_id}\n{url}\n{occurrence}".encode()).hexdigest()


def _message(entry: Entry) -> str:
    """One paragraph an editor can act on: what happened, where it is cited, the fix."""
    parts = [_sentence(f"{entry.category.label}: {entry.url} — {entry.reason}")]
    cited = _cited_in(entry)
    if cited:
        parts.append(f"Cited in {cited}.")
    if entry.watch is not None and entry.watch.citation_error:
        parts.append(_sentence(f"Likely a citation error: {entry.watch.citation_error_detail}"))
    parts.append(_sentence(f"Fix: {entry.fix.explanation}"))
    if entry.fix.text:
        parts.append(f"Proposed: {entry.fix.text}")
    return " ".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _cited_in(entry: Entry) -> str:
    notes = ", ".join(str(n) for n in entry.notes)
    boxes = ", ".join(str(n) for n in entry.sidebars)
    words = [f"note{'s' if len(entry.notes) > 1 else ''} {notes}" if notes else ""]
    words.append(f"source box{'es' if len(entry.sidebars) > 1 else ''} {boxes}" if boxes else "")
    return "; ".join(word for word in words if word)


def _properties(entry: Entry) -> dict[str, Any]:
    return {
        "url": entry.url,
        "verdict": entry.verdict.value,
        "notes": list(entry.notes),
        "sidebars": list(entry.sidebars),
        "fix": entry.fix.action.value,
    }
