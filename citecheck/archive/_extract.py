"""Main text out of fetched bytes: decode legacy encodings, drop boilerplate, normalise.

The text is what gets committed and diffed, so it must be stable: the same bytes always give
the same text, and whitespace or Unicode noise never shows up as a change.

trafilatura, Beautiful Soup, pypdf and charset-normalizer are imported when a page needs
them (~0.25 s together): commands that only read the snapshot store never load them.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import unicodedata
from email.message import Message

# WHATWG maps these labels to their superset (browsers decode "iso-8859-1" pages as
# windows-1252, "shift_jis" as windows-31j, ...); Python's codecs would garble the extra
# characters (curly quotes, NEC specials) that such pages really contain.
_WHATWG_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<!--)", re.I)
_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form")
_BOILERPLATE_HINT = re.compile(
    r"cookie|consent|banner|navbar|\bnav\b|menu|footer|sidebar|breadcrumb|share|social|skip",
    re.I,
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def extract_text(body: bytes, content_type: str | None) -> str:
    """Normalised main text of an HTML, PDF or plain-text payload; ``""`` when there is none."""
    kind = _kind(body, content_type)
    if kind == "pdf":
        return normalize(_pdf_text(body))
    if kind == "html":
        return normalize(html_text(decode(body, content_type)))
    if kind == "text":
        return normalize(decode(body, content_type))
    return ""


def _kind(body: bytes, content_type: str | None) -> str:
    mime = _mime(content_type)
    if body.startswith(b"%PDF-") or mime == "application/pdf":
        return "pdf"
    if mime in ("text/html", "application/xhtml+xml") or _HTML_SNIFF.match(body[:512]):
        return "html"
    if mime.startswith("text/") or (not mime and _looks_textual(body)):
        return "text"
    return "binary"


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _looks_textual(body: bytes) -> bool:
    return bool(body) and b"\x00" not in body[:1024]


# --------------------------------------------------------------------------- decoding


def decode(body: bytes, content_type: str | None) -> str:
    """Bytes to text: BOM, then the HTTP charset, then a ``<meta>`` charset, then detection."""
    for encoding in _declared_encodings(body, content_type):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    import charset_normalizer

    best = charset_normalizer.from_bytes(body).best()
    return str(best) if best is not None else body.decode("utf-8", errors="replace")


def _declared_encodings(body: bytes, content_type: str | None) -> list[str]:
    found: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        found.append("utf-8-sig")
    elif body[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        found.append("utf-16")
    for label in (_header_charset(content_type), _meta_charset(body)):
        encoding = _codec(label)
        if encoding is not None:
            found.append(encoding)
    return found


def _header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WHATWG_SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# --------------------------------------------------------------------------- extraction


def html_text(html: str) -> str:
    """Main content as light Markdown (headings kept, so a summary can name a new one)."""
    text = _trafilatura(html)
    return text if text else _soup_text(html)


def _trafilatura(html: str) -> str:
    import trafilatura

    # trafilatura logs every page it finds too short at WARNING; that is not ours to report.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
        favor_precision=True,
    )
    return text or ""


def _soup_text(html: str) -> str:
    """Fallback rules for pages trafilatura finds nothing in: drop chrome, keep the main part."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_BOILERPLATE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True, attrs={"role": ["navigation", "banner", "contentinfo"]}):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    return main.get_text("\n")


def _is_chrome(tag: object) -> bool:
    attrs = getattr(tag, "attrs", None)
    if not isinstance(attrs, dict):
        return False
    names = " ".join([str(attrs.get("id", "")), *map(str, attrs.get("class", []))])
    return bool(_BOILERPLATE_HINT.search(names))


def _pdf_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(body))
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        # A truncated or damaged PDF has no trustworthy text; say nothing rather than guess.
        return ""


# --------------------------------------------------------------------------- normalising


def normalize(text: str) -> str:
    """NFC, one kind of space and newline, no trailing blanks, at most one empty line in a row."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""
