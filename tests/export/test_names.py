"""People's names as bibliographies need them, from real names in the test documents.

Each row: the name as cited, the BibTeX form ("von Last, Jr., First"), the CSL name object.
Where a name is from: the bundled report unless a document is named.
"""

from __future__ import annotations

import json

import pytest

from citecheck.export import render
from citecheck.model import ParsedDocument, Source

NAMES = [
    # a capitalised particle is part of the family name (English usage: "Van Grove, J.")
    ("Jennifer Van Grove", "Van Grove, Jennifer", {"family": "Van Grove", "given": "Jennifer"}),
    (
        "Judith Van Evra",  # free-culture
        "Van Evra, Judith",
        {"family": "Van Evra", "given": "Judith"},
    ),
    # lower-case particles: kept before the family name, told apart for the styles
    (
        "Sunshine de Leon",
        "de Leon, Sunshine",
        {"family": "Leon", "given": "Sunshine", "non-dropping-particle": "de"},
    ),
    (
        "Guido van Rossum",  # roads-and-bridges
        "van Rossum, Guido",
        {"family": "Rossum", "given": "Guido", "non-dropping-particle": "van"},
    ),
    (
        "Alexis de Tocqueville",  # free-culture
        "de Tocqueville, Alexis",
        {"family": "Tocqueville", "given": "Alexis", "non-dropping-particle": "de"},
    ),
    # no document of the corpus has these two; the rule the table holds still needs a row
    (
        "Juan de la Cruz",
        "de la Cruz, Juan",
        {"family": "Cruz", "given": "Juan", "non-dropping-particle": "de la"},
    ),
    (
        "Alexander von Humboldt",
        "von Humboldt, Alexander",
        {"family": "Humboldt", "given": "Alexander", "dropping-particle": "von"},
    ),
    ("Natalie McClain", "McClain, Natalie", {"family": "McClain", "given": "Natalie"}),
    (
        "David MacIver",
        "MacIver, David",
        {"family": "MacIver", "given": "David"},
    ),  # roads-and-bridges
    ("Sara Ashley O'Brien", "O'Brien, Sara Ashley", {"family": "O'Brien", "given": "Sara Ashley"}),
    (
        "Catherine Hamilton-Giachritsis",
        "Hamilton-Giachritsis, Catherine",
        {"family": "Hamilton-Giachritsis", "given": "Catherine"},
    ),
    (
        "Kimberly Mehlman-Orozco",
        "Mehlman-Orozco, Kimberly",
        {"family": "Mehlman-Orozco", "given": "Kimberly"},
    ),
    (
        "Herbert B. Dixon, Jr.",
        "Dixon, Jr., Herbert B.",
        {"family": "Dixon", "given": "Herbert B.", "suffix": "Jr."},
    ),
    (
        "Julius Whigham II",
        "Whigham, II, Julius",
        {"family": "Whigham", "given": "Julius", "suffix": "II"},
    ),
    ("M G Martin", "Martin, M G", {"family": "Martin", "given": "M G"}),
    ("J. A. Aberdeen", "Aberdeen, J. A.", {"family": "Aberdeen", "given": "J. A."}),  # free-culture
    ("Siouxsie Q", "Q, Siouxsie", {"family": "Q", "given": "Siouxsie"}),
    ("Kristen DiAngelo", "DiAngelo, Kristen", {"family": "DiAngelo", "given": "Kristen"}),
]


def _exports(authors: tuple[str, ...], *, corporate: bool = False) -> tuple[str, dict[str, object]]:
    source = Source(id="s", title="T", authors=authors, corporate_author=corporate)
    document = ParsedDocument((), (), (source,), ())
    bibtex = render(document, "bibtex")
    author = next(line for line in bibtex.splitlines() if "author = " in line)
    return author.split(" = ", 1)[1].rstrip(",")[1:-1], json.loads(render(document, "csl-json"))[0]


@pytest.mark.parametrize(("cited", "bibtex", "csl"), NAMES, ids=[row[0] for row in NAMES])
def test_person_names_keep_particles_and_suffixes(
    cited: str, bibtex: str, csl: dict[str, str]
) -> None:
    written, item = _exports((cited,))
    assert written == bibtex
    assert item["author"] == [csl]


@pytest.mark.parametrize(
    "organisation",
    [
        "Terre de Hommes",
        "UNICEF",
        "Polaris",
        "U.S. Department of State",
        "International Organization for Migration (IOM)",
        "United States Senate, Permanent Subcommittee on Investigations; Committee on Homeland "
        "Security and Governmental Affairs; Human Trafficking Investigation",
    ],
)
def test_organisations_are_never_split(organisation: str) -> None:
    written, item = _exports((organisation,), corporate=True)
    assert written == "{" + organisation + "}"
    assert item["author"] == [{"literal": organisation}]


def test_several_people_are_joined_with_and() -> None:
    written, item = _exports(("Jodi Jordan", "Bina Patel", "Lisa Rapp"))
    assert written == "Jordan, Jodi and Patel, Bina and Rapp, Lisa"
    assert [a["family"] for a in item["author"]] == ["Jordan", "Patel", "Rapp"]
