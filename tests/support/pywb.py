"""A real pywb on loopback, serving collections built from WARC files written in the test.

    with PywbServer(tmp_path) as pywb:
        write_warc(tmp_path / "a.warc.gz", [Capture("http://example.org/", "2018-10-01T10:00:00Z",
                                                     body=b"<html>...</html>")])
        base = pywb.collection("reports", [tmp_path / "a.warc.gz"])  # http://127.0.0.1:P/reports

``collection`` runs ``wb-manager init`` and ``wb-manager add`` (pywb indexes the WARCs) and
returns the collection's URL, which pywb serves at once: CDX at ``<base>/cdx``, replay at
``<base>/<timestamp><flag>/<url>``, Memento TimeMap at ``<base>/timemap/link/<url>`` and
TimeGate at ``<base>/<url>``. pywb runs from its own venv, ``.venv-pywb`` (``scripts/test``
makes it; ``CITECHECK_PYWB_BIN`` names another bin directory): its wheel installs a top-level
``tests`` package that would shadow this repository's if it shared ``.venv``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import TracebackType

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[2]
MISSING = "run scripts/test, or make .venv-pywb with tests/support/pywb-requirements.txt"
START_TIMEOUT = 60.0  # pywb imports gevent and its templates: seconds on a loaded machine


@dataclass(frozen=True)
class Capture:
    """One archived HTTP response; ``revisit_of`` makes it a revisit of an earlier capture's
    payload (``identical-payload-digest``), ``location`` a redirect."""

    url: str
    date: str  # WARC-Date, e.g. "2018-10-01T10:00:00Z"
    body: bytes = b""
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    revisit_of: Capture | None = None


def write_warc(path: Path, captures: Sequence[Capture]) -> Path:
    """A gzipped WARC with a response (or revisit) record per capture, in order."""
    digests: dict[Capture, str] = {}
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for capture in captures:
            record = _record(writer, capture, digests)
            writer.write_record(record)
            digests[capture] = record.rec_headers.get_header("WARC-Payload-Digest")
    return path


def _record(writer: WARCWriter, capture: Capture, digests: dict[Capture, str]) -> object:
    headers = [("Content-Type", capture.content_type)]
    if capture.location:
        headers.append(("Location", capture.location))
    http = StatusAndHeaders(capture.status, headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": capture.date}
    original = capture.revisit_of
    if original is not None:
        return writer.create_revisit_record(
            capture.url,
            digests[original],
            original.url,
            original.date,
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
    http.headers.append(("Content-Length", str(len(capture.body))))
    return writer.create_warc_record(
        capture.url,
        "response",
        payload=BytesIO(capture.body),
        http_headers=http,
        warc_headers_dict=warc_headers,
    )


def pywb_bin() -> Path | None:
    """The bin directory of pywb's venv, if there is one."""
    configured = os.environ.get("CITECHECK_PYWB_BIN")
    candidates = [Path(configured)] if configured else [REPO / ".venv-pywb" / "bin"]
    found = shutil.which("wayback")
    candidates += [Path(found).parent] if found else []
    return next((c for c in candidates if (c / "wayback").is_file()), None)


def pywb_tool(name: str) -> str:
    """The path of a pywb command (``wayback``, ``wb-manager``)."""
    directory = pywb_bin()
    if directory is None:
        raise RuntimeError(f"no pywb: {MISSING}")
    return str(directory / name)


class PywbServer:
    """``wayback`` serving ``root/collections`` on a free loopback port; ``config`` is written
    to ``root/config.yaml`` (e.g. ``"cdx_api_endpoint: ''"``: no CDX API, as OpenWayback)."""

    def __init__(self, root: Path, config: str = "") -> None:
        self.root = root
        self.config = config
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None
        self._log = root / "wayback.log"

    def collection(self, name: str, warcs: Sequence[Path]) -> str:
        """Build collection ``name`` from ``warcs``; its base URL (``--wayback-url``)."""
        self._manager("init", name)
        self._manager("add", name, *(str(w) for w in warcs))
        return f"{self.url}/{name}"

    def _manager(self, *args: str) -> None:
        subprocess.run(
            [pywb_tool("wb-manager"), *args],
            cwd=self.root,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def __enter__(self) -> PywbServer:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.config:
            (self.root / "config.yaml").write_text(self.config + "\n", encoding="utf-8")
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                [pywb_tool("wayback"), "-p", str(self.port), "-b", "127.0.0.1"],
                cwd=self.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"wayback exited: {self._log.read_text(errors='replace')}")
            try:
                httpx.get(self.url + "/", timeout=2.0)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"wayback did not start in {START_TIMEOUT:.0f} s")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
