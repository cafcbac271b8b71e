"""Check every cited link and decide, honestly, whether its source is still there.

    run = check_links(links, settings)             # a CheckRun: one LinkResult per distinct URL
    run = check_links(Parsing(document), settings) # the same, checking while the notes are read
    run = await acheck_links(links, settings)      # the same, inside an event loop

Verdicts are ``citecheck.model.Verdict`` values (alive, moved, gone, blocked, error, invalid,
skipped), each with a human reason and its evidence. When no host answered at all during a run,
the run is ``Reachability.UNREACHABLE`` and network failures are reported as ``error``
("network unreachable"), never as ``gone``.

Inject ``resolver`` (e.g. ``StaticResolver``) to route host names to test servers, ``sleep`` so
retries and politeness waits need not take real time, ``clock`` for the run's timestamps, and
``network_backend`` (an httpcore backend, below the address guard) to carry connections to
vetted addresses somewhere else.
``probe_record`` (a ``ProbeRecord``, loaded from and saved to a file by the caller) spares
soft-404 probes that an earlier run sent, where a link answers as it did then.
With ``capture=True`` every result carries the final GET ``Exchange`` when handed to
``on_result``; the returned run keeps only the verdicts, so memory stays flat.
"""

from citecheck.check._json import link_to_dict, run_to_dict
from citecheck.check._loop import check_links, event_loop
from citecheck.check._record import ProbeRecord, default_record_path
from citecheck.check._run import LinkFeed, acheck_links, utc_now
from citecheck.net import Resolver, StaticResolver, SystemResolver

__all__ = [
    "LinkFeed",
    "ProbeRecord",
    "Resolver",
    "StaticResolver",
    "SystemResolver",
    "acheck_links",
    "check_links",
    "default_record_path",
    "event_loop",
    "link_to_dict",
    "run_to_dict",
    "utc_now",
]
