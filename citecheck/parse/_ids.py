"""Stable, filesystem-safe source ids derived from content, never from note numbers.

A source's key is its normalized URL (or, without a URL, its normalized title). The id is a short
readable slug (host and last path words, or title words) plus 8 hex digits of the key's SHA-256,
so renumbering, reordering or inserting footnotes leaves every existing id unchanged.
Snapshots and diffs are keyed by these ids.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Callable

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 40
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "in",
    "on",
    "for",
    "to",
    "www",
    "index",
    "html",
    "htm",
    "pdf",
    "aspx",
    "php",
    "asp",
}


def sha256_hex(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def url_source_key(url_key: str) -> str:
    return f"url:{url_key}"


def title_source_key(title: str) -> str:
    return f"title:{' '.join(_NON_SLUG.sub(' ', title.lower()).split())}"


def assign(keys: list[str], digest: Callable[[str], str] = sha256_hex) -> dict[str, str]:
    """An id for every distinct key; a collision lengthens the hash, then numbers deterministically
    by sorted key — so the outcome never depends on the order footnotes appear in."""
    ids = {key: f"{_slug(key)}-{digest(key)[:8]}" for key in set(keys)}
    by_id: dict[str, list[str]] = defaultdict(list)
    for key, source_id in ids.items():
        by_id[source_id].append(key)
    for colliding in (sorted(group) for group in by_id.values() if len(group) > 1):
        for rank, key in enumerate(colliding):
            suffix = f"-{rank + 1}" if rank else ""
            ids[key] = f"{_slug(key)}-{digest(key)[:16]}{suffix}"
    return ids


def _slug(key: str) -> str:
    kind, _, value = key.partition(":")
    words = _url_words(value) if kind == "url" else value.split()
    slug = "-".join(word for word in words if word not in _STOP)
    slug = _NON_SLUG.sub("-", slug.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0]
    return slug or "source"


def _url_words(value: str) -> list[str]:
    """Host without its top-level domain, then the words of the last path segment."""
    host, _, path = value.partition("/")  # a url key is "host/path?query"
    labels = host.split(".")
    host_words = labels[:-1] if len(labels) > 1 else labels
    segments = [seg for seg in path.split("?")[0].split("/") if seg]
    tail = _NON_SLUG.split(urllib.parse.unquote(segments[-1]).lower()) if segments else []
    return host_words[-2:] + [word for word in tail if word][:4]
