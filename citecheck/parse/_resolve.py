"""Resolve short cites to sources: *Id.* and ``Name, *supra* note N``.

* *Id.* is the immediately preceding authority: the citation before it in the same note, else the
  last citation of the nearest earlier note that cites anything. When that note cites several
  sources the *Id.* is ambiguous: it still resolves to the last one cited, and is reported.
* *supra* note N is the source in note N whose authors/title/publisher match Name; when note N
  cites several sources the best match wins. Chains (an *Id.* after a *supra*) resolve to the
  original full citation because every citation carries its resolved source id.

The name matcher is injectable: ``Matcher(name, candidates) -> source id | None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from citecheck.model import CitationKind
from citecheck.parse._fields import Fields

_MIN_SHARE = 0.5
_STOP = {
    "the",
    "of",
    "and",
    "a",
    "an",
    "in",
    "on",
    "for",
    "to",
    "at",
    "et",
    "al",
    "by",
    "with",
    "from",
    "its",
    "as",
    "s",
}


@dataclass(frozen=True)
class Candidate:
    """A source cited in the note a *supra* points at, with the words that name it."""

    source: str
    names: str


Matcher = Callable[[str, Sequence[Candidate]], str | None]


@dataclass(frozen=True)
class Resolved:
    source: str | None
    problem: tuple[str, str] | None = None  # (finding code, message)


def words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in _STOP}


def match_name(name: str, candidates: Sequence[Candidate]) -> str | None:
    """The candidate naming the largest share of Name's words (first wins a tie); None when no
    candidate names more than half of them — "International Labour Organization" is not
    "International Organization for Migration"."""
    wanted = words(name)
    best, best_score = None, _MIN_SHARE
    for candidate in candidates:
        score = len(wanted & words(candidate.names)) / max(1, len(wanted))
        if score > best_score:
            best, best_score = candidate.source, score
    return best


def resolve(
    notes: Sequence[tuple[int, Sequence[tuple[Fields, str | None]]]],
    sidebars: Sequence[Sequence[tuple[Fields, str | None]]],
    names: Mapping[str, str],
    matcher: Matcher = match_name,
) -> tuple[list[list[Resolved]], list[list[Resolved]]]:
    """Resolve every citation of ``notes`` (in document order) and of the sidebars; full
    citations keep their id. ``names`` maps a source id to the words naming it.

    A sidebar's *Id.* can only refer to an earlier citation in the same sidebar; its *supra*
    may point at any footnote.
    """
    done: dict[int, list[str | None]] = {}
    previous: list[str | None] = []
    note_results: list[list[Resolved]] = []
    for number, citations in notes:
        resolved = _resolve_group(citations, number, previous, done, names, matcher)
        done[number] = [item.source for item in resolved]
        if resolved:
            previous = done[number]
        note_results.append(resolved)
    beyond_every_note = max(done, default=0) + 1
    sidebar_results = [
        _resolve_group(citations, beyond_every_note, [], done, names, matcher)
        for citations in sidebars
    ]
    return note_results, sidebar_results


def _resolve_group(
    citations: Sequence[tuple[Fields, str | None]],
    number: int,
    previous: list[str | None],
    done: Mapping[int, list[str | None]],
    names: Mapping[str, str],
    matcher: Matcher,
) -> list[Resolved]:
    resolved: list[Resolved] = []
    for fields, source in citations:
        if fields.kind is CitationKind.FULL:
            resolved.append(Resolved(source))
        elif fields.kind is CitationKind.ID:
            resolved.append(_resolve_id([item.source for item in resolved], previous))
        else:
            resolved.append(_resolve_supra(fields, number, done, names, matcher))
    return resolved


def _resolve_id(in_note: list[str | None], previous: list[str | None]) -> Resolved:
    if in_note:
        return _unresolved_check(in_note[-1])
    if not previous:
        return Resolved(None, ("ambiguous-id", "Id. has no preceding citation to refer to"))
    distinct = list(dict.fromkeys(previous))
    if len(distinct) > 1:
        return Resolved(
            previous[-1],
            (
                "ambiguous-id",
                f"Id. follows a note citing {len(distinct)} sources; taken as the last one "
                f"({previous[-1]})",
            ),
        )
    return _unresolved_check(previous[-1])


def _unresolved_check(source: str | None) -> Resolved:
    if source is None:
        return Resolved(None, ("ambiguous-id", "Id. refers to a citation that was not resolved"))
    return Resolved(source)


def _resolve_supra(
    fields: Fields,
    number: int,
    done: Mapping[int, list[str | None]],
    names: Mapping[str, str],
    matcher: Matcher,
) -> Resolved:
    target = fields.supra_note
    assert target is not None  # a supra citation always names its note
    name = fields.supra_name or ""
    if target >= number:
        return Resolved(
            None,
            (
                "supra-forward",
                f"'{name}, supra note {target}' points at a note that is not earlier than this one",
            ),
        )
    sources = [source for source in done.get(target, []) if source is not None]
    if not sources:
        return Resolved(
            None,
            ("supra-no-citation", f"'{name}, supra note {target}': note {target} cites no source"),
        )
    candidates = [Candidate(source, names.get(source, "")) for source in dict.fromkeys(sources)]
    chosen = matcher(name, candidates) if name else (sources[0] if len(candidates) == 1 else None)
    if chosen is None:
        return Resolved(
            None,
            (
                "supra-unmatched",
                f"'{name}, supra note {target}' matches no source cited in note {target}",
            ),
        )
    return Resolved(chosen)
