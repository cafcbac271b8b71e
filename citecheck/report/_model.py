"""The change report as a value: one entry per checked link, most urgent first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from citecheck.model import (
    BaselineDate,
    ContentStatus,
    Hop,
    LeftoverSnapshot,
    LinkResult,
    SourceStatus,
    Verdict,
)
from citecheck.report._words import verdict_words
from citecheck.style import format_date, timestamp_date
from citecheck.words import counted

INCONCLUSIVE = "inconclusive — network unreachable"
INCONCLUSIVE_DETAIL = "no verdict about any source was drawn and no snapshot was changed"


class Category(StrEnum):
    """Where a link lands in the report. Declaration order is report order."""

    GONE = "gone"
    MOVED = "moved"
    CHANGED = "changed"
    UNVERIFIED = "unverified"
    INVALID = "invalid"
    ALIVE = "alive"
    SKIPPED = "skipped"
    UNCHECKED = "unchecked"  # the network was unreachable: nothing is known, nothing to do yet

    @property
    def needs_editor(self) -> bool:
        return self in _NEEDS_EDITOR

    @property
    def label(self) -> str:
        return _LABELS[self]


_NEEDS_EDITOR = frozenset(
    {Category.GONE, Category.MOVED, Category.CHANGED, Category.UNVERIFIED, Category.INVALID}
)
_LABELS = {
    Category.GONE: "Gone",
    Category.MOVED: "Moved",
    Category.CHANGED: "Changed since cited",
    Category.UNVERIFIED: "Blocked or unverified",
    Category.INVALID: "Invalid URL",
    Category.ALIVE: "Alive",
    Category.SKIPPED: "Skipped",
    Category.UNCHECKED: "Not checked (network unreachable)",
}


class FixAction(StrEnum):
    """What the proposed fix does to the citation (the words are part of the JSON contract)."""

    REPLACE_URL = "replace-url"
    ADD_ARCHIVE = "add-archive"
    REFRESH = "refresh"
    NONE = "none"


@dataclass(frozen=True)
class Fix:
    """The edit to propose. ``text`` is the citation's new locator in the document's style."""

    action: FixAction
    explanation: str
    text: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SourceTexts:
    """The extracted text of a source when it was cited (the 2018 capture) and today."""

    baseline: str | None
    live: str | None


@dataclass(frozen=True)
class Section:
    """An extra block another stage contributes (e.g. "since last run"): a titled table.

    Renderers show it right after the summary; cells are plain untrusted text.
    """

    title: str
    intro: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Watch:
    """What watching over time adds to an entry (from ``citecheck.monitor``).

    ``rot`` is the rot state's word ("first-failure", "failing", "confirmed-gone", …) and
    ``rot_detail`` its evidence; ``citation_error`` flags a URL that was probably wrong when the
    document was written (no such host, no capture near the visit date) rather than rotten.
    """

    rot: str
    rot_detail: str
    citation_error: bool = False
    citation_error_detail: str = ""


@dataclass(frozen=True)
class CorrectedNote:
    """A footnote (``note``) or "Source:" box (``box``) as it reads with the proposed fixes
    applied: the whole text an editor pastes over the old one."""

    text: str
    note: int | None = None
    box: int | None = None

    @property
    def label(self) -> str:
        return f"footnote {self.note}" if self.note is not None else f"source box {self.box}"


@dataclass(frozen=True)
class Entry:
    """Everything the report says about one distinct URL: the check's result, then the rest."""

    result: LinkResult
    status: SourceStatus | None
    category: Category
    titles: tuple[str, ...]
    sidebars: tuple[int, ...]
    last_visited: dt.date | None
    evidence: tuple[str, ...]
    fix: Fix
    texts: SourceTexts | None = field(default=None, repr=False)
    watch: Watch | None = None
    # The day the source was compared near (its visit date, else one inferred) and its origin.
    baseline: BaselineDate | None = None
    # The footnotes that cite the source in full (the others cite it as Id. or supra): where
    # a fix goes. Then each of them as it reads with the fixes applied (``with_corrections``).
    full_citation_in: tuple[int, ...] = ()
    corrected: tuple[CorrectedNote, ...] = ()

    @property
    def short_cited_in(self) -> tuple[int, ...]:
        """The footnotes that cite the source by a short form (*Id.*, *supra*) only."""
        return tuple(n for n in self.notes if n not in self.full_citation_in)

    @property
    def content(self) -> ContentStatus | None:
        return self.status.content if self.status else None

    @property
    def similarity(self) -> float | None:
        return self.status.similarity if self.status else None

    @property
    def archive_url(self) -> str | None:
        return self.status.archive_url if self.status else None

    @property
    def archive_name(self) -> str | None:
        return self.status.archive_name if self.status else None

    @property
    def archive_date(self) -> dt.date | None:
        """The day of the cited (2018) capture, from its Wayback timestamp."""
        stamp = self.status.archive_timestamp if self.status else None
        return timestamp_date(stamp) if stamp else None

    @property
    def url(self) -> str:
        return self.result.url

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict

    @property
    def checked(self) -> bool:
        """Whether the run drew a verdict: not when the network was unreachable."""
        return self.category is not Category.UNCHECKED

    @property
    def verdict_text(self) -> str:
        """The verdict in words, the same in every format: ``gone: soft 404``, ``not checked``."""
        return verdict_words(self.result, checked=self.checked)

    @property
    def reason(self) -> str:
        return self.result.reason

    @property
    def status_code(self) -> int | None:
        return self.result.status_code

    @property
    def final_url(self) -> str | None:
        return self.result.final_url

    @property
    def redirects(self) -> tuple[Hop, ...]:
        return self.result.redirects

    @property
    def notes(self) -> tuple[int, ...]:
        return self.result.notes

    @property
    def sources(self) -> tuple[str, ...]:
        return self.result.sources


@dataclass(frozen=True)
class ChangeReport:
    """A whole run's findings. ``run_date`` is the run's own clock, never the render time."""

    title: str
    run_date: dt.date
    inconclusive: bool
    entries: tuple[Entry, ...]
    since: Section | None = None
    # Snapshot folders of URLs the document no longer cites (``citecheck prune`` deletes them).
    leftovers: tuple[LeftoverSnapshot, ...] = ()

    def leftovers_section(self) -> Section | None:
        """The leftover snapshot folders as a section after the entries; None when none."""
        if not self.leftovers:
            return None
        intro = (
            f"{counted(len(self.leftovers), 'snapshot folder')} in the store belong to URLs "
            "this document no longer cites (the citation was removed or its URL corrected). "
            "citecheck prune DOCUMENT --apply deletes them; nothing is deleted otherwise."
        )
        rows = tuple(
            (
                left.snapshot_id,
                left.url,
                left.verdict.value if left.verdict else "",
                format_date(left.checked.date()) if left.checked else "",
            )
            for left in self.leftovers
        )
        columns = ("Folder", "URL", "Last verdict", "Last checked")
        return Section("Snapshots no longer cited", intro, columns, rows)

    def count(self, category: Category) -> int:
        return sum(1 for e in self.entries if e.category is category)

    @property
    def needs_editor(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.category.needs_editor)

    def headline(self) -> tuple[str, str]:
        """The report's first sentence as (plain lead, emphasised end), for every renderer."""
        day = format_date(self.run_date)
        if all(e.category is Category.SKIPPED for e in self.entries):
            why = "the document cites no URL" if not self.entries else "every link was skipped"
            return f"Nothing was checked on {day}: ", why
        if self.inconclusive:
            return f"Could not check {counted(len(self.entries), 'link')} on {day}: ", (
                "no host answered"
            )
        needs = len(self.needs_editor)
        ending = f"{needs} need{'s' if needs == 1 else ''} an editor"
        return f"Checked {counted(len(self.entries), 'link')} on {day}: ", ending
