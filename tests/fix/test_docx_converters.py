"""The DOCX edition read by real converters: pandoc (``--track-changes``) and LibreOffice.

Each must see what our own review of the XML sees: accepting every change gives the fixed
notes, rejecting every change gives the document as it was. pandoc comes with the test extras
(pypandoc-binary); LibreOffice is used where it is installed, and the test skips otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck.fix._docx import docx_edition
from citecheck.read import read_document
from tests.fix.test_docx import CORPUS, DAY, PLANS, expected
from tests.support.docx_review import SOFFICE, LibreOffice, accept

pypandoc = pytest.importorskip("pypandoc")


def pandoc(path: Path, changes: str) -> str:
    text: str = pypandoc.convert_file(
        str(path), "plain", format="docx", extra_args=[f"--track-changes={changes}", "--wrap=none"]
    )
    return text


@pytest.mark.parametrize("name", ["icmec-2018.docx", "icmec-2018-fields.docx"])
def test_pandoc_accepts_and_rejects_the_fixes(tmp_path: Path, name: str) -> None:
    original = CORPUS / name
    edition = docx_edition(original.read_bytes(), name, PLANS, DAY)
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(edition.data)
    ours = tmp_path / "accepted.docx"
    ours.write_bytes(accept(edition.data))
    assert pandoc(fixed, "reject") == pandoc(original, "accept")
    accepted = pandoc(fixed, "accept")
    assert accepted == pandoc(ours, "accept")
    assert "https://ecpat.org/luxembourg-guidelines/ (last visited Nov. 27, 2026)" in accepted
    assert "(archived Oct. 1, 2018)" in accepted


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed here")
    yield LibreOffice(tmp_path_factory.mktemp("libreoffice"))


def test_libreoffice_opens_it_with_one_change_per_fix(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    original = tmp_path / "original.docx"
    original.write_bytes((CORPUS / "icmec-2018.docx").read_bytes())
    document = read_document(original)
    edition = docx_edition(original.read_bytes(), "x", PLANS, DAY)
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(edition.data)
    # A moved source and a refreshed date: a deletion and an insertion; an archived copy: one.
    changes, _ = libreoffice.review(fixed, "")
    assert Counter(changes) == {"Delete|citecheck": 2, "Insert|citecheck": 3}
    _, as_it_was = libreoffice.review(original, "")
    _, accepted = libreoffice.review(fixed, "Accept")
    _, rejected = libreoffice.review(fixed, "Reject")
    before = [note.text for note in read_document(as_it_was).notes]
    assert [note.text for note in read_document(rejected).notes] == before
    after = [note.text for note in read_document(accepted).notes]
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]
    assert changed == [1, 5, 6]
    fixed_notes = expected(document, PLANS)
    assert "luxembourg-guidelines/> (last visited Nov. 27, 2026)" in after[0]
    assert "(archived Oct. 1, 2018)" in after[4] and "(archived Oct. 1, 2018)" in fixed_notes[4]
    assert "(last visited Nov. 27, 2026)" in after[5]
