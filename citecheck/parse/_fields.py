"""Read the fields of one citation: short-cite form, authors, title, container, date, pinpoint,
URL with its "last visited" date, and parentheticals.

The report follows Bluebook habits loosely: the *italic* part is the title, what precedes it the
authors, a SMALL CAPS item after it the publication (container), "(on file with …)" and quoted
explanations are parentheticals, and "Oct.10" or "Fed. 10" typos occur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import CitationKind
from citecheck.parse import _dates
from citecheck.parse._split import Segment
from citecheck.parse._urls import UrlSpan, find_urls, mask_urls

_ID = re.compile(r"^\*?(?:Id|Ibid)\.\*?,?", re.IGNORECASE)
_SUPRA = re.compile(
    r"^(?P<name>.*?)[,\s]*\*?supra\*?,?\s+note\s+(?P<note>\d+)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A pinpoint runs to a parenthetical or the end of the sentence; "K.3., 61" keeps its periods.
_PINPOINT = re.compile(
    r"^\s*,?\s*(?:at\s+)?(?P<pin>.*?)\s*(?=\s\(|\.\s+[A-Z“\"]|\.?\s*$)", re.DOTALL
)
_ITALIC = re.compile(r"\*(?P<body>[^*]+)\*(?:(?P<extra>\([^)]*\))\*)?")
_TITLE_PAGE = re.compile(r"\s(\d{1,3}(?:[-–]\d{1,3})?)$")
_PAGE_AFTER_TITLE = re.compile(r"^\s+(\d{1,4}(?:[-–]\d{1,4})?)(?=[,\s])")
_ARTICLE_ITEM = re.compile(r"^(?:arts?\.|Articles?)\s+\S", re.IGNORECASE)
_SMALL_CAPS = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9&’'.:\-\s]+$")
_DATE_ITEM = re.compile(
    rf"^(?:(?:{'|'.join(_dates.MONTHS)})\.?(?:\s*[-–]\s*[a-z]+\.?)?(?:\s*\d{{1,2}})?"
    r"(?:,?\s*(?:19|20)\d\d)?|(?:19|20)\d\d|[A-Z][a-z]{2}\.\s*\d{1,2})$",
    re.IGNORECASE,
)
_AT_URL = re.compile(r"(?:,\s*)?\b(?:available\s+)?at\s*$", re.IGNORECASE)
_STRIP_MD = re.compile(r"\\(.)")
_AUTHOR_SPLIT = re.compile(r",\s*and\s+|\s+and\s+|\s*&\s*|,\s*")
_NAME_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|Ph\.?D\.?|et al\.?|III|II|M\.?D\.?)$", re.IGNORECASE)
# Document kinds written where the author goes ("Press Release, *Follow the Money…*").
_GENRES = {"press release", "news release", "press statement"}
_TITLE_WORDS = ("Judge ", "Dr. ", "Prof. ")
# Two to five capitalised words (initials, particles "de"/"van" allowed): a person's name.
_PERSON = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|di|le|la)){1,4}$")


@dataclass(frozen=True)
class UrlRef:
    """A URL in a citation with the "(last visited …)" that follows it, if any."""

    url: str
    visited: _dates.Parsed | None


@dataclass(frozen=True)
class Fields:
    kind: CitationKind
    text: str
    signal: str | None
    urls: tuple[UrlRef, ...] = ()
    orphan_dates: tuple[_dates.Parsed, ...] = ()
    authors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    date: _dates.Parsed | None = None
    pinpoint: str | None = None
    parentheticals: tuple[str, ...] = ()
    supra_note: int | None = None
    supra_name: str | None = None


def read(segment: Segment) -> Fields:
    """The fields of one citation segment."""
    text = segment.text
    id_match = _ID.match(text)
    if id_match:
        pin, parens, end = _short_tail(text[id_match.end() :])
        return Fields(
            CitationKind.ID,
            _short_text(text[: id_match.end() + end]),
            segment.signal,
            pinpoint=pin,
            parentheticals=parens,
        )
    supra = _SUPRA.match(text)
    if supra and not find_urls(supra.group("name")):
        pin, parens, end = _short_tail(supra.group("rest"))
        name = clean(supra.group("name")).strip(" ,")
        return Fields(
            CitationKind.SUPRA,
            _short_text(text[: supra.start("rest") + end]),
            segment.signal,
            pinpoint=pin,
            parentheticals=parens,
            supra_note=int(supra.group("note")),
            supra_name=name,
        )
    return _full(segment)


def clean(text: str) -> str:
    """Text without Markdown emphasis or escapes, whitespace collapsed."""
    return " ".join(_STRIP_MD.sub(r"\1", text.replace("*", "")).split())


def _short_text(text: str) -> str:
    """The short cite itself, ending with one period."""
    return clean(text).rstrip(" .") + "."


def _short_end(text: str) -> int:
    """Where the sentence holding a short cite's tail ends; explanation may follow it."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and char == "." and re.match(r"\.\s+[A-Z“\"]", text[index:]):
            return index + 1
    return len(text)


def _short_tail(rest: str) -> tuple[str | None, tuple[str, ...], int]:
    """Pinpoint, parentheticals and length of the tail after "Id." or "supra note N"."""
    end = _short_end(rest)
    rest = rest[:end]
    match = _PINPOINT.match(rest)
    pin = clean(match.group("pin")).strip(" ,.") if match else ""
    parens = tuple(group for group in _paren_groups(rest) if _is_parenthetical(group))
    return (pin or None), parens, end


def _paren_groups(text: str) -> list[str]:
    """Top-level parenthesized groups of ``text`` (balanced), their contents cleaned."""
    groups: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(" and (index == 0 or text[index - 1] != "\\"):
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")" and depth and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                groups.append(clean(text[start:index]))
    return groups


# ---------------------------------------------------------------------------- full citations


def _full(segment: Segment) -> Fields:
    text = segment.text
    spans = find_urls(text)
    urls, orphans = _urls_with_dates(text, spans)
    head_end = spans[0].start if spans else _tail_start(text)
    head = _AT_URL.sub("", text[:head_end]).rstrip(" ,.;")
    tail = mask_urls(text, spans)[head_end:]
    authors, title, after_title, pin = _title_parts(head)
    container = _container(after_title)
    italic = any(_is_title(m.group("body")) for m in _ITALIC.finditer(head))
    date = _dates.find_publication_date(_without_parens(after_title if italic else head))
    return Fields(
        kind=CitationKind.FULL,
        text=text.strip(),
        signal=segment.signal,
        urls=urls,
        orphan_dates=orphans,
        authors=authors,
        title=title,
        container=container,
        date=date,
        pinpoint=pin or _article_pinpoint(after_title),
        parentheticals=tuple(g for g in _paren_groups(tail) if _is_parenthetical(g)),
    )


def _tail_start(text: str) -> int:
    """Without a URL, parentheticals start at the first "(on file"/"(last visited"."""
    match = re.search(r"\((?:on file|last visited)", text, re.IGNORECASE)
    return match.start() if match else len(text)


def _urls_with_dates(
    text: str, spans: list[UrlSpan]
) -> tuple[tuple[UrlRef, ...], tuple[_dates.Parsed, ...]]:
    """Pair each URL with the first "(last visited …)" between it and the next URL; any other
    "last visited" (before every URL, or a second one) belongs to no URL."""
    refs: list[UrlRef] = []
    orphans: list[_dates.Parsed] = []
    bounds = [span.start for span in spans[1:]] + [len(text)] if spans else []
    first_start = spans[0].start if spans else len(text)
    orphans.extend(
        _dates.parse_last_visited(m.group(1))
        for m in _dates.LAST_VISITED.finditer(text[:first_start])
    )
    for span, bound in zip(spans, bounds, strict=True):
        found = [
            _dates.parse_last_visited(m.group(1))
            for m in _dates.LAST_VISITED.finditer(text[span.end : bound])
        ]
        refs.append(UrlRef(span.url, found[0] if found else None))
        orphans.extend(found[1:])
    return tuple(refs), tuple(orphans)


def _title_parts(head: str) -> tuple[tuple[str, ...], str | None, str, str | None]:
    """(authors, title, text after the title, pinpoint) of a citation head."""
    match = next((m for m in _ITALIC.finditer(head) if _is_title(m.group("body"))), None)
    if match is None:
        return _plain_parts(head)
    title = clean(match.group("body"))
    if match.group("extra"):
        title = f"{title} {clean(match.group('extra'))}"
    pin = None
    page = _TITLE_PAGE.search(title)
    if page and len(title.split()) > 2 and not re.search(r"\bNo\.?$", title[: page.start()]):
        title, pin = title[: page.start()].rstrip(), page.group(1)
    after = head[match.end() :]
    after_page = _PAGE_AFTER_TITLE.match(after)
    if after_page and pin is None:
        pin = after_page.group(1)
    return _authors(head[: match.start()]), title, after, pin


def _is_title(body: str) -> bool:
    """Italics that are not a title: short-cite words, and an italicised pinpoint
    ("*Article 1 – Purpose*")."""
    body = body.strip()
    return body.lower() not in ("id.", "supra", "generally", "ibid.") and not _ARTICLE_ITEM.match(
        body
    )


def _plain_parts(head: str) -> tuple[tuple[str, ...], str | None, str, str | None]:
    """Without italics the title is the head minus its dates — unless a person's name precedes
    a quoted headline ("Kelly Jensen, ‘The tough ones …’ …, 9NEWS.COM")."""
    items = [item for item in _items(head) if not _DATE_ITEM.match(item)]
    if len(items) > 1 and _PERSON.match(items[0]) and items[1][:1] in "‘“\"'":
        return (items[0],), clean(items[1]), ", ".join(items[2:]), None
    pinpoint = _article_run(items)
    title = clean(", ".join(items)).strip(" ,.")
    return (), title or None, "", pinpoint


def _article_run(items: list[str]) -> str | None:
    """Remove from ``items`` the legislative pinpoint ("Article 8 – …", "Articles 5, 10",
    "arts. 1-2") and return it."""
    start = next((i for i, item in enumerate(items) if _ARTICLE_ITEM.match(clean(item))), None)
    if start is None:
        return None
    end = start + 1
    while end < len(items) and re.fullmatch(r"\d+[a-z]?(?:\(\w+\))*", items[end]):
        end += 1
    run = clean(", ".join(items[start:end]))
    del items[start:end]
    return run


def _authors(text: str) -> tuple[str, ...]:
    """Personal names split apart ("A, B, and C", "A & B", "A, et al."); an institutional
    author ("United States Senate, Permanent Subcommittee on Investigations; …") stays whole."""
    text = clean(text).strip(" ,")
    if not text or text.lower() in _GENRES:
        return ()
    names: list[str] = []
    for part in (part.strip() for part in _AUTHOR_SPLIT.split(text)):
        if not part:
            continue
        if names and _NAME_SUFFIX.match(part):
            names[-1] = f"{names[-1]}, {part}"
        elif _PERSON.match(_drop_honorific(part)):
            names.append(_drop_honorific(part))
        else:
            return (text,)
    return tuple(names)


def _drop_honorific(name: str) -> str:
    for word in _TITLE_WORDS:
        if name.startswith(word):
            return name[len(word) :]
    return name


def _items(text: str) -> list[str]:
    """Top-level comma-separated items."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            items.append(text[start:index].strip())
            start = index + 1
    items.append(text[start:].strip())
    return [item for item in items if item]


def _container(after_title: str) -> str | None:
    """The SMALL CAPS publication after the title (its comma-separated pieces rejoined), else a
    second italic span, else the first item after the title that is not a date or pinpoint."""
    italic = [clean(m.group("body")) for m in _ITALIC.finditer(after_title)]
    plain = _ITALIC.sub(lambda m: m.group("body"), after_title)
    items = [clean(item) for item in _items(_dates.strip_dates(plain))]
    candidates = [item for item in items if _could_be_container(item)]
    caps = [_caps_prefix(item) for item in candidates]
    for index, prefix in enumerate(caps):
        if prefix:
            run = [prefix]
            for following, whole in zip(caps[index + 1 :], candidates[index + 1 :], strict=True):
                if following != whole:
                    break
                run.append(following)
            return ", ".join(run)
    if italic:
        return italic[0]
    return candidates[0] if candidates else None


def _could_be_container(item: str) -> bool:
    return bool(item) and not (
        _DATE_ITEM.match(item)
        or re.match(r"^\d+(?:[-–]\d+)?$|^\(.*\)$", item)
        or _ARTICLE_ITEM.match(item)
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


def _article_pinpoint(after_title: str) -> str | None:
    for item in _items(after_title):
        if _ARTICLE_ITEM.match(item):
            return clean(item)
    return None


def _without_parens(text: str) -> str:
    return re.sub(r"\((?:on file|last visited)[^)]*\)", "", text, flags=re.IGNORECASE)


def _is_parenthetical(group: str) -> bool:
    """Explanations and "(on file with …)" count; "(2015)", "(4)" or "(ILO)" do not."""
    return not group.lower().startswith("last visited") and (" " in group or group[:1] in '“"')
