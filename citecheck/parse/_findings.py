"""Integrity warnings: what an editor should look at before the document is checked or reissued.

Each ``Finding`` has a stable kebab-case code, the note it concerns (None for document-level
findings and for "Source:" sidebars, whose message starts with "Sidebar N:") and a message.

=====================  ===========================================================================
code                   meaning
=====================  ===========================================================================
url-without-date       a URL with no "(last visited …)" date after it
date-without-url       a "(last visited …)" date that follows no URL
ambiguous-id           *Id.* after a note citing several sources (resolved to the last one), or
                       with nothing (resolved) before it
supra-unmatched        ``Name, supra note N``: Name matches no source cited in note N
supra-forward          *supra* points at the same or a later note
supra-no-citation      *supra* points at a note that cites no source
url-whitespace         whitespace inside a URL
url-control-char       a percent-encoded control character (%00–%1F, %7F) inside a URL
url-page-break         a URL cut at a page break: rejoined (check it) or left cut
endnotes-renumbered    a DOCX with footnotes and endnotes: endnotes numbered after the footnotes
note-numbering-restarts a PDF or text dump numbers its notes anew (each chapter from 1); they are
                       numbered on from there
url-invalid            a URL whose host or port cannot be parsed (stray bracket, non-numeric port)
url-proxy-host         a library-proxy host (EZproxy style) that only works inside one institution
url-credentials        a URL with a user name or password before its host: masked (``alice:****@``)
                       in everything citecheck writes or sends, and never sent
bad-date               a date that cannot be real (unknown month such as "Fed.", day 31 of a
                       30-day month) or cannot be read
date-mismatch          the citation's date disagrees with the date in the URL's path (more than a
                       day apart; upload folders such as /wp-content/uploads/2018/07/ are ignored)
url-variants           one source cited under slightly different URLs (scheme, www., case,
                       trailing slash or fragment differ)
url-host-typo          two cited hosts differ by a single character (one is probably mistyped,
                       e.g. 27f511q… and 27f5111q…-wpengine.netdna-ssl.com)
marker-without-note    a body marker (superscript or ``[^N]``) with no footnote N (formats whose
                       markers the reader can tell: not plain text)
note-without-marker    a footnote N that no marker in the body refers to (likewise)
note-gap               footnote numbering skips N (or the run N–M), reported at N
note-duplicate         two footnotes numbered N
=====================  ===========================================================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from citecheck.model import Document, Finding
from citecheck.parse import _dates
from citecheck.parse._fields import Fields
from citecheck.parse._urls import host, url_problems

# Short hosts ("ilo.org"/"ilo.int") legitimately differ by a character; long ones rarely do.
_TYPO_MIN_HOST = 12


def structural(document: Document) -> list[Finding]:
    """Numbering, marker/footnote correspondence, and what the reader repaired or could not.

    Marker checks need markers: a format that cannot tell them (plain text) skips them.
    """
    counts = Counter(note.number for note in document.notes)
    found = [
        Finding("note-duplicate", n, f"{count} footnotes are numbered {n}")
        for n, count in sorted(counts.items())
        if count > 1
    ]
    found += [
        Finding(
            "note-gap",
            first,
            f"footnote numbering skips {first}" + (f"–{last}" if last > first else ""),
        )
        for first, last in _missing_runs(set(counts))
    ]
    if document.markers is not None:
        found += _marker_findings(set(counts), set(document.markers))
    found += [Finding(w.code, w.note, w.message) for w in document.warnings]
    return found


def _marker_findings(notes: set[int], markers: set[int]) -> list[Finding]:
    found = [
        Finding("marker-without-note", n, f"the body refers to note {n}, which does not exist")
        for n in sorted(markers - notes)
    ]
    found += [
        Finding("note-without-marker", n, f"no marker in the body refers to note {n}")
        for n in sorted(notes - markers)
    ]
    return found


def _missing_runs(present: set[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of numbers missing between 1 and the highest note."""
    runs: list[tuple[int, int]] = []
    for number in range(1, max(present, default=0) + 1):
        if number in present:
            continue
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def for_citation(note: int | None, label: str, fields: Fields) -> list[Finding]:
    """Warnings about one citation's URLs and dates. ``label`` prefixes sidebar messages."""
    messages: list[tuple[str, str]] = []
    for ref in fields.urls:
        messages.extend(url_problems(ref.url))
        if ref.visited is None:
            messages.append(("url-without-date", f"no 'last visited' date for {ref.url}"))
        elif ref.visited.error:
            messages.append(("bad-date", f"last visited date: {ref.visited.error}"))
    for orphan in fields.orphan_dates:
        messages.append(
            ("date-without-url", f"'last visited {orphan.value or '?'}' follows no URL")
        )
    messages.extend(_publication_date(fields))
    return [Finding(code, note, f"{label}{message}") for code, message in messages]


def _publication_date(fields: Fields) -> Iterable[tuple[str, str]]:
    if fields.date is None:
        return
    if fields.date.error:
        yield "bad-date", f"citation date: {fields.date.error}"
        return
    assert fields.date.value is not None  # a Parsed without error has a value
    for ref in fields.urls:
        why = _dates.disagrees_with_url(fields.date.value, ref.url)
        if why:
            yield "date-mismatch", f"{why}: {ref.url}"


def host_typos(cited: Iterable[tuple[int | None, str]]) -> list[Finding]:
    """Hosts one character apart: ``cited`` is (note number or None for a sidebar, URL)."""
    where: dict[str, list[int | None]] = {}
    for note, url in cited:
        name = host(url)
        if name is not None:
            where.setdefault(name, []).append(note)
    hosts = sorted(host for host in where if len(host) >= _TYPO_MIN_HOST)
    found = []
    for index, first in enumerate(hosts):
        for second in hosts[index + 1 :]:
            if _one_edit_apart(first, second):
                notes = [n for n in where[first] + where[second] if n is not None]
                found.append(
                    Finding(
                        "url-host-typo",
                        min(notes) if notes else None,
                        f"hosts {first} ({_places(where[first])}) and {second} "
                        f"({_places(where[second])}) differ by one character; one is probably "
                        "mistyped",
                    )
                )
    return found


def _places(notes: list[int | None]) -> str:
    named = [f"note {n}" for n in sorted({n for n in notes if n is not None})]
    return ", ".join(named + (["a sidebar"] if None in notes else []))


def _one_edit_apart(first: str, second: str) -> bool:
    """Levenshtein distance exactly 1 (one substitution, insertion or deletion)."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    prefix = 0
    while prefix < min(len(first), len(second)) and first[prefix] == second[prefix]:
        prefix += 1
    if len(first) == len(second):
        return first[prefix + 1 :] == second[prefix + 1 :]
    longer, shorter = (first, second) if len(first) > len(second) else (second, first)
    return longer[prefix + 1 :] == shorter[prefix:]


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Deduplicated, sorted by note (document-level first), then code, then message."""
    unique = set(findings)
    return tuple(
        sorted(unique, key=lambda f: (-1 if f.note is None else f.note, f.code, f.message))
    )
