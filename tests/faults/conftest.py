"""The fault suite's workspace: a document, a store and ``citecheck`` run as a user runs it.

Each test here keeps one fault of issue 19 fixed: it failed on the code before the fix. The
commands run in subprocesses, against servers on loopback only, with the settings of a quick
run in ``citecheck.toml``. As root (CI containers) a command that must meet a read-only
directory runs without root's power to override file permissions.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.support.wayback import WaybackServer

ROOT = Path(__file__).parents[2]
_PR_CAPBSET_DROP = 24
# CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root ignore permission bits.
_OVERRIDES = (1, 2, 3)
QUICK = """\
allow-private = true
retries = 0
per-host-interval = 0
soft404-probe = false
archive-interval = 0
timeout = 5
wayback-url = "{wayback}"
"""


class Workspace:
    """A world-readable working directory with a ``citecheck.toml`` pointed at ``wayback``."""

    def __init__(self, root: Path, wayback: WaybackServer) -> None:
        self.root = root
        self.store = root / "snapshots"
        (root / "citecheck.toml").write_text(QUICK.format(wayback=wayback.base_url))

    def document(self, *urls: str, name: str = "doc.md") -> Path:
        """A Markdown document citing each URL in a footnote of its own."""
        notes = [
            f"[^{n}]: Jane Doe, *Source {n}*, Example (2018), {url} (last visited Oct. 5, 2018)."
            for n, url in enumerate(urls, 1)
        ]
        markers = " ".join(f"Claim {n}.[^{n}]" for n in range(1, len(urls) + 1))
        path = self.root / name
        path.write_text("# A report\n\n" + markers + "\n\n" + "\n".join(notes) + "\n")
        return path

    def start(self, *args: str, permissions_hold: bool = False) -> subprocess.Popen[str]:
        """``citecheck ARGS`` in the workspace, not waited for; with ``permissions_hold`` even
        as root, read-only files and directories cannot be written."""
        drop = _drop_overrides if permissions_hold and os.geteuid() == 0 else None
        return subprocess.Popen(
            [sys.executable, "-m", "citecheck", *args],
            cwd=self.root,
            env=_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=drop,  # only prctl calls in the child, before exec
        )

    def run(self, *args: str, permissions_hold: bool = False) -> subprocess.CompletedProcess[str]:
        child = self.start(*args, permissions_hold=permissions_hold)
        stdout, stderr = child.communicate(timeout=120)
        return subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)


def _drop_overrides() -> None:
    """In the child before exec: leave root's permission overrides out of its bounding set,
    so the command runs as root that permission bits bind (no other user needed)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _OVERRIDES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _environment() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return {**keep, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def wayback() -> Iterator[WaybackServer]:
    with WaybackServer() as server:
        yield server


@pytest.fixture
def workspace(wayback: WaybackServer, tmp_path: Path) -> Iterator[Workspace]:
    yield Workspace(tmp_path, wayback)


def ended_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def files(root: Path, skip: Sequence[str] = ()) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in skip
    }
