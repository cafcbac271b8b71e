"""Save Page Now 2: ask the Wayback Machine for a fresh capture, then poll the job.

Keys come from the environment only and live in one private attribute: they are sent in the
Authorization header and never appear in a repr, a message, a log or a file.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from citecheck.archive._pace import Pacer, Sleep, Throttled, http_client
from citecheck.config import Settings

# Authenticated accounts get 7–12 captures a minute (sources disagree): stay at the low end.
SUBMIT_INTERVAL = 8.0
# Status calls are cheap for the archive: a second apart; a round over all jobs every 5 s.
STATUS_INTERVAL = 1.0
POLL_INTERVAL = 5.0
ENV_KEYS = (
    ("CITECHECK_SPN_ACCESS_KEY", "CITECHECK_SPN_SECRET_KEY"),
    ("IA_ACCESS_KEY", "IA_SECRET_KEY"),
)
_WITHIN = re.compile(r"(\d+)\s*([dhm])")


class SpnUnavailable(Exception):
    """Save Page Now cannot take requests now (network, 429s, server error): resume next run."""


@dataclass(frozen=True)
class SpnKeys:
    access: str
    secret: str

    def __repr__(self) -> str:
        return "SpnKeys(<redacted>)"


def keys_from_env(environ: Mapping[str, str]) -> SpnKeys | None:
    """The first complete pair of ``ENV_KEYS`` set in ``environ``."""
    for access, secret in ENV_KEYS:
        if environ.get(access) and environ.get(secret):
            return SpnKeys(environ[access], environ[secret])
    return None


@dataclass(frozen=True)
class Job:
    """A job as SPN2 reports it: ``pending``, ``success`` (with a capture) or ``error``."""

    status: str
    job_id: str | None = None
    timestamp: str | None = None
    original_url: str | None = None
    message: str | None = None


class SavePageNow:
    """A client for ``POST /save`` and ``GET /save/status/...`` on a Wayback-compatible server."""

    def __init__(
        self,
        http: httpx.Client,
        keys: SpnKeys,
        *,
        base_url: str = "https://web.archive.org",
        pacer: Pacer | None = None,
        poll_pacer: Pacer | None = None,
    ) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.pacer = pacer or Pacer(SUBMIT_INTERVAL)
        self.poll_pacer = poll_pacer or Pacer(STATUS_INTERVAL)
        self.__authorization = f"LOW {keys.access}:{keys.secret}"

    def __repr__(self) -> str:
        return f"SavePageNow({self.base_url!r})"

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        keys: SpnKeys,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
    ) -> SavePageNow:
        return cls(
            http_client(settings, transport),
            keys,
            base_url=settings.wayback_url,
            pacer=Pacer(SUBMIT_INTERVAL, sleep=sleep),
            poll_pacer=Pacer(STATUS_INTERVAL, sleep=sleep),
        )

    def capture_url(self, job: Job) -> str | None:
        if job.status != "success" or not job.timestamp or not job.original_url:
            return None
        return f"{self.base_url}/web/{job.timestamp}/{job.original_url}"

    def submit(self, url: str, *, if_not_archived_within: str) -> Job:
        """Submit ``url``; a refusal comes back as an ``error`` job, not an exception."""
        # skip_first_archive: do not spend the archive's time checking for a first capture.
        form = {
            "url": url,
            "if_not_archived_within": if_not_archived_within,
            "skip_first_archive": "1",
        }
        data = self._call(self.pacer, "POST", "/save", data=form)
        if data.get("job_id") and data.get("status") != "error":
            return Job("pending", str(data["job_id"]), message=_message(data))
        return Job("error", None, message=_message(data) or "refused without a job id")

    def status(self, job_id: str) -> Job:
        data = self._call(self.poll_pacer, "GET", f"/save/status/{job_id}")
        status = str(data.get("status", "error"))
        if status not in ("pending", "success"):
            return Job("error", job_id, message=_message(data) or "unknown job status")
        return Job(
            status,
            job_id,
            timestamp=_str(data.get("timestamp")),
            original_url=_str(data.get("original_url")),
        )

    def available_slots(self) -> int | None:
        """Free capture sessions of the account (None when the server does not say)."""
        data = self._call(self.poll_pacer, "GET", "/save/status/user")
        available = data.get("available")
        return available if isinstance(available, int) else None

    def _call(self, pacer: Pacer, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        headers = {"Accept": "application/json", "Authorization": self.__authorization}
        url = self.base_url + path
        try:
            response = pacer.send(lambda: self.http.request(method, url, headers=headers, **kwargs))
            data = response.json()
        except (httpx.HTTPError, ValueError, Throttled) as exc:
            raise SpnUnavailable(f"Save Page Now {path}: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500 or not isinstance(data, dict):
            raise SpnUnavailable(f"Save Page Now {path}: answered {response.status_code}")
        return data


def within_seconds(text: str) -> float:
    """``"30d"``, ``"12h"``, ``"1d 6h"`` -> seconds (the SPN2 ``if_not_archived_within`` form)."""
    parts = _WITHIN.findall(text)
    if not parts or _WITHIN.sub("", text).strip():
        raise ValueError(f"not a duration like 30d or 12h: {text!r}")
    scale = {"d": 86400, "h": 3600, "m": 60}
    return float(sum(int(n) * scale[unit] for n, unit in parts))


def _message(data: Mapping[str, Any]) -> str | None:
    parts = [str(data[k]) for k in ("status_ext", "message") if data.get(k)]
    return ": ".join(parts) or None


def _str(value: object) -> str | None:
    return str(value) if value is not None else None
