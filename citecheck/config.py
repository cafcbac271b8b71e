"""Settings shared by every command that touches the network (check, archive, run, fix).

Precedence, highest first: command-line options, ``citecheck.toml``, ``[tool.citecheck]`` in
``pyproject.toml``, built-in defaults. Both files are looked up in the working directory, or
one file is named with ``--config``. Keys in the files are the option names with dashes or
underscores (``max-concurrency``). ``resolve_settings`` also tells where each value came from;
every error names the file and the key as written there, or the option.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    # Seconds between two requests to one endpoint of a web archive (its replay, each Memento
    # archive's host, Save Page Now's status); each endpoint is paced on its own.
    archive_interval: float = 1.5
    # Seconds between two requests to the Wayback server's CDX index (and its availability
    # API): the Internet Archive allows about 60 a minute, well-behaved clients ask 20-25.
    cdx_interval: float = 2.4
    # monitor: a source is confirmed gone after this many failed checks, each at least
    # rot_interval_days after the previous counted one (InternetArchiveBot: 3 and 3).
    rot_failures: int = 3
    rot_interval_days: int = 3
    # archive --save: Save Page Now reuses a capture this recent, and citecheck does not
    # resubmit a URL it saved within this window (SPN2 if_not_archived_within: "30d", "12h").
    save_if_not_archived_within: str = "30d"
    # archive: when another run holds the snapshot store, wait for it (else exit 2 naming it)
    wait_for_lock: bool = True

    def availability_endpoint(self) -> str:
        """The Wayback availability API that goes with ``wayback_url``."""
        if self.availability_url:
            return self.availability_url
        if self.wayback_url.rstrip("/") == IA_WAYBACK:
            return IA_AVAILABILITY
        return f"{self.wayback_url.rstrip('/')}/wayback/available"


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}

# What each key means, for `citecheck config` and the README's complete citecheck.toml.
DESCRIPTIONS: dict[str, str] = {
    "timeout": "seconds per request",
    "max_concurrency": "requests in flight at once, over all hosts",
    "per_host": "requests in flight at once to one host",
    "per_host_interval": "seconds between the starts of two requests to one host",
    "retries": "extra attempts after a timeout, a reset, a 5xx or a 429",
    "retry_backoff": "seconds before the first retry (doubling after each)",
    "retry_after_cap": "the longest a server's Retry-After may make the checker wait, in seconds",
    "max_redirects": "redirects followed before a link counts as a redirect loop",
    "head_first": "try HEAD before GET (trusted only for a 2xx that is not a web page)",
    "soft404_probe": "ask each host for a random URL, to tell a soft 404 from a real page",
    "proxy": "proxy URL, http:// or https:// (unset: the HTTP_PROXY/HTTPS_PROXY variables)",
    "ca_bundle": "PEM file of the CAs to trust, relative to this file (unset: certifi's)",
    "allow_private": "check private, loopback and link-local addresses (the guard is off)",
    "user_agent": "the User-Agent header of every request",
    "headers": "the other headers of every request, as a table",
    "max_body_bytes": "bytes of a page read to detect soft 404s, parked domains, bot walls",
    "capture_max_bytes": "bytes of a source kept in its snapshot",
    "exclude": "regular expressions searched in each URL; matching links are skipped",
    "moved_ok": "exit 0 when links only moved",
    "wayback_url": "the Wayback Machine, or a Wayback-compatible archive (pywb)",
    "availability_url": "its availability API (unset: the one that goes with wayback-url)",
    "archives": 'more archives for baselines, by Memento TimeGate URL (or "Name=URL")',
    "archive_interval": "seconds between two requests to one web archive endpoint",
    "cdx_interval": "seconds between two requests to the Wayback server's CDX index",
    "rot_failures": "failed checks before a source counts as confirmed gone",
    "rot_interval_days": "days at least between two counted failed checks",
    "save_if_not_archived_within": "with --save: reuse a Save Page Now capture this recent",
    "wait_for_lock": "wait while another run holds the snapshot store (false: exit 2 at once)",
}


@dataclass(frozen=True)
class Origin:
    """Where a setting's value came from: ``source`` is "default", "option" or a file's path;
    ``key`` is the name as written there (``per-host-interval``, ``--timeout``)."""

    source: str
    key: str
    table: str = ""  # "[tool.citecheck]" in a pyproject.toml

    def __str__(self) -> str:
        if self.source == "option":
            return self.key
        return f"{self.source} {self.table}".strip()

    @property
    def names(self) -> str:
        """The setting as an error message names it: ``citecheck.toml: per-host``."""
        if self.source in ("option", "default"):
            return self.key
        return f"{self.source}: {self.table} {self.key}".replace(":  ", ": ")


@dataclass(frozen=True)
class ResolvedSettings:
    """The settings of a run and the origin of each value (every field of ``Settings``)."""

    settings: Settings
    origins: Mapping[str, Origin]


def load_settings(
    directory: Path, overrides: Mapping[str, Any] | None = None, *, config: Path | None = None
) -> Settings:
    """Settings from the config files in ``directory`` (or the file ``config``), then
    ``overrides`` (the command line's options; None values ignored)."""
    return resolve_settings(directory, overrides, config=config).settings


def resolve_settings(
    directory: Path, overrides: Mapping[str, Any] | None = None, *, config: Path | None = None
) -> ResolvedSettings:
    """As ``load_settings``, keeping where each value came from."""
    given: dict[str, tuple[Any, Origin]] = {}
    for path in _files(directory, config):
        given.update(_from_file(path))
    for name, value in (overrides or {}).items():
        if value is not None:
            given[name] = (value, Origin("option", "--" + name.replace("_", "-")))
    values = {name: _coerce(name, value, origin) for name, (value, origin) in given.items()}
    settings = Settings(**values)
    origins = {name: Origin("default", name.replace("_", "-")) for name in _FIELDS}
    origins.update({name: origin for name, (_, origin) in given.items()})
    _validate(settings, origins)
    return ResolvedSettings(settings, origins)


def _files(directory: Path, config: Path | None) -> list[Path]:
    if config is None:
        return [directory / "pyproject.toml", directory / "citecheck.toml"]
    if not config.is_file():
        raise ConfigError(f"--config {config}: no such file")
    return [config]


def _from_file(path: Path) -> dict[str, tuple[Any, Origin]]:
    data = _read_toml(path)
    table = ""
    if path.name == "pyproject.toml":
        table = "[tool.citecheck]"
        tool = data.get("tool")
        data = tool.get("citecheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: {table} must be a table, got {data!r}")
    out: dict[str, tuple[Any, Origin]] = {}
    for key, value in data.items():
        origin = Origin(str(path), key, table)
        name = key.replace("-", "_")
        if name not in _FIELDS:
            where = f" in {table}" if table else ""
            raise ConfigError(f"{path}: unknown setting {key!r}{where}; {_suggest(key)}")
        if name == "ca_bundle" and isinstance(value, str):
            value = str(path.parent / value)  # relative to the file that names it
        out[name] = (value, origin)
    return out


def _suggest(key: str) -> str:
    names = [name.replace("_", "-") for name in _FIELDS]
    close = difflib.get_close_matches(key.replace("_", "-").lower(), names, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "`citecheck config` lists every setting"


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except UnicodeDecodeError as exc:
        where = f"byte {exc.object[exc.start]:#04x} at offset {exc.start}"
        raise ConfigError(f"{path}: not UTF-8 text ({where}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc.strerror or exc})") from None


# ----------------------------------------------------------------------------- coercion


def _coerce(name: str, value: Any, origin: Origin) -> Any:
    """The value in the field's type; a one-line ConfigError naming ``origin`` otherwise."""
    if name == "ca_bundle":
        return Path(_expect(origin, value, (str, Path), "a file path"))
    if name == "headers":
        return _headers(value, origin)
    if name == "exclude":
        patterns = _expect(origin, value, (list, tuple), "a list of patterns")
        return tuple(
            _pattern(origin, _expect(origin, v, str, "a list of patterns")) for v in patterns
        )
    if name == "archives":
        what = "a list of TimeGate URLs"
        entries = _expect(origin, value, (list, tuple), what)
        return tuple(_archive(origin, _expect(origin, v, str, what)) for v in entries)
    default = _FIELDS[name].default
    if isinstance(default, bool):
        return _expect(origin, value, bool, "true or false")
    if isinstance(default, int):
        return _expect(origin, value, int, "a whole number")
    if isinstance(default, float):
        number = float(_expect(origin, value, (int, float), "a number"))
        if not math.isfinite(number):
            raise ConfigError(f"{origin.names} must be a finite number, got {value!r}")
        return number
    return _expect(origin, value, str, "text")


def _expect(origin: Origin, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    # bool is an int in Python; "timeout = true" is still a mistake worth reporting.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ConfigError(f"{origin.names} must be {what}, got {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    return "a table" if isinstance(value, dict) else repr(value)


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 field names
_UNSAFE = re.compile(r"[\x00\r\n]")


def _headers(value: Any, origin: Origin) -> tuple[tuple[str, str], ...]:
    """A table of header names and values (or, from code, a sequence of pairs)."""
    what = 'a table of header names and values ([headers] Accept-Language = "fr")'
    if isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        pairs = list(_expect(origin, value, (list, tuple), what))
        if not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in pairs):
            raise ConfigError(f"{origin.names} must be {what}, got {value!r}")
    for header, text in pairs:
        if not isinstance(header, str) or not _TOKEN.fullmatch(header):
            raise ConfigError(f"{origin.names}: {header!r} is not a header name")
        if not isinstance(text, str):
            raise ConfigError(f"{origin.names}: {header} must be text, got {text!r}")
        if _UNSAFE.search(text):
            raise ConfigError(f"{origin.names}: {header} holds a line break or NUL; remove it")
    return tuple(pairs)


def _pattern(origin: Origin, pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        message = f"{origin.names}: {pattern!r} is not a regular expression ({exc})"
        raise ConfigError(message) from None
    return pattern


def _archive(origin: Origin, entry: str) -> str:
    url = entry.partition("=")[2] if "=" in entry.split("://")[0] else entry
    if not re.match(r"https?://[^/\s]+", url.strip()):
        raise ConfigError(
            f"{origin.names}: {entry!r} is not a TimeGate URL like "
            "https://webarchive.loc.gov/all/ (or Name=URL)"
        )
    return entry


# --------------------------------------------------------------------------- validation


def _at_least(low: float) -> Callable[[Any], bool]:
    return lambda value: value >= low


_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "timeout": (lambda v: v > 0, "a positive number of seconds"),
    "max_concurrency": (_at_least(1), "at least 1"),
    "per_host": (_at_least(1), "at least 1"),
    "per_host_interval": (_at_least(0), "0 or more seconds"),
    "retries": (_at_least(0), "0 or more"),
    "retry_backoff": (_at_least(0), "0 or more seconds"),
    "retry_after_cap": (_at_least(0), "0 or more seconds"),
    "max_redirects": (_at_least(0), "0 or more"),
    "max_body_bytes": (_at_least(1), "at least 1 byte"),
    "capture_max_bytes": (_at_least(1), "at least 1 byte"),
    "archive_interval": (_at_least(0), "0 or more seconds"),
    "cdx_interval": (_at_least(0), "0 or more seconds"),
    "rot_failures": (_at_least(1), "at least 1"),
    "rot_interval_days": (_at_least(0), "0 or more days"),
    "user_agent": (lambda v: not _UNSAFE.search(v), "one line of text"),
}


def _validate(settings: Settings, origins: Mapping[str, Origin]) -> None:
    for name, (holds, what) in _RULES.items():
        value = getattr(settings, name)
        if not holds(value):
            raise ConfigError(f"{origins[name].names} must be {what}, got {value!r}")
    if settings.ca_bundle is not None and not settings.ca_bundle.is_file():
        raise ConfigError(f"{origins['ca_bundle'].names}: no such file {settings.ca_bundle}")
    if settings.proxy is not None:
        _check_url(settings.proxy, origins["proxy"], "a proxy", "http://proxy.example:3128")
    _check_url(settings.wayback_url, origins["wayback_url"], "a web archive", IA_WAYBACK)
    if settings.availability_url is not None:
        _check_url(
            settings.availability_url, origins["availability_url"], "an API", IA_AVAILABILITY
        )


def proxy_problem(url: str) -> str | None:
    """Why ``url`` cannot be a proxy (None when it can): an http:// or https:// URL with a host."""
    return _url_problem(url, "a proxy", "http://proxy.example:3128")


def _check_url(url: str, origin: Origin, what: str, example: str) -> None:
    problem = _url_problem(url, what, example)
    if problem is not None:
        raise ConfigError(f"{origin.names}: {problem}")


def _url_problem(url: str, what: str, example: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- parsing the port is the check: "host:x" raises
    except ValueError as exc:
        return f"{url!r} is not a URL ({exc})"
    if parts.scheme.startswith("socks") and what == "a proxy":
        return f"{url!r}: SOCKS proxies are not supported; give an http:// or https:// proxy"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url!r} is not the URL of {what}; give one like {example}"
    return None
