"""The archives' names: ``--archive "Name=URL"`` entries and the well-known archives' hosts."""

from __future__ import annotations

from urllib.parse import urlsplit

# Hosts of well-known archives -> the name a citation gives them.
KNOWN_ARCHIVES = {
    "web.archive.org": "Internet Archive",
    "archive.org": "Internet Archive",
    "archive.today": "archive.today",
    "archive.ph": "archive.today",
    "archive.is": "archive.today",
    "archive.md": "archive.today",
    "archive.li": "archive.today",
    "perma.cc": "Perma.cc",
    "webarchive.loc.gov": "Library of Congress",
    "www.webarchive.org.uk": "UK Web Archive",
    "arquivo.pt": "Arquivo.pt",
}


def archive_entry(entry: str) -> tuple[str, str]:
    """``"Name=URL"`` or ``"URL"`` -> (name, TimeGate URL); a known archive's host names it."""
    name, equals, url = entry.partition("=")
    if not equals or "://" in name:
        name, url = "", entry
    return name.strip() or archive_name(url), url.strip()


def archive_name(url: str) -> str:
    """The archive's name for citations: a well-known archive's own, else its host."""
    host = (urlsplit(url).hostname or "").lower()
    return KNOWN_ARCHIVES.get(host) or KNOWN_ARCHIVES.get(host.removeprefix("www.")) or host
