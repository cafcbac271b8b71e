"""The soft-404 probe's schedule and its record: sent alongside a host's first request, not
after its answer; spared in a later run where the link answers as it did."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from citecheck.check import ProbeRecord
from citecheck.check._soft404 import shingle_hashes
from citecheck.model import Verdict
from tests.check.conftest import Checker
from tests.support.simweb import Reply, html, redirect

ARTICLE = " ".join(f"paragraph {w} of the cited study on trafficking" for w in "abcdefghij" * 4)
TEMPLATE = "Sorry, we looked everywhere. " + "Menu Home About Contact Search " * 20
NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _probes(checker: Checker) -> list[str]:
    return [r.path for r in checker.web.requests if "citecheck-no-such-page" in r.path]


def _at(moment: dt.datetime) -> dict[str, object]:
    return {"clock": lambda: moment}


def test_the_probe_goes_out_alongside_the_first_request(checker: Checker) -> None:
    slow = html(f"<p>{ARTICLE}</p>", title="A study")
    checker.web.route("example.org", "/study", Reply(slow.status, slow.headers, slow.body, 0.3))
    result = checker.one("http://example.org/study", timeout=5.0)
    assert result.verdict is Verdict.ALIVE
    (page,) = checker.web.requests_for("example.org", "/study")
    (probe,) = [r for r in checker.web.requests if "no-such-page" in r.path]
    assert page.finished is not None and probe.at < page.finished  # not a round after it


def test_a_probe_no_link_needs_is_not_waited_for(checker: Checker) -> None:
    checker.web.route("example.org", "/gone", Reply(404))
    checker.web.fallback("example.org", Reply(404, delay=3.0))  # the probe would take 3 s
    started = time.monotonic()
    result = checker.one("http://example.org/gone", timeout=10.0)
    assert result.verdict is Verdict.GONE
    assert time.monotonic() - started < 2.0


def test_a_recorded_probe_is_reused_where_the_link_answers_the_same(checker: Checker) -> None:
    checker.web.fallback("example.org", html(TEMPLATE, title="Example"))
    checker.web.route("example.org", "/study", html(f"<p>{ARTICLE}</p>", title="A study"))
    record = ProbeRecord()
    first = checker.one("http://example.org/study", probe_record=record, **_at(NOW))
    assert first.verdict is Verdict.ALIVE and len(_probes(checker)) == 1
    # A week later, minus a minute, the page serves the site's not-found text with a 200: the
    # recorded probe still tells it is a soft 404, and no probe is sent.
    checker.web.route("example.org", "/study", html(TEMPLATE, title="Example"))
    later = NOW + dt.timedelta(days=7, minutes=-1)
    second = checker.one("http://example.org/study", probe_record=record, **_at(later))
    assert second.verdict is Verdict.GONE
    assert second.reason == "soft 404: same page as a random URL on this host"
    assert len(_probes(checker)) == 1


def test_a_link_answering_differently_asks_again(checker: Checker) -> None:
    checker.web.route("example.org", "/study", html(f"<p>{ARTICLE}</p>", title="A study"))
    checker.web.route("example.org", "/new", html(f"<p>{ARTICLE}</p>", title="A study"))
    record = ProbeRecord()
    checker.one("http://example.org/study", probe_record=record, **_at(NOW))
    checker.web.route("example.org", "/study", redirect("/new"))
    result = checker.one("http://example.org/study", probe_record=record, **_at(NOW))
    assert result.verdict is Verdict.MOVED
    assert len(_probes(checker)) == 2


def test_an_old_probe_is_sent_again(checker: Checker) -> None:
    checker.web.route("example.org", "/study", html(f"<p>{ARTICLE}</p>", title="A study"))
    record = ProbeRecord()
    checker.one("http://example.org/study", probe_record=record, **_at(NOW))
    later = NOW + dt.timedelta(days=7)
    checker.one("http://example.org/study", probe_record=record, **_at(later))
    assert len(_probes(checker)) == 2


def test_a_new_link_on_a_recorded_host_is_probed(checker: Checker) -> None:
    for path in ("/a", "/b"):
        checker.web.route("example.org", path, html(f"<p>{ARTICLE}</p>", title="A study"))
    record = ProbeRecord()
    checker.one("http://example.org/a", probe_record=record, **_at(NOW))
    checker.one("http://example.org/b", probe_record=record, **_at(NOW))
    assert len(_probes(checker)) == 2


def test_the_record_survives_a_file_and_drops_what_expired(
    checker: Checker, tmp_path: Path
) -> None:
    checker.web.fallback("example.org", html(TEMPLATE, title="Example"))
    checker.web.route("example.org", "/study", html(f"<p>{ARTICLE}</p>", title="A study"))
    path = tmp_path / "cache" / "soft404.json"
    record = ProbeRecord()
    checker.one("http://example.org/study", probe_record=record, **_at(NOW))
    record.save(path, NOW)
    assert path.read_bytes() == ProbeRecord.load(path).to_json(NOW).encode()
    checker.web.route("example.org", "/study", html(TEMPLATE, title="Example"))
    result = checker.one("http://example.org/study", probe_record=ProbeRecord.load(path))
    assert result.verdict is Verdict.GONE and len(_probes(checker)) == 1
    expired = ProbeRecord.load(path).to_json(NOW + dt.timedelta(days=8))
    assert expired == '{"answers":{},"probes":{},"version":1}\n'


def test_an_unreadable_record_is_an_empty_one(tmp_path: Path) -> None:
    for text in ("", "{", '{"version": 1}', '{"version": 1, "probes": [], "answers": {}}', "[]"):
        path = tmp_path / "soft404.json"
        path.write_text(text)
        assert ProbeRecord.load(path).to_json(NOW) == '{"answers":{},"probes":{},"version":1}\n'
    assert ProbeRecord.load(tmp_path / "missing.json").to_json(NOW).startswith('{"answers":{}')


def test_shingle_hashes_are_the_same_in_every_process() -> None:
    # Python's hash() of a string changes with PYTHONHASHSEED; a kept probe must not.
    assert list(shingle_hashes(("not", "found", "here"))) == [3_159_306_651]
