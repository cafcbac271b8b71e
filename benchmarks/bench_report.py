"""Benchmark: rendering the HTML change report when its entries show a diff.

Not a test. Each entry compares a source's cited text with today's. The texts are windows of
the prose in ``tests/documents`` (the corpus's Markdown: Free Culture, Roads and Bridges, the
federal source code policy, the bundled report), a few to thirty kilobytes each, as a page's
main text is; today's text is the cited one edited as pages drift: some lines reworded, a
paragraph dropped, one added, and one entry in ten rewritten through and through. The edits
come from a seeded generator, so every run renders the same report.

    python benchmarks/bench_report.py                  # 200 entries with a diff; then a
                                                       # report of 2,000 of which 200 have one
    python benchmarks/bench_report.py --entries 500 --with-diff 500 --repeat 3

Prints the CPU seconds of ``to_html`` (median of the repeats) and per entry: the first report
has a diff in every entry, the second is a report of ``--entries`` sources of which
``--with-diff`` show one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citecheck.model import (  # noqa: E402  (after the path set-up above)
    ArchiveRun,
    CheckRun,
    ContentStatus,
    LinkResult,
    ParsedDocument,
    Reachability,
    Source,
    SourceStatus,
    Verdict,
)
from citecheck.report import SourceTexts, build_report, to_html  # noqa: E402

CORPUS = sorted((ROOT / "tests" / "documents").glob("*/*.md"))
STARTED = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC)


def _paragraphs() -> list[str]:
    """The corpus's prose as paragraphs (one line each, as extracted page text is)."""
    found: list[str] = []
    for path in CORPUS:
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            line = " ".join(block.split())
            if len(line) > 40:
                found.append(line)
    return found


def _drift(lines: list[str], pool: list[str], rng: random.Random) -> list[str]:
    """Today's text: a tenth of the lines reworded, one dropped, one added."""
    if rng.random() < 0.1:  # rewritten through and through
        return rng.sample(pool, len(lines))
    out: list[str] = []
    for line in lines:
        if rng.random() < 0.1:
            words = line.split()
            for _ in range(max(1, len(words) // 20)):
                words[rng.randrange(len(words))] = rng.choice(["new", "updated", "2024", "see"])
            line = " ".join(words)
        out.append(line)
    if len(out) > 2:
        del out[rng.randrange(len(out))]
    out.insert(rng.randrange(len(out) + 1), rng.choice(pool))
    return out


def texts(count: int, seed: int = 16) -> list[SourceTexts]:
    rng = random.Random(seed)
    pool = _paragraphs()
    made: list[SourceTexts] = []
    for _ in range(count):
        size = rng.choice([4, 8, 12, 16, 24, 30]) * 1000
        start = rng.randrange(len(pool))
        lines: list[str] = []
        while sum(len(x) for x in lines) < size:
            lines.append(pool[(start + len(lines)) % len(pool)])
        made.append(SourceTexts("\n".join(lines), "\n".join(_drift(lines, pool, rng))))
    return made


def report(count: int, with_diff: int) -> object:
    """A change report of ``count`` changed sources, the first ``with_diff`` showing a diff."""
    urls = [f"https://site{i % 200}.example/page/{i}" for i in range(count)]
    sources = tuple(
        Source(id=f"s{i}", title=f"Source {i}", url=u, cited_in=(i + 1,))
        for i, u in enumerate(urls)
    )
    results = tuple(
        LinkResult(url=u, verdict=Verdict.ALIVE, reason="HTTP 200", status_code=200,
                   notes=(i + 1,), sources=(f"s{i}",))
        for i, u in enumerate(urls)
    )  # fmt: skip
    statuses = tuple(
        SourceStatus(url=u, snapshot_id=f"s{i}", content=ContentStatus.CHANGED,
                     similarity=0.8, summary="text changed", archive_url=None,
                     archive_timestamp=None, changed_since_last_run=False,
                     previous_verdict=Verdict.ALIVE)
        for i, u in enumerate(urls)
    )  # fmt: skip
    run = ArchiveRun(CheckRun(results, Reachability.ONLINE, STARTED, STARTED), statuses)
    parsed = ParsedDocument(notes=(), sidebars=(), sources=sources, findings=())
    return build_report(parsed, run, texts=dict(zip(urls, texts(with_diff), strict=False)))


def _time(built: object, repeat: int) -> tuple[float, list[float], int]:
    times: list[float] = []
    size = 0
    for _ in range(repeat):
        start = time.process_time()
        size = len(to_html(built))  # type: ignore[arg-type]
        times.append(time.process_time() - start)
    return statistics.median(times), times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000, help="sources in the report")
    parser.add_argument("--with-diff", type=int, default=200, help="of which show a diff")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for count, with_diff in ((args.with_diff, args.with_diff), (args.entries, args.with_diff)):
        median, times, size = _time(report(count, with_diff), args.repeat)
        print(
            f"{count} entries, {with_diff} with a diff: to_html {median:.3f} s CPU (median of "
            f"{args.repeat}: {min(times):.3f}–{max(times):.3f}), {median / count * 1000:.2f} ms "
            f"per entry, {size / 1e6:.1f} MB of HTML"
        )


if __name__ == "__main__":
    main()
