"""URL questions the checker asks: can it be requested, is a redirect trivial, is it a home page."""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Sequence

import httpx

_SCHEMES = ("http", "https")
_SPACE = re.compile(r"\s")  # the same characters as str.isspace, without a loop per character
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Where sites send you when the page is gone: the root, an index file, a language root.
_HOME_PATHS = re.compile(
    r"^/?((index|default|home|start)(\.(html?|php|aspx?|jsp))?|[a-z]{2}([-_][a-z]{2})?/?)?$",
    re.IGNORECASE,
)
_LOGIN_PATH = re.compile(
    r"/(login|log-in|signin|sign-in|sign_in|logon|auth|authenticate|sso|cas/login|"
    r"account/login|users/sign_in|idp)(/|\.\w+)?$",
    re.IGNORECASE,
)
_CONSENT_HOST = re.compile(r"(^|\.)(consent|cmp|privacy-center)\.", re.IGNORECASE)
_CONSENT_PATH = re.compile(r"/(cookie-?consent|consent|gdpr-consent|privacy-gate)(/|$)", re.I)
_LABEL = r"[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?"
_HOST = re.compile(rf"^{_LABEL}(\.{_LABEL})*\.?$", re.IGNORECASE)
_NOT_FOUND_PATH = re.compile(
    r"(^|[/_.=-])(404|40[0-9]\.html?|not[-_]?found|page[-_]?not[-_]?found|error[-_]?404|"
    r"pagenotfound|notfound)([/_.?&=-]|$)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def parse(url: str) -> httpx.URL:
    """``httpx.URL(url)``, remembered: a link is validated, fetched and compared by its URL,
    and parsing is a tenth of the checker's CPU. Bounded, so memory stays flat."""
    return httpx.URL(url)


def invalid_reason(url: str) -> str | None:
    """Why ``url`` cannot be requested as written, or None when it can."""
    if not url or _SPACE.search(url):
        return "whitespace inside the URL" if url.strip() else "empty URL"
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in _SCHEMES:
        return f"unsupported scheme {scheme + ':' if scheme else '(none)'}"
    try:
        parsed = parse(url)
    except (httpx.InvalidURL, ValueError) as exc:
        return f"malformed URL ({exc})"
    if not parsed.host:
        return "malformed URL (no host)"
    if parsed.port is not None and not 0 < parsed.port < 65536:
        return f"malformed URL (port {parsed.port} out of range)"
    host = parsed.raw_host.decode("ascii", "replace")
    if ":" not in host and not _HOST.match(host):
        return f"malformed URL (host {parsed.host!r})"
    return None


def excluded_by(url: str, patterns: Sequence[str]) -> str | None:
    """The first ``exclude`` pattern (a regular expression, searched) that matches ``url``."""
    return next((p for p in patterns if re.search(p, url)), None)


def host_of(url: str) -> str:
    """The host name of a URL, lowercased (cheap: no normalisation); "" if it has none."""
    try:
        return (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # e.g. an unclosed IPv6 bracket: the URL is invalid, found out later
        return ""


def port_of(url: httpx.URL) -> int:
    """The port a request for ``url`` connects to: the written one, else the scheme's."""
    return url.port or _DEFAULT_PORTS[url.scheme]


def is_trivial_redirect(original: str, final: str) -> bool:
    """Same resource modulo http→https, www., a trailing slash, a default port, host case."""
    return _canonical(original) == _canonical(final)


def _canonical(url: str) -> tuple[str, str, str]:
    parsed = parse(url)
    host = parsed.host.lower().rstrip(".")
    host = host.removeprefix("www.")
    path = parsed.path.rstrip("/") or "/"
    return host, path, parsed.query.decode("ascii", "replace")


def is_home_page(url: str) -> bool:
    """True for a site root, index file or language root (``/``, ``/index.html``, ``/en/``)."""
    parsed = parse(url)
    return bool(_HOME_PATHS.match(parsed.path)) and not parsed.query


def is_not_found_url(url: str) -> bool:
    """True when the URL itself names a not-found page (``/404.html``, ``/page-not-found``)."""
    parsed = parse(url)
    return bool(_NOT_FOUND_PATH.search(parsed.path + "?" + parsed.query.decode("ascii", "replace")))


def gate_kind(url: str) -> str | None:
    """The kind of gate the URL is (a login or cookie consent page), or None."""
    parts = urllib.parse.urlsplit(url)
    if _CONSENT_HOST.search(parts.hostname or "") or _CONSENT_PATH.search(parts.path):
        return "cookie consent"
    if _LOGIN_PATH.search(parts.path):
        return "login"
    return None


def host_header(url: httpx.URL) -> str:
    """The Host header for ``url``: the IDNA host, bracketed if IPv6, port if not the default."""
    host = url.raw_host.decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    if url.port is not None and url.port != _DEFAULT_PORTS.get(url.scheme):
        host += f":{url.port}"
    return host
