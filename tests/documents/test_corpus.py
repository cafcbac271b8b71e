"""The test corpus itself is well-formed: every document has its truth and its provenance.

Cheap checks only (no converter, no citecheck): the manifest names every document and truth
file in this folder, each truth file validates against truth.schema.json, is written in the
canonical form (sorted keys, one-space indent), and agrees with its own totals.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest

HERE = Path(__file__).parent
MANIFEST = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
DOCUMENTS: list[dict[str, Any]] = MANIFEST["documents"]
SCHEMA = json.loads((HERE / "truth.schema.json").read_text(encoding="utf-8"))
TRUTHS = sorted({d["truth"] for d in DOCUMENTS})
OWN_FILES = {"README.md", "manifest.json", "truth.schema.json", "test_corpus.py", "__init__.py"}
# Formats with magic bytes to check, and the suffixes each format's documents may have.
SUFFIXES = {
    "docx": (".docx",),
    "pdf": (".pdf",),
    "html": (".html", ".htm", ".xhtml"),
    "markdown": (".md", ".markdown"),
    "text": (".txt",),
}


def test_ids_are_unique() -> None:
    ids = [d["id"] for d in DOCUMENTS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d["id"] for d in DOCUMENTS])
def test_document_has_file_truth_and_provenance(document: dict[str, Any]) -> None:
    path = HERE / document["path"]
    assert path.is_file(), path
    assert path.suffix in SUFFIXES[document["format"]]
    assert (HERE / document["truth"]).is_file()
    source = document["source"]
    for key in ("repository", "path", "licence", "changes"):
        assert source.get(key), f"{document['id']}: provenance lacks {key}"
    assert document.get("layout") and document.get("style")


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d["id"] for d in DOCUMENTS])
def test_document_is_what_its_format_says(document: dict[str, Any]) -> None:
    path = HERE / document["path"]
    data = path.read_bytes()
    if document["format"] == "pdf":
        assert data.startswith(b"%PDF-")
    elif document["format"] == "docx":
        with zipfile.ZipFile(path) as package:
            assert "word/document.xml" in package.namelist()
            for part in package.namelist():  # a word processor opens every part
                if part.endswith((".xml", ".rels")):
                    ElementTree.fromstring(package.read(part))
    else:
        data.decode("utf-8")  # text formats are UTF-8


def test_every_file_here_is_in_the_manifest() -> None:
    named = {Path(d["path"]).as_posix() for d in DOCUMENTS} | set(TRUTHS)
    for path in HERE.rglob("*"):
        relative = path.relative_to(HERE).as_posix()
        if path.is_dir() or relative in OWN_FILES or "__pycache__" in relative:
            continue
        if path.name in ("PROVENANCE.md", "LICENSE", "LICENCE"):
            continue
        assert relative in named, f"{relative} is in no manifest entry"


@pytest.mark.parametrize("name", TRUTHS)
def test_truth_validates_and_is_canonical(name: str) -> None:
    text = (HERE / name).read_text(encoding="utf-8")
    truth = json.loads(text)
    jsonschema.validate(truth, SCHEMA)
    assert text == json.dumps(truth, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", TRUTHS)
def test_truth_agrees_with_its_totals(name: str) -> None:
    truth = json.loads((HERE / name).read_text(encoding="utf-8"))
    numbers = [n["number"] for n in truth["notes"]]
    assert numbers == sorted(set(numbers)), "note numbers are unique and in order"
    urls = {u["url"] for part in ("notes", "sidebars") for n in truth[part] for u in n["urls"]}
    assert truth["totals"] == {
        "distinct_urls": len(urls),
        "notes": len(numbers),
        "sidebars": len(truth["sidebars"]),
    }
    for note in truth["notes"]:
        assert len({u["url"] for u in note["urls"]}) == len(note["urls"]), note["number"]
        for cite in note.get("short_cites", []):
            assert cite["refers_to"] is None or cite["refers_to"] in numbers
    for sample in truth.get("fields", []):
        assert sample["url"] in urls and sample["note"] in numbers


def test_bundled_report_totals() -> None:
    """The figures the project states for the bundled report (346 notes, 208 distinct URLs)."""
    truth = json.loads((HERE / "icmec-2018" / "icmec-2018.truth.json").read_text("utf-8"))
    assert truth["totals"] == {"distinct_urls": 208, "notes": 346, "sidebars": 10}
    kinds = [c["kind"] for n in truth["notes"] for c in n.get("short_cites", [])]
    assert len(kinds) == 163
