"""The values that flow between citecheck's pipeline stages.

read   -> ``Document`` (the notes of a DOCX/PDF/HTML/Markdown/text file, format-blind)
parse  -> ``ParsedDocument`` (notes, sidebars, sources, integrity findings)
check  -> ``LinkResult`` per distinct URL, gathered in a ``CheckRun``
archive-> ``SourceStatus`` per link (content drift, 2018 capture), gathered in an ``ArchiveRun``

Every value is a frozen dataclass or an enum: stages never mutate each other's output, and a
verdict is a value carrying its reason and evidence, never an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# ---------------------------------------------------------------------------------------- read


class Format(StrEnum):
    """A document format the read stage understands (the words are ``--format`` values)."""

    MARKDOWN = "markdown"
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"


class LinkOrigin(StrEnum):
    """Where a hyperlink's target was read: what makes it exact or merely written out.

    ``text`` targets are URLs spelled out in the text itself; every other origin is the link's
    real target, which wins over its visible text (a shortened "example.org/…/report" or "here").
    """

    TEXT = "text"
    HREF = "href"  # an HTML href or a Markdown link destination
    RELATIONSHIP = "relationship"  # a DOCX hyperlink relationship (word/_rels)
    FIELD = "field"  # a DOCX HYPERLINK field code
    ANNOTATION = "annotation"  # a PDF link annotation


@dataclass(frozen=True)
class Hyperlink:
    """A link target exactly as the document holds it, with the text a reader sees."""

    target: str
    text: str
    origin: LinkOrigin


@dataclass(frozen=True)
class Location:
    """Where a note sits: 1-based page (paged formats), 1-based line of the source file (text
    formats), and the heading of the section it belongs to, when the format tells."""

    page: int | None = None
    line: int | None = None
    section: str | None = None


class Placement(StrEnum):
    """Footnotes sit at the foot of a page or are linked from their marker; endnotes are listed
    together under a heading ("Notes", "Endnotes")."""

    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"


@dataclass(frozen=True)
class DocumentNote:
    """One note as the document has it. ``text`` is light Markdown, the parser's one input
    form: ``*italic*``, links as ``<target>`` (visible text a URL) or ``[text](target)``."""

    number: int
    text: str
    links: tuple[Hyperlink, ...] = ()
    location: Location = Location()
    placement: Placement = Placement.FOOTNOTE


@dataclass(frozen=True)
class Box:
    """A boxed "Source:" citation in the body; ``index`` counts boxes from 1 in order."""

    index: int
    text: str
    links: tuple[Hyperlink, ...] = ()
    location: Location = Location()


@dataclass(frozen=True)
class DocumentInfo:
    """What the document says about itself (PDF/DOCX metadata, HTML ``<meta>``, front matter).

    ``date`` is the publication date when one is given, else the creation date, as ISO 8601 as
    precise as the source ("2018", "2018-11", "2018-11-05").
    """

    title: str | None = None
    author: str | None = None
    date: str | None = None
    pages: int | None = None
    # The date printed on the title page ("November 2018"), as ISO. It is what a reader takes
    # for the publication date; file metadata often gives the day the file was converted.
    printed_date: str | None = None


@dataclass(frozen=True)
class ReadWarning:
    """Something the reader repaired or could not, for an editor to look at.

    Codes: ``url-page-break`` (a URL cut at a page break: rejoined, or its rest not found),
    ``endnotes-renumbered`` (a document with both footnotes and endnotes: endnotes numbered
    after the footnotes), ``note-numbering-restarts`` (notes numbered anew, each chapter from 1:
    numbered on from there). The parser reports them as findings under the same codes.
    """

    code: str
    note: int | None
    message: str


@dataclass(frozen=True)
class Document:
    """A document's notes in order, its "Source:" boxes, and what its body refers to.

    ``markers`` are the note numbers the body refers to, in order, or None when the format
    cannot tell markers from other numbers (plain text, a PDF without superscripts).
    ``body_links`` are the links of the body (notes and boxes excluded), for ``--body-links``.
    ``text`` is the whole text of a Markdown or text document (what ``fix`` edits); None for
    DOCX, PDF and HTML.
    """

    name: str
    format: Format
    notes: tuple[DocumentNote, ...]
    boxes: tuple[Box, ...] = ()
    markers: tuple[int, ...] | None = None
    body_links: tuple[Hyperlink, ...] = ()
    info: DocumentInfo = DocumentInfo()
    warnings: tuple[ReadWarning, ...] = ()
    text: str | None = field(default=None, repr=False)


# --------------------------------------------------------------------------------------- parse


class CitationKind(StrEnum):
    """How a citation names its source: in full, as *Id.*, or as *supra* note N."""

    FULL = "full"
    ID = "id"
    SUPRA = "supra"


@dataclass(frozen=True)
class Citation:
    """One citation inside a footnote or sidebar, resolved to a source id.

    For ``id`` and ``supra`` citations ``url`` and ``last_visited`` are those of the source the
    short cite resolves to; ``source`` is ``None`` only when resolution failed (a finding says why).
    """

    kind: CitationKind
    text: str
    source: str | None
    url: str | None = None
    last_visited: dt.date | None = None
    pinpoint: str | None = None
    signal: str | None = None
    parentheticals: tuple[str, ...] = ()
    supra_note: int | None = None


@dataclass(frozen=True)
class Note:
    """A footnote: its number, full text (page-break continuations joined) and citations."""

    number: int
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Sidebar:
    """A "Source:" box in the body text; ``index`` counts sidebars from 1 in document order."""

    index: int
    text: str
    citations: tuple[Citation, ...] = ()


class WorkType(StrEnum):
    """What kind of work a source is, as its citation tells (whatever the citation style).

    Bibliographies map it to their own types (BibTeX ``@article``, CSL ``article-journal``);
    ``document`` is a work the citation does not tell more about.
    """

    JOURNAL_ARTICLE = "journal-article"
    NEWS_ARTICLE = "news-article"  # a newspaper, magazine or news site
    BOOK = "book"
    CHAPTER = "chapter"  # a part of an edited book
    REPORT = "report"  # issued by an institution: reports, papers, guides, fact sheets
    WEB_PAGE = "web-page"
    LEGISLATION = "legislation"  # statutes, codes, directives
    BILL = "bill"
    TREATY = "treaty"  # conventions, protocols, charters, declarations
    LEGAL_CASE = "legal-case"  # decisions and court documents of a case
    HEARING = "hearing"  # testimony before a legislative committee
    DOCUMENT = "document"


class DateSource(StrEnum):
    """Where a source's baseline day comes from (the words are part of the JSON contracts):
    the note's "last visited"/"accessed" date; for a source cited without one, the cited
    work's own publication date, else the document's date."""

    VISITED = "visited"
    PUBLISHED = "published"
    DOCUMENT = "document"


@dataclass(frozen=True)
class BaselineDate:
    """The day whose nearest web-archive copy stands for what the authors saw, and why that day.

    ``written`` is the date as the document gives it, ISO as precise as given ("2018-10-05",
    "2018-11", "2017"); ``day`` is the day looked up: the last day of a month or year given,
    never after the document's own date.
    """

    day: dt.date
    source: DateSource
    written: str

    @classmethod
    def visited(cls, day: dt.date) -> BaselineDate:
        return cls(day, DateSource.VISITED, day.isoformat())


def preferred_baseline(candidates: Iterable[BaselineDate | None]) -> BaselineDate | None:
    """The best of several inferred baselines for one URL: a publication date over the
    document's date, then the earliest day."""
    order = list(DateSource)
    found = [c for c in candidates if c is not None]
    return min(found, key=lambda c: (order.index(c.source), c.day), default=None)


@dataclass(frozen=True)
class Source:
    """A distinct cited work. ``id`` is stable across renumbering of the footnotes.

    The fields describe the work, not how a style prints it: ``container`` is the periodical,
    website or book the work appeared in, ``publisher`` the body that issued it (a report's
    institution, a book's publisher), ``pages`` the work's own page span in its container (a
    citation's pinpoint is the citation's).
    """

    id: str
    title: str | None
    authors: tuple[str, ...] = ()
    container: str | None = None
    date: str | None = None  # ISO 8601, as precise as the citation: "2017", "2017-03", "2017-11-28"
    url: str | None = None
    last_visited: dt.date | None = None
    cited_in: tuple[int, ...] = ()
    sidebars: tuple[int, ...] = ()
    # Every spelling of the source's URL the document uses, ``url`` (the first) included; more
    # than one means the document cites it under slightly different URLs (parse finding
    # ``url-variants``). Added by the parser; empty when the source has no URL.
    urls: tuple[str, ...] = ()
    # The parser read the one author as an organisation ("International Labour Organization"):
    # bibliographies must keep it whole instead of splitting it into family and given names.
    corporate_author: bool = False
    work_type: WorkType = WorkType.DOCUMENT
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "243-252"
    editors: tuple[str, ...] = ()
    edition: str | None = None  # "2" for a 2nd edition; words when the citation has no number
    number: str | None = None  # a report's, bill's or article's number ("FIN-2014-A008")
    # For a source cited without a visit date: the day inferred for its baseline (from its
    # publication date or the document's), None when neither is known or a visit date is given.
    inferred: BaselineDate | None = None

    @property
    def baseline(self) -> BaselineDate | None:
        """The day to compare the source with: its visit date, else the inferred day."""
        if self.last_visited is not None:
            return BaselineDate.visited(self.last_visited)
        return self.inferred


@dataclass(frozen=True)
class Finding:
    """An integrity warning an editor should look at.

    ``note`` is None for document-level ones and for those about a "Source:" box, which name
    the box in ``sidebar`` (and in the message).
    """

    code: str
    note: int | None
    message: str
    sidebar: int | None = None


@dataclass(frozen=True)
class ParsedDocument:
    notes: tuple[Note, ...]
    sidebars: tuple[Sidebar, ...]
    sources: tuple[Source, ...]
    findings: tuple[Finding, ...]
    # URLs of the body outside notes and boxes, kept only when asked for (``--body-links``).
    body_urls: tuple[str, ...] = ()

    def source(self, source_id: str) -> Source:
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)


@dataclass(frozen=True, slots=True)  # one per URL: slots keep a 20,000-URL run small
class Link:
    """A distinct URL to check, with everything in the document that cites it."""

    url: str
    notes: tuple[int, ...]
    sources: tuple[str, ...]
    last_visited: dt.date | None
    sidebars: tuple[int, ...] = ()
    # Without a visit date: the day inferred from the citing sources (``Source.inferred``).
    inferred: BaselineDate | None = None

    @property
    def baseline(self) -> BaselineDate | None:
        """The day whose nearest archived copy is the source's baseline, and where it is from."""
        if self.last_visited is not None:
            return BaselineDate.visited(self.last_visited)
        return self.inferred


def distinct_links(links: Sequence[Link]) -> list[Link]:
    """One link per URL, in first-seen order, citing every note and source of its duplicates.

    Every stage that takes links (check, archive) dedupes the same way, so their results line
    up one-to-one by URL.
    """
    merged: dict[str, Link] = {}
    for link in links:
        seen = merged.get(link.url)
        if seen is None:
            merged[link.url] = link
            continue
        merged[link.url] = Link(
            url=link.url,
            notes=tuple(sorted(set(seen.notes) | set(link.notes))),
            sources=tuple(sorted(set(seen.sources) | set(link.sources))),
            last_visited=seen.last_visited or link.last_visited,
            sidebars=tuple(sorted(set(seen.sidebars) | set(link.sidebars))),
            inferred=preferred_baseline([seen.inferred, link.inferred]),
        )
    return list(merged.values())


# --------------------------------------------------------------------------------------- check


class Verdict(StrEnum):
    """What the checker concluded about one URL (the words are part of the JSON contract)."""

    ALIVE = "alive"
    MOVED = "moved"
    GONE = "gone"
    BLOCKED = "blocked"
    ERROR = "error"
    INVALID = "invalid"
    SKIPPED = "skipped"


# The verdicts under which the source answered with its content, at the cited address or a new
# one: what archiving captures, what resets rot, what a soft-404 probe is worth spending on.
ANSWERED = frozenset({Verdict.ALIVE, Verdict.MOVED})


@dataclass(frozen=True)
class Hop:
    """One step of a redirect chain: the URL requested and the status it answered with."""

    url: str
    status_code: int


@dataclass(frozen=True)
class Exchange:
    """The final HTTP exchange of a check, kept only when capture was asked for (archiving).

    ``body`` is at most the configured capture cap; ``truncated`` says when the cap cut it.
    Header tuples keep order and duplicates as they went over the wire.
    """

    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    status_code: int
    reason_phrase: str
    http_version: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    truncated: bool
    peer_address: str | None = None


class FailureKind(StrEnum):
    """Why no answer came, when none did: evidence for later stages, which must not parse the
    human ``reason``. The values are the JSON contract's ``failure`` field."""

    NAME = "name"  # the host does not exist (NXDOMAIN)
    DNS = "dns"  # the name lookup failed (no answer, a server failure)
    TIMEOUT = "timeout"
    REFUSED = "refused"
    RESET = "reset"  # the connection was reset or closed before a complete answer
    TLS = "tls"
    GUARD = "guard"  # the address guard refused a private or loopback address
    PROTOCOL = "protocol"
    LOOP = "loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    BAD_REDIRECT = "bad-redirect"


@dataclass(frozen=True, slots=True)  # one per URL: slots keep a 20,000-URL run small
class LinkResult:
    url: str
    verdict: Verdict
    reason: str
    status_code: int | None = None
    final_url: str | None = None
    redirects: tuple[Hop, ...] = ()
    notes: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    content_type: str | None = None
    attempts: int = 0
    exchange: Exchange | None = field(default=None, compare=False, repr=False)
    failure: FailureKind | None = None  # why no answer came, when none did


class Reachability(StrEnum):
    """Whether the network as a whole could be reached during a run."""

    ONLINE = "online"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class CheckRun:
    results: tuple[LinkResult, ...]
    reachability: Reachability
    started_at: dt.datetime
    finished_at: dt.datetime

    @property
    def inconclusive(self) -> bool:
        return self.reachability is Reachability.UNREACHABLE


# ------------------------------------------------------------------------------------- archive


class ContentStatus(StrEnum):
    """How today's text of a source compares with what it said when it was cited."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    NO_BASELINE = "no-baseline"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class HistoryEntry:
    """One past check of a URL, as kept in its snapshot metadata (oldest first)."""

    at: dt.datetime
    verdict: Verdict
    status_code: int | None
    final_url: str | None
    reason: str


@dataclass(frozen=True)
class SourceStatus:
    """What archiving learned about one link: its drift since 2018 and since the last run."""

    url: str
    snapshot_id: str
    content: ContentStatus
    similarity: float | None
    summary: str
    archive_url: str | None
    archive_timestamp: str | None
    changed_since_last_run: bool
    previous_verdict: Verdict | None
    history: tuple[HistoryEntry, ...] = ()
    save_url: str | None = None
    # the archive that holds the baseline ("Internet Archive", "Library of Congress")
    archive_name: str | None = None


@dataclass(frozen=True)
class LeftoverSnapshot:
    """A snapshot folder of a URL the document no longer cites (its citation was removed, or
    its URL corrected): listed in the change report, deleted only by ``citecheck prune``."""

    snapshot_id: str
    url: str
    verdict: Verdict | None  # its last check's, as its history says
    checked: dt.datetime | None


@dataclass(frozen=True)
class ArchiveRun:
    check: CheckRun
    statuses: tuple[SourceStatus, ...]
    leftovers: tuple[LeftoverSnapshot, ...] = ()
