"""Turn a note's styled runs into the parser's one input form: light Markdown text.

Readers of rich formats (HTML, DOCX, PDF) see a note as runs of text, some italic, some inside
a hyperlink. The parser reads every format as the same text: ``*italic*`` for titles, and a
hyperlink as ``<target>`` when its visible text is a URL (so a shortened "example.org/…" is
replaced by the exact target) or as ``[visible text](target)`` when it is words. Links to
places inside the document (``#fn1``) and to ``mailto:`` keep only their visible text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from citecheck.model import Hyperlink, LinkOrigin
from citecheck.read._urls import is_web, looks_like_url, written_urls

_SPACES = re.compile(r"\s+")
# Escape in a Markdown link target what would end it early; a plain ASCII target stays as is.
_TARGET_ESCAPES = str.maketrans({"(": "\\(", ")": "\\)", " ": "%20"})
_TEXT_ESCAPES = str.maketrans({"[": "\\[", "]": "\\]"})


@dataclass(frozen=True)
class Run:
    """A piece of a note's text with one style: italic or not, inside one link or none."""

    text: str
    italic: bool = False
    target: str | None = None
    origin: LinkOrigin = LinkOrigin.HREF


def render(runs: Iterable[Run]) -> tuple[str, tuple[Hyperlink, ...]]:
    """The note's text in light Markdown, and every link it carries (written URLs included)."""
    pieces: list[str] = []
    plain: list[str] = []  # the text outside links, where written-out URLs are looked for
    links: list[Hyperlink] = []
    for (target, origin), group in groupby(runs, key=lambda run: (run.target, run.origin)):
        grouped = list(group)
        visible = _SPACES.sub(" ", "".join(run.text for run in grouped)).strip()
        if target is None or not is_web(target):
            pieces.append(_styled(grouped))
            plain.append(pieces[-1])
            continue
        exact = _requestable(target, origin)
        links.append(Hyperlink(exact, visible, origin))
        pieces.append(_link(exact, visible, grouped))
        plain.append(" ")
    text = _SPACES.sub(" ", "".join(pieces)).strip()
    written = [Hyperlink(url, url, LinkOrigin.TEXT) for url in written_urls("".join(plain))]
    return text, _in_order(text, links, written)


def _requestable(target: str, origin: LinkOrigin) -> str:
    """A link target as a browser requests it: a space inside is sent as %20 (LibreOffice
    writes relationship targets decoded); a URL written out in text is left as written."""
    target = target.strip()
    return target if origin is LinkOrigin.TEXT else target.replace(" ", "%20")


def _link(target: str, visible: str, runs: list[Run]) -> str:
    # A URL wrapped over lines may have gained a space at the wrap.
    if not visible or looks_like_url(visible.replace(" ", "")):
        return f"<{target}>"
    inner = _styled(runs).translate(_TEXT_ESCAPES)
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}[{inner.strip()}]({target.translate(_TARGET_ESCAPES)}){trail}"


def _styled(runs: list[Run]) -> str:
    """Runs as text, each stretch of italic runs wrapped in one pair of asterisks (a space
    between two italic runs is inside the stretch, whatever its own font)."""
    out: list[str] = []
    flags = _italics(runs)
    for italic, group in groupby(zip(runs, flags, strict=True), key=lambda pair: pair[1]):
        text = "".join(run.text for run, _ in group)
        out.append(_emphasis(text) if italic else text)
    return "".join(out)


def _italics(runs: list[Run]) -> list[bool]:
    flags = [run.italic if run.text.strip() else None for run in runs]
    for index, flag in enumerate(flags):
        if flag is None:
            before = next((f for f in reversed(flags[:index]) if f is not None), False)
            after = next((f for f in flags[index + 1 :] if f is not None), False)
            flags[index] = before and after
    return [bool(flag) for flag in flags]


def _emphasis(text: str) -> str:
    """``*text*`` with the asterisks inside the surrounding spaces, where Markdown needs them."""
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}*{core}*{trail}"


def _in_order(text: str, *groups: Iterable[Hyperlink]) -> tuple[Hyperlink, ...]:
    """Every link once, in the order its target (or visible text) appears in ``text``."""
    seen: dict[tuple[str, LinkOrigin], Hyperlink] = {}
    for link in _chain(groups):
        seen.setdefault((link.target, link.origin), link)

    def position(link: Hyperlink) -> int:
        for probe in (link.target, link.text):
            at = text.find(probe) if probe else -1
            if at >= 0:
                return at
        return len(text)

    return tuple(sorted(seen.values(), key=position))


def _chain(groups: Iterable[Iterable[Hyperlink]]) -> Iterator[Hyperlink]:
    for group in groups:
        yield from group
