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


@dataclass
class Numbering:
    """Printed note numbers that start again at 1 (each chapter) as one running count: the
    parser resolves *supra* and *Id.* by number, so one document has one numbering."""

    printed: int = 0
    current: int = 0

    def of(self, printed: int) -> int:
        """The running number of ``printed``; a number that does not go up starts anew."""
        self.current += printed - self.printed if printed > self.printed else 1
        self.printed = printed
        return self.current

    def restart_warning(self, number: int, printed: int, where: str) -> ReadWarning:
        return ReadWarning(
            "note-numbering-restarts",
            number,
            f"note numbering starts again at {printed} {where}; "
            f"notes from there are numbered from {number}",
        )
