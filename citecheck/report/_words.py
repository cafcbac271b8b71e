"""The words every renderer uses for a link's state: one wording, in every format and the CLI.

An editor reads "gone: soft 404", not "gone (HTTP 200)"; "no archived copy to compare with",
not "text no-baseline"; "not checked", not ``error``, when the network was unreachable.
"""

from __future__ import annotations

import re

from citecheck.model import ContentStatus, LinkResult, Verdict

NOT_CHECKED = "not checked"
_CONTENT = {
    ContentStatus.UNCHANGED: "text unchanged since cited",
    ContentStatus.CHANGED: "text changed since cited",
    ContentStatus.NO_BASELINE: "no archived copy to compare with",
    ContentStatus.UNAVAILABLE: "no text today to compare",
}
# The kind of a "gone" that still answered 2xx, as the checker's reason starts.
_GONE_KIND = re.compile(
    r"(parked domain|soft 404|redirects to the home page|redirects to a not-found page)"
)


def content_words(content: ContentStatus) -> str:
    """How the source's text compares with the cited text, in words."""
    return _CONTENT[content]


def verdict_words(result: LinkResult, *, checked: bool = True) -> str:
    """The verdict with its evidence in a few words: ``gone (HTTP 404)``, ``gone: soft 404``,
    ``moved (HTTP 301)``; ``not checked`` when the run could not check it."""
    if not checked:
        return NOT_CHECKED
    verdict, code = result.verdict, result.status_code
    if verdict is Verdict.GONE and (code is None or code < 400):
        kind = _GONE_KIND.match(result.reason)
        return f"gone: {kind.group(1) if kind else _first_clause(result.reason)}"
    if code is None or verdict in (Verdict.INVALID, Verdict.SKIPPED):
        return verdict.value
    return f"{verdict.value} (HTTP {code})"


def _first_clause(reason: str) -> str:
    return re.split(r"[:(;]", reason, maxsplit=1)[0].strip() or "no longer there"
