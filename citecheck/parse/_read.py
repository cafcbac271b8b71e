"""Read the document's text from a file, with a one-line fix for every file that will not do."""

from __future__ import annotations

import pathlib

from citecheck.errors import InputError

_BINARY_SNIFF = 8192


def read_document(path: pathlib.Path) -> str:
    """The text of the document at ``path``; InputError with a one-line fix for unusable files."""
    if not path.exists():
        raise InputError(f"{path}: no such file; give the path of the document (.md or .txt)")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give the path of the document inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
    if not data.strip():
        raise InputError(f"{path} is empty; convert the document to text/Markdown first")
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(
            f"{path} looks binary (a PDF or image?); convert it to text/Markdown first"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc
    return text.removeprefix("\ufeff")
