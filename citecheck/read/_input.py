"""Get a document's bytes and tell its format: magic bytes first, then the file extension.

Every way a file can be unusable before any reader runs (missing, a folder, unreadable, empty,
a format citecheck does not read) becomes one ``InputError`` line saying what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from citecheck.errors import InputError
from citecheck.model import Format

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc (and other Office binaries)
_SNIFF = 4096
_EXTENSIONS = {
    ".pdf": Format.PDF,
    ".docx": Format.DOCX,
    ".docm": Format.DOCX,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".mdown": Format.MARKDOWN,
    ".mkd": Format.MARKDOWN,
    ".mmd": Format.MARKDOWN,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:body|head|p|div|section|ol|sup)\b[^>]*>", re.I)
_MARKDOWN_SIGNS = re.compile(
    rb"^\[\^[^\]\s]+\]:|\^\[|^#{1,6}\s|\]\([^)\s]+\)|<sup>|^\s*[-*+]\s", re.M
)


@dataclass(frozen=True)
class Input:
    """A document's bytes, the name to show in messages, and its path when it has one."""

    name: str
    data: bytes
    path: Path | None = None

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


Source = Path | str | bytes | BinaryIO


def load(source: Source, name: str | None = None) -> Input:
    """The bytes of ``source``: a path, bytes already read, or a binary stream (stdin)."""
    if isinstance(source, bytes):
        return _nonempty(Input(name or "<bytes>", source))
    if isinstance(source, str | Path):
        return _nonempty(_from_path(Path(source), name))
    try:
        data = source.read()
    except OSError as exc:
        raise InputError(f"{name or '<stdin>'}: cannot be read ({exc.strerror or exc})") from exc
    return _nonempty(Input(name or "<stdin>", data))


def _from_path(path: Path, name: str | None) -> Input:
    shown = name or str(path)
    if not path.exists():
        raise InputError(f"{shown}: no such file; give the path of the document")
    if path.is_dir():
        raise InputError(f"{shown} is a directory; give the path of the document inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{shown}: cannot be read ({exc.strerror}); check its permissions"
        ) from exc
    return Input(shown, data, path)


def _nonempty(given: Input) -> Input:
    if not given.data.strip():
        raise InputError(f"{given.name} is empty; give a document with footnotes or endnotes")
    return given


def sniff(given: Input) -> Format:
    """The format of ``given``: what its bytes say, then its extension, then its text."""
    head = given.data[:_SNIFF]
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(_ZIP):
        return Format.DOCX  # the DOCX reader tells a DOCX from other ZIP files
    if head.startswith(_OLE):
        raise InputError(
            f"{given.name} is a Word 97-2003 (.doc) or other legacy Office file; "
            "save it as .docx or PDF first"
        )
    if head.startswith(b"{\\rtf"):
        raise InputError(f"{given.name} is an RTF file; save it as .docx or PDF first")
    by_extension = _EXTENSIONS.get(given.suffix)
    if by_extension in (Format.PDF, Format.DOCX):
        return by_extension  # the reader says what is wrong with a damaged file
    if _looks_binary(head):
        raise InputError(
            f"{given.name} looks binary, not a PDF, DOCX, HTML, Markdown or text document"
        )
    if _HTML_START.match(head) or (by_extension is None and len(_HTML_TAGS.findall(head)) >= 3):
        return Format.HTML
    if by_extension is not None:
        return by_extension
    return Format.MARKDOWN if _MARKDOWN_SIGNS.search(head) else Format.TEXT


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with its byte order mark
    return b"\x00" in head
