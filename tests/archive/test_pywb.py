"""Baselines from a real pywb: ``--wayback-url http://host:port/coll`` and its Memento API.

The collection holds 2018 captures written here with warcio and indexed by ``wb-manager``;
the cited pages were visited on Oct. 5, 2018.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from citecheck.archive import WaybackClient
from citecheck.archive._capture import ArchiveUnreachable
from citecheck.archive._memento import Endpoints, MementoArchive
from citecheck.archive._pace import Pacer
from citecheck.archive._replay import Asker
from citecheck.archive._sources import Baselines, memento_near, sources_from_settings
from citecheck.archive._wayback import MEMENTO_LAYOUT, PYWB_LAYOUT
from citecheck.config import Settings
from tests.archive.helpers import no_sleep
from tests.support.pywb import Capture, PywbServer, write_warc

VISITED = dt.date(2018, 10, 5)
SITE = "http://reports.example"
HOTLINE = Capture(
    f"{SITE}/hotline", "2018-09-01T10:00:00Z", b"<html><body><p>Before</p></body></html>"
)
OLD = Capture(f"{SITE}/revisited", "2018-06-01T08:00:00Z", b"<html><body><p>Same</p></body></html>")
CAPTURES = [
    HOTLINE,
    Capture(f"{SITE}/hotline", "2018-10-04T10:00:00Z", b"<html>gone</html>", "404 Not Found"),
    Capture(f"{SITE}/hotline", "2018-10-06T10:00:00Z", b"<html><body><p>After</p></body></html>"),
    Capture(f"{SITE}/later", "2018-11-02T09:00:00Z", b"<html><body><p>Later</p></body></html>"),
    OLD,
    Capture(OLD.url, "2018-10-02T08:00:00Z", revisit_of=OLD),
    Capture(f"{SITE}/moved", "2018-10-01T10:00:00Z", status="301 Moved Permanently",
            location=f"{SITE}/new-home"),
    Capture(f"{SITE}/new-home", "2018-10-01T10:00:02Z", b"<html><body><p>New</p></body></html>"),
    Capture(f"{SITE}/broken", "2018-10-01T10:00:00Z", b"<html>oops</html>", "500 Server Error"),
]  # fmt: skip


@pytest.fixture(scope="module")
def reports(pywb: PywbServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    warc = write_warc(tmp_path_factory.mktemp("warcs") / "reports.warc.gz", CAPTURES)
    return pywb.collection("reports", [warc])


def settings_for(wayback_url: str, **changes: object) -> Settings:
    return replace(Settings(), allow_private=True, timeout=10.0, wayback_url=wayback_url, **changes)


def wayback(base: str) -> WaybackClient:
    return WaybackClient.from_settings(settings_for(base), sleep=no_sleep)


def baselines(base: str) -> Baselines:
    return Baselines(sources_from_settings(settings_for(base), sleep=no_sleep))


def test_a_pywb_collection_url_is_enough(reports: str) -> None:
    client = wayback(reports)
    memento = client.closest(f"{SITE}/hotline", VISITED)
    assert client.layout is PYWB_LAYOUT  # learned from the answer
    assert memento is not None and memento.timestamp == "20180901100000"
    assert client.human_url("20180901100000", HOTLINE.url) == (
        f"{reports}/20180901100000/{HOTLINE.url}"
    )


def test_the_capture_before_the_visit_wins_over_a_nearer_one_after(reports: str) -> None:
    found = baselines(reports).find(f"{SITE}/hotline", VISITED)
    assert found is not None
    # 2018-10-06 is nearer the visit than 2018-09-01, and 2018-10-04 is a 404 capture
    assert found.replay.timestamp == "20180901100000"
    assert found.replay.body == HOTLINE.body  # id_: the page's own bytes, no pywb banner
    assert found.cite_url == f"{reports}/20180901100000/{SITE}/hotline"


def test_only_a_later_capture_is_taken_when_nothing_came_before(reports: str) -> None:
    found = baselines(reports).find(f"{SITE}/later", VISITED)
    assert found is not None and found.replay.timestamp == "20181102090000"


def test_an_error_capture_is_never_a_baseline(reports: str) -> None:
    assert baselines(reports).find(f"{SITE}/broken", VISITED) is None


def test_a_revisit_record_stands_for_the_page_it_repeats(reports: str) -> None:
    found = baselines(reports).find(OLD.url, VISITED)
    assert found is not None and found.replay.timestamp == "20181002080000"
    assert found.replay.body == OLD.body


def test_a_redirect_capture_leads_to_the_archived_target_not_the_live_web(reports: str) -> None:
    found = baselines(reports).find(f"{SITE}/moved", VISITED)
    assert found is not None
    assert found.replay.body == b"<html><body><p>New</p></body></html>"
    assert found.replay.timestamp == "20181001100002"


def test_the_archive_links_replay_in_pywb(reports: str) -> None:
    found = baselines(reports).find(f"{SITE}/hotline", VISITED)
    assert found is not None
    page = httpx.get(found.cite_url, timeout=10.0)
    # pywb's framed view of that capture (test_pywb_run opens it in a browser)
    assert page.status_code == 200
    assert '"20180901100000"' in page.text and f"{SITE}/hotline" in page.text


# --------------------------------------------------------------------------- failures


def test_a_server_root_without_a_collection_says_what_it_asked(pywb: PywbServer) -> None:
    with pytest.raises(ArchiveUnreachable) as failure:
        wayback(pywb.url).closest(f"{SITE}/hotline", VISITED)
    message = str(failure.value)
    assert "does not answer like a Wayback server" in message
    assert f"{pywb.url}/cdx/search/cdx?url=" in message and "answered 404" in message


def test_an_unknown_collection_is_not_taken_for_an_empty_one(pywb: PywbServer) -> None:
    # pywb answers any /<name>/cdx with 200 and no rows: the collection's page tells
    with pytest.raises(ArchiveUnreachable, match=r"no-such-coll.* answered 404"):
        wayback(f"{pywb.url}/no-such-coll").closest(f"{SITE}/hotline", VISITED)


# --------------------------------------------------------------------------- Memento


def memento_archive(base: str, endpoints: Endpoints | None = None) -> MementoArchive:
    return MementoArchive.from_settings(
        "Team archive", endpoints or Endpoints.of(base), settings_for(base), sleep=no_sleep
    )


def test_memento_timemap_lists_every_capture(reports: str) -> None:
    listed = memento_archive(reports).captures(f"{SITE}/hotline", VISITED)
    assert [m.timestamp for m in listed] == ["20180901100000", "20181004100000", "20181006100000"]
    assert listed[0].uri == f"{reports}/20180901100000mp_/{SITE}/hotline"


def test_memento_baseline_skips_the_error_capture_the_timemap_cannot_flag(reports: str) -> None:
    archive = memento_archive(reports)
    found = Baselines([archive]).find(f"{SITE}/hotline", VISITED)
    assert found is not None and found.archive == "Team archive"
    assert found.replay.timestamp == "20180901100000"  # 2018-10-04 replayed as a 404: skipped
    assert found.replay.body == HOTLINE.body
    assert archive.id_works is True
    assert found.cite_url == f"{reports}/20180901100000/{SITE}/hotline"


def test_memento_falls_back_to_the_timegate_without_a_timemap(reports: str) -> None:
    no_timemap = Endpoints(timegate=f"{reports}/", timemap=f"{reports}/no-timemap-here/")
    archive = memento_archive(reports, no_timemap)
    listed = archive.captures(f"{SITE}/later", VISITED)
    # pywb's TimeGate answers 200 (framed replay) and names the nearest memento in Link
    assert [m.timestamp for m in listed] == ["20181102090000"]
    assert archive.timemap_works is False  # not asked again this run


def test_memento_near_is_one_call(reports: str) -> None:
    found = memento_near(
        f"{reports}/", f"{SITE}/hotline", VISITED, settings=settings_for(reports), sleep=no_sleep
    )
    assert found is not None and found.replay.timestamp == "20180901100000"


@pytest.fixture(scope="module")
def no_cdx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A pywb with its CDX API turned off: only replay and Memento, like OpenWayback."""
    root = tmp_path_factory.mktemp("pywb-no-cdx")
    warc = write_warc(root / "reports.warc.gz", CAPTURES)
    with PywbServer(root / "server", config="cdx_api_endpoint: ''") as server:
        yield server.collection("wayback", [warc])


def test_a_server_without_a_cdx_api_is_asked_through_memento(no_cdx: str) -> None:
    client = wayback(no_cdx)
    found = Baselines([client]).find(f"{SITE}/hotline", VISITED)
    assert client.layout is MEMENTO_LAYOUT  # /cdx and /cdx/search/cdx missed; the TimeMap answered
    assert found is not None and found.replay.timestamp == "20180901100000"
    assert found.replay.body == HOTLINE.body
    assert found.cite_url == f"{no_cdx}/20180901100000/{SITE}/hotline"


def test_a_timemap_cut_at_the_cap_is_completed_by_the_timegate(reports: str) -> None:
    http = httpx.Client(timeout=10.0)
    whole = http.get(f"{reports}/timemap/link/{SITE}/hotline").content
    cap = whole.index(b"20181004100000mp_")  # inside the second memento's entry
    small = MementoArchive("x", Endpoints.of(reports), Asker(http, Pacer(0.0), cap))
    listed = small.captures(f"{SITE}/hotline", VISITED)
    # the whole first memento survives the cut, the cut one is dropped, and the TimeGate
    # adds the memento nearest the visit (pywb's is the one just after it)
    assert [m.timestamp for m in listed] == ["20180901100000", "20181006100000"]


# --------------------------------------------------------------------------- address guard


def test_a_configured_archive_is_trusted_by_the_address_guard(reports: str) -> None:
    guarded = replace(settings_for("https://web.archive.org"), allow_private=False)
    listed = replace(guarded, archives=(f"Team archive={reports}/",))
    (_, team) = sources_from_settings(listed, sleep=no_sleep)
    assert [m.timestamp for m in team.captures(HOTLINE.url, VISITED)][:1] == ["20180901100000"]
    stranger = MementoArchive.from_settings("x", Endpoints.of(reports), guarded, sleep=no_sleep)
    with pytest.raises(ArchiveUnreachable, match="address guard"):
        stranger.captures(HOTLINE.url, VISITED)
