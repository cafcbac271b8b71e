"""A readable, escaped HTML diff of a source's cited text against today's.

Unified rather than side by side so it reads on a phone; changed lines are paired and their
changed words marked. Fetched text is untrusted: every piece goes through ``html.escape``, and
sizes are capped so one huge page cannot bloat the report.
"""

from __future__ import annotations

import difflib
import re
from html import escape

MAX_TEXT_CHARS = 100_000
MAX_DIFF_LINES = 300
_CONTEXT = 2
_WORD_DIFF_MAX = 2_000
_WORDS = re.compile(r"(\S+)(\s*)")  # a word and the spaces after it


def diff_html(baseline: str | None, live: str | None) -> str:
    """An HTML fragment comparing the two texts, or a sentence saying why there is none."""
    if baseline is None or live is None:
        missing = "cited (2018) text" if baseline is None else "current text"
        return f'<p class="diff-none">No {missing} to compare.</p>'
    old, new = _lines(baseline), _lines(live)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    hunks = list(matcher.get_grouped_opcodes(_CONTEXT))
    if not _changed(hunks):
        return '<p class="diff-none">No differences in the main text.</p>'
    rows, shown = [], 0
    for hunk in hunks:
        if hunk[0][1] > 0:  # text was skipped before this hunk
            rows.append('<li class="diff-gap" aria-hidden="true">⋯</li>')
        for line in _hunk_rows(hunk, old, new):
            if shown == MAX_DIFF_LINES:
                rows.append('<li class="diff-gap">Diff cut short: see the snapshots.</li>')
                return _wrap(rows)
            rows.append(line)
            shown += 1
    return _wrap(rows)


def _lines(text: str) -> list[str]:
    text = text[:MAX_TEXT_CHARS]
    return [line.strip() for line in text.splitlines() if line.strip()]


def _changed(hunks: list[list[tuple[str, int, int, int, int]]]) -> bool:
    return any(tag != "equal" for hunk in hunks for tag, *_ in hunk)


def _wrap(rows: list[str]) -> str:
    legend = (
        '<p class="diff-legend"><span class="del">− removed since cited</span> '
        '<span class="ins">+ added since</span></p>'
    )
    # The list scrolls inside its box: focusable, so a keyboard can scroll it too.
    return (
        f'{legend}<div class="diff-scroll" tabindex="0" role="region" '
        f'aria-label="The cited text and today\u2019s, line by line">'
        f'<ol class="diff">{"".join(rows)}</ol></div>'
    )


def _hunk_rows(
    hunk: list[tuple[str, int, int, int, int]], old: list[str], new: list[str]
) -> list[str]:
    rows: list[str] = []
    for tag, i1, i2, j1, j2 in hunk:
        if tag == "equal":
            rows.extend(_row("ctx", escape(line)) for line in old[i1:i2])
        else:
            rows.extend(_changed_rows(old[i1:i2], new[j1:j2]))
    return rows


def _changed_rows(removed: list[str], added: list[str]) -> list[str]:
    """Removed lines, then added ones; lines paired in order get their changed words marked."""
    pairs = [_word_diff(a, b) for a, b in zip(removed, added, strict=False)]
    dels = [marked for marked, _ in pairs] + [escape(x) for x in removed[len(pairs) :]]
    inss = [marked for _, marked in pairs] + [escape(x) for x in added[len(pairs) :]]
    return [_row("del", x) for x in dels] + [_row("ins", x) for x in inss]


def _row(kind: str, body: str) -> str:
    label = {"del": "Removed: ", "ins": "Added: ", "ctx": "Unchanged: "}[kind]
    return f'<li class="{kind}"><span class="sr-only">{label}</span>{body}</li>'


def _word_diff(old: str, new: str) -> tuple[str, str]:
    """Both lines escaped, with the runs of words that differ wrapped in ``<del>`` / ``<ins>``.

    Matched word by word, each word carrying the spaces after it: matching the spaces as
    tokens of their own made every pair of lines quadratic in their length (a space matches
    every other space), ~7× the time for the same marks, only cut into one tag per word.
    """
    if len(old) + len(new) > _WORD_DIFF_MAX:
        return escape(old), escape(new)
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out_old: list[str] = []
    out_new: list[str] = []
    matcher = difflib.SequenceMatcher(None, [w for w, _ in a], [w for w, _ in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out_old.append(escape("".join(w + s for w, s in a[i1:i2])))
            out_new.append(escape("".join(w + s for w, s in b[j1:j2])))
            continue
        out_old.append(_marked("del", a[i1:i2]))
        out_new.append(_marked("ins", b[j1:j2]))
    return "".join(out_old), "".join(out_new)


def _marked(tag: str, words: list[tuple[str, str]]) -> str:
    """A run of changed words in ``tag``; the spaces after its last word stay outside."""
    if not words:
        return ""
    text = "".join(w + s for w, s in words[:-1]) + words[-1][0]
    return f"<{tag}>{escape(text)}</{tag}>{escape(words[-1][1])}"
