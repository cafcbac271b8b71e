"""Open an Office file's ZIP container without trusting what it says about itself.

A DOCX is a ZIP of XML parts. A damaged or hostile one must end in one ``InputError`` line,
never a traceback or a machine out of memory: members are read with a hard cap on their real
(not declared) size, and an expansion ratio no real document reaches is refused as a zip bomb.
XML is parsed without entities or network access (no XXE, no billion laughs).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from lxml import etree

from citecheck.errors import InputError
from citecheck.read._input import Input

# The largest real DOCX parts are a few tens of MB (a book's document.xml); XML compresses
# 5-20x. A bomb expands thousands of times.
MAX_MEMBER = 200 * 1024 * 1024
MAX_TOTAL = 400 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress extremely well (runs of spaces)
_CHUNK = 1024 * 1024
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_comments=True
)


@dataclass
class OfficeZip:
    """The members of an Office ZIP, read on demand within the caps."""

    name: str
    archive: zipfile.ZipFile
    read_total: int = 0

    @classmethod
    def open(cls, given: Input) -> OfficeZip:
        try:
            archive = zipfile.ZipFile(io.BytesIO(given.data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(
                f"{given.name} is not a valid DOCX (a corrupt or truncated ZIP: {exc}); "
                "open and re-save it in your word processor"
            ) from exc
        return cls(given.name, archive)

    def names(self) -> set[str]:
        return set(self.archive.namelist())

    def has(self, member: str) -> bool:
        return member in self.names()

    def read(self, member: str) -> bytes:
        """The member's bytes; InputError when it is damaged or expands like a zip bomb."""
        try:
            info = self.archive.getinfo(member)
            with self.archive.open(info) as stream:
                return self._capped(stream, info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
            raise InputError(
                f"{self.name}: its part {member} is damaged ({exc}); "
                "open and re-save it in your word processor"
            ) from exc

    def _capped(self, stream: IO[bytes], info: zipfile.ZipInfo) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            self.read_total += len(chunk)
            ratio = size / max(info.compress_size, 1)
            if (
                size > MAX_MEMBER
                or self.read_total > MAX_TOTAL
                or (size > _RATIO_FLOOR and ratio > MAX_RATIO)
            ):
                raise InputError(
                    f"{self.name}: {info.filename} expands to over {size // 2**20} MB "
                    f"({ratio:.0f}x its compressed size) — a zip bomb or a damaged file; refused"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def xml(self, member: str) -> etree._Element:
        try:
            return etree.fromstring(self.read(member), _PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(
                f"{self.name}: its part {member} is not well-formed XML ({exc}); "
                "open and re-save it in your word processor"
            ) from exc
