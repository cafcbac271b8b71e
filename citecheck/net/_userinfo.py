"""Credentials in URLs: masked before a URL goes anywhere but its own host.

``http://alice:secret@host/…`` carries a password in its user-info part. citecheck never sends
user-info (not even to the host: it is not turned into an Authorization header), and every URL
it writes or sends elsewhere — snapshots, WARC records, reports, the terminal, queries to web
archives — has it masked as pip does: ``alice:****`` when there is a password, ``****`` when
the whole user-info may be a token (``https://TOKEN@github.com/…``).
"""

from __future__ import annotations

import re

MASK = "****"
# scheme://userinfo@ — up to the last "@" before the path, as browsers split an authority.
_USERINFO = re.compile(r"(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://)([^/?#\s<>\"'`]*)@")


def redact_userinfo(text: str) -> str:
    """``text`` (a URL, or prose holding URLs) with every URL's user-info masked."""
    return _USERINFO.sub(_masked, text) if "@" in text else text


def _masked(match: re.Match[str]) -> str:
    user, colon, _password = match.group(2).partition(":")
    return f"{match.group(1)}{user}:{MASK}@" if colon else f"{match.group(1)}{MASK}@"
