"""The change report as one self-contained HTML page: works offline, on a phone, with a keyboard,
and without JavaScript.

Without a script the page shows every link, and the status names are plain links to the first
link of their kind (``#status=gone``); the script adds search, filter and sort, keeps them in
the URL's fragment (the same ``#status=gone``, so a filtered view can be shared), and copy
buttons for the corrected footnotes.

Everything is rendered here with ``html.escape`` (fetched text is untrusted); the page's own
CSS and script are inlined and pinned by hash in a Content-Security-Policy, so even markup that
slipped through could not run a script or load anything.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib.resources import files

from citecheck.report._chart import chart_svg
from citecheck.report._diff import diff_html
from citecheck.report._model import (
    INCONCLUSIVE,
    INCONCLUSIVE_DETAIL,
    Category,
    ChangeReport,
    Entry,
    Section,
)
from citecheck.report._words import content_words
from citecheck.style import format_date
from citecheck.words import plural

_NO_NOTE = 1_000_000


def to_html(report: ChangeReport) -> str:
    css = _asset("report.css")
    script = _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        f"<title>{escape(report.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{_header(report)}<main>\n{_summary(report)}{_since(report.since)}{_links(report)}"
        f"{_since(report.leftovers_section(), 'leftovers-h')}"
        f"</main>\n<footer><p>Made by citecheck from the run of "
        f"{format_date(report.run_date)}.</p></footer>\n<script>{script}</script>\n"
        "</body>\n</html>\n"
    )


def _asset(name: str) -> str:
    return files("citecheck.report").joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _header(report: ChangeReport) -> str:
    lead, emphasis = report.headline()
    banner = ""
    if report.inconclusive:
        banner = (
            f'<p class="banner" role="alert"><strong>{INCONCLUSIVE}</strong>: '
            f"{INCONCLUSIVE_DETAIL}.</p>\n"
        )
    if report.needs_editor:
        emphasis = f'<a href="#status=needs">{emphasis}</a>'
    return (
        f"<header>\n{banner}<h1>{escape(report.title)}</h1>\n"
        f"<p>{lead}<strong>{emphasis}</strong>.</p>\n</header>\n"
    )


def _summary(report: ChangeReport) -> str:
    rows = "".join(
        f'<tr><th scope="row"><span class="swatch cat-{c.value}"></span>'
        f'<a href="#status={c.value}">{c.label}</a></th>'
        f"<td>{report.count(c)}</td></tr>"
        for c in Category
        if report.count(c)
    )
    return (
        '<section aria-labelledby="summary-h">\n<h2 id="summary-h">Status breakdown</h2>\n'
        f'<div class="summary">{chart_svg(report)}\n<table class="counts">'
        '<caption>Links by status</caption><thead><tr><th scope="col">Status</th>'
        f'<th scope="col">Links</th></tr></thead><tbody>{rows}</tbody></table></div>\n'
        "</section>\n"
    )


def _since(section: Section | None, heading: str = "since-h") -> str:
    if section is None:
        return ""
    opening = (
        f'<section aria-labelledby="{heading}">\n<h2 id="{heading}">{escape(section.title)}</h2>\n'
        f"<p>{escape(section.intro)}</p>\n"
    )
    if not section.rows:  # a first run, or a quiet week: the intro says so, no empty table
        return f"{opening}</section>\n"
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in section.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in section.rows
    )
    return (
        f'{opening}<div class="scroll"><table><thead><tr>{head}'
        f"</tr></thead><tbody>{body}</tbody></table></div>\n</section>\n"
    )


def _links(report: ChangeReport) -> str:
    anchors = _anchors(report)
    items = "\n".join(_entry(i, e, anchors.get(i, ())) for i, e in enumerate(report.entries))
    return (
        '<section aria-labelledby="links-h">\n<h2 id="links-h">Links</h2>\n'
        f"{_controls(report)}"
        f'<p id="shown" aria-live="polite" hidden>Showing {len(report.entries)} of '
        f"{len(report.entries)} links.</p>\n"
        f'<ol id="entries" class="entries">\n{items}\n</ol>\n'
        '<p id="copied" class="sr-only" aria-live="polite"></p>\n</section>\n'
    )


def _anchors(report: ChangeReport) -> dict[int, tuple[str, ...]]:
    """Where each status link lands without the script: the first link of its kind (entries
    are in urgency order, so the first that needs an editor opens the list)."""
    seen: set[str] = set()
    anchors: dict[int, tuple[str, ...]] = {}
    for index, entry in enumerate(report.entries):
        kinds = [entry.category.value, *(["needs"] if entry.category.needs_editor else [])]
        new = tuple(k for k in kinds if k not in seen)
        seen.update(new)
        if new:
            anchors[index] = new
    return anchors


def _controls(report: ChangeReport) -> str:
    options = [
        '<option value="">All</option>',
        f'<option value="needs">Needs an editor ({len(report.needs_editor)})</option>',
        *(
            f'<option value="{c.value}">{c.label} ({report.count(c)})</option>'
            for c in Category
            if report.count(c)
        ),
    ]
    return (
        '<div class="controls" role="search" hidden>\n'
        '<div><label for="q">Search</label>'
        '<input id="q" type="search" placeholder="URL, title, footnote…"></div>\n'
        f'<div><label for="status">Status</label><select id="status">{"".join(options)}'
        "</select></div>\n"
        '<div><label for="sort">Sort by</label><select id="sort">'
        '<option value="rank">Urgency</option><option value="note">Footnote</option>'
        '<option value="similarity">Similarity (most changed first)</option>'
        '<option value="url">URL</option></select></div>\n</div>\n'
    )


def _entry(rank: int, entry: Entry, anchors: tuple[str, ...]) -> str:
    note = min(entry.notes, default=_NO_NOTE)
    similarity = "" if entry.similarity is None else f"{entry.similarity:.4f}"
    search = " ".join(
        [entry.url, *entry.titles, *entry.evidence, _cited_in(entry), entry.category.label]
    ).lower()
    attrs = (
        f'class="entry cat-{entry.category.value}" data-category="{entry.category.value}" '
        f'data-needs="{int(entry.category.needs_editor)}" data-rank="{rank}" '
        f'data-note="{note}" data-similarity="{similarity}" data-url="{escape(entry.url)}" '
        f'data-search="{escape(search)}"'
    )
    title = escape(entry.titles[0]) if entry.titles else escape(entry.url)
    targets = "".join(f'<span id="status={kind}"></span>' for kind in anchors)
    return (
        f'<li {attrs}><article>{targets}\n<h3><span class="badge">{entry.category.label}</span> '
        f'{title}</h3>\n<p class="url">{_link(entry.url)}</p>\n{_facts(entry)}'
        f"{_evidence(entry)}{_fix(rank, entry)}{_diff(entry)}</article></li>"
    )


def _facts(entry: Entry) -> str:
    facts = [("Cited in", escape(_cited_in(entry))), ("Verdict", _verdict(entry))]
    if entry.final_url and entry.final_url != entry.url:
        facts.append(("Now at", _link(entry.final_url)))
    if entry.content is not None:
        similarity = f", similarity {entry.similarity:.2f}" if entry.similarity is not None else ""
        facts.append(("Text", escape(content_words(entry.content) + similarity)))
    if entry.archive_url:
        when = format_date(entry.archive_date) if entry.archive_date else "archived"
        by = f"{entry.archive_name}, " if entry.archive_name else ""
        facts.append(("Archived copy", _link(entry.archive_url, by + when)))
    body = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts)
    return f'<dl class="facts">{body}</dl>\n'


def _verdict(entry: Entry) -> str:
    return escape(entry.verdict_text)


def _evidence(entry: Entry) -> str:
    if not entry.evidence:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in entry.evidence)
    return f'<ul class="evidence">{items}</ul>\n'


def _fix(rank: int, entry: Entry) -> str:
    """What to do, where: the whole corrected footnote to paste (with a copy button), or the
    new locator when the report has no corrected text; and which footnote holds the citation."""
    parts = [f"<p>{escape(entry.fix.explanation)}</p>", _where(entry)]
    for index, note in enumerate(entry.corrected):
        block = f"fix-{rank}-{index}"
        parts.append(
            f'<figure class="corrected"><figcaption>{note.label.capitalize()}, corrected'
            f'</figcaption><pre id="{block}"><code>{escape(note.text)}</code></pre>'
            f'<button type="button" class="copy" data-copy="{block}" hidden>'
            f"Copy {note.label}</button></figure>"
        )
    if not entry.corrected and entry.fix.text:
        parts.append(f"<p><code>{escape(entry.fix.text)}</code></p>")
    return f'<div class="fix"><h4>Proposed fix</h4>{"".join(parts)}</div>\n'


def _where(entry: Entry) -> str:
    """Which footnote holds the full citation, when the source is cited in several."""
    if not entry.full_citation_in or len(entry.notes) < 2:
        return ""
    full = ", ".join(str(n) for n in entry.full_citation_in)
    short = ", ".join(str(n) for n in entry.short_cited_in)
    text = f"The full citation is in {plural(len(entry.full_citation_in), 'footnote')} {full}"
    if short:
        n = len(entry.short_cited_in)
        text += (
            f"; {plural(n, 'footnote')} {short} {plural(n, 'cites', 'cite')} it in short "
            f"(<i>Id.</i>, <i>supra</i>) and {plural(n, 'needs')} no change"
        )
    return f'<p class="where">{text}.</p>'


def _diff(entry: Entry) -> str:
    if entry.texts is None:
        return ""
    return (
        '<details class="diff-view"><summary>Compare the cited text with today’s</summary>'
        f"{diff_html(entry.texts.baseline, entry.texts.live)}</details>\n"
    )


def _cited_in(entry: Entry) -> str:
    notes = ", ".join(str(n) for n in entry.notes)
    boxes = ", ".join(str(n) for n in entry.sidebars)
    parts = [f"footnote{'s' if len(entry.notes) > 1 else ''} {notes}" if notes else ""]
    parts.append(f"source box {boxes}" if boxes else "")
    return "; ".join(p for p in parts if p) or "not cited in a footnote"


def _link(url: str, text: str | None = None) -> str:
    """A link for http(s) URLs only (no ``javascript:``); it opens without a referrer."""
    shown = escape(text or url)
    if not url.lower().startswith(("http://", "https://")):
        return shown
    return f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{shown}</a>'
