"""Benchmark: a first archive run against the politeness ideal of the archive's endpoints.

Not a test. The bundled report's 208 cited URLs (served over plain HTTP by the test suite's
simulated web, every host on loopback) are archived into an empty snapshot store against the
test suite's local Wayback server (CDX, ``id_`` replay, availability API). A third of the
sources have a 2018 capture with the same bytes as today's page, a third a capture whose text
changed, a sixth no capture at all; a sixth are gone (404) with a capture. Every archive
endpoint is paced as in a real run, at a tenth of the default intervals (CDX 0.24 s, replay
0.15 s) so that a run takes a minute, not ten.

Reported: the requests to each endpoint, the wall time of ``archive_links`` and the
politeness ideal, the time the endpoints' paces allow for those requests when each endpoint
works in parallel with the others (``max`` over endpoints of requests × interval); then a
second run with nothing changed, which must ask the index nothing.

    python benchmarks/bench_archive.py                    # this checkout
    python benchmarks/bench_archive.py --root /tmp/old    # another checkout's citecheck
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CDX, REPLAY = 0.24, 0.15
NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def page(url: str, year: int) -> bytes:
    words = " ".join(f"w{hashlib.sha256(f'{url}{i}'.encode()).hexdigest()[:6]}" for i in range(120))
    return (
        f"<html><head><title>{url}</title></head><body><article><h1>{url}</h1>"
        f"<p>As of {year}: {words}</p></article></body></html>"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="the citecheck to run")
    args = parser.parse_args()
    sys.path[:0] = [str(args.root), str(HERE)]
    from citecheck.archive import WaybackClient, archive_links
    from citecheck.config import Settings
    from citecheck.parse import links, parse_document
    from citecheck.read import read_document
    from tests.support.simweb import Reply, SimWeb
    from tests.support.wayback import WaybackServer

    bundled = HERE / "references" / "technology-facilitated-child-sex-trafficking-2018.md"
    cited = [
        dataclasses.replace(link, url="http://" + link.url.split("://", 1)[1])
        for link in links(parse_document(read_document(bundled)))
    ]
    with SimWeb() as web, WaybackServer(clock=lambda: NOW) as wayback:
        for n, link in enumerate(cited):
            parts = link.url.split("/", 3)
            host, path = parts[2], "/" + (parts[3] if len(parts) > 3 else "")
            kind = n % 6
            live = page(link.url, 2026 if kind in (2, 3) else 2018)
            web.route(host, path, Reply(404) if kind == 5 else Reply(
                200, (("Content-Type", "text/html; charset=utf-8"),), live))  # fmt: skip
            if kind != 4:  # 0, 1: the same bytes; 2, 3: changed since; 5: gone, archived
                wayback.add_capture(link.url, "20180301120000", page(link.url, 2018))
        fields = {f.name for f in dataclasses.fields(Settings)}
        settings = Settings(
            allow_private=True, timeout=20.0, retries=0, per_host_interval=0.0,
            soft404_probe=False, wayback_url=wayback.base_url,
            availability_url=wayback.availability_url, archive_interval=REPLAY,
            **({"cdx_interval": CDX} if "cdx_interval" in fields else {}),
        )  # fmt: skip
        with tempfile.TemporaryDirectory() as store:
            for label in ("first run", "re-run, nothing changed"):
                before = len(wayback.requests)
                started = time.perf_counter()
                archive_links(
                    cited, settings, Path(store), resolver=web.resolver(),
                    wayback=WaybackClient.from_settings(settings), clock=lambda: NOW,
                )  # fmt: skip
                seconds = time.perf_counter() - started
                report(label, wayback.requests[before:], seconds, "cdx_interval" in fields)
    print(f"load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


def report(label: str, asked: list[object], seconds: float, separate: bool) -> None:
    paths = [getattr(request, "path", "") for request in asked]
    cdx = sum(p.startswith("/cdx") for p in paths)
    replay = sum(p.startswith("/web/") for p in paths)
    other = len(paths) - cdx - replay
    # Each endpoint at its own pace, in parallel; before, one pace for every request.
    ideal = max(cdx * CDX, replay * REPLAY) if separate else len(paths) * REPLAY
    ratio = f"{seconds / ideal:.2f}×" if ideal else "—"
    print(
        f"{label}: {cdx} CDX, {replay} replay, {other} other requests; {seconds:.1f} s, "
        f"politeness ideal {ideal:.1f} s ({ratio})"
    )


if __name__ == "__main__":
    main()
