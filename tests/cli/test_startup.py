"""Start-up (issue 16): the command line loads only what the command it runs uses.

Each case runs a fresh interpreter, since this test process has imported everything already.
How fast the start is, is measured by benchmarks/bench_startup.py; what is loaded is held here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Heavy libraries and the stages a command may not need: tens of milliseconds each to import.
HEAVY = (
    "trafilatura",
    "pypdf",
    "pypdfium2",
    "bs4",
    "lxml",
    "warcio",
    "httpx",
    "httpcore",
    "markdown_it",
    "rich",
    "tenacity",
    "bibtexparser",
    "nameparser",
    "charset_normalizer",
)
STAGES = tuple(
    f"citecheck.{stage}"
    for stage in ("read", "parse", "check", "archive", "report", "export", "fix", "pipeline")
)

_LOADED = """
import atexit, json, sys
names = {names!r}
atexit.register(lambda: print("LOADED " + json.dumps([n for n in names if n in sys.modules]),
                              file=sys.stderr))
from citecheck.cli import app
app({argv!r}, prog_name="citecheck")
"""


def _loaded(argv: list[str], cwd: Path) -> list[str]:
    code = _LOADED.format(names=HEAVY + STAGES, argv=argv)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED "))
    loaded: list[str] = json.loads(line.removeprefix("LOADED "))
    return loaded


def test_importing_the_cli_loads_no_stage_and_no_heavy_library(tmp_path: Path) -> None:
    code = f"import sys, citecheck.cli; print([n for n in {HEAVY + STAGES!r} if n in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_version_and_help_load_nothing_more(tmp_path: Path) -> None:
    assert _loaded(["--version"], tmp_path) == []
    assert _loaded(["--help"], tmp_path) == []
    assert _loaded(["check", "--help"], tmp_path) == []


def test_check_of_markdown_loads_read_parse_check_only(tmp_path: Path) -> None:
    # A loopback URL is refused by the address guard: the whole check runs, with no network.
    document = tmp_path / "report.md"
    document.write_text("Claim.[^1]\n\n[^1]: A report, at <http://127.0.0.1:9/a>.\n")
    loaded = _loaded(["check", "-q", "-f", "json", str(document)], tmp_path)
    assert {"citecheck.read", "citecheck.parse", "citecheck.check", "httpx"} <= set(loaded)
    unused = set(loaded) - {"citecheck.read", "citecheck.parse", "citecheck.check", "httpx",
                            "httpcore", "markdown_it", "citecheck.report"}  # fmt: skip
    assert unused == set()
