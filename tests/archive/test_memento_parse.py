"""Pure parsing and choosing: link-format (RFC 7089's own examples), both CDX dialects, the
order captures are tried in, and the ``archives`` setting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citecheck.archive._capture import Memento, ordered
from citecheck.archive._cdx import CdxFormatError, parse_cdx
from citecheck.archive._linkformat import LinkFormatError, WebLink, parse_links
from citecheck.archive._memento import Endpoints, mementos
from citecheck.archive._names import archive_entry, archive_name
from citecheck.config import load_settings
from citecheck.errors import ConfigError

VISITED = dt.date(2018, 10, 5)

# RFC 7089 §5.1.1 (TimeMap), shape and values as in the RFC's example.
TIMEMAP = """<http://a.example.org>;rel="original",
<http://arxiv.example.net/timemap/http://a.example.org>
  ; rel="self";type="application/link-format"
  ; from="Tue, 20 Jun 2000 18:02:59 GMT"
  ; until="Wed, 09 Apr 2008 20:30:51 GMT",
<http://arxiv.example.net/timegate/http://a.example.org>
  ; rel="timegate",
<http://arxiv.example.net/web/20000620180259/http://a.example.org>
  ; rel="first memento";datetime="Tue, 20 Jun 2000 18:02:59 GMT"
  ; license="http://creativecommons.org/publicdomain/zero/1.0/",
<http://arxiv.example.net/web/20091027204954/http://a.example.org>
   ; rel="last memento";datetime="Tue, 27 Oct 2009 20:49:54 GMT"
   ; license="http://creativecommons.org/publicdomain/zero/1.0/",
<http://arxiv.example.net/web/20000621011731/http://a.example.org>
  ; rel="memento";datetime="Wed, 21 Jun 2000 01:17:31 GMT"
  ; license="http://creativecommons.org/publicdomain/zero/1.0/"
"""
# RFC 7089 §4.1.1 style TimeGate Link header, with prev/next mementos.
TIMEGATE_LINK = (
    '<http://a.example.org/>; rel="original", '
    '<http://arxiv.example.net/timemap/http://a.example.org/>; rel="timemap"; '
    'type="application/link-format"; from="Tue, 15 Sep 2000 11:28:26 GMT"; '
    'until="Wed, 20 Jan 2010 09:34:33 GMT", '
    "<http://arxiv.example.net/web/20010321203610/http://a.example.org/>; "
    'rel="prev memento"; datetime="Wed, 21 Mar 2001 20:36:10 GMT", '
    "<http://arxiv.example.net/web/20010911203610/http://a.example.org/>; "
    'rel="next memento"; datetime="Tue, 11 Sep 2001 20:36:10 GMT"'
)


def test_rfc7089_timemap_parses() -> None:
    links = parse_links(TIMEMAP)
    assert [link.rels for link in links] == [
        ("original",), ("self",), ("timegate",), ("first", "memento"), ("last", "memento"),
        ("memento",),
    ]  # fmt: skip
    assert links[1].param("from") == "Tue, 20 Jun 2000 18:02:59 GMT"  # a comma inside quotes
    assert links[1].param("type") == "application/link-format"
    found = mementos(links, "http://arxiv.example.net/timemap/x", "http://asked.example/")
    assert [m.timestamp for m in found] == ["20000620180259", "20091027204954", "20000621011731"]
    assert {m.original for m in found} == {"http://a.example.org"}  # from rel="original"


def test_rfc7089_timegate_link_header_names_prev_and_next() -> None:
    found = mementos(parse_links(TIMEGATE_LINK), "http://arxiv.example.net/", "x")
    assert [(m.timestamp, m.uri) for m in found] == [
        ("20010321203610", "http://arxiv.example.net/web/20010321203610/http://a.example.org/"),
        ("20010911203610", "http://arxiv.example.net/web/20010911203610/http://a.example.org/"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<a>; rel="memento", <b>', [WebLink("a", (("rel", "memento"),)), WebLink("b")]),
        ('<a>;REL=memento;rel="other"', [WebLink("a", (("rel", "memento"),))]),  # first wins
        ('<a>; title="x\\"; y, <z>"', [WebLink("a", (("title", 'x"; y, <z>'),))]),
        ("<a>; hreflang", [WebLink("a", (("hreflang", ""),))]),
        ("  ,\n ", []),
    ],
)
def test_link_values(text: str, expected: list[WebLink]) -> None:
    assert parse_links(text) == expected


@pytest.mark.parametrize(
    "text", ["<html><body>Not found</body></html>", '<a>; rel="memento" <b>', "a, b", '<a>; x="']
)
def test_not_link_format_is_an_error_saying_where(text: str) -> None:
    with pytest.raises(LinkFormatError, match="character"):
        parse_links(text)


def test_a_timemap_cut_at_the_size_cap_keeps_its_whole_entries() -> None:
    cut = TIMEMAP[: TIMEMAP.index("Wed, 21 Jun 2000 01:17")]
    assert len(parse_links(cut, partial=True)) == 5
    with pytest.raises(LinkFormatError):
        parse_links(cut)


# --------------------------------------------------------------------------- CDX


def test_pywb_ndjson_with_its_field_names() -> None:
    text = (
        '{"urlkey": "org,example)/r", "timestamp": "20181001100000", "url": "http://example.org/r",'
        ' "mime": "text/html", "status": "200", "digest": "ABC"}\n'
        '{"urlkey": "org,example)/r", "timestamp": "20181002100000", "url": "http://example.org/r",'
        ' "mime": "warc/revisit", "digest": "ABC"}\n'
    )
    assert parse_cdx(text) == [
        Memento("20181001100000", "http://example.org/r", "200", "text/html", "ABC"),
        Memento("20181002100000", "http://example.org/r", "-", "warc/revisit", "ABC"),
    ]


def test_pywb_cdxj_lines() -> None:
    text = 'org,example)/r 20181001100000 {"url": "http://example.org/r", "status": "301"}\n'
    assert parse_cdx(text) == [Memento("20181001100000", "http://example.org/r", "301")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("<!DOCTYPE html><html>Not Found</html>", "line 1"),
        ('{"timestamp": "20181001100000", "url": "x"}\n{"oops"', "line 2"),
        ('[["timestamp"], ["2018"]', "does not parse"),
        ('{"url": "http://a/"}', "without a timestamp"),
    ],
)
def test_what_is_not_cdx_says_so(text: str, where: str) -> None:
    with pytest.raises(CdxFormatError, match=where):
        parse_cdx(text)


# --------------------------------------------------------------------------- choosing


def m(timestamp: str, status: str = "200", mimetype: str | None = None) -> Memento:
    return Memento(timestamp, "http://a/", status, mimetype)


def test_order_nearest_before_then_redirects_then_after() -> None:
    captures = [
        m("20181006000000"),  # after
        m("20181004000000", "404"),  # error: never tried
        m("20181003000000", "302"),  # redirect before
        m("20180901000000"),  # page before
        m("20181001000000", ""),  # unknown status (a TimeMap entry) before
        m("20181002000000", "-", "warc/revisit"),  # revisit before
        m("20181005230000", "-"),  # a "-" that is no revisit
        m("20160101000000"),  # outside the window
    ]
    assert [c.timestamp for c in ordered(captures, VISITED, lambda c: c)] == [
        "20181002000000", "20181001000000", "20180901000000", "20181003000000",
        "20181006000000",
    ]  # fmt: skip


def test_ties_go_to_the_archive_listed_first() -> None:
    pairs = [("first", m("20181001000000")), ("second", m("20181001000000"))]
    assert [a for a, _ in ordered(pairs, VISITED, lambda p: p[1])] == ["first", "second"]


# --------------------------------------------------------------------------- settings


def test_archives_setting_and_names(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text(
        'archives = ["https://webarchive.loc.gov/all/", "Team=http://127.0.0.1:8080/coll/"]\n'
    )
    settings = load_settings(tmp_path)
    assert [archive_entry(a) for a in settings.archives] == [
        ("Library of Congress", "https://webarchive.loc.gov/all/"),
        ("Team", "http://127.0.0.1:8080/coll/"),
    ]
    assert archive_name("https://archive.ph/timegate/") == "archive.today"
    assert archive_name("https://wa.example.net/x/") == "wa.example.net"
    assert archive_entry("https://x.example/tg/?a=b") == ("x.example", "https://x.example/tg/?a=b")


@pytest.mark.parametrize("value", ['"https://x/"', '["loc"]', '["Name=ftp://x/"]'])
def test_a_bad_archives_setting_is_one_line(tmp_path: Path, value: str) -> None:
    (tmp_path / "citecheck.toml").write_text(f"archives = {value}\n")
    with pytest.raises(ConfigError, match="archive"):
        load_settings(tmp_path)


def test_endpoints_follow_the_timemap_convention() -> None:
    assert Endpoints.of("https://webarchive.loc.gov/all") == Endpoints(
        "https://webarchive.loc.gov/all/", "https://webarchive.loc.gov/all/timemap/link/"
    )
    assert Endpoints.of("https://perma.cc/timegate/").timemap == "https://perma.cc/timemap/link/"
    assert Endpoints.of("https://archive.ph/timegate").timemap == "https://archive.ph/timemap/"
    own = Endpoints.of("http://h/tg/", "http://h/tm/")
    assert (own.timegate, own.timemap) == ("http://h/tg/", "http://h/tm/")
