"""Checking links while they are still being found (a ``LinkFeed``, as ``Parsing`` is)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence

from citecheck.check import check_links
from citecheck.model import Link, LinkResult, Verdict
from citecheck.parse import Parsing
from tests.check.conftest import Checker
from tests.support.simweb import Reply, html

PAGE = html("<h1>Study</h1>" + "a real page about the cited study " * 30, title="Study")


@dataclasses.dataclass
class Feed:
    """URLs in one order, then the links (in another, with what cites them)."""

    found: list[str]
    final: list[Link]
    busy_until: Callable[[], bool] | None = None  # links() takes this long to work out

    def urls(self) -> Iterator[str]:
        yield from self.found

    def links(self) -> Sequence[Link]:
        deadline = time.monotonic() + 10
        while self.busy_until is not None and not self.busy_until():
            assert time.monotonic() < deadline, "nothing was fetched while the feed was busy"
            time.sleep(0.01)
        return self.final


def _run(checker: Checker, feed: Feed, emitted: list[LinkResult]) -> list[LinkResult]:
    settings = dataclasses.replace(checker.settings, soft404_probe=False)
    run = check_links(feed, settings, resolver=checker.web.resolver(), on_result=emitted.append)
    return list(run.results)


def test_results_are_the_links_in_their_order_with_what_cites_them(checker: Checker) -> None:
    checker.web.route("example.org", "/a", PAGE)
    checker.web.route("example.org", "/b", Reply(404))
    checker.web.route("other.test", "/c", PAGE)
    a, b, c = (f"http://{h}/{p}" for h, p in (("example.org", "a"), ("example.org", "b"),
                                               ("other.test", "c")))  # fmt: skip
    final = [Link(c, (1,), ("s1",), None), Link(a, (2, 5), ("s2",), None), Link(b, (3,), (), None)]
    emitted: list[LinkResult] = []
    results = _run(checker, Feed([a, b, a, c], final), emitted)
    assert [(r.url, r.notes, r.sources) for r in results] == [
        (c, (1,), ("s1",)), (a, (2, 5), ("s2",)), (b, (3,), ()),
    ]  # fmt: skip
    assert [r.verdict for r in results] == [Verdict.ALIVE, Verdict.ALIVE, Verdict.GONE]
    assert sorted(r.url for r in emitted) == sorted([a, b, c])  # each once, with its notes
    assert all(r.notes for r in emitted)
    assert len(checker.web.requests_for("example.org", "/a")) == 1  # a repeat is one link


def test_a_link_the_feed_did_not_name_is_checked_too(checker: Checker) -> None:
    checker.web.route("example.org", "/a", PAGE)
    checker.web.route("example.org", "/late", PAGE)
    a, late = "http://example.org/a", "http://example.org/late"
    final = [Link(a, (1,), (), None), Link(late, (2,), (), None)]
    results = _run(checker, Feed([a], final), [])
    assert [(r.url, r.verdict) for r in results] == [(a, Verdict.ALIVE), (late, Verdict.ALIVE)]


def test_fetching_starts_while_the_feed_is_still_busy(checker: Checker) -> None:
    checker.web.route("example.org", "/a", PAGE)
    url = "http://example.org/a"
    answered = lambda: any(r.finished for r in checker.web.requests)  # noqa: E731
    results = _run(checker, Feed([url], [Link(url, (1,), (), None)], answered), [])
    assert [r.verdict for r in results] == [Verdict.ALIVE]


def test_a_parsing_is_a_feed(checker: Checker) -> None:
    checker.web.route("example.org", "/a", PAGE)
    text = "Claim.[^1] Again.[^2]\n\n[^1]: A study, <http://example.org/a>.\n\n[^2]: *Id.*\n"
    settings = dataclasses.replace(checker.settings, soft404_probe=False)
    run = check_links(Parsing(text), settings, resolver=checker.web.resolver())
    assert [(r.url, r.notes, r.verdict) for r in run.results] == [
        ("http://example.org/a", (1, 2), Verdict.ALIVE)
    ]
