"""Fetching one URL hop by hop: politeness, retries, HEAD→GET fallback, capped bodies.

Redirects are followed here, not by the HTTP library, so every hop is recorded, re-vetted by the
address guard (new hosts connect through ``GuardedBackend``) and counted against the limit.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import zlib
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

import httpx

from citecheck.check._outcome import (
    NETWORK_ERRORS,
    Failure,
    Response,
    Trace,
    failure_of,
    media_type,
)
from citecheck.check._page import Page, bot_wall, parse_page
from citecheck.check._politeness import Politeness, Sleep
from citecheck.check._urls import host_header, parse, port_of
from citecheck.config import Settings
from citecheck.model import FailureKind, Hop
from citecheck.net import Answer, Ask, Line, Origin, Pools, guard_url_host, redact_userinfo

if TYPE_CHECKING:
    from tenacity import RetryCallState

_REDIRECTS = {301, 302, 303, 307, 308}
_TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524}
_TRANSIENT_FAILURES = {FailureKind.TIMEOUT, FailureKind.RESET}
_TEXT_TYPES = ("text/", "application/xhtml")
_DRAIN_MAX = 64 * 1024
# A slow server trickling bytes never trips a per-read timeout: bound the whole attempt too.
_ATTEMPT_BUDGET = 3


class Fetcher:
    """Fetches URLs politely through per-host pools; one instance per run."""

    def __init__(
        self,
        settings: Settings,
        pools: Pools,
        politeness: Politeness,
        sleep: Sleep,
        *,
        capture: bool,
    ) -> None:
        self._settings = settings
        self._pools = pools
        self._polite = politeness
        self._sleep = sleep
        self._capture = capture

    async def trace(self, url: str) -> Trace:
        """Follow ``url`` through redirects and meta refreshes to a final answer or failure."""
        jar = _Jar()  # cookies live for one check only, never across links
        hops: list[Hop] = []
        seen: set[tuple[str, str]] = set()
        attempts, refreshed_to, current = 0, None, url

        def ended(
            response: Response | None, failure: Failure | None, page: Page | None = None
        ) -> Trace:
            return Trace(url, tuple(hops), response, failure, attempts, page, refreshed_to, current)

        while True:
            key = (current, jar.header(current) or "")
            if key in seen:
                return ended(None, Failure(FailureKind.LOOP, "redirect loop"))
            seen.add(key)
            outcome, used = await self._hop(current, jar)
            attempts += used
            if isinstance(outcome, Failure):
                return ended(None, outcome)
            page = _page_of(outcome)
            target = _next_url(outcome, page)
            if target is None:
                return ended(outcome, None, page)
            if isinstance(target, Failure):
                return ended(outcome, target)
            hops.append(Hop(current, outcome.status))
            if len(hops) > self._settings.max_redirects:
                limit = f"more than {self._settings.max_redirects} redirects"
                return ended(None, Failure(FailureKind.TOO_MANY_REDIRECTS, limit))
            if outcome.status < 300:
                refreshed_to = target
            current = target

    async def _hop(self, url: str, jar: _Jar) -> tuple[Response | Failure, int]:
        """One URL: HEAD first if configured (trusted only for a 2xx non-HTML answer), then GET."""
        used = 0
        if self._settings.head_first and not self._capture:
            head = await self._once("HEAD", url, jar)
            used += 1
            if _conclusive_head(head):
                return head, used
        outcome, attempts = await self._with_retries(url, jar)
        return outcome, used + attempts

    async def _with_retries(self, url: str, jar: _Jar) -> tuple[Response | Failure, int]:
        # Most answers are final: tenacity (and its bookkeeping) only runs for a retry, and
        # is only loaded then (~20 ms).
        first = await self._once("GET", url, jar)
        if self._settings.retries == 0 or not _transient(first):
            return first, 1
        from tenacity import AsyncRetrying, stop_after_attempt

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._settings.retries),
            wait=self._wait,
            retry=_should_retry,
            sleep=self._sleep,
            retry_error_callback=_last_outcome,
        )
        outcome, attempts = first, 1
        await self._sleep(self._delay_after(first, 1))
        # No ``with attempt:`` block: it would swallow every exception, cancellation included.
        # ``_once`` returns failures as values, so each outcome is recorded as a result.
        async for attempt in retrying:
            attempts = 1 + attempt.retry_state.attempt_number
            outcome = await self._once("GET", url, jar)
            attempt.retry_state.set_result(outcome)
        return outcome, attempts

    def _wait(self, state: RetryCallState) -> float:
        outcome = state.outcome.result() if state.outcome is not None else None
        return self._delay_after(outcome, 1 + state.attempt_number)

    def _delay_after(self, outcome: Response | Failure | None, attempt: int) -> float:
        """Retry-After when the server gave one (capped), else exponential backoff."""
        if isinstance(outcome, Response):
            after = _retry_after(outcome.header("retry-after"))
            if after is not None:
                return min(after, self._settings.retry_after_cap)
        return float(self._settings.retry_backoff * 2 ** (attempt - 1))

    async def _once(self, method: str, url: str, jar: _Jar) -> Response | Failure:
        parsed = parse(url)
        host = parsed.host.lower().rstrip(".")
        try:
            if self._pools.proxy(parsed.scheme, host) and not self._settings.allow_private:
                guard_url_host(host)
            sent = self._request_headers(parsed, jar)
            origin = (parsed.raw_scheme, parsed.raw_host, port_of(parsed))
            # The connection is readied before the request waits for a global slot, so a freed
            # slot goes to a request that can be written at once. The global slot is entered
            # last so that it is left first, before the connection is put back; the answer is
            # built after all of them.
            async with (
                self._pools.lease(parsed.scheme, host) as pool,
                self._polite.host(host) as slot,
                pool.reserve(origin, self._settings.timeout) as line,
                slot.start(),
            ):
                received = await self._exchange(line, method, origin, parsed.raw_path, sent)
        except NETWORK_ERRORS as exc:  # every network failure becomes evidence, not a crash
            return failure_of(exc)
        response = _response(method, str(parsed), sent, received)
        jar.remember(response)
        return response

    async def _exchange(
        self, line: Line, method: str, origin: Origin, target: bytes, sent: list[tuple[str, str]]
    ) -> _Received:
        """The network part of one request: the answer's head and its (capped) body."""
        timeout = self._settings.timeout
        scheme, host, port = origin
        ask = Ask(
            method=method.encode("ascii"),
            scheme=scheme,
            host=host,
            port=port,
            target=target,
            headers=tuple((k.encode("latin-1"), v.encode("latin-1")) for k, v in sent),
            timeout=timeout,
            deadline=asyncio.get_running_loop().time() + timeout * _ATTEMPT_BUDGET,
        )
        async with line.open(ask) as answer:
            head = _Head(method, answer)
            cap = self._body_cap(head)
            if cap == 0:
                await _drain(answer, head)
                body, truncated = b"", False
            else:
                body, truncated = await _read_capped(answer, cap, head.header(b"content-encoding"))
            peer = _peer(answer) if self._capture else None
            return _Received(head, body, truncated, peer)

    def _request_headers(self, url: httpx.URL, jar: _Jar) -> list[tuple[str, str]]:
        headers = [("Host", host_header(url)), ("User-Agent", self._settings.user_agent)]
        headers += list(self._settings.headers)
        headers.append(("Accept-Encoding", "gzip, deflate"))
        cookie = jar.header(str(url))
        if cookie:
            headers.append(("Cookie", cookie))
        return headers

    def _body_cap(self, head: _Head) -> int:
        if head.method == "HEAD" or head.answer.status in _REDIRECTS:
            return 0
        if self._capture and 200 <= head.answer.status < 300:
            return self._settings.capture_max_bytes
        # Bodies matter only for soft-404, parking and bot-wall detection: all in HTML/text.
        return self._settings.max_body_bytes if head.wants_body() else 0


class _Head:
    """An answer's head while its body is being read (raw bytes: decoded only afterwards)."""

    __slots__ = ("answer", "method")

    def __init__(self, method: str, answer: Answer) -> None:
        self.method = method
        self.answer = answer

    def header(self, name: bytes) -> str | None:
        for key, value in self.answer.headers:
            if key.lower() == name:
                return value.decode("latin-1")
        return None

    def wants_body(self) -> bool:
        return _wants_body(media_type(self.header(b"content-type")))


@dataclasses.dataclass(frozen=True, slots=True)
class _Received:
    head: _Head
    body: bytes
    truncated: bool
    peer: str | None


def _response(method: str, url: str, sent: list[tuple[str, str]], got: _Received) -> Response:
    answer = got.head.answer
    headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in answer.headers)
    if got.body and got.head.header(b"content-encoding"):
        # The body is kept decoded, so headers describing the wire encoding no longer apply.
        drop = {"content-encoding", "content-length"}
        headers = tuple((k, v) for k, v in headers if k.lower() not in drop)
    return Response(
        method=method,
        url=url,
        status=answer.status,
        reason=answer.reason.decode("latin-1"),
        http_version=answer.http_version.decode("latin-1"),
        request_headers=tuple(sent),
        headers=headers,
        body=got.body,
        truncated=got.truncated,
        peer=got.peer,
    )


async def _drain(answer: Answer, head: _Head) -> None:
    """Read and drop a small unwanted body (a redirect's, a tiny PDF's) so the connection can
    be reused; a large one is abandoned instead, which closes the connection."""
    if head.method == "HEAD":
        return
    length = head.header(b"content-length")
    if length is not None and (not length.isdigit() or int(length) > _DRAIN_MAX):
        return
    read = 0
    async for chunk in answer.chunks():
        read += len(chunk)
        if read > _DRAIN_MAX:
            return


def _conclusive_head(head: Response | Failure) -> bool:
    """A HEAD answer is trusted only when 2xx and not a page whose body must be looked at."""
    return isinstance(head, Response) and head.status < 300 and not _wants_body(head.content_type)


def _wants_body(content_type: str) -> bool:
    """Text (or unlabelled) answers may be soft 404s, parked pages or bot walls; a PDF is not."""
    return content_type == "" or content_type.startswith(_TEXT_TYPES)


async def _read_capped(answer: Answer, cap: int, encoding: str | None) -> tuple[bytes, bool]:
    """Read at most ``cap`` decoded bytes; the rest is never read (the connection is dropped)."""
    decoder = _decoder(encoding)
    out = bytearray()
    async for chunk in answer.chunks():
        out += decoder.decompress(chunk, cap + 1 - len(out)) if decoder else chunk
        if len(out) > cap:
            return bytes(out[:cap]), True
    return bytes(out), False


def _decoder(encoding: str | None) -> zlib._Decompress | None:
    if encoding and encoding.strip().lower() in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # accepts gzip and zlib headers
    return None


def _page_of(response: Response) -> Page | None:
    if response.method != "GET" or not response.body or not response.is_html:
        return None
    charset = None
    for part in (response.header("content-type") or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return parse_page(response.body, charset)


def _next_url(response: Response, page: Page | None) -> str | Failure | None:
    """Where to go next: a redirect's Location, a meta refresh elsewhere, or nowhere."""
    if response.status in _REDIRECTS:
        location = response.header("location")
        if not location:
            detail = f"{response.status} redirect without a Location"
            return Failure(FailureKind.BAD_REDIRECT, detail)
        return _join(response.url, location)
    if page is not None and page.refresh_url and 200 <= response.status < 300:
        target = _join(response.url, page.refresh_url)
        if isinstance(target, str) and target.split("#")[0] != response.url.split("#")[0]:
            return target
    return None


def _join(base: str, location: str) -> str | Failure:
    try:
        joined = httpx.URL(base).join(location.strip())
    except (httpx.InvalidURL, ValueError) as exc:
        return Failure(FailureKind.BAD_REDIRECT, f"invalid redirect target {location!r} ({exc})")
    if joined.scheme not in ("http", "https"):
        return Failure(FailureKind.BAD_REDIRECT, f"redirect to unsupported URL {location!r}")
    # A redirect may carry credentials too: never recorded, and never sent (see net).
    return redact_userinfo(str(joined.copy_with(fragment=None)))


def _should_retry(state: RetryCallState) -> bool:
    return _transient(state.outcome.result() if state.outcome is not None else None)


def _transient(outcome: Response | Failure | None) -> bool:
    """Worth another try: timeouts, resets, 5xx, 429 - but not a bot wall, which stays up."""
    if isinstance(outcome, Failure):
        return outcome.kind in _TRANSIENT_FAILURES
    if not isinstance(outcome, Response) or outcome.status not in _TRANSIENT_STATUS:
        return False
    return bot_wall({k.lower(): v for k, v in outcome.headers}, outcome.body) is None


def _last_outcome(state: RetryCallState) -> Response | Failure:
    assert state.outcome is not None
    result: Response | Failure = state.outcome.result()
    return result


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


class _Jar:
    """One check's cookies: nothing to do (and nothing allocated) until a server sets one."""

    def __init__(self) -> None:
        self._cookies: httpx.Cookies | None = None

    def header(self, url: str) -> str | None:
        if self._cookies is None:
            return None
        request = httpx.Request("GET", url)
        self._cookies.set_cookie_header(request)
        cookie: str | None = request.headers.get("cookie")
        return cookie

    def remember(self, response: Response) -> None:
        if response.header("set-cookie") is None:
            return
        if self._cookies is None:
            self._cookies = httpx.Cookies()
        request = httpx.Request(response.method, response.url)
        self._cookies.extract_cookies(
            httpx.Response(response.status, headers=response.headers, request=request)
        )


def _peer(answer: Answer) -> str | None:
    address = answer.peer()
    return f"{address[0]}:{address[1]}" if isinstance(address, tuple) else None
