#!/usr/bin/env python3
"""How well citecheck reads the documents of tests/documents/: notes, URLs, dates, time, memory.

    python benchmarks/inputs.py                 # every document, a table on stdout
    python benchmarks/inputs.py --only icmec    # documents whose id contains "icmec"
    python benchmarks/inputs.py --markdown      # the table as Markdown (for RESULTS.md)
    python benchmarks/inputs.py -v              # also the first misses of each document
    python benchmarks/inputs.py --scaling       # time and memory of PDFs of 106 to 2,120 pages
    python benchmarks/inputs.py --long-pdf OUT.pdf --pages 2000   # build a long PDF, only

Each document is read by ``citecheck parse DOC --format json`` in a subprocess of this Python
(its JSON is the stable contract, so the benchmark works before and after the read stage), and
compared with the document's truth file (schema in tests/documents/README.md):

- notes: truth notes whose number the parse also has, and how many notes it found;
- URLs: recall and precision of the distinct URLs (notes and sidebars together), and of the
  (note, URL) pairs -- a URL counts where a full citation of that note carries it;
- dates: truth (note, URL) pairs whose visit date the parse gives exactly (a missed pair is wrong);
- short cites: truth Id./Ibid./supra cites whose resolved source is the cited note's source;
- fields: the hand-labelled sample (authors, title, container, publisher, date, volume, pages);
- archive links: perma.cc and web-archive links recognised as archives of a source, not sources;
- time: wall seconds of the whole process (interpreter start included; ``startup`` below is
  ``citecheck --help`` alone) and its peak RSS, from wait4's rusage.

A document the current code cannot read shows as a failure with its error line.

The long PDFs (for "memory flat in page count") are built on demand, never committed: the
106-page pocket edition of the bundled report repeated to the wanted length (pypdf), so every
page is a real page with real notes; note numbers repeat each 106 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "documents"
POCKET = DOCS / "icmec-2018" / "icmec-2018.a5.pdf"
SCALING_COPIES = (1, 5, 10, 20)
FIELDS = ("authors", "title", "container", "publisher", "date", "volume", "pages")
TIMEOUT = 600.0


@dataclass
class Run:
    """One subprocess: its exit code, output, wall seconds and peak RSS in MB."""

    code: int
    stdout: bytes
    stderr: str
    seconds: float
    peak_mb: float


def run(argv: list[str]) -> Run:
    """Run argv; peak memory from wait4's rusage of exactly this child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        deadline = started + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            code=process.returncode,
            stdout=out.read(),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024,  # KiB on Linux
        )


def citecheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "citecheck", *args]


# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def __str__(self) -> str:
        if not self.total:
            return "–"
        return f"{100 * self.right / self.total:.1f}% ({self.right}/{self.total})"


@dataclass
class Score:
    notes_found: int = 0
    notes: Ratio = field(default_factory=Ratio)
    url_recall: Ratio = field(default_factory=Ratio)
    url_precision: Ratio = field(default_factory=Ratio)
    pair_recall: Ratio = field(default_factory=Ratio)
    pair_precision: Ratio = field(default_factory=Ratio)
    dates: Ratio = field(default_factory=Ratio)
    short_cites: Ratio = field(default_factory=Ratio)
    fields: Ratio = field(default_factory=Ratio)
    archives: Ratio = field(default_factory=Ratio)
    misses: list[str] = field(default_factory=list)


Pair = tuple[str, int, str]  # ("note" | "sidebar", number, URL)


def truth_pairs(truth: dict[str, Any]) -> dict[Pair, str | None]:
    pairs: dict[Pair, str | None] = {}
    for kind, key in (("note", "number"), ("sidebar", "index")):
        for entry in truth.get(kind + "s", []):
            for url in entry["urls"]:
                pairs[(kind, entry[key], url["url"])] = url["visited"]
    return pairs


def parsed_pairs(parsed: dict[str, Any]) -> dict[Pair, str | None]:
    pairs: dict[Pair, str | None] = {}
    for kind, key in (("note", "number"), ("sidebar", "index")):
        for entry in parsed.get(kind + "s", []):
            for cite in entry.get("citations", []):
                if cite.get("kind") == "full" and cite.get("url"):
                    pairs.setdefault((kind, entry[key], cite["url"]), cite.get("last_visited"))
    return pairs


def score_urls(score: Score, truth: dict[Pair, str | None], found: dict[Pair, str | None]) -> None:
    truth_urls = {url for _, _, url in truth}
    found_urls = {url for _, _, url in found}
    for url in sorted(truth_urls):
        score.url_recall.add(url in found_urls)
        if url not in found_urls:
            score.misses.append(f"missed URL {url}")
    for url in sorted(found_urls):
        score.url_precision.add(url in truth_urls)
        if url not in truth_urls:
            score.misses.append(f"extra URL {url}")
    for pair, visited in truth.items():
        score.pair_recall.add(pair in found)
        score.dates.add(pair in found and found[pair] == visited)
        if pair in found and found[pair] != visited:
            score.misses.append(f"{pair[0]} {pair[1]}: date {found[pair]} for {visited}")
    for pair in found:
        score.pair_precision.add(pair in truth)


def _source_notes(parsed: dict[str, Any]) -> dict[str, tuple[str | None, set[int]]]:
    return {s["id"]: (s.get("url"), set(s.get("cited_in", []))) for s in parsed.get("sources", [])}


def score_short_cites(score: Score, truth: dict[str, Any], parsed: dict[str, Any]) -> None:
    """Each truth short cite against the parse's short cites of that note, in order."""
    sources = _source_notes(parsed)
    by_number = {n["number"]: n for n in parsed.get("notes", [])}
    urls_of = {n["number"]: {u["url"] for u in n["urls"]} for n in truth["notes"]}
    for note in truth["notes"]:
        wanted = [c for c in note.get("short_cites", []) if c.get("refers_to") is not None]
        cites = [
            c
            for c in by_number.get(note["number"], {}).get("citations", [])
            if c.get("kind") != "full"
        ]
        for index, cite in enumerate(wanted):
            got = cites[index] if index < len(cites) else None
            url, cited_in = (
                sources.get(got.get("source", ""), (None, set())) if got else (None, set())
            )
            target = cite["refers_to"]
            # right when the resolved source is cited in the note the short cite points to
            ok = target in cited_in or bool(url and url in urls_of.get(target, set()))
            score.short_cites.add(ok)
            if not ok:
                score.misses.append(f"note {note['number']}: short cite not resolved to {target}")


def _plain(value: Any) -> Any:
    """A field as compared: markup, outer quotes and a closing period don't count."""
    if isinstance(value, str):
        text = " ".join(value.replace("*", "").split()).strip("\"“”'‘’").rstrip(".,;:")
        return text or None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def score_fields(score: Score, truth: dict[str, Any], parsed: dict[str, Any]) -> None:
    by_url = {s.get("url"): s for s in parsed.get("sources", []) if s.get("url")}
    for sample in truth.get("fields", []):
        source = by_url.get(sample["url"], {})
        for name in FIELDS:
            if name in sample:
                ok = _plain(source.get(name)) == _plain(sample[name])
                score.fields.add(ok)
                if not ok:
                    score.misses.append(
                        f"note {sample['note']} {name}: {source.get(name)!r} for {sample[name]!r}"
                    )


def score_archives(score: Score, truth: dict[str, Any], parsed: dict[str, Any]) -> None:
    """An archive link is recognised when no source has it as its URL and the parse mentions it."""
    text = json.dumps(parsed.get("sources", []))
    source_urls = {s.get("url") for s in parsed.get("sources", [])}
    for link in truth.get("archive_links", []):
        ok = link["archive"] not in source_urls and link["archive"] in text
        score.archives.add(ok)


def compare(truth: dict[str, Any], parsed: dict[str, Any]) -> Score:
    score = Score(notes_found=len(parsed.get("notes", [])))
    found_numbers = {n["number"] for n in parsed.get("notes", [])}
    for note in truth["notes"]:
        score.notes.add(note["number"] in found_numbers)
    score_urls(score, truth_pairs(truth), parsed_pairs(parsed))
    score_short_cites(score, truth, parsed)
    score_fields(score, truth, parsed)
    score_archives(score, truth, parsed)
    return score


# ---------------------------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------------------------

COLUMNS = (
    "document",
    "format",
    "notes found",
    "notes",
    "URL recall",
    "URL precision",
    "(note, URL) recall",
    "(note, URL) precision",
    "dates right",
    "short cites",
    "fields",
    "archive links",
    "seconds",
    "peak MB",
    "result",
)


def row(document: dict[str, Any], score: Score | None, result: Run, error: str) -> list[str]:
    truth_notes = json.loads((DOCS / document["truth"]).read_text(encoding="utf-8"))["totals"]
    cells = [document["id"], document["format"]]
    if score is None:
        cells += [f"– / {truth_notes['notes']}"] + ["–"] * 9
    else:
        cells += [
            f"{score.notes_found} / {truth_notes['notes']}",
            str(score.notes),
            str(score.url_recall),
            str(score.url_precision),
            str(score.pair_recall),
            str(score.pair_precision),
            str(score.dates),
            str(score.short_cites),
            str(score.fields),
            str(score.archives),
        ]
    cells += [f"{result.seconds:.2f}", f"{result.peak_mb:.0f}", error or "ok"]
    return cells


def print_table(rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "|".join("---" if i < 2 else "---:" for i in range(len(COLUMNS) - 1)) + "|---|")
        for cells in rows:
            print("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return
    widths = [max(len(c) for c in column) for column in zip(COLUMNS, *rows, strict=True)]
    for cells in [list(COLUMNS), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def measure(document: dict[str, Any]) -> tuple[list[str], Score | None]:
    path = (DOCS / document["path"]).resolve()
    result = run(citecheck("parse", str(path), "--format", "json"))
    truth = json.loads((DOCS / document["truth"]).read_text(encoding="utf-8"))
    if result.code != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        error = f"exit {result.code}: " + (lines[-1] if lines else "(no message)")
        error = error.replace(str(DOCS) + "/", "")
        return row(document, None, result, error), None
    try:
        parsed = json.loads(result.stdout)
    except ValueError as exc:
        return row(document, None, result, f"output is not JSON: {exc}"), None
    score = compare(truth, parsed)
    return row(document, score, result, ""), score


def build_long_pdf(target: Path, pages: int) -> int:
    """Write a PDF of at least ``pages`` pages: the pocket edition, repeated. Returns its length."""
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(POCKET)
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in source.pages:
            writer.add_page(page)
    with target.open("wb") as out:
        writer.write(out)
    return len(writer.pages)


def scaling() -> None:
    """Seconds and peak RSS of ``citecheck parse`` as the page count grows."""
    print("pages  seconds  peak MB  result")
    with tempfile.TemporaryDirectory() as work:
        for copies in SCALING_COPIES:
            target = Path(work) / f"long-{copies}.pdf"
            pages = build_long_pdf(target, copies * len(_pocket_pages()))
            result = run(citecheck("parse", str(target), "--format", "json"))
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            outcome = "ok" if result.code == 0 else f"exit {result.code}: " + (lines or [""])[-1]
            print(f"{pages:5d}  {result.seconds:7.2f}  {result.peak_mb:7.0f}  {outcome}")


def _pocket_pages() -> list[Any]:
    from pypdf import PdfReader

    return list(PdfReader(POCKET).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="only documents whose id contains this")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the first misses")
    parser.add_argument("--scaling", action="store_true", help="PDFs of 106 to 2,120 pages")
    parser.add_argument("--long-pdf", type=Path, help="only build a long PDF here")
    parser.add_argument("--pages", type=int, default=2000, help="its length (default 2000)")
    options = parser.parse_args(argv)
    if options.long_pdf:
        print(f"{options.long_pdf}: {build_long_pdf(options.long_pdf, options.pages)} pages")
        return 0
    if options.scaling:
        scaling()
        return 0
    manifest = json.loads((DOCS / "manifest.json").read_text(encoding="utf-8"))
    documents = [d for d in manifest["documents"] if options.only in d["id"]]
    startup = run(citecheck("--help"))
    print(
        f"# {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load "
        f"{os.getloadavg()[0]:.2f}; startup (citecheck --help) {startup.seconds:.2f} s, "
        f"{startup.peak_mb:.0f} MB"
    )
    rows = []
    for document in documents:
        cells, score = measure(document)
        rows.append(cells)
        if options.verbose and score and score.misses:
            print(f"## {document['id']}: {len(score.misses)} misses", file=sys.stderr)
            for miss in score.misses[:15]:
                print("   " + miss, file=sys.stderr)
    print_table(rows, options.markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
