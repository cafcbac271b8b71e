"""Rewrite a few members of a ZIP package and copy every other one byte for byte.

An edited DOCX must differ from the original only in the parts that changed, so a reviewer (or
a test) can see that nothing else was touched. ``zipfile`` can only recompress what it copies,
and no compressor reproduces another's bytes; so the members are copied raw here: local
header, compressed data and data descriptor as they are, in the same order. A changed member
is compressed with its original method; new members (a notes part's first relationships) go
last. The central directory is the original's, with offsets (and a changed member's CRC and
sizes) updated.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping

from citecheck.errors import InputError

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"
_DESCRIPTOR = b"PK\x07\x08"
_HAS_DESCRIPTOR = 0x08
_ZIP64 = 0xFFFFFFFF


def rewrite_members(data: bytes, changed: Mapping[str, bytes], name: str) -> bytes:
    """``data`` (a ZIP archive) with the members in ``changed`` replaced or added."""
    end = data.rfind(_END)
    if end < 0:
        raise InputError(f"{name}: not a ZIP archive; re-save the document")
    count, size, offset = struct.unpack("<HII", data[end + 10 : end + 20])
    if _ZIP64 in (size, offset) or count == 0xFFFF:
        raise InputError(f"{name}: a ZIP64 package is too large to edit in place")
    out = bytearray()
    central = bytearray()
    seen: set[str] = set()
    cursor = offset
    for _ in range(count):
        record, cursor = _central_record(data, cursor, name)
        member = _member_name(record)
        seen.add(member)
        start = len(out)
        if member in changed:
            out += _compressed(data, record, changed[member])
            record = _updated(record, bytes(out[start:]))
        else:
            out += _raw_member(data, record, name)
        central += record[:42] + struct.pack("<I", start) + record[46:]
    for member in sorted(set(changed) - seen):
        start = len(out)
        local = _new_local(member, changed[member])
        out += local
        central += _central_for(local, start)
    directory = len(out)
    out += central
    entries = count + len(set(changed) - seen)
    tail = data[end : end + 22]
    out += tail[:8] + struct.pack("<HHII", entries, entries, len(central), directory)
    out += data[end + 20 :]  # comment length and comment
    _verify(bytes(out), name)
    return bytes(out)


def _central_record(data: bytes, at: int, name: str) -> tuple[bytes, int]:
    if data[at : at + 4] != _CENTRAL:
        raise InputError(f"{name}: its ZIP directory is damaged; re-save the document")
    name_len, extra_len, comment_len = struct.unpack("<HHH", data[at + 28 : at + 34])
    end = at + 46 + name_len + extra_len + comment_len
    return data[at:end], end


def _member_name(record: bytes) -> str:
    (name_len,) = struct.unpack("<H", record[28:30])
    flags = struct.unpack("<H", record[8:10])[0]
    raw = record[46 : 46 + name_len]
    return raw.decode("utf-8" if flags & 0x800 else "cp437")


def _raw_member(data: bytes, record: bytes, name: str) -> bytes:
    """A member's local header, data and data descriptor, exactly as they are."""
    flags, csize, at = _record_fields(record)
    if data[at : at + 4] != _LOCAL:
        raise InputError(f"{name}: a ZIP member is damaged; re-save the document")
    name_len, extra_len = struct.unpack("<HH", data[at + 26 : at + 30])
    end = at + 30 + name_len + extra_len + csize
    if flags & _HAS_DESCRIPTOR:
        end += 16 if data[end : end + 4] == _DESCRIPTOR else 12
    return data[at:end]


def _record_fields(record: bytes) -> tuple[int, int, int]:
    """Flags, compressed size and local header offset of a central directory record."""
    (flags,) = struct.unpack("<H", record[8:10])
    (csize,) = struct.unpack("<I", record[20:24])
    (offset,) = struct.unpack("<I", record[42:46])
    return flags, csize, offset


def _compressed(data: bytes, record: bytes, content: bytes) -> bytes:
    """A new local header (the original's, with new CRC and sizes) and ``content`` compressed
    with the member's original method."""
    _, _, at = _record_fields(record)
    local = data[at : at + 30]
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    (flags, method) = struct.unpack("<HH", local[6:10])
    body = _deflate(content) if method == zipfile.ZIP_DEFLATED else content
    header = (
        local[:6]
        + struct.pack("<HH", flags & ~_HAS_DESCRIPTOR, method)
        + local[10:14]
        + struct.pack("<III", zlib.crc32(content), len(body), len(content))
        + local[26:30]
    )
    return header + data[at + 30 : at + 30 + name_len + extra_len] + body


def _updated(record: bytes, local: bytes) -> bytes:
    """The central record of a rewritten member: flags, CRC and sizes from its new header."""
    return record[:8] + local[6:8] + record[10:16] + local[14:26] + record[28:]


def _new_local(member: str, content: bytes) -> bytes:
    """A new deflated member, dated like the packages Word writes (1980-01-01)."""
    encoded = member.encode("utf-8")
    body = _deflate(content)
    return (
        _LOCAL
        + struct.pack("<HHHHH", 20, 0x800, zipfile.ZIP_DEFLATED, 0, 0x21)
        + struct.pack("<IIIHH", zlib.crc32(content), len(body), len(content), len(encoded), 0)
        + encoded
        + body
    )


def _central_for(local: bytes, offset: int) -> bytes:
    (name_len,) = struct.unpack("<H", local[26:28])
    return (
        _CENTRAL
        + struct.pack("<H", 20)
        + local[4:30]
        + struct.pack("<HHHII", 0, 0, 0, 0, offset)
        + local[30 : 30 + name_len]
    )


def _deflate(content: bytes) -> bytes:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


def _verify(data: bytes, name: str) -> None:
    """Read the new package back whole: a bad write must fail here, not in the editor's Word."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        bad = package.testzip()
    if bad is not None:
        raise InputError(f"{name}: could not rewrite {bad} in place; nothing was written")
