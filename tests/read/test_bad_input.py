"""Every unusable document ends in one InputError line that says what to do, and in the CLI in
exit code 2 with that line alone on stderr: no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.parse import parse_document
from citecheck.read import read_document
from tests.read.bad import BAD, make


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_document_is_one_input_error_line(tmp_path: Path, case: str) -> None:
    path, message = make(tmp_path, case)
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_cli_exits_2_with_one_line_and_writes_nothing(tmp_path: Path, case: str) -> None:
    path, message = make(tmp_path, case)
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "parse", str(path), "-f", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("citecheck: error: ") and message in lines[0]
    assert not out.exists()


def test_a_document_with_links_but_no_notes_says_what_it_found() -> None:
    text = "# Links\n\nSee <https://example.org/a> and https://example.org/b.\n\nAlso [c](https://example.org/c).\n"
    document = read_document(text.encode(), name="links.md")
    assert document.notes == ()
    with pytest.raises(InputError) as raised:
        parse_document(document)
    assert str(raised.value) == (
        "links.md: 0 notes; found 3 URLs in the body — use --body-links to check them"
    )
    parsed = parse_document(document, body_links=True)
    assert parsed.body_urls == (
        "https://example.org/a",
        "https://example.org/b",
        "https://example.org/c",
    )


def test_a_document_with_neither_notes_nor_links_says_so() -> None:
    with pytest.raises(InputError, match="has no footnotes or endnotes"):
        parse_document(read_document(b"Just prose.\n\nMore prose.\n", name="prose.txt"))


def test_an_unknown_forced_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown format 'odt'; use one of"):
        read_document(b"text", format="odt")
