"""Where the README's commands run: a folder like a user's, and a small web that never leaves
the machine.

``web``: the hosts ``mydoc.md`` cites, on SimWeb (plain HTTP), and the Wayback Machine at its
real names (``web.archive.org``, ``archive.org``, over HTTPS with a throwaway CA), both reached
through a local forward proxy given as ``HTTP_PROXY``/``HTTPS_PROXY``, as a user behind a proxy
would. The folder's ``citecheck.toml`` trusts the throwaway CA and drops the archive's polite
1.5 s between requests; neither changes a word of the output.

``offline``: the proxy variables point at a closed port, so every connection is refused and no
host answers: the run is inconclusive, as on a machine without internet, and nothing leaves
the machine either way.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme

from citecheck.check import StaticResolver
from tests.e2e.proxy import ForwardProxy
from tests.support.simweb import SimWeb, html, redirect
from tests.support.wayback import WaybackServer

HERE = Path(__file__).parent
REPO = HERE.parents[1]
ARCHIVE_HOSTS = ("web.archive.org", "archive.org")


def _article(title: str, *sentences: str) -> bytes | str:
    paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
    return f"<nav>Home | About | Contact</nav><article><h1>{title}</h1>{paragraphs}</article>"


ANNUAL = _article(
    "Annual Report 2017",
    "Reports of online grooming received by our hotline doubled between 2015 and 2017.",
    "Most reports concerned social media platforms and messaging applications.",
    "We thank our partners in law enforcement and industry for their support this year.",
)
CLASSIFIEDS = _article(
    "Classifieds Site Closes Adult Section",
    "The largest classified advertising site closed its adult section on Friday.",
    "The decision followed months of pressure from lawmakers and advocacy groups.",
    "Advertisers are expected to move to smaller sites hosted abroad, experts said.",
)
TESTIMONY = _article(
    "Testimony of John Doe",
    "Chairman, members of the committee, thank you for the opportunity to testify today.",
    "Online platforms have become the main venue for the exploitation I will describe.",
    "I urge the committee to fund the training of investigators in every state.",
)
TAKEDOWN = _article(
    "Takedown Notices in Practice",
    "We sent four hundred takedown notices to hosting providers over six months in 2017.",
    "Most takedown notices went unanswered, and fewer than one in five led to removal.",
    "Providers in three countries never answered any notice at all during the study.",
)
STATISTICS_2018 = _article(
    "Statistics on Online Exploitation",
    "In 2017 the agency received 10,200 reports of online exploitation of children.",
    "Sixty-three percent of the reports concerned images shared on public websites.",
    "The agency publishes these statistics every year in October for the year before.",
)
STATISTICS_NOW = _article(
    "Statistics on Online Exploitation",
    "Revised figures: the agency now counts 8,900 reports for 2017 after removing duplicates.",
    "Most reports now concern private messaging services rather than public websites.",
    "The methodology changed in 2021; earlier figures are not directly comparable.",
)
NOT_FOUND = (
    "<h1>Page not found</h1><p>Sorry, the page you were looking for has moved or never existed.</p>"
)


def _serve(web: SimWeb, archive: WaybackServer) -> None:
    web.route("www.example.org", "/reports/annual-2017", html(ANNUAL, title="Annual Report"))
    web.route(
        "news.example.com", "/2018/03/classifieds", redirect("/world/2018/03/classifieds-closes")
    )
    web.route("news.example.com", "/world/2018/03/classifieds-closes", html(CLASSIFIEDS))
    web.route("judiciary.example.gov", "/testimony-doe.pdf", html("<h1>Not Found</h1>", status=404))
    web.route("research.example.net", "/papers/takedown", html(NOT_FOUND, title="Not found"))
    web.route("agency.example.org", "/statistics", html(STATISTICS_NOW, title="Statistics"))
    captures = [
        ("http://www.example.org/reports/annual-2017", "20181004093000", ANNUAL),
        ("http://news.example.com/2018/03/classifieds", "20180925120000", CLASSIFIEDS),
        ("http://judiciary.example.gov/testimony-doe.pdf", "20181009081500", TESTIMONY),
        ("http://research.example.net/papers/takedown", "20181001120000", TAKEDOWN),
        ("http://agency.example.org/statistics", "20181003170000", STATISTICS_2018),
    ]
    for url, timestamp, body in captures:
        page = f"<html><head><title>t</title></head><body>{body}</body></html>"
        archive.add_capture(url, timestamp, page.encode())


@dataclass(frozen=True)
class Place:
    """The folder the commands run in, and the environment of each kind of block."""

    folder: Path
    environments: dict[str, dict[str, str]]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: refused


def _environment(bin_dir: Path, proxy: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return {
        **kept,
        "PATH": f"{bin_dir}{os.pathsep}{kept.get('PATH', '')}",
        "HTTP_PROXY": proxy,
        "HTTPS_PROXY": proxy,
        "NO_PROXY": "",
        "COLUMNS": "100",  # rich's tables: the same width on every machine
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleave as on a terminal
        "TERM": "dumb",
    }


@contextmanager
def place(folder: Path, bin_dir: Path) -> Iterator[Place]:
    """The README's world, up while the block runs; ``folder`` is the user's folder."""
    ca = trustme.CA()
    cert = ca.issue_cert(*ARCHIVE_HOSTS)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(tls)
    pem = folder.parent / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    for name in ("mydoc.md", "page.md"):
        shutil.copy(HERE / name, folder / name)
    for name in ("references", "tests"):  # the repository's files, as in a clone
        (folder / name).symlink_to(REPO / name)
    (folder / "citecheck.toml").write_text(
        f'ca-bundle = "{pem}"\narchive-interval = 0\ncdx-interval = 0\n', encoding="utf-8"
    )
    with ExitStack() as stack:
        web = stack.enter_context(SimWeb())
        archive = stack.enter_context(WaybackServer(tls=tls))
        _serve(web, archive)
        port = archive.base_url.rsplit(":", 1)[1]
        names = {h: ("127.0.0.1", int(port)) for h in ARCHIVE_HOSTS}
        proxy = stack.enter_context(ForwardProxy(StaticResolver(names, web.resolver())))
        yield Place(
            folder,
            {
                "web": _environment(bin_dir, proxy.url),
                "offline": _environment(bin_dir, f"http://127.0.0.1:{_closed_port()}"),
            },
        )
