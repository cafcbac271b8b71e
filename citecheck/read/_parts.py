"""What a reader hands back before the document is named: notes, boxes, markers, links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.model import Box, DocumentInfo, DocumentNote, Hyperlink, Location, ReadWarning

# A boxed citation in the body ("Source: …"), as reports print under a quotation or a figure.
SOURCE_BOX = re.compile(r"^Sources?:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Parts:
    """A reader's findings; ``markers`` None when the format cannot tell markers apart."""

    notes: tuple[DocumentNote, ...]
    boxes: tuple[Box, ...] = ()
    markers: tuple[int, ...] | None = None
    body_links: tuple[Hyperlink, ...] = ()
    warnings: tuple[ReadWarning, ...] = ()
    info: DocumentInfo = field(default_factory=DocumentInfo)
    text: str | None = None


def box(index: int, text: str, links: tuple[Hyperlink, ...], location: Location) -> Box:
    """A "Source:" box, its label dropped."""
    return Box(index, SOURCE_BOX.sub("", text, count=1), links, location)


def unique(links: list[Hyperlink]) -> tuple[Hyperlink, ...]:
    """Each link target once, first occurrence kept."""
    seen: dict[str, Hyperlink] = {}
    for link in links:
        seen.setdefault(link.target, link)
    return tuple(seen.values())
