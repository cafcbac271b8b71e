"""Decode a text document (Markdown, plain text): UTF-8, or UTF-16 with its byte order mark."""

from __future__ import annotations

from citecheck.errors import InputError
from citecheck.read._input import Input


def decode(given: Input) -> str:
    """The text of ``given`` without a byte order mark, line ends as ``\\n``."""
    data = given.data
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{given.name} is not UTF-8 (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
