"""Save Page Now 2: submit, poll, resume, caps, and keys that never reach a file or a log."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from citecheck.archive import SavePageNow, SpnKeys, keys_from_env
from citecheck.archive._spn import within_seconds
from citecheck.config import Settings
from citecheck.model import Verdict
from tests.archive.conftest import NOW
from tests.archive.helpers import archive, link, no_sleep
from tests.support.simweb import SimWeb, html
from tests.support.wayback import WaybackServer

KEYS = SpnKeys("test-access-key", "test-secret-key")
LIVE = "http://live.example/page"
GONE = "http://live.example/gone"


def spn(settings: Settings, keys: SpnKeys = KEYS) -> SavePageNow:
    return SavePageNow.from_settings(settings, keys, sleep=no_sleep)


@pytest.fixture
def web(simweb: SimWeb) -> SimWeb:
    simweb.route("live.example", "/page", html("<p>A page worth keeping.</p>"))
    simweb.route("live.example", "/gone", html("no", status=404))
    return simweb


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "snapshots"


def saves(wayback: WaybackServer) -> list[str]:
    return [r.body.decode() for r in wayback.requests if r.path == "/save"]


def test_submit_speaks_spn2(wayback: WaybackServer, settings: Settings) -> None:
    job = spn(settings).submit(LIVE, if_not_archived_within="30d")
    assert job.status == "pending" and job.job_id
    (request,) = wayback.requests_to("/save")
    assert request.method == "POST"
    assert request.headers["authorization"] == "LOW test-access-key:test-secret-key"
    assert request.headers["accept"] == "application/json"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert (
        request.body
        == b"url=http%3A%2F%2Flive.example%2Fpage&if_not_archived_within=30d&skip_first_archive=1"
    )


def test_refusal_as_http_200_is_an_error_job(wayback: WaybackServer, settings: Settings) -> None:
    wayback.spn.refuse[LIVE] = "error:blocked-url"
    job = spn(settings).submit(LIVE, if_not_archived_within="1d")
    assert (job.status, job.job_id) == ("error", None)
    assert job.message == "error:blocked-url: refused: error:blocked-url"


def test_poll_until_success_gives_the_capture_url(
    wayback: WaybackServer, settings: Settings
) -> None:
    wayback.spn.pending_polls = 2
    wayback.spn.final_url[LIVE] = "https://live.example/page"
    client = spn(settings)
    job = client.submit(LIVE, if_not_archived_within="1d")
    assert job.job_id is not None
    states = [client.status(job.job_id) for _ in range(3)]
    assert [s.status for s in states] == ["pending", "pending", "success"]
    assert client.capture_url(states[-1]) == (
        f"{wayback.base_url}/web/20261127120000/https://live.example/page"
    )


def test_archive_save_submits_live_sources_only(
    web: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    links = [link(LIVE, "src-live"), link(GONE, "src-gone", note=2)]
    run = archive(web, settings, store, links, NOW, spn=spn(settings))
    live, gone = run.statuses
    assert live.save_url == f"{wayback.base_url}/web/20261127120000/{LIVE}"
    assert gone.save_url is None
    assert saves(wayback) == [
        "url=http%3A%2F%2Flive.example%2Fpage&if_not_archived_within=30d&skip_first_archive=1"
    ]
    assert wayback.requests_to("/save/status/user")  # free session slots asked before submitting


def test_interrupted_polling_resumes_without_resubmitting(
    web: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    wayback.spn.pending_polls = 100  # outlasts one run's polling
    links = [link(LIVE, "src-live")]
    (status,) = archive(web, settings, store, links, NOW, spn=spn(settings)).statuses
    assert status.save_url is None
    later = NOW + dt.timedelta(minutes=20)
    (status,) = archive(web, settings, store, links, later, spn=spn(settings)).statuses
    assert status.save_url is not None
    assert len(saves(wayback)) == 1


def test_success_is_not_resubmitted_within_the_window(
    web: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    links = [link(LIVE, "src-live")]
    archive(web, settings, store, links, NOW, spn=spn(settings))
    archive(web, settings, store, links, NOW + dt.timedelta(days=29), spn=spn(settings))
    assert len(saves(wayback)) == 1
    archive(web, settings, store, links, NOW + dt.timedelta(days=31), spn=spn(settings))
    assert len(saves(wayback)) == 2


def test_refusal_is_not_retried_the_same_day(
    web: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    wayback.spn.refuse[LIVE] = "error:too-many-daily-captures"
    links = [link(LIVE, "src-live")]
    archive(web, settings, store, links, NOW, spn=spn(settings))
    archive(web, settings, store, links, NOW + dt.timedelta(hours=2), spn=spn(settings))
    assert len(saves(wayback)) == 1
    del wayback.spn.refuse[LIVE]
    (status,) = archive(
        web, settings, store, links, NOW + dt.timedelta(days=1), spn=spn(settings)
    ).statuses
    assert len(saves(wayback)) == 2 and status.save_url is not None


def test_429_backs_off_and_a_persistent_one_ends_saving_but_not_the_run(
    web: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    sleeps: list[float] = []
    client = SavePageNow.from_settings(settings, KEYS, sleep=sleeps.append)
    wayback.spn.throttle = 100
    links = [link(LIVE, "src-live")]
    (status,) = archive(web, settings, store, links, NOW, spn=client).statuses
    assert status.previous_verdict is None and status.history[-1].verdict is Verdict.ALIVE
    assert sleeps.count(60.0) == 2 and len(saves(wayback)) == 3
    wayback.spn.throttle = 0
    (status,) = archive(web, settings, store, links, NOW, spn=spn(settings)).statuses
    assert status.save_url is not None  # nothing was recorded, so the next run submits


def test_full_session_slots_are_waited_for(
    web: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    wayback.spn.available = 0
    archive(web, settings, store, [link(LIVE, "src-live")], NOW, spn=spn(settings))
    assert len(wayback.requests_to("/save/status/user")) == 12
    assert len(saves(wayback)) == 1  # then it tries anyway: SPN answers with its own limit


def test_keys_appear_in_no_file_and_no_log(
    web: SimWeb,
    wayback: WaybackServer,
    settings: Settings,
    store: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = SpnKeys("AKIA-citecheck-test", "s3cr3t-value-never-written")
    wayback.spn.keys = (secret.access, secret.secret)
    wayback.spn.fail[LIVE] = "error:invalid-host-resolution"
    caplog.set_level(logging.DEBUG)
    client = spn(settings, secret)
    archive(web, settings, store, [link(LIVE, "src-live")], NOW, spn=client)
    assert wayback.requests_to("/save")[0].headers["authorization"].endswith(secret.secret)
    for path in store.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert secret.secret.encode() not in data and secret.access.encode() not in data
    assert secret.secret not in caplog.text and secret.access not in caplog.text
    assert secret.secret not in repr(client) + repr(secret)


def test_keys_from_environment() -> None:
    assert keys_from_env({}) is None
    assert keys_from_env({"CITECHECK_SPN_ACCESS_KEY": "a"}) is None
    pair = {"CITECHECK_SPN_ACCESS_KEY": "a", "CITECHECK_SPN_SECRET_KEY": "b"}
    assert keys_from_env(pair) == SpnKeys("a", "b")
    assert keys_from_env({"IA_ACCESS_KEY": "c", "IA_SECRET_KEY": "d"}) == SpnKeys("c", "d")


def test_within_durations() -> None:
    assert within_seconds("30d") == 30 * 86400
    assert within_seconds("1d 6h") == 86400 + 6 * 3600
    with pytest.raises(ValueError, match="30d"):
        within_seconds("soon")
