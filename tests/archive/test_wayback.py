"""The Wayback client against the local archive: CDX, availability, id_ replay, politeness."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import httpx
import pytest

from citecheck.archive import WaybackClient
from citecheck.archive._pace import Pacer
from citecheck.archive._wayback import ArchiveUnreachable, Memento, parse_cdx, pick
from citecheck.config import Settings
from tests.support.wayback import WaybackServer

VISITED = dt.date(2018, 10, 5)
URL = "https://www.example.org/report?id=7&lang=en"


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(settings: Settings, sleeps: Sleeps | None = None) -> WaybackClient:
    return WaybackClient.from_settings(settings, sleep=sleeps if sleeps is not None else Sleeps())


def test_cdx_query_uses_the_documented_parameters(
    wayback: WaybackServer, settings: Settings
) -> None:
    wayback.add_capture("http://example.org/report?id=7&lang=en", "20181001083000", b"x")
    memento = client(settings).closest(URL, VISITED)
    assert memento is not None and memento.timestamp == "20181001083000"
    (request,) = wayback.requests_to("/cdx/search/cdx")
    query = {k: v[0] for k, v in request.query.items()}
    assert query["url"] == URL  # the query string travels URL-encoded and arrives intact
    assert query["output"] == "json"
    assert query["filter"] == "statuscode:2.."
    assert (query["closest"], query["sort"]) == ("20181005235959", "closest")
    assert (query["from"], query["to"]) == ("20171005", "20190403")


def test_prefers_closest_2xx_before_the_visit(wayback: WaybackServer, settings: Settings) -> None:
    wayback.add_capture(URL, "20180901000000", b"before")
    wayback.add_capture(URL, "20181004000000", b"x", status=404)
    wayback.add_capture(URL, "20181005230000", b"x", status=None)  # revisit row: "-"
    wayback.add_capture(URL, "20181005120000", b"redirect", status=301)
    wayback.add_capture(URL, "20181006000000", b"after, but closer")
    memento = client(settings).closest(URL, VISITED)
    assert memento is not None and memento.timestamp == "20180901000000"


def test_falls_back_to_closest_after_within_half_a_year(
    wayback: WaybackServer, settings: Settings
) -> None:
    wayback.add_capture(URL, "20161231000000", b"too old")
    wayback.add_capture(URL, "20190301000000", b"later")
    wayback.add_capture(URL, "20190201000000", b"sooner")
    memento = client(settings).closest(URL, VISITED)
    assert memento is not None and memento.timestamp == "20190201000000"


def test_nothing_near_the_date_is_no_baseline(wayback: WaybackServer, settings: Settings) -> None:
    wayback.add_capture(URL, "20200101000000", b"much later")
    assert client(settings).closest(URL, VISITED) is None


@pytest.mark.parametrize("empty", ["", "[]"])
def test_no_captures_as_empty_body_or_empty_array(settings: Settings, empty: str) -> None:
    with WaybackServer(empty_cdx=empty) as archive:
        local = replace(settings, wayback_url=archive.base_url)
        assert client(local).closest(URL, VISITED) is None
        assert archive.requests_to("/wayback/available") == []  # an answer, not a failure


def test_pick_ignores_dash_and_redirect_rows() -> None:
    rows = parse_cdx(
        '[["timestamp","original","statuscode"],["20181001000000","http://a/","-"],'
        '["20181002000000","http://a/","302"],["20181003000000","http://a/","200"]]'
    )
    assert [r.status for r in rows] == ["-", "302", "200"]
    assert pick(rows, VISITED) == Memento("20181003000000", "http://a/", "200")


def test_429_backs_off_a_minute_then_succeeds(wayback: WaybackServer, settings: Settings) -> None:
    wayback.add_capture(URL, "20181001000000", b"x")
    wayback.cdx_throttle = 2
    sleeps = Sleeps()
    assert client(settings, sleeps).closest(URL, VISITED) is not None
    assert sleeps.count(60.0) == 2
    assert len(wayback.requests_to("/cdx/search/cdx")) == 3


def test_persistent_429_stops_asking_for_the_rest_of_the_run(
    wayback: WaybackServer, settings: Settings
) -> None:
    wayback.cdx_throttle = 100
    archive = client(settings)
    with pytest.raises(ArchiveUnreachable, match="429"):
        archive.closest(URL, VISITED)
    asked = len(wayback.requests)
    with pytest.raises(ArchiveUnreachable):
        archive.closest("http://example.org/other", VISITED)
    assert len(wayback.requests) == asked == 3


def test_cdx_failure_falls_back_to_the_availability_api(
    wayback: WaybackServer, settings: Settings
) -> None:
    wayback.add_capture(URL, "20181001000000", b"x")
    wayback.cdx_errors = 1
    memento = client(settings).closest(URL, VISITED)
    assert memento == Memento("20181001000000", URL, "200")
    (request,) = wayback.requests_to("/wayback/available")
    assert request.query["timestamp"] == ["20181005235959"]


def test_unreachable_archive_raises(settings: Settings) -> None:
    dead = replace(
        settings, wayback_url="http://127.0.0.1:9", availability_url="http://127.0.0.1:9/a"
    )
    with pytest.raises(ArchiveUnreachable):
        client(dead).closest(URL, VISITED)


def test_id_replay_returns_original_bytes(wayback: WaybackServer, settings: Settings) -> None:
    body = b"<html><body><p>original</p></body></html>"
    wayback.add_capture(URL, "20181001000000", body, mimetype="text/html; charset=iso-8859-1")
    replay = client(settings).replay(Memento("20181001000000", URL, "200"))
    assert replay.body == body  # no toolbar: the browser view would inject one
    assert replay.content_type == "text/html; charset=iso-8859-1"
    (request,) = wayback.requests_to("/web/")
    assert request.path.startswith("/web/20181001000000id_/")


def test_replay_follows_redirect_to_closest_and_reports_that_time(
    wayback: WaybackServer, settings: Settings
) -> None:
    wayback.add_capture(URL, "20181001120000", b"<html>noon</html>")
    replay = client(settings).replay(Memento("20181001000000", URL, "200"))
    assert (replay.timestamp, replay.body) == ("20181001120000", b"<html>noon</html>")


def test_replay_of_missing_capture_is_not_a_memento(
    wayback: WaybackServer, settings: Settings
) -> None:
    with pytest.raises(ArchiveUnreachable, match="not a capture"):
        client(settings).replay(Memento("20181001000000", URL, "200"))


def test_human_url_uses_configured_base() -> None:
    archive = WaybackClient(httpx.Client())
    assert archive.human_url("20181003120000", "http://a.org/x") == (
        "https://web.archive.org/web/20181003120000/http://a.org/x"
    )


def test_pacer_spaces_requests() -> None:
    now = [100.0]
    sleeps = Sleeps()
    pacer = Pacer(1.5, sleep=sleeps, monotonic=lambda: now[0])
    ok = httpx.Response(200)
    pacer.send(lambda: ok)
    now[0] += 0.5
    pacer.send(lambda: ok)
    assert sleeps == [1.0]


def test_availability_endpoint_follows_the_wayback_server() -> None:
    from citecheck.config import Settings

    assert Settings().availability_endpoint() == "https://archive.org/wayback/available"
    local = Settings(wayback_url="http://127.0.0.1:8080/")
    assert local.availability_endpoint() == "http://127.0.0.1:8080/wayback/available"
    pinned = Settings(wayback_url="http://127.0.0.1:8080", availability_url="http://a/b")
    assert pinned.availability_endpoint() == "http://a/b"
