"""Read the head of a full citation — its text before the URL — into authors, title, container
and pinpoint.

The bundled document follows Bluebook habits loosely:

* the *italic* part is the title and what precedes it the authors (people, or an organisation);
  a work named there instead (a treaty, a TV series) is part of the title, a website's name is
  the container, and a document designation ending in a period is neither;
* italics round a publisher's name followed by a plain headline ("*Deutsche Well*, Sex workers
  leave Twitter …") mark the publisher, not the title;
* a title naming its witness ("Testimony of Mary Graw Leary") names the author; the committee
  written before it is then the publisher;
* after the title come the pinpoint page ("… Online Classifieds* 12"), the publication (SMALL
  CAPS when it is a journal or newspaper, else the first name that is no date, number or
  series), dates and section pinpoints ("K.1.iv, 59", "Article 8 – …", "§ 2421A – …");
* without italics the items are "Organisation, Title, Publisher" where the pattern makes the
  organisation and publisher plain, else the whole head is the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.parse import _dates
from citecheck.parse._names import (
    is_headline,
    is_instrument,
    is_name,
    is_organisation,
    items,
    people,
    read_prefix,
    witness,
)

_ITALIC = re.compile(r"\*(?P<body>[^*]+)\*(?:(?P<extra>\([^)]*\))\*)?")
_STRIP_MD = re.compile(r"\\(.)")
_TITLE_PAGE = re.compile(r"\s(\d{1,3}(?:[-–]\d{1,3})?)$")
_PAGE_AFTER_TITLE = re.compile(r"^\s+(\d{1,4}(?:[-–]\d{1,4})?)(?=[,\s])")
_ARTICLE_ITEM = re.compile(r"^(?:arts?\.|Articles?)\s+\S", re.IGNORECASE)
# A section of a guideline ("K.1.iv"), followed by its page.
_SECTION_LABEL = re.compile(r"^[A-Z](?:\.\d+)+(?:\.[ivxlc]+)?$")
# "Criminal Code Act of Australia (1995) 474.26 – Using a carriage service …": title, section.
_SECTION_AFTER_YEAR = re.compile(
    r"^(?P<title>.*\((?:19|20)\d\d\))\s+(?P<pin>\d+(?:\.\d+)+\s+[–-]\s+.+)$", re.DOTALL
)
# UN document symbols and resolution numbers identify a document; they are not its title.
_DESIGNATION = re.compile(r"^(?:U\.?\s?N\.?\s+Doc\.|G\.\s?A\.\s+Res\.|S\.\s?C\.\s+Res\.)")
# "Act No. 7 of 2013", "Act of 2003", "Telecommunications Act 1997"; not "2011/36/EU".
_STATUTE_YEAR = re.compile(r"\b(?:of|Act)\s+((?:19|20)\d\d)\b(?![/\d])")
_SMALL_CAPS = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9&’'.:\-\s]+$")
# How a date is introduced: "adopted Nov. 2000", "aired Feb. 4, 2016".
_DATE_WORDS = r"(?:adopted|aired|published|updated|signed|issued)"
_DATE_ITEM = re.compile(
    rf"^(?:{_DATE_WORDS}\s+)?(?:(?:{'|'.join(_dates.MONTHS)})\.?(?:\s*[-–]\s*[a-z]+\.?)?"
    r"(?:\s*\d{1,2})?(?:,?\s*(?:19|20)\d\d)?|(?:19|20)\d\d|[A-Z][a-z]{2}\.\s*\d{1,2})$",
    re.IGNORECASE,
)
# The end of a name listing words ("Institute for Faith, Work & Economics").
_LIST_TAIL = re.compile(r"^[A-Z][\w’'-]*\s+(?:&|and)\s+[A-Z][\w’'-]*$")
_ONE_WORD = re.compile(r"^[A-Z][\w’'.-]*$")
_QUOTES = "‘“\"'"


@dataclass(frozen=True)
class Head:
    """The fields a citation's head gives."""

    authors: tuple[str, ...]
    title: str | None
    container: str | None
    pinpoint: str | None
    date: _dates.Parsed | None
    corporate: bool = False  # the one author is an organisation
    rest: str = ""  # the text after the title, where volume, pages, editors and edition stand


def read_head(head: str) -> Head:
    match = next((m for m in _ITALIC.finditer(head) if is_title(m.group("body"))), None)
    return _plain(head) if match is None else _italic(head, match)


def clean(text: str) -> str:
    """Text without Markdown emphasis or escapes, whitespace collapsed."""
    return " ".join(_STRIP_MD.sub(r"\1", text.replace("*", "")).split())


def is_title(body: str) -> bool:
    """Italics that are not a title: short-cite words, and an italicised pinpoint
    ("*Article 1 – Purpose*")."""
    body = body.strip()
    return body.lower() not in ("id.", "supra", "generally", "ibid.") and not _ARTICLE_ITEM.match(
        body
    )


# ------------------------------------------------------------------------ italic title


def _italic(head: str, match: re.Match[str]) -> Head:
    title, pin = _title_and_page(match)
    raw_prefix = head[: match.start()]
    prefix = read_prefix(raw_prefix, clean(raw_prefix).strip(" ,"))
    after = head[match.end() :]
    fallback = prefix.container
    headline = _headline_after(after) if is_name(title) else None
    if headline:
        fallback, (title, after) = title, headline
    if prefix.title:
        title = f"{prefix.title}, {title}"
    authors, corporate = prefix.authors, prefix.corporate
    named = witness(title)
    if named:  # the body that heard the testimony published it
        authors, fallback = (named,), fallback or ", ".join(prefix.authors) or None
        corporate = is_organisation(named)
    after_page = _PAGE_AFTER_TITLE.match(after)
    return Head(
        authors,
        title,
        _container(after) or fallback,
        pin or (after_page.group(1) if after_page else _pinpoint_after_title(after)),
        _publication_date(after),
        corporate,
        clean(after),
    )


def _title_and_page(match: re.Match[str]) -> tuple[str, str | None]:
    """The italic title and the page pinpoint written inside it ("*… Classifieds 12*")."""
    title = clean(match.group("body"))
    if match.group("extra"):
        title = f"{title} {clean(match.group('extra'))}"
    page = _TITLE_PAGE.search(title)
    if page and len(title.split()) > 2 and not re.search(r"\bNo\.?$", title[: page.start()]):
        return title[: page.start()].rstrip(), page.group(1)
    return title, None


def _headline_after(after: str) -> tuple[str, str] | None:
    """The plain headline right after italics that named a publisher, and the text after it."""
    if not after.lstrip().startswith(","):
        return None
    first = next(iter(items(after)), "")
    if not is_headline(clean(first)):
        return None
    return clean(first), after[after.index(first) + len(first) :]


def _pinpoint_after_title(after: str) -> str | None:
    """An article ("Article 3") or a section and its page ("K.1.iv, 59") after the title; an
    "Art. 9" numbering a journal's issue ("Vol. 77, Issue 2, Art. 9") is no pinpoint."""
    found = [clean(item) for item in items(after)]
    for index, item in enumerate(found):
        previous = found[index - 1].lower() if index else ""
        if _ARTICLE_ITEM.match(item) and not previous.startswith(("vol.", "issue")):
            return item
        if _SECTION_LABEL.match(item):
            page = found[index + 1] if index + 1 < len(found) else ""
            return f"{item}, {page}" if re.fullmatch(r"\d+(?:[-–]\d+)?", page) else item
    return None


# ------------------------------------------------------------------------- plain head


def _plain(head: str) -> Head:
    """Without italics the title is the head minus its dates, designations and pinpoints —
    less a leading organisation or person and a trailing publisher where those are plain."""
    found = [
        item
        for item in items(head)
        if not _DATE_ITEM.match(clean(item)) and not _DESIGNATION.match(clean(item))
    ]
    if len(found) > 1 and people([clean(found[0])]) and found[1][:1] in _QUOTES:
        rest = ", ".join(found[2:])
        return Head(
            (clean(found[0]),),
            clean(found[1]),
            _container(rest),
            None,
            _publication_date(head),
            rest=clean(rest),
        )
    pinpoint = _legislative_pinpoint(found)
    named = witness(clean(found[0])) if found else None
    authors: tuple[str, ...] = (named,) if named else ()
    corporate = bool(named) and is_organisation(named or "")
    if not named and len(found) > 1 and is_organisation(clean(found[0])):
        authors, corporate = (clean(found.pop(0)),), True
    container = None
    if len(found) > 1 and _is_site(clean(found[-1])):
        container = clean(found.pop())
    title = clean(", ".join(found)).strip(" ,.")
    date = _statute_year(title, head)
    return Head(authors, title or None, container, pinpoint, date, corporate, clean(head))


def _statute_year(title: str, head: str) -> _dates.Parsed | None:
    """The date written in the head, else a statute's year named in its title ("Law No. 15 of
    2011 …", "Australia Telecommunications Act 1997"): that is when it was enacted."""
    written = _publication_date(head)
    if written or not is_instrument(title):
        return written
    year = _STATUTE_YEAR.search(title)
    return _dates.Parsed(year.group(1)) if year else None


def _publication_date(text: str) -> _dates.Parsed | None:
    """The publication date in ``text``, never a "(last visited …)" or "(on file …)" one."""
    return _dates.find_publication_date(
        re.sub(r"\((?:on file|last visited)[^)]*\)", "", text, flags=re.IGNORECASE)
    )


def _is_site(item: str) -> bool:
    """A publisher or website named last: SMALL CAPS ("SAS"), an institution ("League of Arab
    States") or one capitalised word ("Technopedia")."""
    return bool(_SMALL_CAPS.match(item) or is_organisation(item) or _ONE_WORD.match(item))


def _legislative_pinpoint(found: list[str]) -> str | None:
    """Remove from ``found`` the pinpoint of a statute or treaty and return it: an article run
    ("Article 8 – …", "Articles 5, 10", "arts. 1-2"), a code section ("… § 2421A – …") or a
    section after the act's year ("… (1995) 474.26 – …")."""
    run = _article_run(found)
    if run:
        return run
    for index, item in enumerate(found):
        if "§" in item:
            del found[index]
            return clean(item)
        section = _SECTION_AFTER_YEAR.match(item)
        if section and is_instrument(section.group("title")):
            found[index] = section.group("title")
            return clean(section.group("pin"))
    return None


def _article_run(found: list[str]) -> str | None:
    start = next((i for i, item in enumerate(found) if _ARTICLE_ITEM.match(clean(item))), None)
    if start is None:
        return None
    end = start + 1
    while end < len(found) and re.fullmatch(r"\d+[a-z]?(?:\(\w+\))*", found[end]):
        end += 1
    run = clean(", ".join(found[start:end]))
    del found[start:end]
    return run


# ------------------------------------------------------------------------ container


def _container(after_title: str) -> str | None:
    """The SMALL CAPS publication after the title (its comma-separated pieces rejoined), else a
    second italic span, else the first name after the title — preferring a publisher's name to
    a series or a numbered session ("Second Cycle 22nd Session of the UPR")."""
    italic = [clean(m.group("body")) for m in _ITALIC.finditer(after_title)]
    plain = _ITALIC.sub(lambda m: m.group("body"), after_title)
    candidates = [
        item for item in (clean(i) for i in items(_dates.strip_dates(plain))) if _could_be(item)
    ]
    caps = _caps_run(candidates)
    if caps:
        return caps
    if italic:
        return italic[0]
    names = _rejoin_lists(candidates)
    publishers = [n for n in names if not re.search(r"\d|\bseries\b", n, re.IGNORECASE)]
    return next(iter(publishers or names), None)


def _caps_run(candidates: list[str]) -> str | None:
    caps = [_caps_prefix(item) for item in candidates]
    for index, prefix in enumerate(caps):
        if prefix:
            run = [prefix]
            for following, whole in zip(caps[index + 1 :], candidates[index + 1 :], strict=True):
                if following != whole:
                    break
                run.append(following)
            return ", ".join(run)
    return None


def _rejoin_lists(candidates: list[str]) -> list[str]:
    """Names cut at the commas of a list they contain: "Institute for Faith", "Work &
    Economics" → "Institute for Faith, Work & Economics"."""
    names: list[str] = []
    for item in candidates:
        if names and _LIST_TAIL.match(item):
            names[-1] = f"{names[-1]}, {item}"
        else:
            names.append(item)
    return names


def _could_be(item: str) -> bool:
    return bool(item) and not (
        _DATE_ITEM.match(item)
        or re.fullmatch(_DATE_WORDS, item, re.IGNORECASE)
        or re.match(r"^\d+(?:[-–]\d+)?$|^\(.*\)$", item)
        or _ARTICLE_ITEM.match(item)
        or _SECTION_LABEL.match(item)
        or re.match(r"^[A-Z]+-\d", item)  # "FIN-2014-A008"
        or item.lower().startswith(("vol.", "issue", "art.", "edited by", "no."))
        or item.lower().endswith(" edition")
    )


def _caps_prefix(item: str) -> str | None:
    """The SMALL CAPS words an item starts with ("THE JOURNAL … 11 (2015): 797-803")."""
    match = re.match(r"^[A-Z0-9&’'.:\-\s]+?(?=\s+\d|\s*\(|$)", item)
    if match and _SMALL_CAPS.match(match.group(0)) and len(match.group(0).strip()) > 2:
        return match.group(0).strip()
    return None
