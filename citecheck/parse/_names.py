"""What a piece of citation text names: people, an organisation, a legal instrument, a kind of
document, a headline. These judgements decide which field (authors, title, container) an item of
a citation fills.

The bundled document fills the author slot many ways — "Mark Latonero, Ph.D.", "Sarah Meiklejohn, et
al.", "Testimony of Laurence E. Rothenberg, Deputy Assistant Attorney General, Office of Legal
Policy, …", "The Vienna Forum to fight Human Trafficking, Austria Center Vienna Background
Paper", "Press Release" — and sometimes puts a work (a treaty, a TV series, a website) where the
author goes. ``read_prefix`` sorts the text before a title into those roles.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse
from dataclasses import dataclass

# Singular institutional nouns: "Anti-Trafficking Organizations" (plural) names no one.
_ORG_WORD = re.compile(
    r"\b(?:Organi[sz]ation|Office|Department|Council|Commission|Committee|Subcommittee|Forum|"
    r"Foundation|Institute|Cent(?:er|re)|Association|Alliance|Authority|Agency|Union|Library|"
    r"Hotline|Network|Project|Bureau|Ministry|Senate|House|Assembly|Court|Group|Society|"
    r"University|Coalition|Programme|Program|Service|Corporation|Company|League|Federation|"
    r"Trust|School|College|Parliament|Government|Initiative|Partnership|Board|Nations|"
    r"Analytics|Mission|Inc|Ltd|LLC)\b"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# Kinds of legal instrument: a treaty or statute names a work, never its author.
_INSTRUMENT = re.compile(
    r"\b(?:Convention|Protocol|Act|Charter|Treaty|Declaration|Directive|Resolution|Law|Code|"
    r"Bill|Regulation|Agreement|Covenant|Statute|Plan of Action)\b"
)
# Kinds of document written where an author or a title goes ("Press Release", "… Background
# Paper", "Letter to Senator …").
_GENRE = r"(?:Paper|Report|Release|Statement|Brief|Script|Factsheet|Advisory|Letter|Testimony)"
_GENRE_ITEM = re.compile(rf"(?:^|\s){_GENRE}$")
_GENRE_START = re.compile(rf"^{_GENRE}\b")
# "Testimony of X", "Letter from X": the person after the genre words is the author.
_BY_PERSON = re.compile(r"^(?:Testimony|Statement|Remarks|Letter)\s+(?:of|from|by)\s+")
# A title that names who gives the testimony or evidence: that witness is the author.
_WITNESS = re.compile(
    r"^(?:Testimony|Statement|Remarks|(?:Written\s+)?[Ee]vidence\s+submitted)\s+(?:of|by)\s+"
    r"(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)"
)
_ROLE = re.compile(
    r"\b(?:Director|Founder|Attorney|General|Deputy|Assistant|Secretary|Professor|President|"
    r"Chair(?:man|woman)?|Chief|Officer|Executive|CEO|Senator|Commissioner|Minister|Ambassador|"
    r"Editor|Researcher|Fellow|Manager|Coordinator)\b"
)
_AUTHOR_SPLIT = re.compile(r",\s*and\s+|\s+and\s+|\s*&\s*|,\s*")
_NAME_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|III|II|IV)$")
# Degrees and "et al." follow names in citations but are not names ("Mark Latonero, Ph.D.").
_NOT_A_NAME = re.compile(r"^(?:Ph\.?\s?D\.?|M\.?D\.?|et al\.?)$", re.IGNORECASE)
_LEADING_AND = re.compile(r"^(?:and|&)\s+")
_ET_AL = re.compile(r"\s+et al\.?$", re.IGNORECASE)
_HONORIFICS = ("Judge ", "Dr. ", "Prof. ")
# Two to five capitalised words (initials, particles "de"/"van" allowed): a person's name.
_PERSON = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|di|le|la)){1,4}$")
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "for", "to", "in", "on", "and", "or", "at", "by", "with", "from",
    "as", "via", "into", "per",
}  # fmt: skip
_SHORT_NAME_WORDS = 3


@dataclass(frozen=True)
class Prefix:
    """The roles of the text before a title: its authors, or a work the title belongs to
    (``title``: "Dark Net, Season 1, Episode 3 - Script"), or the site it is on (``container``)."""

    authors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    corporate: bool = False


def read_prefix(raw: str, text: str) -> Prefix:
    """Sort the cleaned text before a title into its role; ``raw`` is that text as written.

    A prefix ending in a period is a document designation ("Resolution adopted by the General
    Assembly on 25 September 2015 […] 70/1."), not an author: authors end with a comma.
    """
    if not text or raw.rstrip().endswith("."):
        return Prefix()
    parts = _without_genre_items(items(_BY_PERSON.sub("", text)))
    if not parts:
        return Prefix()
    found = people(parts)
    if found:
        return Prefix(authors=found)
    whole = ", ".join(parts)
    if is_instrument(whole) or re.search(r"\d", whole):
        return Prefix(title=text)
    if is_organisation(whole, short_name=True):
        return Prefix(authors=(whole,), corporate=True)
    return Prefix(container=whole)


def people(parts: list[str]) -> tuple[str, ...]:
    """The people ``parts`` list ("A", "B and C", "D, Jr."), or () when they are not people.

    Once a person is named, the rest may be their roles and affiliations ("Deputy Assistant
    Attorney General", "Office of Legal Policy"): those are dropped, as are degrees and "et al.".
    """
    names: list[str] = []
    for index, item in enumerate(parts):
        if names and all(_affiliation(rest) for rest in parts[index:]):
            break
        for part in _AUTHOR_SPLIT.split(_ET_AL.sub("", _LEADING_AND.sub("", item))):
            part = _drop_honorific(part.strip())
            if not part or _NOT_A_NAME.match(part):
                continue
            if names and _NAME_SUFFIX.match(part):
                names[-1] = f"{names[-1]}, {part}"
            elif _PERSON.match(part) and not is_organisation(part):
                names.append(part)
            else:
                return ()
    return tuple(names)


def is_organisation(text: str, *, short_name: bool = False) -> bool:
    """Whether ``text`` names an institution: an institutional noun ("… Foundation") or a
    leading acronym ("UN Sustainable Development Goals"); with ``short_name``, any name of up to
    three capitalised words ("Thorn", "Terre de Hommes") — safe only where an author is due.

    Numbers, a subtitle ("Project VIC: Leave No Victims Behind" titles a website) or a kind of
    legal instrument make it a work's name instead."""
    if not text[:1].isupper() or re.search(r"\d|:", text) or is_instrument(text):
        return False
    if _ORG_WORD.search(text) or _ACRONYM.match(text):
        return True
    return short_name and _is_short_name(text)


def witness(title: str) -> str | None:
    """The witness a title names ("Testimony of Mary Graw Leary", "Written evidence submitted
    by International Justice Mission UK (PCB 27) …"): the author of that document."""
    match = _WITNESS.match(title)
    return match.group("name") if match else None


def is_instrument(text: str) -> bool:
    return bool(_INSTRUMENT.search(text))


def is_name(text: str) -> bool:
    """A name rather than a title: an institution, or a few capitalised words ("Deutsche Well")."""
    return is_organisation(text, short_name=True)


def is_headline(text: str) -> bool:
    """A title written without italics: a kind of document ("Letter to Senator John Thune") or
    a sentence-case headline ("Sex workers leave Twitter for Switter after controversial …")."""
    words = text.split()
    if len(words) < 4:
        return False
    lower = [w for w in words if w[:1].islower() and w not in _FUNCTION_WORDS]
    return bool(_GENRE_START.match(text)) or len(lower) >= 2


def _is_short_name(text: str) -> bool:
    words = [w for w in text.split() if w not in _FUNCTION_WORDS and w not in ("de", "la", "le")]
    return 0 < len(words) <= _SHORT_NAME_WORDS and all(w[:1].isupper() for w in words)


def _affiliation(item: str) -> bool:
    return bool(_ROLE.search(item) or is_organisation(item))


def _without_genre_items(parts: list[str]) -> list[str]:
    """Drop trailing document kinds ("Austria Center Vienna Background Paper", "Press Release")."""
    while parts and _GENRE_ITEM.search(parts[-1]):
        parts = parts[:-1]
    return parts


def _drop_honorific(name: str) -> str:
    for word in _HONORIFICS:
        if name.startswith(word):
            return name[len(word) :]
    return name


def items(text: str) -> list[str]:
    """Comma-separated items outside parentheses and brackets."""
    found, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            found.append(text[start:index].strip())
            start = index + 1
    found.append(text[start:].strip())
    return [item for item in found if item]


# Top-level and second-level labels that name no one: "www.iom.int", "ofcom.org.uk".
_GENERIC_LABELS = frozenset(
    {"www", "com", "org", "net", "int", "gov", "edu", "ngo", "co", "ac", "uk", "us", "au", "de"}
)
_NONPROFIT_TLDS = frozenset({"org", "int", "gov", "edu", "ngo"})
_SITE_SIMILARITY = 0.9


def names_site(name: str, url: str, *, nonprofit_only: bool = False) -> bool:
    """Whether ``name`` is the name of the site ``url`` is on: "Human Trafficking Search" for
    humantraffickingsearch.org, "International Organization for Migration (IOM)" for iom.int,
    "Terre de Hommes" for terredeshommes.org (a typo in the document: near enough counts).

    With ``nonprofit_only`` only .org/.int/.gov/.edu sites count: a person's own site is
    usually a .com ("paulgraham.com"), so there a name matching it proves nothing."""
    try:
        host = urllib.parse.urlsplit(url).hostname or ""
    except ValueError:  # a damaged URL ("http://[x/"): the parser reports it elsewhere
        return False
    labels = host.lower().split(".")
    if nonprofit_only and not _NONPROFIT_TLDS & set(labels[-2:]):
        return False
    keys = {_squash(name), *(_squash(a) for a in re.findall(r"\(([^)]+)\)", name))}
    keys.discard("")
    return any(
        _near(key, label) for label in labels if label not in _GENERIC_LABELS for key in keys
    )


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\([^)]*\)", "", text).lower())


def _near(key: str, label: str) -> bool:
    if len(key) < 5 or len(label) < 5:
        return key == label
    return difflib.SequenceMatcher(None, key, label).ratio() >= _SITE_SIMILARITY
