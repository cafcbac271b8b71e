#!/usr/bin/env python3
"""Draft the truth files of tests/documents/ from each document's most legible form.

Independent of citecheck on purpose: its own note splitter, URL finder and date reader, kept
simple so that a human can check what they did. A draft is only a start: every truth file was
then read against its document by hand (tests/documents/README.md says how, per document); a
hand correction goes into the document's function below, so a re-run reproduces the committed
file. Hand-labelled parts (fields, archive_links, checked) are kept from the committed file.

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


DRAFTS: dict[str, Callable[[], dict[str, Any]]] = {
    "icmec-2018/icmec-2018.truth.json": icmec,
    "icmec-2018/icmec-2018-tracked.truth.json": icmec_tracked,
}


def finish(truth: dict[str, Any]) -> dict[str, Any]:
    urls = {
        u["url"] for part in ("notes", "sidebars") for n in truth.get(part, []) for u in n["urls"]
    }
    truth.setdefault("sidebars", [])
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
        for key in ("fields", "archive_links", "checked"):  # hand-written parts are kept
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
