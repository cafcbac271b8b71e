"""Run the ``citecheck`` command with the checker's connection layer chosen, for benchmarks.

    python benchmarks/fetch_variant.py net CHECK-ARGS...       # citecheck.net (as shipped)
    python benchmarks/fetch_variant.py aiohttp CHECK-ARGS...   # benchmarks/aiohttp_pools.py
    python benchmarks/fetch_variant.py aiohttp in-process URL-FILE PER-HOST MAX-CONCURRENCY
                                        # the check alone, timed inside (as bench_check.py)

Both go through this same launcher, so the two differ only in the layer under test.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks.* importable


def main() -> None:
    variant, args = sys.argv[1], sys.argv[2:]
    if variant == "aiohttp":
        from benchmarks.aiohttp_pools import AiohttpPools
        from citecheck.check import _run

        _run.Pools = AiohttpPools  # type: ignore[misc,assignment]
    elif variant != "net":
        raise SystemExit(f"unknown variant {variant!r}: net or aiohttp")
    if args[:1] == ["in-process"]:
        from benchmarks.bench_check import Politeness, run_citecheck

        per_host, max_concurrency = int(args[2]), int(args[3])
        run_citecheck(Path(args[1]), Politeness(per_host, max_concurrency, 0.0), probe=True)
        return
    from citecheck.cli import app

    sys.argv = ["citecheck", *args]
    app()


if __name__ == "__main__":
    main()
