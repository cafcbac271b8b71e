"""From evidence to verdict: pure functions, no I/O.

The rules lean towards "cannot decide" over "gone": an editor acts on ``gone``, so it needs
positive evidence of rot (a definitive status, a missing host name, a not-found page, a
parked domain). Refusals (bot walls, 401/403, persistent 429) are ``blocked``; transport trouble
is ``error``.
"""

from __future__ import annotations

from http import HTTPStatus

from citecheck.check._outcome import Failure, Response, Trace
from citecheck.check._page import bot_wall
from citecheck.check._soft404 import Fingerprint, soft_404_reason
from citecheck.check._urls import (
    gate_kind,
    is_home_page,
    is_not_found_url,
    is_trivial_redirect,
)
from citecheck.model import FailureKind, Verdict

Decision = tuple[Verdict, str]

_FAILURE_VERDICTS = {
    FailureKind.NAME: Verdict.GONE,
    FailureKind.GUARD: Verdict.SKIPPED,
}
# Looked up per result; HTTPStatus(code) is a slow enum call.
_PHRASES = {status.value: status.phrase for status in HTTPStatus}
_BLOCKING = {401, 403, 407, 429, 999}  # 999: LinkedIn's "request denied" for automated clients


def classify(trace: Trace, probe: Fingerprint | None = None) -> Decision:
    """The verdict and human reason for a traced URL (``probe``: its origin's soft-404 probe)."""
    if trace.response is None or trace.failure is not None:
        assert trace.failure is not None
        return _from_failure(trace.failure, trace)
    response = trace.response
    if 200 <= response.status < 300:
        return _from_success(trace, response, probe)
    if response.status in _BLOCKING or bot_wall(_headers(response), response.body):
        return _blocked(trace, response)
    if 400 <= response.status < 500 and response.status not in (408, 425):
        return Verdict.GONE, _via(trace, _status_text(response))
    if response.status >= 500 or response.status in (408, 425):
        return Verdict.ERROR, _via(trace, _persisted(trace, response))
    return Verdict.ERROR, _via(trace, f"unexpected answer {_status_text(response)}")


def network_unreachable() -> Decision:
    return Verdict.ERROR, "network unreachable: no host answered during this run"


def _from_failure(failure: Failure, trace: Trace) -> Decision:
    verdict = _FAILURE_VERDICTS.get(failure.kind, Verdict.ERROR)
    if failure.kind is FailureKind.NAME:
        reason = f"host name does not exist ({failure.detail})"
    elif failure.kind is FailureKind.GUARD:
        reason = f"address guard: {failure.detail} (use --allow-private to check it)"
    elif failure.kind is FailureKind.TIMEOUT:
        reason = f"timed out ({_attempts(trace)})"
    elif failure.kind in (FailureKind.RESET, FailureKind.REFUSED):
        reason = f"{failure.detail} ({_attempts(trace)})"
    elif failure.kind is FailureKind.DNS:
        reason = f"name lookup failed ({failure.detail})"
    else:
        reason = failure.detail
    if trace.hops and failure.kind not in (FailureKind.LOOP, FailureKind.TOO_MANY_REDIRECTS):
        reason = f"redirect to {trace.stopped_at}: {reason}"
    return verdict, reason


def _from_success(trace: Trace, response: Response, probe: Fingerprint | None) -> Decision:
    page = trace.page
    if page is not None:
        service = page.parking_service
        if service is not None:
            return Verdict.GONE, f"parked domain ({service})"
    gone = _gone_by_redirect(trace, response)
    if gone is not None:
        return Verdict.GONE, gone
    wall = _wall_by_redirect(trace, response)
    if wall is not None:
        return Verdict.BLOCKED, wall
    if page is not None and page.not_found_heading:
        return Verdict.GONE, f'soft 404: the page says "{page.not_found_heading}"'
    if probe is not None and page is not None:
        soft = soft_404_reason(trace, probe)
        if soft is not None:
            return Verdict.GONE, soft
    return _alive_or_moved(trace, response)


def _gone_by_redirect(trace: Trace, response: Response) -> str | None:
    if not trace.hops or is_trivial_redirect(trace.url, response.url):
        return None
    if is_home_page(response.url) and not is_home_page(trace.url):
        return f"redirects to the home page ({response.url})"
    if is_not_found_url(response.url) and not is_not_found_url(trace.url):
        return f"redirects to a not-found page ({response.url})"
    return None


def _wall_by_redirect(trace: Trace, response: Response) -> str | None:
    """A redirect to a login or cookie-consent page hides the source; it does not move it."""
    if not trace.hops or is_trivial_redirect(trace.url, response.url):
        return None
    wall = gate_kind(response.url)
    if wall is not None and gate_kind(trace.url) is None:
        return f"redirects to a {wall} page ({response.url})"
    return None


def _alive_or_moved(trace: Trace, response: Response) -> Decision:
    status = _status_text(response)
    if trace.refreshed_to is not None:
        return Verdict.MOVED, f"meta refresh to {trace.refreshed_to} ({status})"
    if not trace.hops:
        return Verdict.ALIVE, status
    if is_trivial_redirect(trace.url, response.url):
        return Verdict.ALIVE, f"{status} after a trivial redirect"
    return Verdict.MOVED, f"redirects to {response.url} ({status})"


def _blocked(trace: Trace, response: Response) -> Decision:
    wall = bot_wall(_headers(response), response.body)
    status = _status_text(response)
    if wall is not None:
        return Verdict.BLOCKED, _via(trace, f"bot wall: {response.status} with {wall}")
    if response.status == 429:
        return Verdict.BLOCKED, _via(trace, f"{status} persisted ({_attempts(trace)})")
    return Verdict.BLOCKED, _via(trace, f"{status}: the server refuses automated checks")


def _persisted(trace: Trace, response: Response) -> str:
    return f"{_status_text(response)} persisted ({_attempts(trace)})"


def _via(trace: Trace, reason: str) -> str:
    if trace.hops and not is_trivial_redirect(trace.url, _last_target(trace)):
        return f"redirects to {_last_target(trace)}, which answers {reason}"
    return reason


def _last_target(trace: Trace) -> str:
    return trace.response.url if trace.response is not None else trace.stopped_at


def _attempts(trace: Trace) -> str:
    return "1 attempt" if trace.attempts == 1 else f"{trace.attempts} attempts"


def _status_text(response: Response) -> str:
    phrase = _PHRASES.get(response.status) or response.reason or "Unknown"
    return f"{response.status} {phrase}"


def _headers(response: Response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers}
