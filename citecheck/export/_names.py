"""Author names: people are split into family/given, organisations are kept whole."""

from __future__ import annotations

import re

# Words that mark an organisation rather than a person; BibTeX and CSL must not split those.
_ORG_WORDS = re.compile(
    r"\b(Organi[sz]ation|Association|Committee|Council|Cent(?:er|re)|Nations|International|"
    r"Institute|Department|Office|Union|Commission|Foundation|Agency|Bureau|Coalition|Alliance|"
    r"Court|Parliament|Assembly|Ministry|Government|Society|Network|University|School|Forum|"
    r"Project|Group|Inc|Ltd|LLC|Corporation|Company|Europol|Interpol|ECPAT|UNICEF|"
    r"UNODC|Thorn|Polaris|Microsoft|Google|Facebook|Twitter|News|Times|Post)\b",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r",?\s+(Jr\.|Sr\.|II|III|IV)$")


def is_organisation(name: str) -> bool:
    family, given, _ = split_person(name)
    tokens = [*given.split(), family]
    return bool(_ORG_WORDS.search(name)) or len(tokens) > 4 or not given or "(" in name


def split_person(name: str) -> tuple[str, str, str]:
    """("Herbert B. Dixon", suffix "Jr.") → family "Dixon", given "Herbert B.", suffix "Jr."."""
    suffix = ""
    match = _SUFFIX.search(name)
    if match:
        suffix = match.group(1)
        name = name[: match.start()]
    name = re.sub(r"^(Judge|Dr\.|Prof\.|Professor|Hon\.)\s+", "", name.strip())
    name = re.sub(r",\s*Ph\.D\.?$", "", name)
    given, _, family = name.rpartition(" ")
    return family, given, suffix
