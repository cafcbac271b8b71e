"""What the run's settings say about connections: which CAs to trust, which proxy to use."""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Mapping

import certifi

from citecheck.config import Settings


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """One context for every pool: verifying, trusting ``--ca-bundle`` or certifi's roots."""
    cafile = str(settings.ca_bundle) if settings.ca_bundle is not None else certifi.where()
    return ssl.create_default_context(cafile=cafile)


def choose_proxy(
    settings: Settings, scheme: str, host: str, environment: Mapping[str, str]
) -> str | None:
    """The proxy for ``scheme://host``: ``--proxy``, else ``*_PROXY``/``NO_PROXY``, else None.

    ``environment`` is ``urllib.request.getproxies()``, read once per run (it scans os.environ).
    """
    if settings.proxy:
        return settings.proxy
    url = environment.get(scheme) or environment.get("all")
    if url and urllib.request.proxy_bypass(host):
        return None
    return url or None
