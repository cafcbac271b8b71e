"""The lines every command ends with: what was checked, what needs an editor, where the files are.

In the change report's own words (its verdicts, "changed since cited", "need an editor")::

    checked 208 links: 136 alive · 20 moved · 12 gone · 10 blocked · 6 error · 24 skipped
    14 changed since cited · 52 need an editor
    change report: out/report.md, out/report.html, out/report.json, out/report.csv
    snapshots: snapshots/
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citecheck.model import LinkResult, Verdict
from citecheck.words import counted, plural

if TYPE_CHECKING:  # the report stage is loaded by the commands that use it, not with the CLI
    from citecheck.report import Category

# The order an editor reads them in: the good news first, then what needs work.
_ORDER = (
    Verdict.ALIVE,
    Verdict.MOVED,
    Verdict.GONE,
    Verdict.BLOCKED,
    Verdict.ERROR,
    Verdict.INVALID,
    Verdict.SKIPPED,
)
_EXCLUDED = "excluded by pattern"


def _inconclusive_why() -> str:
    from citecheck.report import INCONCLUSIVE

    return f"{INCONCLUSIVE} (no host answered), no verdict about any source was drawn"


@dataclass(frozen=True)
class Tally:
    """How many links got each verdict and each of the report's categories."""

    verdicts: Counter[Verdict]
    categories: Counter[Category]

    @classmethod
    def of(cls, rows: Iterable[tuple[Verdict, Category]]) -> Tally:
        pairs = list(rows)
        return cls(Counter(v for v, _ in pairs), Counter(c for _, c in pairs))

    @property
    def links(self) -> int:
        return sum(self.verdicts.values())

    @property
    def needs_editor(self) -> int:
        return sum(n for c, n in self.categories.items() if c.needs_editor)


def summary_lines(tally: Tally, *, inconclusive: bool, files: Sequence[str] = ()) -> list[str]:
    """The closing lines of a command: counts, what needs an editor, the files written."""
    from citecheck.report import Category

    if inconclusive:
        counts = f"{counted(tally.links, 'link')} not checked: {_inconclusive_why()}"
        return [counts, *files]
    verdicts = " · ".join(f"{tally.verdicts[v]} {v.value}" for v in _ORDER if tally.verdicts[v])
    needs = tally.needs_editor
    second = f"{needs} {plural(needs, 'needs')} an editor"
    changed = tally.categories[Category.CHANGED]
    if changed:
        second = f"{changed} changed since cited · {second}"
    return [f"checked {counted(tally.links, 'link')}: {verdicts}", second, *files]


def nothing_checked(results: Sequence[LinkResult]) -> str | None:
    """Why no link was checked at all, or None when some were: a run that checked nothing is
    not a success (a document without URLs, every URL excluded or refused)."""
    if not results:
        return "nothing was checked: the document cites no URL"
    if any(r.verdict is not Verdict.SKIPPED for r in results):
        return None
    excluded = sum(r.reason.startswith(_EXCLUDED) for r in results)
    refused = len(results) - excluded
    why = [
        f"{excluded} by `exclude`" if excluded else "",
        f"{refused} by the address guard (--allow-private checks them)" if refused else "",
    ]
    skipped = "all" if len(results) > 1 else "the only"
    return (
        f"nothing was checked: {skipped} {counted(len(results), 'link')} "
        f"{plural(len(results), 'was')} skipped ({', '.join(w for w in why if w)})"
    )
