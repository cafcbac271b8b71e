"""Run ``archive_links`` in a child process (so a test can kill it): JSON config in argv[1]."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path

from citecheck.archive import WaybackClient, archive_links
from citecheck.check import StaticResolver
from citecheck.config import Settings
from citecheck.model import Link


def main(config: dict[str, object]) -> None:
    settings = replace(Settings(), **config["settings"])  # type: ignore[arg-type]
    mapping = {host: (addr, port) for host, (addr, port) in config["hosts"].items()}  # type: ignore[union-attr]
    links = [
        Link(url, (1,), (source,), dt.date.fromisoformat(visited))
        for url, source, visited in config["links"]  # type: ignore[union-attr]
    ]
    now = dt.datetime.fromisoformat(str(config["now"]))
    archive_links(
        links,
        settings,
        Path(str(config["store"])),
        resolver=StaticResolver(mapping),
        wayback=WaybackClient.from_settings(settings, sleep=lambda _s: None),
        clock=lambda: now,
        sleep=lambda _s: None,
    )


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
