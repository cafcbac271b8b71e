"""Every verdict, decided against real local servers (real sockets, real TLS, real timeouts)."""

from __future__ import annotations

import pytest
import trustme

from citecheck.model import Hop, Verdict
from tests.check.conftest import Checker
from tests.support.simweb import Reply, SimWeb, html, redirect

ARTICLE = " ".join(f"paragraph {w} of the cited study on trafficking" for w in "abcdefghij" * 4)
NOT_FOUND_TEMPLATE = "Sorry, we looked everywhere. " + "Menu Home About Contact Search " * 20


def article(title: str = "A study") -> Reply:
    return html(f"<h1>{title}</h1><p>{ARTICLE}</p>", title=title)


# ------------------------------------------------------------------------------------ alive


def test_alive_200(checker: Checker) -> None:
    checker.web.route("example.org", "/report", article())
    result = checker.one("http://example.org/report")
    assert (result.verdict, result.reason, result.status_code) == (Verdict.ALIVE, "200 OK", 200)
    assert result.final_url == "http://example.org/report"
    assert result.redirects == ()
    assert result.notes == (1,) and result.sources == ("src-1",)
    assert result.content_type == "text/html"


def test_alive_over_https_with_trusted_ca(checker: Checker) -> None:
    checker.web.route("secure.test", "/doc", article())
    result = checker.one("https://secure.test/doc")
    assert result.verdict is Verdict.ALIVE, result.reason


@pytest.mark.parametrize(
    ("start", "location"),
    [
        ("http://example.org/report", "https://example.org/report"),  # http -> https
        ("http://example.org/report", "http://www.example.org/report"),  # www added
        ("http://www.example.org/report", "http://example.org/report"),  # www removed
        ("http://example.org/report", "http://example.org/report/"),  # trailing slash
    ],
)
def test_trivial_redirects_are_alive(checker: Checker, start: str, location: str) -> None:
    for host in ("example.org", "www.example.org"):
        checker.web.fallback(host, article())
    # Only the cited form redirects (by host, and by scheme for http -> https).
    cited_host = start.split("/")[2]
    checker.web.route(
        cited_host,
        "/report",
        lambda req: redirect(location) if req.scheme == "http" else article(),
    )
    result = checker.one(start)
    assert result.verdict is Verdict.ALIVE, result.reason
    assert result.final_url == location
    assert result.redirects == (Hop(start, 301),)
    assert "trivial redirect" in result.reason


def test_pdf_is_alive_without_reading_it(checker: Checker) -> None:
    pdf = Reply(200, (("Content-Type", "application/pdf"),), stream_bytes=60_000_000)
    checker.web.route("example.org", "/report.pdf", pdf)
    result = checker.one("http://example.org/report.pdf")
    assert result.verdict is Verdict.ALIVE
    assert result.content_type == "application/pdf"
    sent = checker.web.requests_for("example.org", "/report.pdf")[0].bytes_sent
    assert sent < 20_000_000  # dropped after the headers: only socket buffers filled up


# ------------------------------------------------------------------------------------ moved


def test_redirect_to_another_path_is_moved(checker: Checker) -> None:
    checker.web.route("example.org", "/old", redirect("/new/location", 301))
    checker.web.route("example.org", "/new/location", redirect("https://secure.test/final", 302))
    checker.web.route("secure.test", "/final", article())
    result = checker.one("http://example.org/old")
    assert result.verdict is Verdict.MOVED
    assert result.final_url == "https://secure.test/final"
    assert result.redirects == (
        Hop("http://example.org/old", 301),
        Hop("http://example.org/new/location", 302),
    )
    assert result.reason == "redirects to https://secure.test/final (200 OK)"


def test_meta_refresh_is_moved(checker: Checker) -> None:
    refresh = '<meta http-equiv="refresh" content="0; url=/moved-here">'
    checker.web.route("example.org", "/page", html("redirecting", extra=refresh))
    checker.web.route("example.org", "/moved-here", article())
    result = checker.one("http://example.org/page")
    assert result.verdict is Verdict.MOVED
    assert result.final_url == "http://example.org/moved-here"
    assert result.redirects == (Hop("http://example.org/page", 200),)
    assert result.reason.startswith("meta refresh to http://example.org/moved-here")


# ------------------------------------------------------------------------------------- gone


@pytest.mark.parametrize(("status", "reason"), [(404, "404 Not Found"), (410, "410 Gone")])
def test_definitive_4xx_is_gone_and_not_retried(checker: Checker, status: int, reason: str) -> None:
    checker.web.route("example.org", "/missing", Reply(status))
    result = checker.one("http://example.org/missing")
    assert (result.verdict, result.reason, result.status_code) == (Verdict.GONE, reason, status)
    assert len(checker.web.requests_for("example.org", "/missing")) == 1
    assert result.attempts == 1


def test_redirect_to_home_page_is_gone(checker: Checker) -> None:
    checker.web.route("example.org", "/reports/2017/study", redirect("/"))
    checker.web.route("example.org", "/", article("Welcome"))
    result = checker.one("http://example.org/reports/2017/study")
    assert result.verdict is Verdict.GONE
    assert result.reason == "redirects to the home page (http://example.org/)"
    assert result.final_url == "http://example.org/"


def test_redirect_to_not_found_page_is_gone(checker: Checker) -> None:
    checker.web.route("example.org", "/study", redirect("/errors/404.html"))
    checker.web.route("example.org", "/errors/404.html", article("Oops"))
    result = checker.one("http://example.org/study")
    assert result.verdict is Verdict.GONE
    assert result.reason.startswith("redirects to a not-found page")


def test_soft_404_same_as_random_url(checker: Checker) -> None:
    # The site answers every unknown path with the same 200 page, echoing the path.
    checker.web.fallback(
        "example.org", lambda req: html(f"{req.path} {NOT_FOUND_TEMPLATE}", title="Example")
    )
    result = checker.one("http://example.org/vanished/article-123")
    assert result.verdict is Verdict.GONE
    assert result.reason == "soft 404: same page as a random URL on this host"
    probes = [r for r in checker.web.requests if "citecheck-no-such-page" in r.path]
    assert len(probes) == 1


def test_soft_404_probe_once_per_host_and_real_pages_survive(checker: Checker) -> None:
    checker.web.fallback("example.org", html(NOT_FOUND_TEMPLATE, title="Example"))
    checker.web.route("example.org", "/a", article("First"))
    checker.web.route("example.org", "/b", article("Second"))
    run = checker.run("http://example.org/a", "http://example.org/b", "http://example.org/gone")
    assert [r.verdict for r in run.results] == [Verdict.ALIVE, Verdict.ALIVE, Verdict.GONE]
    assert len([r for r in checker.web.requests if "no-such-page" in r.path]) == 1


def test_page_that_says_not_found_is_gone(checker: Checker) -> None:
    checker.web.route("example.org", "/p", html("<h1>Page not found</h1>" + ARTICLE, title="X"))
    result = checker.one("http://example.org/p")
    assert result.verdict is Verdict.GONE
    assert result.reason == 'soft 404: the page says "Page not found"'


@pytest.mark.parametrize(
    ("body", "service"),
    [
        ('<script src="https://sedoparking.com/park.js"></script>Related', "sedoparking"),
        ("<h1>This domain is for sale!</h1> Make an offer today.", "for sale"),
        ('<iframe src="//www.bodis.com/park"></iframe>', "bodis"),
    ],
)
def test_parked_domain_is_gone(checker: Checker, body: str, service: str) -> None:
    checker.web.route("example.org", "/paper", html(body, title="example.org"))
    result = checker.one("http://example.org/paper")
    assert (result.verdict, result.reason) == (Verdict.GONE, f"parked domain ({service})")


def test_redirect_to_parking_service_is_gone(checker: Checker) -> None:
    checker.web.route("example.org", "/paper", redirect("http://www.example.org/lander"))
    checker.web.route(
        "www.example.org",
        "/lander",
        html('Buy now at <a href="https://dan.com/buy-domain/example.org">dan.com</a>'),
    )
    result = checker.one("http://example.org/paper")
    assert (result.verdict, result.reason) == (Verdict.GONE, "parked domain (dan)")


def test_missing_host_name_is_gone_when_others_answer(checker: Checker) -> None:
    checker.web.route("example.org", "/a", article())
    run = checker.run("http://example.org/a", "http://no-such-host.example/paper")
    gone = run.results[1]
    assert gone.verdict is Verdict.GONE
    assert gone.reason.startswith("host name does not exist")
    assert gone.failure == "name"  # structured evidence: later stages never parse the reason
    assert run.reachability.value == "online"


# ---------------------------------------------------------------------------------- blocked


def test_cloudflare_challenge_is_blocked(checker: Checker) -> None:
    wall = Reply(
        403,
        (("cf-mitigated", "challenge"), ("Server", "cloudflare")),
        b"<title>Just a moment...</title>",
    )
    checker.web.route("example.org", "/cf", wall)
    result = checker.one("http://example.org/cf")
    assert (result.verdict, result.reason) == (
        Verdict.BLOCKED,
        "bot wall: 403 with Cloudflare challenge",
    )


def test_captcha_503_is_blocked_not_retried(checker: Checker) -> None:
    checker.web.route("example.org", "/c", Reply(503, body=b"<p>Please solve the CAPTCHA</p>"))
    result = checker.one("http://example.org/c")
    assert result.verdict is Verdict.BLOCKED
    assert "captcha" in result.reason
    assert result.attempts == 1


@pytest.mark.parametrize("status", [401, 403])
def test_plain_401_403_are_blocked_not_gone(checker: Checker, status: int) -> None:
    checker.web.route("example.org", "/x", Reply(status))
    result = checker.one("http://example.org/x")
    assert result.verdict is Verdict.BLOCKED
    assert "refuses automated checks" in result.reason


def test_persistent_429_is_blocked(checker: Checker) -> None:
    checker.web.route("example.org", "/busy", Reply(429, (("Retry-After", "1"),)))
    result = checker.one("http://example.org/busy")
    assert result.verdict is Verdict.BLOCKED
    assert result.reason == "429 Too Many Requests persisted (3 attempts)"
    assert checker.sleeps == [1.0, 1.0]


# ------------------------------------------------------------------------------------ error


def test_persistent_5xx_is_error(checker: Checker) -> None:
    checker.web.route("example.org", "/down", Reply(502))
    result = checker.one("http://example.org/down")
    assert (result.verdict, result.reason) == (
        Verdict.ERROR,
        "502 Bad Gateway persisted (3 attempts)",
    )
    assert len(checker.web.requests_for("example.org", "/down")) == 3


def test_timeout_is_error(checker: Checker) -> None:
    checker.web.route("example.org", "/slow", Reply(action="stall"))
    result = checker.one("http://example.org/slow", retries=0)
    assert (result.verdict, result.reason) == (Verdict.ERROR, "timed out (1 attempt)")


def test_reset_is_error(checker: Checker) -> None:
    checker.web.route("example.org", "/rst", Reply(action="reset"))
    result = checker.one("http://example.org/rst", retries=1)
    assert result.verdict is Verdict.ERROR
    assert result.reason.startswith("connection")
    assert len(checker.web.requests_for("example.org", "/rst")) == 2  # resets are retried


def test_refused_connection_is_error(checker: Checker) -> None:
    from citecheck.check import StaticResolver

    closed_port = _closed_port()
    resolver = StaticResolver({"example.org": ("127.0.0.1", closed_port)}, checker.web.resolver())
    checker.web.route("secure.test", "/ok", article())
    run = checker.run("http://example.org/x", "https://secure.test/ok", resolver=resolver)
    assert (run.results[0].verdict, run.results[0].reason) == (
        Verdict.ERROR,
        "connection refused (1 attempt)",
    )


def test_untrusted_certificate_is_error(tls_simweb: SimWeb, make_checker: object) -> None:
    with SimWeb(tls_hosts=["secure.test"], ca=trustme.CA()) as other:  # a CA nobody trusts
        other.route("secure.test", "/doc", article())
        checker = make_checker(other)  # type: ignore[operator]
        result = checker.one("https://secure.test/doc")
    assert result.verdict is Verdict.ERROR
    assert result.reason.startswith("TLS failure: ")
    assert "certificate verify failed" in result.reason


def test_redirect_loop_is_error(checker: Checker) -> None:
    checker.web.route("example.org", "/a", redirect("/b"))
    checker.web.route("example.org", "/b", redirect("/a"))
    result = checker.one("http://example.org/a")
    assert (result.verdict, result.reason) == (Verdict.ERROR, "redirect loop")


def test_too_many_redirects_is_error(checker: Checker) -> None:
    checker.web.fallback(
        "example.org", lambda req: redirect(f"/hop{int(req.path.strip('/hop') or 0) + 1}")
    )
    result = checker.one("http://example.org/hop0", max_redirects=4)
    assert (result.verdict, result.reason) == (Verdict.ERROR, "more than 4 redirects")


# --------------------------------------------------------------------- invalid and skipped


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mailto:someone@example.org", "unsupported scheme mailto:"),
        ("ftp://example.org/file.pdf", "unsupported scheme ftp:"),
        ("javascript:void(0)", "unsupported scheme javascript:"),
        ("http://exa mple.org/x", "whitespace inside the URL"),
        ("http:///nohost", "malformed URL (no host)"),
        ("http://example.org:99999/x", "malformed URL (port 99999 out of range)"),
        ("http://exa%20mple.org/x", None),
        ("http://a..b/x", None),
    ],
)
def test_invalid_urls_are_never_requested(checker: Checker, url: str, reason: str | None) -> None:
    result = checker.one(url)
    assert result.verdict is Verdict.INVALID
    if reason is not None:
        assert result.reason == reason
    else:
        assert result.reason.startswith("malformed URL")
    assert checker.web.requests == []


def test_excluded_urls_are_skipped(checker: Checker) -> None:
    checker.web.route("example.org", "/a", article())
    run = checker.run(
        "http://example.org/a", "http://example.org/private/x", exclude=(r"/private/",)
    )
    assert [r.verdict for r in run.results] == [Verdict.ALIVE, Verdict.SKIPPED]
    assert run.results[1].reason == "excluded by pattern '/private/'"
    assert checker.web.requests_for("example.org", "/private/x") == []


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
