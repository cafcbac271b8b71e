"""Pure rules: URL validity and redirects, page facts, soft-404 similarity, verdict logic."""

from __future__ import annotations

import pytest

from citecheck.check._classify import classify
from citecheck.check._outcome import Failure, Response, Trace
from citecheck.check._page import bot_wall, parse_page
from citecheck.check._soft404 import Fingerprint, probe_url, shingle_hashes, similarity
from citecheck.check._urls import (
    excluded_by,
    gate_kind,
    invalid_reason,
    is_home_page,
    is_not_found_url,
    is_trivial_redirect,
)
from citecheck.model import FailureKind, Hop, Verdict

# ---------------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("original", "final", "trivial"),
    [
        ("http://a.org/x", "https://a.org/x", True),
        ("http://a.org/x", "http://www.a.org/x", True),
        ("https://www.a.org/x/", "https://a.org/x", True),
        ("http://a.org:80/x", "https://a.org/x", True),
        ("http://A.org/x", "http://a.org/x", True),
        ("http://a.org/x", "http://a.org/y", False),
        ("http://a.org/x", "http://b.org/x", False),
        ("http://a.org/x?id=1", "http://a.org/x?id=2", False),
    ],
)
def test_trivial_redirects(original: str, final: str, trivial: bool) -> None:
    assert is_trivial_redirect(original, final) is trivial


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("http://a.org/", True),
        ("http://a.org", True),
        ("http://a.org/index.html", True),
        ("http://a.org/en/", True),
        ("http://a.org/en-us", True),
        ("http://a.org/default.aspx", True),
        ("http://a.org/reports/2017", False),
        ("http://a.org/?page=2", False),
    ],
)
def test_home_pages(url: str, home: bool) -> None:
    assert is_home_page(url) is home


@pytest.mark.parametrize(
    ("url", "not_found"),
    [
        ("http://a.org/404.html", True),
        ("http://a.org/errors/page-not-found", True),
        ("http://a.org/search?error=404", True),
        ("http://a.org/notfound", True),
        ("http://a.org/reports/4040-annual", False),
        ("http://a.org/found-it", False),
    ],
)
def test_not_found_urls(url: str, not_found: bool) -> None:
    assert is_not_found_url(url) is not_found


def test_invalid_reasons() -> None:
    assert invalid_reason("https://www.unodc.org/documents/x.pdf") is None
    assert invalid_reason("http://bücher.example/straße") is None  # IDN and non-ASCII paths
    assert invalid_reason("http://[2001:db8::1]/x") is None
    assert invalid_reason("") == "empty URL"
    assert invalid_reason("www.example.org/x") == "unsupported scheme (none)"
    assert invalid_reason("http://a.org/x y") == "whitespace inside the URL"


def test_exclude_patterns_are_searched_regexes() -> None:
    patterns = (r"^https?://(www\.)?facebook\.com/", "linkedin")
    assert excluded_by("https://www.facebook.com/groups/x", patterns) == patterns[0]
    assert excluded_by("https://example.org/?ref=linkedin", patterns) == "linkedin"
    assert excluded_by("https://example.org/facebook.com/", patterns) is None


# ---------------------------------------------------------------------------------- pages


def test_page_facts() -> None:
    page = parse_page(
        b"<html><head><title>  The &amp; Report </title>"
        b'<meta http-equiv="Refresh" content="5; URL=\'/new\'">'
        b"<script>var t = '<h1>not this</h1>';</script></head>"
        b"<body><h1>Main <em>heading</em></h1><h1>second</h1><p>Body&nbsp;text</p></body></html>",
        "utf-8",
    )
    assert page.title == "The & Report"
    assert page.heading == "Main heading"
    assert page.refresh_url == "/new"
    assert "not this" not in page.text and "Body text" in page.text


def test_page_decoding_falls_back_sensibly() -> None:
    assert parse_page("<title>Café</title>".encode("cp1252"), None).title == "Café"
    assert parse_page("<title>Café</title>".encode(), "no-such-charset").title == "Café"


@pytest.mark.parametrize(
    ("title", "says"),
    [
        ("404 Not Found", True),
        ("Page not found | Example", True),
        ("Error 404", True),
        ("404", True),
        ("Sorry, this page is no longer available", True),
        ("Seite nicht gefunden", True),
        ("Paper 404: trafficking statistics", False),
        ("Found: a report on the 410 hotline", False),
        ("Annual report 2017", False),
    ],
)
def test_not_found_titles(title: str, says: bool) -> None:
    page = parse_page(f"<title>{title}</title><p>text</p>".encode(), "utf-8")
    assert (page.not_found_heading is not None) is says


def test_for_sale_wording_in_a_long_article_is_not_parking() -> None:
    article = "<p>" + "A long study of online markets. " * 400 + "</p>"
    body = f"<title>Markets</title>{article}<p>Links: sedo.com marketplace</p>"
    assert parse_page(body.encode(), "utf-8").parking_service is None


@pytest.mark.parametrize(
    ("headers", "body", "wall"),
    [
        ({"cf-mitigated": "challenge"}, b"", "Cloudflare challenge"),
        ({}, b"<title>Just a moment...</title>", "Cloudflare challenge"),
        ({}, b"Access Denied. You don't have permission. Reference #18.abc", "Akamai"),
        ({}, b"<script src=/_Incapsula_Resource></script>", "Imperva/Incapsula"),
        ({"server": "cloudflare", "cf-ray": "1"}, b"Forbidden", "Cloudflare"),
        ({"server": "nginx"}, b"Forbidden", None),
    ],
)
def test_bot_walls(headers: dict[str, str], body: bytes, wall: str | None) -> None:
    assert bot_wall(headers, body) == wall


# ----------------------------------------------------------------------------- soft 404


def test_similarity() -> None:
    words = tuple(f"w{i}" for i in range(100))
    same = shingle_hashes(words)
    assert similarity(same, shingle_hashes(words)) == 1.0
    assert similarity(same, shingle_hashes(tuple(reversed(words)))) == 0.0
    assert similarity(same, shingle_hashes(words[:95] + ("x",) * 5)) > 0.85


def test_probe_url_is_stable_and_on_the_same_origin() -> None:
    first = probe_url("https://www.unodc.org/documents/a.pdf?x=1")
    assert first == probe_url("https://www.unodc.org/other")
    assert first.startswith("https://www.unodc.org/") and first.endswith("-citecheck-no-such-page")


# ------------------------------------------------------------------------------ verdicts


def _response(
    url: str, status: int = 200, headers: tuple[tuple[str, str], ...] = (), body: bytes = b""
) -> Response:
    return Response("GET", url, status, "", "HTTP/1.1", (), headers, body, False, None)


def _trace(
    url: str,
    response: Response | None,
    hops: tuple[Hop, ...] = (),
    failure: Failure | None = None,
    attempts: int = 1,
) -> Trace:
    page = parse_page(response.body, "utf-8") if response is not None and response.body else None
    return Trace(url, hops, response, failure, attempts, page, None, url)


def test_dns_temporary_failure_is_error_not_gone() -> None:
    trace = _trace("http://a.org/x", None, failure=Failure(FailureKind.DNS, "Temporary failure"))
    assert classify(trace) == (Verdict.ERROR, "name lookup failed (Temporary failure)")


def test_redirect_chain_ending_in_404_says_where() -> None:
    trace = _trace(
        "http://a.org/x", _response("http://b.org/y", 404), hops=(Hop("http://a.org/x", 301),)
    )
    assert classify(trace) == (
        Verdict.GONE,
        "redirects to http://b.org/y, which answers 404 Not Found",
    )


def test_unusual_status_codes() -> None:
    assert classify(_trace("http://a.org/x", _response("http://a.org/x", 999)))[0] is (
        Verdict.BLOCKED
    )
    assert classify(_trace("http://a.org/x", _response("http://a.org/x", 451)))[0] is (Verdict.GONE)
    assert classify(_trace("http://a.org/x", _response("http://a.org/x", 408), attempts=3)) == (
        Verdict.ERROR,
        "408 Request Timeout persisted (3 attempts)",
    )


def test_redirect_to_another_sites_home_page_is_gone() -> None:
    trace = _trace(
        "http://old.org/report/2017",
        _response("https://new.org/", body=b"<p>hi</p>"),
        hops=(Hop("http://old.org/report/2017", 301),),
    )
    assert classify(trace) == (Verdict.GONE, "redirects to the home page (https://new.org/)")


def test_home_page_cited_and_still_home_is_alive() -> None:
    trace = _trace(
        "http://a.org/",
        _response("https://a.org/", body=b"<p>home</p>"),
        hops=(Hop("http://a.org/", 301),),
    )
    assert classify(trace)[0] is Verdict.ALIVE


def test_app_shell_matching_the_probe_is_not_called_gone() -> None:
    """A script-rendered site serves one tiny shell for every URL: no evidence either way."""
    body = b"<title>App</title><div id=root></div><noscript>Enable JavaScript</noscript>"
    trace = _trace("http://a.org/article/1", _response("http://a.org/article/1", body=body))
    probe = Fingerprint(200, "http://a.org/zzz", False, "app", 1, shingle_hashes(("app",)))
    assert classify(trace, probe)[0] is Verdict.ALIVE


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://a.org/login", "login"),
        ("https://a.org/users/sign_in", "login"),
        ("https://a.org/account/login.aspx", "login"),
        ("https://a.org/login?next=/x", "login"),
        ("https://consent.example.com/ml?continue=x", "cookie consent"),
        ("https://a.org/cookie-consent/", "cookie consent"),
        ("https://a.org/blog/login-tips-for-editors", None),
        ("https://a.org/report", None),
    ],
)
def test_gate_kinds(url: str, kind: str | None) -> None:
    assert gate_kind(url) == kind


def test_redirect_to_a_login_page_is_blocked_not_moved() -> None:
    trace = _trace(
        "http://a.org/members/report",
        _response("https://a.org/login?next=/members/report", body=b"<p>Sign in</p>"),
        hops=(Hop("http://a.org/members/report", 302),),
    )
    assert classify(trace) == (
        Verdict.BLOCKED,
        "redirects to a login page (https://a.org/login?next=/members/report)",
    )
