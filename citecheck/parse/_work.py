"""What kind of work a citation names, and the publication details written after its title:
volume, issue, pages, editors, edition and number.

The details are read in the forms the common styles write them — Bluebook-ish ("Vol. 77,
Issue 2"), APA ("40(2), 243–252"), Chicago ("19 (1954): 203") and the bundled document's own
mixtures ("Vol. 40 Issue 2: 243-252", "23.3 (2013): 356-369", "Edited by Mary C. Burke, 2nd
Edition") — so that each style's reader can share them.

The kind of work (``WorkType``) then decides the roles of the names the head gave: a
journal's or newspaper's name is the container; the body that issued a report is its
publisher; an organisation whose own web page is cited is its author (APA's group author).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import WorkType
from citecheck.parse._names import is_organisation, names_site, people

_PAGES = r"(\d+(?:\s*[-–]\s*\d+)?)"
# "Vol. 77", "Volume 40", "Issue 2", "No. 3" after a volume, "Art. 9" (an article number).
_VOLUME = re.compile(r"\bVol(?:ume)?\.?\s*(\d+)", re.IGNORECASE)
_ISSUE = re.compile(r"\b(?:Issue|Iss\.|No\.|Number)\s*(\d+)", re.IGNORECASE)
_ISSUE_PARENS = re.compile(r"^\s*\((\d{1,3})\)")  # "Vol. 48 (4) 2010"
_ARTICLE_NO = re.compile(r"\bArt\.\s*(\d+)")
_PAGES_AFTER_COLON = re.compile(rf"^[^,]*?:\s*{_PAGES}")  # "Issue 2: 243-252"
_PP = re.compile(rf"\bpp?\.\s*{_PAGES}")
# "63(2):111-128", "10(2)", "10 (2) (2002): 129", "40(2), 243–252".
_VOL_ISSUE = re.compile(
    r"(?<![\d/.])(?<!Article )(?<!Art\. )(?<!Section )(?<!§ )"  # not "Article 3(2)"
    rf"(\d{{1,4}})\s?\((\d{{1,3}})\)(?:\s*\([^)]*\))?(?:\s*[:,]\s*{_PAGES})?"
)
# "23.3 (2013): 356-369", "11 (2015): 797-803", "19 (1954): 203".
_VOL_YEAR_PAGES = re.compile(
    rf"(?<![\d/.])(\d{{1,4}})(?:\.(\d{{1,3}}))?\s*\((?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d\)"
    rf"\s*:?\s*{_PAGES}?"
)
_EDITED_BY = re.compile(
    r"\b(?:edited|ed\.)\s+by\s+(?P<names>[^,(]+(?:,\s*(?:and\s+)?[^,(]+)*)", re.I
)
_EDS_AFTER = re.compile(r"(?P<names>[A-Z][^,(]*(?:,\s*[A-Z][^,(]*)*),\s*eds?\.", re.DOTALL)
_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}  # fmt: skip
_EDITION = re.compile(
    rf"\b(?:(\d+)(?:st|nd|rd|th)|({'|'.join(_ORDINALS)})|(rev(?:ised)?\.?))\s+ed(?:ition|\.)",
    re.IGNORECASE,
)
# A report's or a series' number: "Paper No. 20", "FIN-2014-A008", a bill's "H.R. 6069".
_REPORT_NO = re.compile(r"\b(?:No\.|Number)\s*([\w./-]*\d[\w./-]*)")
_DESIGNATION = re.compile(r"\b([A-Z]{2,}-\d{4}-[A-Z0-9]+)\b")
_BILL = re.compile(r"\b((?:H\.\s?R\.|S\.)\s?\d+)\b")

# Kinds of work told by words of the title.
_CASE = re.compile(r"\S\s+v\.\s+\S")
_HEARING = re.compile(
    r"^(?:Testimony|Statement|(?:Written\s+)?[Ee]vidence\s+submitted)\b|\bHearings?\s+(?:on|before)\b",
    re.IGNORECASE,
)
_TREATY = re.compile(r"\b(?:Convention|Protocol|Charter|Treaty|Covenant|Declaration)\b")
_ABOUT_TREATY = re.compile(r"\b(?:Chart|Signatories|Signatures|Ratifications?|List)\b")
_LAW = re.compile(r"\b(?:Act|Law|Code|Directive|Regulation|Statute)\b")
_JOURNAL_NAME = re.compile(
    r"\b(?:journal|review|quarterly|proceedings|annals|bulletin|psychologist|law)\b", re.I
)
_REPORT_WORDS = re.compile(
    r"\b(?:Report|Paper|Study|Guide|Guidelines|Toolkit|Factsheet|Fact Sheet|Handout|Survey|"
    r"Estimates|Booklet|Advisory|Insights|Overview|Findings|Brief)\b"
)
_SMALL_CAPS = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9&’'.:,\-\s]+$")


@dataclass(frozen=True)
class Details:
    """Publication details written after a title."""

    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    editors: tuple[str, ...] = ()
    edition: str | None = None
    number: str | None = None


def read_details(rest: str, title: str | None = None) -> Details:
    """The details in ``rest``, the cleaned citation text after the title (a bill's number may
    stand in its ``title``)."""
    volume, issue, pages = _periodical(rest)
    number = _article_number(rest) if volume else _report_number(rest, title or "")
    return Details(volume, issue, pages, _editors(rest), _edition(rest), number)


def _periodical(rest: str) -> tuple[str | None, str | None, str | None]:
    """Volume, issue and page span of a periodical, in whichever form ``rest`` writes them."""
    volume = _VOLUME.search(rest)
    if volume:
        after = rest[volume.end() :]
        issue = _ISSUE.search(after) or _ISSUE_PARENS.match(after)
        tail = after[issue.end() :] if issue else after
        pages = _PAGES_AFTER_COLON.match(tail) or _PP.search(tail)
        return volume.group(1), _group(issue, 1), _span(pages)
    both = _VOL_ISSUE.search(rest)
    if both:
        return both.group(1), both.group(2), _span(both, 3)
    year_form = _VOL_YEAR_PAGES.search(rest)
    if year_form:
        return year_form.group(1), year_form.group(2), _span(year_form, 3)
    return None, None, _span(_PP.search(rest))


def _group(match: re.Match[str] | None, index: int) -> str | None:
    return match.group(index) if match else None


def _span(match: re.Match[str] | None, index: int = 1) -> str | None:
    """A page span as written, its dash normalised: "243 - 252" → "243-252"."""
    value = match.group(index) if match else None
    return re.sub(r"\s*[-–]\s*", "-", value) if value else None


def _article_number(rest: str) -> str | None:
    return _group(_ARTICLE_NO.search(rest), 1)


def _report_number(rest: str, title: str) -> str | None:
    found = _BILL.search(title) or _DESIGNATION.search(rest) or _REPORT_NO.search(rest)
    return re.sub(r"\s+", " ", found.group(1)) if found else None


def _editors(rest: str) -> tuple[str, ...]:
    match = _EDITED_BY.search(rest) or _EDS_AFTER.search(rest)
    if not match:
        return ()
    found: list[str] = []
    for part in match.group("names").split(","):  # the names, up to "2nd Edition, 2018"
        named = people([part.strip()]) if part.strip() else ()
        if not named:
            break
        found.extend(named)
    return tuple(found)


def _edition(rest: str) -> str | None:
    match = _EDITION.search(rest)
    if not match:
        return None
    number, word, revised = match.groups()
    return number or (_ORDINALS[word.lower()] if word else "revised" if revised else None)


# ------------------------------------------------------------------------------ kind of work


@dataclass(frozen=True)
class Roles:
    """Who is who once the kind of work is known."""

    work_type: WorkType
    authors: tuple[str, ...]
    corporate: bool
    container: str | None
    publisher: str | None


def assign_roles(
    *,
    title: str | None,
    authors: tuple[str, ...],
    corporate: bool,
    container: str | None,
    details: Details,
    url: str | None,
    date: str | None,
) -> Roles:
    """The kind of work and the roles of its names (see the module docstring)."""
    kind = work_type(title or "", container, details, url, date)
    if container and kind in (WorkType.REPORT, WorkType.HEARING):
        return Roles(kind, authors, corporate, None, container)
    if (
        container
        and not authors
        and kind is WorkType.WEB_PAGE
        and (is_organisation(container) or bool(url and names_site(container, url)))
    ):
        # The organisation's own page: it is the author (APA's group author) and the site.
        return Roles(kind, (container,), True, container, None)
    return Roles(kind, authors, corporate, container, None)


def work_type(
    title: str,
    container: str | None,
    details: Details,
    url: str | None,
    date: str | None,
) -> WorkType:
    """The kind of work, periodicals first: a headline may name an Act ("Craigslist Removes
    Personal Ads After Sex Trafficking Act Passes") without being one."""
    periodical = _periodical_kind(container, details, url, date)
    return periodical or _legal_kind(title) or _other_kind(title, details, url, container)


def _periodical_kind(
    container: str | None,
    details: Details,
    url: str | None,
    date: str | None,
) -> WorkType | None:
    """A journal or news article: details only periodicals have, or a name in SMALL CAPS (the
    document's type for periodicals and publishers) that is not a publisher's."""
    if details.volume or details.issue:
        return WorkType.JOURNAL_ARTICLE
    if not container or not _SMALL_CAPS.match(container):
        return None
    pdf = bool(url and _is_pdf(url))
    own_site = bool(url and names_site(container, url))
    if (own_site and (pdf or not date)) or (pdf and _is_institution(container)):
        return None  # an organisation's own page or paper ("SAS", "ICMEC", "USC … SCHOOL")
    pdf_or_print = url is None or pdf
    if _JOURNAL_NAME.search(container) or (pdf_or_print and len(date or "") < 10):
        return WorkType.JOURNAL_ARTICLE
    return WorkType.NEWS_ARTICLE


def _is_institution(caps: str) -> bool:
    """Whether a name in capitals names an institution ("… SCHOOL FOR COMMUNICATION")."""
    return is_organisation(caps.title())


def _legal_kind(title: str) -> WorkType | None:
    if _CASE.search(title):
        return WorkType.LEGAL_CASE
    if _HEARING.search(title):
        return WorkType.HEARING
    if _BILL.search(title):
        return WorkType.BILL
    if _TREATY.search(title) and not _ABOUT_TREATY.search(title):
        return WorkType.TREATY
    if _LAW.search(title):
        return WorkType.LEGISLATION
    return None


def _other_kind(title: str, details: Details, url: str | None, container: str | None) -> WorkType:
    if details.editors or details.edition:
        return WorkType.CHAPTER if container else WorkType.BOOK
    if (url and _is_pdf(url)) or _REPORT_WORDS.search(title):
        return WorkType.REPORT
    return WorkType.WEB_PAGE if url else WorkType.DOCUMENT


def _is_pdf(url: str) -> bool:
    return url.lower().split("?")[0].split("#")[0].endswith(".pdf")
