"""``citecheck lint``: the parse's integrity warnings, less those a baseline already accepts.

A commit hook must be offline and quiet about what the editors already know. Like ruff's
``--add-noqa`` or detekt's baseline, accepted warnings live in a committed file
(``.citecheck-baseline.json``), and only warnings not in it fail the check.

A warning is keyed by its stable code and its message with footnote and box numbers taken out
("note 131" → "note #"), so inserting a footnote, which renumbers every later one, does not turn
accepted warnings into new ones, while a different URL or date does. Keys are counted, not just
collected: a second identical warning (the same undated URL cited twice more) is new.

    found = lint_findings(parsed.findings)
    verdict = compare(found, baseline.get(key))   # .new fails the commit; .fixed can be dropped
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError
from citecheck.model import Document, Finding

BASELINE_NAME = ".citecheck-baseline.json"
_FORMAT = 1
# "note 131", "notes 12", "Sidebar 4", "box 9": places that move when the document is renumbered.
_PLACE = re.compile(r"\b(notes?|[Ss]idebars?|box(?:es)?)\s+\d+")


@dataclass(frozen=True, order=True)
class WarningKey:
    """What identifies a warning across edits: its code and its message without numbering."""

    code: str
    message: str


@dataclass(frozen=True)
class LintFinding:
    """A warning of the document, with the key it is accepted under."""

    key: WarningKey
    finding: Finding


@dataclass(frozen=True)
class Comparison:
    """The warnings not in the baseline, and accepted ones the document no longer has."""

    new: tuple[LintFinding, ...]
    fixed: tuple[WarningKey, ...]


def key_of(finding: Finding) -> WarningKey:
    return WarningKey(finding.code, _PLACE.sub(r"\1 #", finding.message))


def lint_findings(findings: Iterable[Finding]) -> tuple[LintFinding, ...]:
    return tuple(LintFinding(key_of(f), f) for f in findings)


def compare(found: Sequence[LintFinding], accepted: Sequence[WarningKey]) -> Comparison:
    """Which of ``found`` exceed what ``accepted`` allows (per key, by count), in order."""
    budget = Counter(accepted)
    new: list[LintFinding] = []
    for item in found:
        if budget[item.key] > 0:
            budget[item.key] -= 1
        else:
            new.append(item)
    fixed = tuple(sorted(key for key, left in budget.items() for _ in range(left)))
    return Comparison(tuple(new), fixed)


def document_key(document: Path, baseline: Path) -> str:
    """The document's name in the baseline: its path from the baseline's folder, POSIX style."""
    target, base = document.resolve(), baseline.resolve().parent
    return target.relative_to(base).as_posix() if target.is_relative_to(base) else target.as_posix()


def load_baseline(path: Path) -> dict[str, tuple[WarningKey, ...]]:
    """The accepted warnings per document; an absent file accepts none."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
        return _parse(data)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        raise ConfigError(
            f"{path}: not a citecheck baseline ({exc}); fix it or recreate it with "
            "`citecheck lint --update-baseline`"
        ) from None


def _parse(data: Any) -> dict[str, tuple[WarningKey, ...]]:
    if data.get("format") != _FORMAT:
        raise ValueError(f"unknown format {data.get('format')!r}, expected {_FORMAT}")
    documents: dict[str, Any] = data["documents"]
    return {
        str(name): tuple(WarningKey(str(w["code"]), str(w["message"])) for w in warnings)
        for name, warnings in documents.items()
    }


def baseline_json(documents: Mapping[str, Sequence[WarningKey]]) -> str:
    """The baseline file's text: sorted, one warning per entry, stable across runs."""
    body = {
        "format": _FORMAT,
        "documents": {
            name: [{"code": k.code, "message": k.message} for k in sorted(keys)]
            for name, keys in sorted(documents.items())
            if keys
        },
    }
    return json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def where(finding: Finding, document: Document) -> str:
    """``path``-less place of a warning as editors' tools link it: ``:12: note 3`` (the note's
    line in the file, when the format has lines), ``: note 3``, ``: box 2`` or ``: document``."""
    if finding.note is not None:
        line = {note.number: note.location.line for note in document.notes}.get(finding.note)
        place = f"note {finding.note}"
    elif finding.sidebar is not None:
        line = {box.index: box.location.line for box in document.boxes}.get(finding.sidebar)
        place = f"box {finding.sidebar}"
    else:
        line, place = None, "document"
    return f":{line}: {place}" if line else f": {place}"
