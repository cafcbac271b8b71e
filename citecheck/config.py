"""Settings shared by every command that touches the network (check, archive, run, fix).

Precedence, highest first: command-line options, ``citecheck.toml``, ``[tool.citecheck]`` in
``pyproject.toml``, built-in defaults. Both files are looked up in the working directory.
Keys in the files are the option names with dashes or underscores (``max-concurrency``).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36 citecheck/0.1 (+https://github.com/citecheck/citecheck)"
)
DEFAULT_HEADERS: tuple[tuple[str, str], ...] = (
    ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    ("Accept-Language", "en-US,en;q=0.9"),
)
IA_WAYBACK = "https://web.archive.org"
IA_AVAILABILITY = "https://archive.org/wayback/available"


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run. Frozen: build a new one with ``dataclasses.replace``."""

    # check: seconds per connect/read (a whole attempt gets three times that)
    timeout: float = 20.0
    # check politeness: requests in flight overall, per host, and seconds between request
    # starts on one host
    max_concurrency: int = 64
    per_host: int = 2
    per_host_interval: float = 0.2
    # check retries for timeouts, resets, 5xx, 429: extra attempts, first backoff in seconds
    # (doubling), and the most a server's Retry-After may make the checker wait
    retries: int = 2
    retry_backoff: float = 1.0
    retry_after_cap: float = 60.0
    max_redirects: int = 10
    # check: try HEAD before GET (trusted only for a 2xx that is not a web page)
    head_first: bool = False
    # check: compare 200 pages with a random URL on the same host (one request per origin)
    soft404_probe: bool = True
    proxy: str | None = None
    ca_bundle: Path | None = None
    # check: allow private, loopback, link-local... addresses (the address guard is off)
    allow_private: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    headers: tuple[tuple[str, str], ...] = DEFAULT_HEADERS
    # check: bytes of a page read for soft-404/parking/bot-wall detection; bytes captured
    max_body_bytes: int = 2 * 1024 * 1024
    capture_max_bytes: int = 64 * 1024 * 1024
    # check: regular expressions (searched in the URL); matching links are skipped
    exclude: tuple[str, ...] = ()
    moved_ok: bool = False
    wayback_url: str = IA_WAYBACK
    # None: the Internet Archive's own endpoint for the default wayback_url, else
    # <wayback_url>/wayback/available (pywb and other Wayback-compatible servers).
    availability_url: str | None = None
    # More archives for baselines, asked after the Wayback server through Memento (RFC 7089):
    # each a TimeGate URL ("https://webarchive.loc.gov/all/"), optionally "Name=URL".
    archives: tuple[str, ...] = ()
    # Seconds between requests to the web archive (CDX, replay, Save Page Now status): the
    # Internet Archive allows about 60 CDX requests a minute; well-behaved clients stay far below.
    archive_interval: float = 1.5
    # monitor: a source is confirmed gone after this many failed checks, each at least
    # rot_interval_days after the previous counted one (InternetArchiveBot: 3 and 3).
    rot_failures: int = 3
    rot_interval_days: int = 3
    # archive --save: Save Page Now reuses a capture this recent, and citecheck does not
    # resubmit a URL it saved within this window (SPN2 if_not_archived_within: "30d", "12h").
    save_if_not_archived_within: str = "30d"

    def availability_endpoint(self) -> str:
        """The Wayback availability API that goes with ``wayback_url``."""
        if self.availability_url:
            return self.availability_url
        if self.wayback_url.rstrip("/") == IA_WAYBACK:
            return IA_AVAILABILITY
        return f"{self.wayback_url.rstrip('/')}/wayback/available"


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def load_settings(directory: Path, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Settings from the config files in ``directory``, then ``overrides`` (None values ignored)."""
    values: dict[str, Any] = {}
    values.update(_from_pyproject(directory / "pyproject.toml"))
    values.update(_from_toml(directory / "citecheck.toml"))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _build(values)


def _from_pyproject(path: Path) -> dict[str, Any]:
    table = _read_toml(path).get("tool", {}).get("citecheck", {})
    return _normalise_keys(table, path)


def _from_toml(path: Path) -> dict[str, Any]:
    return _normalise_keys(_read_toml(path), path)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc}); fix or remove the file") from exc


def _normalise_keys(table: Mapping[str, Any], path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(
                f"{path}: unknown setting {key!r}; known: {', '.join(sorted(_FIELDS))}"
            )
        if name == "ca_bundle" and isinstance(value, str):
            value = str(path.parent / value)  # relative to the file that names it
        out[name] = value
    return out


def _build(values: Mapping[str, Any]) -> Settings:
    coerced = {name: _coerce(name, value) for name, value in values.items()}
    settings = Settings(**coerced)
    _validate(settings)
    return settings


def _coerce(name: str, value: Any) -> Any:
    """The value in the field's type; a one-line ConfigError when it cannot be one."""
    if name == "ca_bundle":
        return Path(_expect(name, value, (str, Path), "a file path"))
    if name == "headers":
        pairs = value.items() if isinstance(value, Mapping) else value
        return tuple((str(k), str(v)) for k, v in _expect(name, pairs, Iterable, "a table"))
    if name == "exclude":
        patterns = _expect(name, value, (list, tuple), "a list of patterns")
        return tuple(_pattern(str(v)) for v in patterns)
    if name == "archives":
        entries = _expect(name, value, (list, tuple), "a list of TimeGate URLs")
        return tuple(_archive(str(v)) for v in entries)
    default = _FIELDS[name].default
    if isinstance(default, bool):
        return _expect(name, value, bool, "true or false")
    if isinstance(default, int):
        return _expect(name, value, int, "a whole number")
    if isinstance(default, float):
        return float(_expect(name, value, (int, float), "a number"))
    if isinstance(default, str) or default is None:
        return _expect(name, value, str, "text")
    return value


def _expect(name: str, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    # bool is an int in Python; "timeout = true" is still a mistake worth reporting.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        option = name.replace("_", "-")
        raise ConfigError(f"{option} must be {what}, got {value!r}")
    return value


def _pattern(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        message = f"exclude pattern {pattern!r} is not a regular expression ({exc})"
        raise ConfigError(message) from exc
    return pattern


def _archive(entry: str) -> str:
    url = entry.partition("=")[2] if "=" in entry.split("://")[0] else entry
    if not re.match(r"https?://[^/\s]+", url.strip()):
        raise ConfigError(
            f"archive {entry!r} is not a TimeGate URL like https://webarchive.loc.gov/all/ "
            "(or Name=URL)"
        )
    return entry


def _validate(settings: Settings) -> None:
    if settings.timeout <= 0:
        raise ConfigError(f"timeout must be positive, got {settings.timeout}")
    if settings.max_concurrency < 1 or settings.per_host < 1:
        raise ConfigError("max-concurrency and per-host must be at least 1")
    if settings.per_host_interval < 0 or settings.retries < 0 or settings.archive_interval < 0:
        raise ConfigError("per-host-interval, retries and archive-interval cannot be negative")
    if settings.retry_backoff < 0 or settings.retry_after_cap < 0 or settings.max_redirects < 0:
        raise ConfigError("retry-backoff, retry-after-cap and max-redirects cannot be negative")
    if settings.max_body_bytes < 1 or settings.capture_max_bytes < 1:
        raise ConfigError("max-body-bytes and capture-max-bytes must be at least 1")
    if settings.ca_bundle is not None and not settings.ca_bundle.is_file():
        raise ConfigError(f"--ca-bundle {settings.ca_bundle}: no such file")
    if settings.rot_failures < 1 or settings.rot_interval_days < 0:
        raise ConfigError("rot-failures must be at least 1 and rot-interval-days not negative")
