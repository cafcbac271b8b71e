#!/usr/bin/env python3
"""Draft the truth files of tests/documents/ from each document's most legible form.

Independent of citecheck on purpose: its own note splitter, URL finder and date reader, kept
simple so that a human can check what they did. A draft is only a start: every truth file was
then read against its document by hand (tests/documents/README.md says how, per document); a
hand correction goes into the document's function below, so a re-run reproduces the committed
file. Hand-labelled parts (fields, checked) are kept from the committed file.

    python scripts/draft_truths.py            # rewrite every truth file
    python scripts/draft_truths.py --check    # exit 1 if a truth file differs from its draft
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "documents"

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
# "last visited Oct. 5, 2018" / "accessed October 5, 2018" / "Retrieved 5 October 2018"
_VISIT = re.compile(
    r"(?:last\s+visited|last\s+accessed|accessed(?:\s+on)?|retrieved(?:\s+on)?|viewed(?:\s+on)?"
    r"|consulted(?:\s+on)?)[\s:]*"
    r"(?:" + _MONTH + r"\s*(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][a-z]{2,8})\.?,?\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>\"\]]+")
_ANGLE = re.compile(r"<(https?://[^>\s]+)>")
_SUPRA = re.compile(r"\bsupra\*?,?\s+notes?\s+(\d+)", re.IGNORECASE)
_ID = re.compile(r"(?:^|[.;]\s+|\*|\b[Ss]ee,?\s+)\*?(Id|Ibid)\.", re.MULTILINE)


def iso_date(match: re.Match[str]) -> str | None:
    if match.group("iso"):
        return match.group("iso")
    month = (match.group("month") or match.group("month2") or "").lower()
    day = match.group("day") or match.group("day2")
    year = match.group("year") or match.group("year2")
    if month not in MONTHS:
        return None
    return f"{int(year):04d}-{MONTHS[month]:02d}-{int(day):02d}"


def trim_url(url: str) -> str:
    """A URL found in running text, less the sentence punctuation that follows it."""
    while url and (url[-1] in ".,;:*" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def find_urls(text: str) -> list[tuple[int, str]]:
    """(offset, URL) of every URL in a note: <autolinks>, [text](target) links, bare URLs."""
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    for match in _ANGLE.finditer(text):
        found.append((match.start(), match.group(1)))
        taken.append(range(match.start(), match.end()))
    for match in re.finditer(r"\]\((https?://[^)\s]+(?:\([^)\s]*\)[^)\s]*)*)\)", text):
        found.append((match.start(), match.group(1)))
        taken.append(range(match.start() - 1 - text[: match.start()][::-1].find("["), match.end()))
    for match in _URL.finditer(text):
        if not any(match.start() in r for r in taken):
            found.append((match.start(), trim_url(match.group(0))))
    return sorted(found)


def url_entries(text: str) -> list[dict[str, Any]]:
    """Each distinct URL of a note in order, with the visit date that follows it (if any)."""
    urls = find_urls(text)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, (offset, url) in enumerate(urls):
        end = urls[index + 1][0] if index + 1 < len(urls) else len(text)
        visit = _VISIT.search(text, offset + len(url), end)
        date = iso_date(visit) if visit else None
        if url in seen:
            for entry in entries:  # a repeated URL keeps its first date, or gains one
                if entry["url"] == url and entry["visited"] is None:
                    entry["visited"] = date
            continue
        seen.add(url)
        entries.append({"url": url, "visited": date})
    return entries


def plain_start(text: str, length: int = 40) -> str:
    text = re.sub(r"[*_`]|\\(?=.)", "", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())[:length]


# ---------------------------------------------------------------------------------------------
# Short cites
# ---------------------------------------------------------------------------------------------


def short_cites(notes: list[dict[str, Any]], texts: dict[int, str]) -> None:
    """Id./Ibid. and supra cites with the note that holds the full citation they point to.

    supra note N -> N. Id. at the start of a note -> the previous note's last citation (followed
    through that note's own short cite, if its last citation is one); Id. later in a note ->
    the citation just before it in the same note.
    """
    resolved: dict[int, int | None] = {}  # note -> note of the full citation its last cite is
    for note in notes:
        number = note["number"]
        text = texts[number]
        cites: list[tuple[int, dict[str, Any]]] = []
        for match in _SUPRA.finditer(text):
            cites.append((match.start(), {"kind": "supra", "refers_to": int(match.group(1))}))
        for match in _ID.finditer(text):
            kind = "ibid" if match.group(1).lower() == "ibid" else "id"
            cites.append((match.start(1), {"kind": kind, "refers_to": None}))
        cites.sort(key=lambda c: c[0])
        last_full: int | None = None
        last_position = -1
        for offset, cite in cites:
            if cite["kind"] in ("id", "ibid"):
                before = text[last_position + 1 : offset]
                if last_position >= 0 and not find_urls(before):
                    cite["refers_to"] = last_full
                elif find_urls(text[:offset]):
                    cite["refers_to"] = number
                else:
                    cite["refers_to"] = resolved.get(number - 1)
            last_full = cite["refers_to"]
            last_position = offset
        if cites:
            note["short_cites"] = [c for _, c in cites]
        tail_urls = find_urls(text[cites[-1][0] :]) if cites else find_urls(text)
        if tail_urls or not cites:
            resolved[number] = number if find_urls(text) or not cites else last_full
        else:
            resolved[number] = last_full


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


def pandoc_notes(markdown: str) -> dict[int, str]:
    """[^n]: definitions of a pandoc Markdown file (one paragraph each, as this corpus has them)."""
    notes: dict[int, str] = {}
    for match in re.finditer(r"^\[\^(\d+)\]:\s*(.*?)(?=\n\n(?!    )|\Z)", markdown, re.M | re.S):
        notes[int(match.group(1))] = " ".join(match.group(2).split())
    return notes


def icmec() -> dict[str, Any]:
    markdown = (DOCS / "icmec-2018" / "icmec-2018.md").read_text(encoding="utf-8")
    texts = pandoc_notes(markdown)
    notes = [
        {"number": n, "starts": plain_start(t), "urls": url_entries(t)} for n, t in texts.items()
    ]
    short_cites(notes, texts)
    boxes = re.findall(r'::: \{custom-style="Source"\}\n(.*?)\n:::', markdown, re.S)
    sidebars = [
        {"index": i, "starts": plain_start(t), "urls": url_entries(t)}
        for i, t in enumerate(boxes, start=1)
    ]
    return {"notes": notes, "sidebars": sidebars}


def icmec_tracked() -> dict[str, Any]:
    """The tracked-changes DOCX, read with every change accepted."""
    truth = icmec()
    for note in truth["notes"]:
        if note["number"] == 10:
            note["urls"][0]["visited"] = "2018-11-02"
        if note["number"] == 220:
            note["urls"] = []
            note["starts"] = "Nicholas Kristof, Making Life Harder for"
    return truth


def _html_text(element: Any) -> str:
    """An HTML note as text: links as [visible](target), hidden COinS metadata dropped."""
    for hidden in element.select("span.Z3988, .mw-cite-backlink, a[href^='#']"):
        hidden.decompose()
    for link in element.find_all("a", href=re.compile(r"^https?://")):
        link.replace_with(f"[{link.get_text(' ', strip=True)}]({link['href']})")
    return " ".join(element.get_text(" ").split())


def _entries(texts: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {"number": n, "starts": plain_start(t), "urls": url_entries(t)}
        for n, t in sorted(texts.items())
    ]


def roads_and_bridges() -> dict[str, Any]:
    """Google Docs' HTML: notes are the paragraphs that carry an ``id="ftntN"`` anchor."""
    from bs4 import BeautifulSoup

    path = DOCS / "roads-and-bridges" / "roads-and-bridges.gdoc.xhtml"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    texts = {}
    for anchor in soup.find_all("a", id=re.compile(r"^ftnt\d+$")):
        paragraph = anchor.find_parent("p")
        number = int(anchor["id"][4:])
        texts[number] = _html_text(paragraph)
    notes = _entries(texts)
    # Read by hand: note 42 says "Data accessed May 20, 2016." before its URL.
    notes[41]["urls"][0]["visited"] = "2016-05-20"
    short_cites(notes, texts)
    return {"notes": notes}


def source_code_policy() -> dict[str, Any]:
    """Markdown pages whose notes are HTML list items ``<li id="fnN"><sup>N</sup>…``."""
    from bs4 import BeautifulSoup

    path = DOCS / "source-code-policy" / "federal-source-code-policy.md"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    texts = {}
    for item in soup.find_all("li", id=re.compile(r"^fn\d+$")):
        number = int(item["id"][2:])
        for sup in item.find_all("sup"):
            sup.decompose()
        texts[number] = _html_text(item)
    notes = _entries(texts)
    for note in notes:  # note 37's "https://[agency].gov/digitalstrategy" is a pattern, not a URL
        note["urls"] = [u for u in note["urls"] if "[" not in u["url"]]
    short_cites(notes, texts)
    return {"notes": notes}


def wikipedia_mozilla() -> dict[str, Any]:
    return wikipedia(DOCS / "wikipedia-mozilla" / "wikipedia-mozilla.html")


def wikipedia_time_loops() -> dict[str, Any]:
    return wikipedia(DOCS / "wikipedia-time-loops" / "wikipedia-time-loops.html")


def wikipedia(path: Path) -> dict[str, Any]:
    """Wikipedia's reference list: note N is the N-th ``<li>`` of ``<ol class="references">``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    texts = {}
    for references in soup.select("ol.references"):
        for item in references.find_all("li", recursive=False):
            # Only "external" links cite a source; links to Wikipedia's own articles about a
            # publisher or to ISBN pages are navigation.
            for link in item.find_all("a"):
                if "external" not in (link.get("class") or []):
                    link.unwrap()
            texts[len(texts) + 1] = _html_text(item)
    return {"notes": _entries(texts)}


# Chicago shortened notes in Free Culture's "Piracy", read by hand: note -> the note it shortens.
# (Note 80's "U.S. Congress, *Copyright and Home Copying*" shortens a note of another chapter.)
FREE_CULTURE_SHORT = {
    28: 26,
    29: 26,
    30: 27,
    38: 36,
    55: 54,
    56: 54,
    57: 54,
    58: 54,
    59: 54,
    64: 63,
    65: 63,
    66: 63,
    67: 63,
    68: 63,
    73: 15,
    78: 72,
    80: None,
    88: 87,
    90: 87,
}


def sre_book() -> dict[str, Any]:
    """O'Reilly HTMLBook: ``<p data-type="footnote">`` whose ``<sup>`` holds the book's number."""
    from bs4 import BeautifulSoup

    path = DOCS / "sre-book" / "sre-monitoring-distributed-systems.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    texts = {}
    for note in soup.select('p[data-type="footnote"]'):
        number = int(note.sup.get_text(strip=True))
        note.sup.decompose()
        texts[number] = _html_text(note)
    return {"notes": _entries(texts)}


def free_culture() -> dict[str, Any]:
    path = DOCS / "free-culture" / "free-culture-piracy.md"
    texts = pandoc_notes(path.read_text(encoding="utf-8"))
    notes = _entries(texts)
    short_cites(notes, texts)
    for note in notes:
        if note["number"] in FREE_CULTURE_SHORT:
            note["short_cites"] = [
                {"kind": "short", "refers_to": FREE_CULTURE_SHORT[note["number"]]}
            ]
    for note in notes:  # Ibid. after a shortened note points where that note points
        for cite in note.get("short_cites", []):
            if cite["kind"] == "ibid" and cite["refers_to"] in FREE_CULTURE_SHORT:
                cite["refers_to"] = FREE_CULTURE_SHORT[cite["refers_to"]]
    return {"notes": notes}


DRAFTS: dict[str, Callable[[], dict[str, Any]]] = {
    "roads-and-bridges/roads-and-bridges.truth.json": roads_and_bridges,
    "source-code-policy/federal-source-code-policy.truth.json": source_code_policy,
    "wikipedia-mozilla/wikipedia-mozilla.truth.json": wikipedia_mozilla,
    "free-culture/free-culture-piracy.truth.json": free_culture,
    "sre-book/sre-monitoring-distributed-systems.truth.json": sre_book,
    "wikipedia-time-loops/wikipedia-time-loops.truth.json": wikipedia_time_loops,
    "icmec-2018/icmec-2018.truth.json": icmec,
    "icmec-2018/icmec-2018-tracked.truth.json": icmec_tracked,
}


_ARCHIVE = re.compile(
    r"^https?://(?:web\.archive\.org/web/|perma\.cc/|archive\.(?:today|ph|is|org/web)/)"
)


def archive_links(truth: dict[str, Any]) -> list[dict[str, Any]]:
    """Archive copies among a note's URLs, each with the original it archives, where given.

    The original is the note's URL that the archive URL ends with (web.archive.org) or, for a
    perma.cc link, the URL printed just before it (Bluebook: "URL [perma link]").
    """
    links = []
    for note in truth["notes"]:
        urls = [u["url"] for u in note["urls"]]
        for index, url in enumerate(urls):
            if not _ARCHIVE.match(url):
                continue
            plain = [u for u in urls if not _ARCHIVE.match(u)]
            original = next((u for u in plain if url.endswith(u)), None)
            if original is None and "perma.cc" in url and index > 0:
                original = None if _ARCHIVE.match(urls[index - 1]) else urls[index - 1]
            links.append({"archive": url, "note": note["number"], "original": original})
    return links


def finish(truth: dict[str, Any]) -> dict[str, Any]:
    urls = {
        u["url"] for part in ("notes", "sidebars") for n in truth.get(part, []) for u in n["urls"]
    }
    truth.setdefault("sidebars", [])
    if archive_links(truth):
        truth["archive_links"] = archive_links(truth)
    truth["totals"] = {
        "distinct_urls": len(urls),
        "notes": len(truth["notes"]),
        "sidebars": len(truth["sidebars"]),
    }
    return truth


def render(truth: dict[str, Any]) -> str:
    return json.dumps(truth, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, draft in DRAFTS.items():
        path = DOCS / name
        truth = finish(draft())
        existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        for key in ("fields", "checked"):  # hand-written parts are kept
            if key in existing:
                truth[key] = existing[key]
        text = render(truth)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("differs from its draft: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
