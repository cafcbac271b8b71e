"""Footnotes of HTML documents: pandoc, Word, Google Docs, LibreOffice, WordPress, EPUB.

Every common writer links a note's marker to the note and the note back to its marker:
pandoc ``<a href="#fn1" id="fnref1">`` → ``<li id="fn1">…<a href="#fnref1">↩︎</a>``; Word
``<a href="#_ftn1" name="_ftnref1">`` → ``<a href="#_ftn1ref…" name="_ftn1">``; Google Docs
``#ftnt1``/``#ftnt_ref1``; LibreOffice ``#sdfootnote1sym``/``#sdfootnote1anc``; WordPress
``#…-link``. So a note is the element a marker points to, grown to the largest block holding
no other note; its back-link is dropped from its text. Lists marked as notes
(``<section class="footnotes">``, ``<ol class="footnotes">``, ``<aside epub:type="footnote">``,
``role="doc-endnotes"``) are read whole, referenced or not. A document with neither, but with
its notes listed under a "Notes" heading, is read as text (``_numbered``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.element import Comment, NavigableString, Tag

from citecheck.errors import InputError
from citecheck.model import Box, DocumentInfo, DocumentNote, Hyperlink, Location, Placement
from citecheck.read._dates import iso_date, printed_date
from citecheck.read._input import Input
from citecheck.read._numbered import read_numbered_notes
from citecheck.read._parts import SOURCE_BOX, Parts, box, unique
from citecheck.read._render import Run, render

_NUMBER = re.compile(r"^\s*[\[(]?\s*(\d{1,4})\s*[\])]?\s*\.?\s*$")
_NOTE_LISTS = (
    "section.footnotes, div.footnotes, section.endnotes, div.endnotes, ol.footnotes, "
    "ol.wp-block-footnotes, [role=doc-endnotes], [role=doc-footnotes], "
    "aside[epub|type=footnote], aside[epub|type=endnote], aside[epub|type=rearnote]"
)
_NOTE_ITEMS = "li, aside, [role=doc-footnote], [role=doc-endnote]"
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "ol",
        "ul",
        "section",
        "aside",
        "article",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "pre",
        "figure",
        "figcaption",
        "header",
        "footer",
        "main",
        "nav",
        "body",
    ]
)
# Not <cite>: pages wrap whole references in it and style it upright (Wikipedia, WordPress).
_ITALIC = frozenset({"em", "i", "var"})
_SKIP = frozenset({"script", "style", "template", "noscript", "head", "title"})
_SELF_LINKS = 3  # links to places in this page by its full address, to take it for its own
_TOP = frozenset({"body", "html", "[document]"})
_NOT_TITLE_PAGE = _SKIP | {"table", "nav"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_META_DATES = (
    "citation_publication_date", "dc.date", "dcterms.date", "dcterms.issued", "date",
    "article:published_time", "created",
)  # fmt: skip


@dataclass
class _Note:
    """A note element, the markers pointing at it, and the back-links to drop from its text."""

    element: Tag
    refs: list[Tag] = field(default_factory=list)
    backlinks: set[int] = field(default_factory=set)  # id() of <a> elements


def read_html(given: Input) -> Parts:
    soup = _soup(given)
    root = soup.body or soup
    info = _info(soup)
    notes = _linked_notes(soup, root)
    if notes:
        return replace(_parts(root, notes), info=info)
    listed = read_numbered_notes(_as_text(root), markdown=True)
    if listed is not None:
        return replace(listed, info=info)
    return Parts((), body_links=_links_outside(root, set()), info=info)


def read_linked_html(given: Input) -> Parts | None:
    """The marker-linked or listed notes of an HTML document, None when it has none."""
    soup = _soup(given)
    root = soup.body or soup
    notes = _linked_notes(soup, root)
    return _parts(root, notes) if notes else None


def _soup(given: Input) -> BeautifulSoup:
    try:
        with warnings.catch_warnings():
            # XHTML read as HTML is what a browser does too.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(given.data, "lxml")
    except Exception as exc:  # lxml and bs4 raise many kinds on damaged markup
        raise InputError(f"{given.name}: the HTML cannot be read ({exc}); re-save it") from exc
    _localize(soup)
    return soup


def _self_addresses(soup: BeautifulSoup) -> set[str]:
    """Addresses that links use with fragments naming places in this document, again and
    again: the page's own address, when it does not say it (no canonical link)."""
    ids = {str(tag.get("id")) for tag in soup.find_all(id=True)}
    counts: dict[str, int] = {}
    for link in soup.find_all("a", href=True):
        address, hash_mark, fragment = str(link["href"]).partition("#")
        if hash_mark and address and fragment in ids:
            counts[address] = counts.get(address, 0) + 1
    return {address for address, count in counts.items() if count >= _SELF_LINKS}


def _localize(soup: BeautifulSoup) -> None:
    """A saved page links to its own notes by its full address ("https://…/Page#cite_ref-2"):
    such links are made ``#cite_ref-2`` again, places in this document, not sources."""
    own = {
        str(tag.get("href", "")).split("#")[0]
        for tag in soup.find_all(["link", "base"])
        if tag.name == "base" or "canonical" in (tag.get("rel") or [])
    }
    own |= {str(m.get("content", "")) for m in soup.find_all("meta", property="og:url")}
    own |= _self_addresses(soup)
    own.discard("")
    if not own:
        return
    for link in soup.find_all("a", href=True):
        address, hash_mark, fragment = str(link["href"]).partition("#")
        if hash_mark and address in own:
            link["href"] = f"#{fragment}"


# --------------------------------------------------------------------------- finding notes


def _linked_notes(soup: BeautifulSoup, root: Tag) -> list[_Note]:
    """Notes in document order: marker-linked elements, then listed notes nothing links to."""
    by_id = _anchors(soup)
    position = {id(tag): index for index, tag in enumerate(soup.find_all(True))}
    pairs = []
    for ref in root.find_all("a", href=True):
        target = by_id.get(_fragment(ref))
        # A back-link points up to its marker; a marker points down to its note.
        if target is not None and _is_marker(ref) and position[id(target)] > position[id(ref)]:
            pairs.append((ref, target))
    holding = _targets_held(target for _, target in pairs)
    notes: dict[int, _Note] = {}
    for ref, target in pairs:
        container = _container(target, holding)
        if container is None or _contains(container, ref):
            continue
        note = notes.setdefault(id(container), _Note(container))
        note.refs.append(ref)
        note.backlinks |= _backlinks(container, ref)
    for listed in _listed(soup):
        notes.setdefault(id(listed), _Note(listed))
    confirmed = [note for note in notes.values() if _confirmed(note)]
    ordered = sorted(confirmed, key=lambda note: position.get(id(note.element), 0))
    return _drop_nested(ordered)


def _anchors(soup: BeautifulSoup) -> dict[str, Tag]:
    found: dict[str, Tag] = {}
    for tag in soup.find_all(True):
        for key in ("id", "name"):
            value = tag.get(key)
            if isinstance(value, str) and value:
                found.setdefault(value, tag)
    return found


def _fragment(link: Tag) -> str:
    href = str(link.get("href", ""))
    return href[1:] if href.startswith("#") else ""


def _is_marker(ref: Tag) -> bool:
    """A link whose text is a note number ("1", "[1]", "1.") or a note symbol."""
    text = ref.get_text()
    return bool(_NUMBER.match(text) or re.match(r"^\s*[*†‡§]\s*$", text))


def _targets_held(targets: Iterator[Tag]) -> dict[int, int]:
    """For each element, how many distinct marker targets it holds."""
    held: dict[int, int] = {}
    for target in {id(t): t for t in targets}.values():
        for element in (target, *target.parents):
            held[id(element)] = held.get(id(element), 0) + 1
    return held


def _container(target: Tag, holding: dict[int, int]) -> Tag | None:
    """The largest block around ``target`` that holds no other marker target."""
    element = target
    while element.name not in _BLOCKS and element.parent is not None:
        element = element.parent
    if element.name == "body":
        return None
    while element.parent is not None and element.parent.name not in _TOP:
        parent = element.parent
        if parent.name not in _BLOCKS or holding.get(id(parent), 0) > 1:
            break
        element = parent
    return element


def _contains(outer: Tag, inner: Tag) -> bool:
    return outer is inner or any(parent is outer for parent in inner.parents)


def _backlinks(container: Tag, ref: Tag) -> set[int]:
    """The links in the note that point back at its marker (or the marker's superscript)."""
    names = {str(value) for tag in (ref, ref.parent) if tag is not None
             for key in ("id", "name") if (value := tag.get(key))}  # fmt: skip
    return {
        id(link)
        for link in container.find_all("a", href=True)
        if _fragment(link) in names or "footnote-back" in (link.get("class") or [])
    }


def _listed(soup: BeautifulSoup) -> Iterator[Tag]:
    namespaces = {"epub": "http://www.idpf.org/2007/ops"}
    try:
        lists = soup.select(_NOTE_LISTS, namespaces=namespaces)
    except Exception:  # a soupsieve without namespace support: the plain selectors only
        lists = soup.select(_NOTE_LISTS.split(", aside")[0])
    for notes_list in lists:
        if notes_list.name == "aside":
            yield notes_list
            continue
        yield from notes_list.select(_NOTE_ITEMS)


def _confirmed(note: _Note) -> bool:
    """A marker-linked element counts as a note only if it links back or sits in a note list,
    or its marker is superscript: a table of contents links numbers to headings too."""
    if note.backlinks or not note.refs:
        return True
    return any(ref.find_parent("sup") is not None or ref.find("sup") for ref in note.refs)


def _drop_nested(notes: list[_Note]) -> list[_Note]:
    elements = [note.element for note in notes]
    return [
        note for note in notes
        if not any(other is not note.element and _contains(other, note.element)
                   for other in elements)
    ]  # fmt: skip


# ------------------------------------------------------------------------------ assembling


def _parts(root: Tag, notes: list[_Note]) -> Parts:
    numbers = _numbers(notes)
    note_elements = {id(note.element) for note in notes}
    sections = _sections(root, notes)
    made = []
    for note, number in zip(notes, numbers, strict=True):
        text, links = render(_runs(note.element, skip=note.backlinks, notes=set()))
        placement = Placement.ENDNOTE if _is_endnote(note) else Placement.FOOTNOTE
        made.append(
            DocumentNote(
                number,
                _strip_label(text, number),
                links,
                Location(section=sections.get(id(note.element))),
                placement,
            )
        )
    markers = _marker_order(root, notes, numbers)
    boxes, box_elements = _boxes(root, note_elements)
    body_links = _links_outside(root, note_elements | box_elements)
    return Parts(tuple(made), boxes, markers, body_links)


def _numbers(notes: list[_Note]) -> list[int]:
    """The marker's printed number where every note has one; else 1, 2, 3 in order."""
    printed: list[int | None] = []
    for note in notes:
        match = _NUMBER.match(note.refs[0].get_text()) if note.refs else None
        printed.append(int(match.group(1)) if match else None)
    if all(number is not None for number in printed) and len(set(printed)) == len(printed):
        return [number for number in printed if number is not None]
    return list(range(1, len(notes) + 1))


def _marker_order(root: Tag, notes: list[_Note], numbers: list[int]) -> tuple[int, ...]:
    number_of = {id(ref): number for note, number in zip(notes, numbers, strict=True)
                 for ref in note.refs}  # fmt: skip
    return tuple(number_of[id(a)] for a in root.find_all("a", href=True) if id(a) in number_of)


def _is_endnote(note: _Note) -> bool:
    for tag in (note.element, *note.element.parents):
        marks = " ".join(
            [*(tag.get("class") or []), str(tag.get("id", "")), str(tag.get("role", ""))]
        )
        if "endnote" in marks.lower() or "_edn" in marks:
            return True
    return False


_LABEL = re.compile(r"^\s*[\[(]?\d{1,4}[\])]?\s*\.?\s+")


def _strip_label(text: str, number: int) -> str:
    """A note printed as "1. Text" with no back-link to carry the number: drop the number."""
    match = _LABEL.match(text)
    if match and int(re.sub(r"\D", "", match.group(0))) == number:
        return text[match.end() :]
    return text


def _sections(root: Tag, notes: list[_Note]) -> dict[int, str]:
    """Each note's section: the heading above its first marker (or above the note)."""
    found: dict[int, str] = {}
    heading: str | None = None
    anchors = {id(ref): note for note in notes for ref in note.refs}
    elements = {id(note.element): note for note in notes}
    for tag in root.find_all(True):
        if tag.name in _HEADINGS:
            heading = " ".join(tag.get_text().split()) or heading
        note = anchors.get(id(tag)) or elements.get(id(tag))
        if note is not None and heading is not None:
            found.setdefault(id(note.element), heading)
    return found


def _boxes(root: Tag, note_elements: set[int]) -> tuple[tuple[Box, ...], set[int]]:
    """The "Source:" boxes, and their elements (their links are cited, not the body's)."""
    boxes: list[Box] = []
    elements: set[int] = set()
    for paragraph in root.find_all(["p", "div"]):
        if paragraph.find(["p", "div"]) or _inside(paragraph, note_elements):
            continue
        text, links = render(_runs(paragraph, skip=set(), notes=note_elements))
        if SOURCE_BOX.match(text):
            boxes.append(box(len(boxes) + 1, text, links, Location()))
            elements.add(id(paragraph))
    return tuple(boxes), elements


def _inside(tag: Tag, elements: set[int]) -> bool:
    return id(tag) in elements or any(id(parent) in elements for parent in tag.parents)


def _links_outside(root: Tag, note_elements: set[int]) -> tuple[Hyperlink, ...]:
    _, links = render(_runs(root, skip=set(), notes=note_elements, boxes=True))
    return unique(list(links))


# ---------------------------------------------------------------------------------- text


def _runs(element: Tag, *, skip: set[int], notes: set[int], boxes: bool = False) -> list[Run]:
    """The styled text of ``element``: italics, link targets, blocks separated by spaces."""
    out: list[Run] = []
    for node in element.descendants:
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            if isinstance(node, Tag) and (node.name in _BLOCKS or node.name == "br"):
                out.append(Run(" "))
            continue
        if _excluded(node, element, skip, notes):
            continue
        italic, target = _style(node, element)
        out.append(Run(str(node), italic, target))
    return out


def _excluded(node: NavigableString, top: Tag, skip: set[int], notes: set[int]) -> bool:
    for parent in node.parents:
        if parent.name in _SKIP or id(parent) in skip or id(parent) in notes:
            return True
        if parent is top:
            return False
    return False


def _style(node: NavigableString, top: Tag) -> tuple[bool, str | None]:
    italic = False
    target: str | None = None
    for parent in node.parents:
        if parent.name in _ITALIC or "italic" in str(parent.get("style", "")):
            italic = True
        if parent.name == "a" and target is None and parent.get("href"):
            target = str(parent["href"])
        if parent is top:
            break
    return italic, target


def _as_text(root: Tag) -> str:
    """The body as light Markdown, one block a paragraph: for notes listed without links."""
    blocks: list[str] = []
    for block in root.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"]):
        if block.find(["p", "li"]):
            continue
        text, _ = render(_runs(block, skip=set(), notes=set()))
        text = re.sub(r"(?<=\S)(\d{1,3})(?=\s|$)", r"\1", text)
        if block.name == "li" and block.parent is not None and block.parent.name == "ol":
            start = int(str(block.parent.get("start", "1")) or 1)
            items = block.parent.find_all("li", recursive=False)
            text = f"{start + items.index(block)}. {text}"
        if block.name in _HEADINGS:
            text = "#" * int(block.name[1]) + " " + text
        blocks.append(_with_sup_markers(block, text))
    return "\n\n".join(blocks)


def _with_sup_markers(block: Tag, text: str) -> str:
    numbers = [sup.get_text().strip() for sup in block.find_all("sup")]
    markers = "".join(f"<sup>{n}</sup>" for n in numbers if n.isdigit())
    return f"{text} {markers}" if markers else text


# ------------------------------------------------------------------------------ metadata


def _info(soup: BeautifulSoup) -> DocumentInfo:
    metas = {
        str(meta.get("name") or meta.get("property") or "").lower(): str(meta.get("content", ""))
        for meta in soup.find_all("meta")
    }
    date = next((iso_date(metas[key]) for key in _META_DATES if metas.get(key)), None)
    title = soup.title.get_text().strip() if soup.title else None
    body = soup.body or soup
    return DocumentInfo(
        title=title or metas.get("citation_title") or None,
        author=metas.get("author") or metas.get("citation_author") or None,
        date=date,
        printed_date=printed_date(_title_page_lines(body)),
    )


def _title_page_lines(root: Tag) -> Iterator[str]:
    """The body's strings in order, less tables (an infobox's "Founded: May 1998") and
    what no reader sees."""
    for node in root.descendants:
        shown = isinstance(node, NavigableString) and not isinstance(node, Comment)
        if shown and not any(parent.name in _NOT_TITLE_PAGE for parent in node.parents):
            yield str(node)
