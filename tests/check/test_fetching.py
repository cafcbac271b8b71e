"""How the checker fetches: retries, Retry-After, HEAD→GET, body caps, capture, cookies, headers."""

from __future__ import annotations

import gzip

from citecheck.model import Verdict
from tests.check.conftest import Checker
from tests.support.simweb import Reply, SimRequest, html, redirect, sequence

PAGE = html("<h1>Study</h1>" + "a real page about the cited study " * 30, title="Study")
PDF = Reply(200, (("Content-Type", "application/pdf"),), b"%PDF-1.7 ...")

# ---------------------------------------------------------------------------------- retries


def test_5xx_then_200_is_alive_after_a_retry(checker: Checker) -> None:
    checker.web.route("example.org", "/flaky", sequence(Reply(503), Reply(500), PAGE))
    result = checker.one("http://example.org/flaky", soft404_probe=False)
    assert result.verdict is Verdict.ALIVE
    assert result.attempts == 3
    assert len(checker.web.requests_for("example.org", "/flaky")) == 3
    assert checker.sleeps == [0.01, 0.02]  # exponential backoff, injected sleep


def test_retry_after_is_honoured(checker: Checker) -> None:
    checker.web.route("example.org", "/busy", sequence(Reply(429, (("Retry-After", "7"),)), PAGE))
    result = checker.one("http://example.org/busy", soft404_probe=False)
    assert result.verdict is Verdict.ALIVE
    assert checker.sleeps == [7.0]


def test_retry_after_is_capped(checker: Checker) -> None:
    checker.web.route(
        "example.org", "/busy", sequence(Reply(503, (("Retry-After", "3600"),)), PAGE)
    )
    result = checker.one("http://example.org/busy", soft404_probe=False, retry_after_cap=5.0)
    assert result.verdict is Verdict.ALIVE
    assert checker.sleeps == [5.0]


def test_retry_after_http_date_in_the_past_means_now(checker: Checker) -> None:
    stale = Reply(429, (("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),))
    checker.web.route("example.org", "/busy", sequence(stale, PAGE))
    assert checker.one("http://example.org/busy", soft404_probe=False).verdict is Verdict.ALIVE
    assert checker.sleeps == [0.0]


def test_404_is_not_retried(checker: Checker) -> None:
    checker.web.route("example.org", "/gone", Reply(404))
    result = checker.one("http://example.org/gone")
    assert result.attempts == 1
    assert checker.sleeps == []
    assert len(checker.web.requests_for("example.org", "/gone")) == 1


def test_timeout_then_success_is_alive(checker: Checker) -> None:
    checker.web.route("example.org", "/slow", sequence(Reply(action="stall"), PAGE))
    result = checker.one("http://example.org/slow", soft404_probe=False)
    assert result.verdict is Verdict.ALIVE
    assert result.attempts == 2


# ------------------------------------------------------------------------------ HEAD -> GET


def test_head_refused_falls_back_to_get(checker: Checker) -> None:
    checker.web.route(
        "example.org",
        "/doc.pdf",
        lambda req: Reply(405) if req.method == "HEAD" else PDF,
    )
    result = checker.one("http://example.org/doc.pdf", head_first=True)
    assert result.verdict is Verdict.ALIVE
    assert [r.method for r in checker.web.requests_for("example.org", "/doc.pdf")] == [
        "HEAD",
        "GET",
    ]


def test_head_404_never_concludes_gone(checker: Checker) -> None:
    checker.web.route(
        "example.org", "/doc.pdf", lambda req: Reply(404) if req.method == "HEAD" else PDF
    )
    result = checker.one("http://example.org/doc.pdf", head_first=True)
    assert result.verdict is Verdict.ALIVE
    assert [r.method for r in checker.web.requests_for("example.org", "/doc.pdf")] == [
        "HEAD",
        "GET",
    ]


def test_head_ok_for_a_pdf_needs_no_get(checker: Checker) -> None:
    checker.web.route("example.org", "/doc.pdf", PDF)
    result = checker.one("http://example.org/doc.pdf", head_first=True)
    assert result.verdict is Verdict.ALIVE
    assert [r.method for r in checker.web.requests_for("example.org", "/doc.pdf")] == ["HEAD"]


def test_head_ok_for_html_still_gets_the_body(checker: Checker) -> None:
    checker.web.route("example.org", "/page", PAGE)
    result = checker.one("http://example.org/page", head_first=True, soft404_probe=False)
    assert result.verdict is Verdict.ALIVE
    assert [r.method for r in checker.web.requests] == ["HEAD", "GET"]


# ---------------------------------------------------------------------------- body handling


def test_large_html_body_is_not_fully_read(checker: Checker) -> None:
    big = Reply(200, (("Content-Type", "text/html"),), stream_bytes=60_000_000)
    checker.web.route("example.org", "/huge", big)
    result = checker.one("http://example.org/huge", max_body_bytes=100_000, soft404_probe=False)
    assert result.verdict is Verdict.ALIVE
    sent = checker.web.requests_for("example.org", "/huge")[0].bytes_sent
    assert sent < 20_000_000  # the cap stopped reading; only socket buffers filled


def test_capture_hands_over_the_final_exchange(checker: Checker) -> None:
    body = b"<html><title>T</title><body>" + b"captured text " * 100 + b"</body></html>"
    reply = Reply(
        200,
        (("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("X-Served-By", "simweb")),
        gzip.compress(body),
    )
    checker.web.route("example.org", "/old", redirect("/page"))
    checker.web.route("example.org", "/page", reply)
    run = checker.run("http://example.org/old", capture=True, soft404_probe=False)
    exchange = checker.emitted[0].exchange
    assert exchange is not None
    assert (exchange.method, exchange.url, exchange.status_code) == (
        "GET",
        "http://example.org/page",
        200,
    )
    assert exchange.body == body and not exchange.truncated
    assert ("X-Served-By", "simweb") in exchange.response_headers
    assert not any(k.lower() == "content-encoding" for k, _ in exchange.response_headers)
    assert ("Host", "example.org") in exchange.request_headers
    assert exchange.reason_phrase == "OK" and exchange.http_version == "HTTP/1.1"
    assert exchange.peer_address is not None and exchange.peer_address.startswith("127.0.0.1:")
    assert run.results[0].exchange is None  # the run keeps verdicts only: memory stays flat


def test_capture_is_capped(checker: Checker) -> None:
    big = Reply(200, (("Content-Type", "text/html"),), stream_bytes=3_000_000)
    checker.web.route("example.org", "/big", big)
    checker.run("http://example.org/big", capture=True, capture_max_bytes=1000, soft404_probe=False)
    exchange = checker.emitted[0].exchange
    assert exchange is not None
    assert len(exchange.body) == 1000 and exchange.truncated


# ------------------------------------------------------------------------ headers, cookies


def test_browser_like_headers_are_sent_and_configurable(checker: Checker) -> None:
    checker.web.route("example.org", "/p", PAGE)
    checker.one(
        "http://example.org/p",
        soft404_probe=False,
        user_agent="Editor/1.0",
        headers=(("Accept-Language", "fr"), ("X-Extra", "1")),
    )
    request = checker.web.requests[0]
    assert request.header("user-agent") == "Editor/1.0"
    assert request.header("accept-language") == "fr"
    assert request.header("x-extra") == "1"
    assert request.header("accept-encoding") == "gzip, deflate"


def test_default_headers_look_like_a_browser(checker: Checker) -> None:
    checker.web.route("example.org", "/p", PAGE)
    checker.one("http://example.org/p", soft404_probe=False)
    request = checker.web.requests[0]
    assert "Mozilla/5.0" in (request.header("user-agent") or "")
    assert "text/html" in (request.header("accept") or "")
    assert request.header("accept-language")


def _cookie_gate(request: SimRequest) -> Reply:
    """Sets a cookie and redirects back to itself; serves the page once the cookie comes back."""
    if "session=ok" in (request.header("cookie") or ""):
        return PAGE
    return Reply(302, (("Location", request.path), ("Set-Cookie", "session=ok; Path=/")))


def test_cookies_are_kept_within_one_check_not_across_links(checker: Checker) -> None:
    checker.web.route("example.org", "/a", _cookie_gate)
    checker.web.route("example.org", "/b", _cookie_gate)
    run = checker.run(
        "http://example.org/a", "http://example.org/b", soft404_probe=False, per_host=1
    )
    assert [r.verdict for r in run.results] == [Verdict.ALIVE, Verdict.ALIVE]
    first_b = checker.web.requests_for("example.org", "/b")[0]
    assert first_b.header("cookie") is None  # /a's cookie did not leak into /b's check
