"""Benchmark: how long the command line takes to start, against a bare interpreter.

Not a test. Runs ``python -c pass``, ``citecheck --version`` and ``citecheck --help`` (the
installed entry point) in turns, ``--rounds`` times each, and prints the fastest and the
median wall time of each and their excess over the bare interpreter's. On a shared machine
the fastest round is the one least disturbed by other work; the median shows the typical
wait. What each command imports is held by ``tests/cli/test_startup.py``.

    python benchmarks/bench_startup.py --rounds 30
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    exe = shutil.which("citecheck", path=str(BIN)) or "citecheck"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "citecheck --version": [exe, "--version"],
        "citecheck --help": [exe, "--help"],
        "citecheck check --help": [exe, "check", "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - started)
    bare_min = min(times["python -c pass"])
    bare_median = statistics.median(times["python -c pass"])
    for name, seen in times.items():
        fastest, median = min(seen), statistics.median(seen)
        print(
            f"{name:24} fastest {fastest * 1000:6.1f} ms (+{(fastest - bare_min) * 1000:5.1f}), "
            f"median {median * 1000:6.1f} ms (+{(median - bare_median) * 1000:5.1f})"
        )
    print(f"load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
