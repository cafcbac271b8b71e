"""Author names for bibliographies: people split into their parts, organisations kept whole.

Whether an author is an organisation is the parser's call (``Source.corporate_author``): it
knows where in the citation the name stood, which word lists cannot guess. The parser also
drops honorifics ("Judge", "Dr.") and degrees, so names arrive as people are cited.

People are split by nameparser, which knows particles ("de", "van der", "al-"), suffixes
("Jr.", "II") and initials; splitting at the last space turned "Jennifer Van Grove" into
"Grove, Jennifer Van" and "Sunshine de Leon" into "Leon, Sunshine de".

How particles are kept (CSL 1.0.2 "Name-part Order"; CMOS 8.5):

* a capitalised particle belongs to the family name, as English usage has it: "Van Grove",
  sorted under V, kept when the family name stands alone;
* a lower-case particle is a ``non-dropping-particle`` ("de Leon", "van Rossum"): kept before
  the family name in running text, demoted or not by the style;
* the German "von"/"zu" is a ``dropping-particle`` ("Goethe, Johann Wolfgang von").
"""

from __future__ import annotations

from dataclasses import dataclass

from nameparser import HumanName
from nameparser.config import CONSTANTS

from citecheck.model import Source

# Particles that drop when the family name stands alone (CMOS 8.5: "Humboldt, Alexander von").
_DROPPING = frozenset({"von", "zu", "vom", "zum", "zur"})


@dataclass(frozen=True)
class PersonName:
    """A person's name in the parts bibliographies use."""

    given: str
    family: str  # without a lower-case particle
    particle: str = ""  # "de", "van der", "von"
    suffix: str = ""  # "Jr.", "II"

    @property
    def dropping(self) -> bool:
        """Whether the particle drops when the family name stands alone."""
        return self.particle.split(" ")[0] in _DROPPING

    @property
    def full_family(self) -> str:
        """The family name as written after the given names: "de Leon", "Van Grove"."""
        return f"{self.particle} {self.family}" if self.particle else self.family


def split_person(name: str) -> PersonName:
    """The parts of a person's name as cited: "Herbert B. Dixon, Jr." → given "Herbert B.",
    family "Dixon", suffix "Jr."; "Sunshine de Leon" → given "Sunshine", particle "de",
    family "Leon"."""
    parsed = HumanName(name)
    given = " ".join(part for part in (parsed.first, parsed.middle) if part)
    words = parsed.last.split(" ")
    cut = 0
    while cut < len(words) - 1 and _is_lower_particle(words[cut]):
        cut += 1
    family = " ".join(words[cut:])
    if not family:  # a one-word name ("Siouxsie"): nameparser calls it a given name
        given, family = "", given
    return PersonName(given, family, " ".join(words[:cut]), parsed.suffix)


def _is_lower_particle(word: str) -> bool:
    return word.islower() and word in CONSTANTS.prefixes


def container_of(src: Source) -> str | None:
    """The source's container, unless it only names the organisation that wrote the page (APA
    leaves the site's name out when it is the author's)."""
    if src.corporate_author and src.authors == (src.container,):
        return None
    return src.container
