"""Named bad documents, made in a test's folder: each damaged the way real files are."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[2]
GOOD_PDF = ROOT / "tests" / "documents" / "icmec-2018" / "icmec-2018.pdf"
GOOD_DOCX = ROOT / "tests" / "documents" / "icmec-2018" / "icmec-2018.docx"


def _blank_pdf(password: str | None = None) -> bytes:
    """A PDF whose one page has no text at all: what a scanner makes, less the image."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    if password is not None:
        writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _bomb() -> bytes:
    """A DOCX whose document part expands 1000-fold: 20 MB of spaces in ~20 KB."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * 20_000_000})


def _tampered_docx() -> bytes:
    """A DOCX whose footnotes part has its bytes flipped mid-stream (CRC fails)."""
    data = bytearray(GOOD_DOCX.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/footnotes.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    data[start : start + 64] = bytes(64)
    return bytes(data)


BAD: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # case: (file name, bytes, what the one-line message must say)
    "encrypted-pdf": ("report.pdf", lambda: _blank_pdf("secret"), "encrypted; decrypt it first"),
    "scanned-pdf": ("scan.pdf", _blank_pdf, "no text layer — a scanned PDF; run OCR"),
    "truncated-pdf": ("cut.pdf", lambda: GOOD_PDF.read_bytes()[:3000], "not a readable PDF"),
    "not-a-pdf": ("fake.pdf", lambda: b"%PDF-1.7\n\x00\x01\x02 stream", "not a readable PDF"),
    "truncated-docx": ("cut.docx", lambda: GOOD_DOCX.read_bytes()[:5000], "not a valid DOCX"),
    "tampered-docx": ("bad.docx", _tampered_docx, "is damaged"),
    "zip-bomb": ("bomb.docx", _bomb, "zip bomb"),
    "plain-zip": ("data.docx", lambda: _zip({"a.txt": b"hello"}), "not a DOCX"),
    "odt": (
        "paper.odt",
        lambda: _zip(
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
        ),
        "OpenDocument",
    ),
    "legacy-doc": ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".doc"),
    "binary": ("image.bin", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
    "not-utf8": ("latin1.md", lambda: "Caf\xe9 \xb9 report".encode("latin-1"), "is not UTF-8"),
    "empty": ("empty.md", lambda: b"  \n\n", "is empty"),
}


def make(tmp_path: Path, case: str) -> tuple[Path, str]:
    name, content, message = BAD[case]
    path = tmp_path / name
    path.write_bytes(content())
    return path, message
