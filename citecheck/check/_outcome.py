"""What fetching a URL yields: answers, failures and traces, and how errors become failures.

A network failure is evidence, not an exception: every error the transport can raise maps to a
``Failure`` with a ``kind`` the verdict rules understand.
"""

from __future__ import annotations

import functools
import ssl
import zlib
from dataclasses import dataclass

import httpcore

from citecheck.check._page import Page
from citecheck.model import FailureKind, Hop
from citecheck.net import AddressRefused, NameNotResolved

NETWORK_ERRORS = (
    httpcore.NetworkError,
    httpcore.TimeoutException,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
    AddressRefused,
    TimeoutError,
    OSError,
    zlib.error,
)


@dataclass(frozen=True)
class Response:
    """One HTTP answer with its body read up to a cap (decoded from gzip/deflate)."""

    method: str
    url: str
    status: int
    reason: str
    http_version: str
    request_headers: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    body: bytes
    truncated: bool
    peer: str | None

    def header(self, name: str) -> str | None:
        return self._index.get(name.lower())

    @functools.cached_property
    def _index(self) -> dict[str, str]:
        # Headers are asked for several times per answer: index them once (first value wins).
        index: dict[str, str] = {}
        for key, value in self.headers:
            index.setdefault(key.lower(), value)
        return index

    @functools.cached_property
    def content_type(self) -> str:
        return media_type(self.header("content-type"))

    @property
    def is_html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml", "")


@dataclass(frozen=True)
class Failure:
    """Why no answer came, and the detail a human reason quotes."""

    kind: FailureKind
    detail: str


@dataclass(frozen=True)
class Trace:
    """Everything learnt fetching one URL: the hops, then a final answer or a failure."""

    url: str
    hops: tuple[Hop, ...]
    response: Response | None
    failure: Failure | None
    attempts: int
    page: Page | None = None
    refreshed_to: str | None = None
    stopped_at: str = ""  # the URL being fetched when the trace ended

    @property
    def final_url(self) -> str | None:
        return self.response.url if self.response is not None else None


def media_type(content_type: str | None) -> str:
    """``text/html`` of ``Text/HTML; charset=utf-8``; "" when there is no Content-Type."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def failure_of(exc: BaseException) -> Failure:
    if isinstance(exc, AddressRefused):
        return Failure(FailureKind.GUARD, str(exc))
    if isinstance(exc, NameNotResolved):
        return Failure(FailureKind.NAME if exc.permanent else FailureKind.DNS, exc.detail)
    if isinstance(exc, (TimeoutError, httpcore.TimeoutException)):
        return Failure(FailureKind.TIMEOUT, "timed out")
    if isinstance(exc, ssl.SSLError) or _caused_by_tls(exc):
        return Failure(FailureKind.TLS, f"TLS failure: {_tls_detail(exc)}")
    if isinstance(exc, httpcore.ConnectError):
        refused = _caused_by(exc, ConnectionRefusedError)
        detail = "connection refused" if refused else f"cannot connect: {exc}"
        return Failure(FailureKind.REFUSED, detail)
    if isinstance(exc, (httpcore.ReadError, httpcore.WriteError, httpcore.RemoteProtocolError)):
        if _caused_by(exc, ConnectionResetError) or "reset" in str(exc).lower():
            return Failure(FailureKind.RESET, "connection reset by the server")
        return Failure(FailureKind.RESET, "connection closed without a complete answer")
    return Failure(FailureKind.PROTOCOL, f"{type(exc).__name__}: {exc}")


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _caused_by_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "SSL" in str(seen)[:40]:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _tls_detail(exc: BaseException) -> str:
    text = str(exc)
    return text.split("] ", 1)[-1].split(" (_ssl", 1)[0] if "]" in text else text
