"""How far a source's text drifted: a similarity score, a verdict and a one-line summary.

Measures from the reference-rot literature (Jones et al. 2016 compare Jaccard, Sørensen–Dice,
TF-IDF cosine, Simhash and Levenshtein): here the Jaccard index of word 3-shingles (Broder's
w-shingling), which drops fast when sentences are rewritten, backed by the cosine of log term
frequencies, which stays high while the same words remain. Both run on comparison text:
NFKC, case-folded, with lines that are typical leftover boilerplate (copyright and cookie lines,
"last updated" stamps, share prompts) removed, so a new footer year is no change.

Thresholds, calibrated on the page pairs in tests/archive/pages (a 2018 NGO article against the
same article in a 2026 redesign, lightly edited, with an appended update, rewritten, and a
different article; the measured values are in tests/archive/test_drift.py):

* ``UNCHANGED_JACCARD`` 0.85 — new chrome alone measures 1.0 (the extractor drops it), two
  words edited 0.94; an appended "Update" section (0.81) is a change, since an update next to a
  cited statement can correct it; a rewrite measures 0.02, another article 0.0;
* below it the text still counts as unchanged when the cosine is at least ``UNCHANGED_COSINE``
  0.98 *and* the Jaccard index at least ``REFLOW_JACCARD`` 0.6: the same words re-flowed
  (paragraphs reordered, a list turned into prose) — the cited statements are all still there.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from citecheck import shingles

UNCHANGED_JACCARD = 0.85
UNCHANGED_COSINE = 0.98
REFLOW_JACCARD = 0.60

_BOILERPLATE_LINE = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|cookie|privacy (policy|notice)|"
    r"terms (of use|and conditions)|skip to (main )?content|last (updated|modified|reviewed)|"
    r"^(share|print|email|tweet)( this)?( page| article)?:?$|^back to top$",
    re.I,
)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


@dataclass(frozen=True)
class Drift:
    """The comparison of an old text with a new one."""

    changed: bool
    similarity: float
    summary: str


def compare(old: str, new: str) -> Drift:
    """Compare two normalised texts (as written to ``text.txt``/``baseline.txt``)."""
    old_lines, new_lines = _content_lines(old), _content_lines(new)
    if old_lines == new_lines:
        return Drift(False, 1.0, "same text" if old == new else "boilerplate changes only")
    jaccard = shingles.jaccard(_shingles(old_lines), _shingles(new_lines))
    cosine = _cosine(_terms(old_lines), _terms(new_lines))
    changed = jaccard < UNCHANGED_JACCARD and not (
        cosine >= UNCHANGED_COSINE and jaccard >= REFLOW_JACCARD
    )
    return Drift(changed, round(jaccard, 3), _summary(old_lines, new_lines))


def _content_lines(text: str) -> list[str]:
    lines = []
    for line in unicodedata.normalize("NFKC", text).split("\n"):
        line = line.strip()
        if line and not _BOILERPLATE_LINE.search(line.lstrip("#*- ")):
            lines.append(line)
    return lines


def _words(lines: list[str]) -> list[str]:
    return [w for line in lines for w in _WORD.findall(line.casefold())]


def _shingles(lines: list[str]) -> set[tuple[str, ...]]:
    return shingles.word_shingles(_words(lines))


def _terms(lines: list[str]) -> dict[str, float]:
    return {w: 1.0 + math.log(n) for w, n in Counter(_words(lines)).items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


# --------------------------------------------------------------------------- summary


def _summary(old_lines: list[str], new_lines: list[str]) -> str:
    """E.g. "12% of sentences rewritten, 3 added, 1 removed; new heading “Update”"."""
    old, new = _sentences(old_lines), _sentences(new_lines)
    counts = _sentence_counts(old, new)
    parts = []
    if counts["replace"]:
        share = round(100 * counts["replace"] / max(len(old), 1))
        parts.append(f"{share}% of sentences rewritten")
    if counts["insert"]:
        parts.append(f"{counts['insert']} added")
    if counts["delete"]:
        parts.append(f"{counts['delete']} removed")
    text = ", ".join(parts) or "words changed within sentences"
    heading = _new_heading(old_lines, new_lines)
    return f"{text}; new heading “{heading}”" if heading else text


def _sentences(lines: list[str]) -> list[str]:
    return [s for line in lines for s in _SENTENCE_END.split(line) if s]


def _sentence_counts(old: list[str], new: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            both = min(i2 - i1, j2 - j1)
            counts["replace"] += both
            counts["delete"] += i2 - i1 - both
            counts["insert"] += j2 - j1 - both
        elif tag != "equal":
            counts[tag] += max(i2 - i1, j2 - j1)
    return counts


def _new_heading(old_lines: list[str], new_lines: list[str]) -> str | None:
    old = {line for line in old_lines if line.startswith("#")}
    for line in new_lines:
        if line.startswith("#") and line not in old:
            title = line.lstrip("# ").strip()
            return title if len(title) <= 60 else title[:59] + "…"
    return None
