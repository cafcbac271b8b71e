#!/usr/bin/env python3
"""Build the converted test documents in tests/documents/ with real converters.

Run by hand when a conversion should change (CI never runs it: the results are committed):

    .venv/bin/pip install pypandoc-binary      # pandoc
    apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
    python scripts/make_documents.py            # every document
    python scripts/make_documents.py icmec      # only those whose name contains "icmec"

The bundled report (references/technology-facilitated-child-sex-trafficking-2018.md) is text
converted from the published PDF: notes are paragraphs that start with superscript numerals,
notes cut by a page break continue in the paragraph just above the next page's notes, and
"Source:" boxes sit between body paragraphs. This script turns it into pandoc Markdown with real
``[^n]`` footnotes -- its own transformation, independent of citecheck -- and from that makes:

- ``icmec-2018.docx``: pandoc's DOCX (notes in word/footnotes.xml, links as relationships);
- ``icmec-2018.html``: pandoc's HTML5 (``<section class="footnotes">``);
- ``icmec-2018.lo.html``: LibreOffice's HTML of the DOCX (``sdfootnote`` anchors);
- ``icmec-2018.pdf``: LibreOffice's PDF of the DOCX (notes at the foot of pages, link annotations);
- ``icmec-2018.txt`` and ``icmec-2018.layout.txt``: ``pdftotext`` of that PDF, without and
  with ``-layout``;
- ``icmec-2018-tracked.docx``: the DOCX with tracked changes inside two footnotes;
- ``icmec-2018-short-links.docx``: the DOCX with some links' visible text shortened;
- ``icmec-2018-fields.docx``: the DOCX with every note link as a HYPERLINK field;
- ``icmec-2018.lo.docx``: the DOCX saved again by LibreOffice, as an editor using it would;
- ``icmec-2018.a5.pdf``: a 106-page A5 edition, the speed target's PDF.

The public documents converted from one format to another (see tests/documents/manifest.json)
are made here too, by the functions named in their manifest entries.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "documents"
REPORT = ROOT / "references" / "technology-facilitated-child-sex-trafficking-2018.md"
ICMEC = DOCS / "icmec-2018"

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_NOTE_START = re.compile(f"^([{SUPERSCRIPT}]+)\\s*")
_INLINE_REF = re.compile(f"[{SUPERSCRIPT}]+")
_GROUPED_REF = re.compile(r"\^\{(\d+(?:\s*,\s*\d+)*)\}")
_HEADING_LINK = re.compile(r"^\[([^\]]+)\]\(#\)$")
_TERMINAL = re.compile(r"[.!?)”\"*\]]$")
# A bare URL: up to whitespace; a trailing sentence mark or an unbalanced ")" is not part of it.
_BARE_URL = re.compile(r"(?<![<(\[])\bhttps?://[^\s<>]+")


# ---------------------------------------------------------------------------------------------
# The bundled report: PDF-converted text -> pandoc Markdown with [^n] notes
# ---------------------------------------------------------------------------------------------


def _number(superscript: str) -> int:
    return int("".join(str(SUPERSCRIPT.index(c)) for c in superscript))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _is_note(paragraph: str) -> bool:
    return paragraph[0] in SUPERSCRIPT


def _rejoin_page_breaks(paragraphs: list[str]) -> list[str]:
    """Put back together the notes and body paragraphs a page break cut in two.

    A note cut at the foot of a page goes on in the paragraph just above the next page's first
    note; a body paragraph cut by a page goes on, lower-case, after that page's notes.
    """
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        follows_note = index + 1 < len(paragraphs) and _is_note(paragraphs[index + 1])
        last_note = next((i for i in range(len(out) - 1, -1, -1) if _is_note(out[i])), None)
        if (
            not _is_note(paragraph)
            and follows_note
            and last_note is not None
            and not _TERMINAL.search(out[last_note])
        ):
            out[last_note] = _join(out[last_note], paragraph)
            continue
        after_notes = index > 0 and _is_note(paragraphs[index - 1])
        if not _is_note(paragraph) and after_notes and paragraph[0].islower():
            last_body = next((i for i in range(len(out) - 1, -1, -1) if not _is_note(out[i])), None)
            if last_body is not None and not _TERMINAL.search(out[last_body]):
                out[last_body] = _join(out[last_body], paragraph)
                continue
        out.append(paragraph)
    return out


def _join(head: str, tail: str) -> str:
    """Join text a page break cut; a URL cut after "-" or "/" goes on without a space."""
    broken_link = _HEADING_LINK.match(tail.split(" ", 1)[0])
    if broken_link:  # the converter made the URL's second half a link to "#"
        tail = broken_link.group(1) + tail[len(tail.split(" ", 1)[0]) :]
    last_word = head.rsplit(" ", 1)[-1]
    if last_word.startswith(("http://", "https://")) and last_word.endswith(("-", "/")):
        return head + tail
    return head + " " + tail


def _autolink(text: str) -> str:
    """Put every bare URL in <angle brackets>, so every converter links exactly that URL."""

    def link(match: re.Match[str]) -> str:
        url = match.group(0)
        trail = ""
        while url and (url[-1] in ".,;:" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            trail = url[-1] + trail
            url = url[:-1]
        return f"<{url}>{trail}"

    return _BARE_URL.sub(link, text)


def _markdown_link_fix(text: str) -> str:
    """`[https://x/a\\(1\\).pdf](https://x/a(1).pdf)` -> `<https://x/a(1).pdf>` (one URL, once)."""
    return re.sub(r"\[(https?://[^\]]+)\]\((https?://[^\s]+?\.\w+)\)", r"<\2>", text)


def _headings(paragraphs: list[str]) -> list[str]:
    """Section titles listed in the table of contents become headings; "[Title](#)" too."""
    toc = next((p for p in paragraphs if p.startswith("Table of Contents.....")), "")
    titles = {
        re.sub(r"^▪\s*", "", line.split(".....")[0]).strip().lower(): line.startswith("▪")
        for line in toc.splitlines()
    }
    out = []
    for paragraph in paragraphs:
        link = _HEADING_LINK.match(paragraph)
        if link:
            out.append("### " + link.group(1).replace("\\(", "(").replace("\\)", ")"))
        elif paragraph.lower() in titles and paragraph != "Table of Contents":
            out.append(("## " if titles[paragraph.lower()] else "# ") + paragraph)
        else:
            out.append(paragraph)
    return out


def _note_refs(paragraph: str) -> str:
    paragraph = _GROUPED_REF.sub(
        lambda m: "".join(f"[^{n.strip()}]" for n in m.group(1).split(",")), paragraph
    )
    return _INLINE_REF.sub(lambda m: f"[^{_number(m.group(0))}]", paragraph)


def _block(paragraph: str) -> str:
    if _is_note(paragraph):
        start = _NOTE_START.match(paragraph)
        assert start is not None
        return f"[^{_number(start.group(1))}]: " + paragraph[start.end() :]
    if paragraph.startswith("Source:"):
        return '::: {custom-style="Source"}\n' + paragraph + "\n:::"
    return _note_refs(paragraph)


def report_to_markdown(text: str) -> str:
    """The bundled report as pandoc Markdown: [^n] notes, headings, "Source:" boxes as divs."""
    paragraphs = _headings(_rejoin_page_breaks(_paragraphs(text)))
    blocks = [_block(_autolink(_markdown_link_fix(p))) for p in paragraphs]
    front = (
        "---\ntitle: 'Studies in Child Protection: Technology-Facilitated Child Sex Trafficking'\n"
        "author: International Centre for Missing & Exploited Children\ndate: November 2018\n---\n"
    )
    return front + "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------------------------------------
# Converters
# ---------------------------------------------------------------------------------------------


# pandoc stamps DOCX parts and docProps with this time: the report's month, not the build's.
PUBLISHED = "1543536000"  # 2018-11-30T00:00:00Z


def pandoc(source: Path, target: Path, to: str, *extra: str) -> None:
    import os

    import pypandoc  # type: ignore[import-untyped]

    os.environ["SOURCE_DATE_EPOCH"] = PUBLISHED
    pypandoc.convert_file(str(source), to=to, outputfile=str(target), extra_args=list(extra))


def plain_docx(markdown: Path, work: str) -> Path:
    """pandoc's DOCX of a Markdown file, in a scratch folder."""
    plain = Path(work) / "plain.docx"
    pandoc(markdown, plain, "docx")
    return plain


def soffice(source: Path, target: Path, filter_name: str) -> None:
    """LibreOffice headless conversion of source into target (its own profile, no user state)."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                filter_name,
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        produced = Path(work) / (source.stem + "." + filter_name.split(":")[0])
        shutil.move(str(produced), target)


def pdftotext(source: Path, target: Path, *options: str) -> None:
    subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(source), str(target)], check=True)


# ---------------------------------------------------------------------------------------------
# Editor variants of a DOCX
# ---------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TRACK_ATTRS = 'w:author="Editor" w:date="2019-03-04T10:00:00Z"'


def rewrite_part(docx: Path, target: Path, part: str, edit: Callable[[str], str]) -> None:
    """Copy docx to target with one XML part rewritten by edit (text in, text out)."""
    rewrite_parts(docx, target, {part: edit})


def rewrite_parts(
    docx: Path,
    target: Path,
    edits: dict[str, Callable[[str], str]],
    new: dict[str, str] | None = None,
) -> None:
    """Copy docx to target with XML parts rewritten by their edit, and new parts added."""
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        stamp = source.infolist()[0].date_time
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in edits:
                data = edits[item.filename](data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
        for name, text in (new or {}).items():
            out.writestr(zipfile.ZipInfo(name, stamp), text.encode("utf-8"), zipfile.ZIP_DEFLATED)


_PART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:sz w:val="16"/>\
</w:rPr><w:t>{{title}}</w:t></w:r></w:p></w:hdr>"""
_FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>\
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \
</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>\
<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"""


LETTER = (12240, 15840, 1440)  # width, height, margin in twentieths of a point
A5 = (8391, 11906, 850)


def add_page_furniture(
    docx: Path, target: Path, title: str, page: tuple[int, int, int] = LETTER
) -> None:
    """A running header (the title), a page-number footer, US Letter pages, small notes."""
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    def types(xml: str) -> str:
        extra = (
            f'<Override PartName="/word/header1.xml" ContentType="{wml}.header+xml" />'
            f'<Override PartName="/word/footer1.xml" ContentType="{wml}.footer+xml" />'
        )
        return xml.replace("</Types>", extra + "</Types>")

    def rels(xml: str) -> str:
        extra = (
            f'<Relationship Id="rIdHeader1" Type="{_PART}/header" Target="header1.xml" />'
            f'<Relationship Id="rIdFooter1" Type="{_PART}/footer" Target="footer1.xml" />'
        )
        return xml.replace("</Relationships>", extra + "</Relationships>")

    def document(xml: str) -> str:
        start = xml.rindex("<w:sectPr>") + len("<w:sectPr>")
        xml = (
            xml[:start]
            + '<w:headerReference w:type="default" r:id="rIdHeader1" />'
            + '<w:footerReference w:type="default" r:id="rIdFooter1" />'
            + xml[start:]
        )
        # pandoc asks notes to restart "eachSect", which LibreOffice takes as "each chapter"
        # (each level-1 heading): printed reports number notes straight through.
        restart = '<w:numRestart w:val="eachSect" />'
        xml = xml.replace(restart, '<w:numRestart w:val="continuous" />')
        end = xml.rindex("</w:footnotePr>") + len("</w:footnotePr>")
        width, height, margin = page
        size = (
            f'<w:pgSz w:w="{width}" w:h="{height}" />'
            f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" '
            f'w:left="{margin}" w:header="{margin // 2}" w:footer="{margin // 2}" w:gutter="0" />'
        )
        return xml[:end] + size + xml[end:]

    def styles(xml: str) -> str:  # notes in 9-point type, tight, as reports print them
        anchor = '<w:name w:val="Footnote Text" />'
        small = (
            '<w:pPr><w:spacing w:before="0" w:after="60" /></w:pPr>'
            '<w:rPr><w:sz w:val="18" /></w:rPr>'
        )
        return xml.replace(anchor, anchor + small, 1)

    rewrite_parts(
        docx,
        target,
        {
            "word/styles.xml": styles,
            "[Content_Types].xml": types,
            "word/_rels/document.xml.rels": rels,
            "word/document.xml": document,
        },
        {"word/header1.xml": _HEADER.format(title=title), "word/footer1.xml": _FOOTER},
    )


def _footnote_xml(xml: str, number: int) -> tuple[int, int]:
    """Start and end offsets of the number-th real footnote (separators are not notes)."""
    starts = [m.start() for m in re.finditer(r"<w:footnote (?![^>]*w:type=)", xml)]
    start = starts[number - 1]
    return start, xml.index("</w:footnote>", start)


def track_changes(xml: str) -> str:
    """Two tracked changes an editor makes in the notes.

    Note 10: the visit date "Oct. 5, 2018" replaced by "Nov. 2, 2018" (w:del + w:ins).
    Note 220: the whole footnote text deleted and the citation retyped as an insertion that no
    longer carries the New York Times URL -- read as accepted, note 220 has no URL.
    """
    start, end = _footnote_xml(xml, 10)
    note = xml[start:end]
    # pandoc's "smart" typography puts a no-break space after "Oct."
    old = "(last visited Oct.\xa05, 2018)"
    index = note.index(old)
    run_start = note.rindex("<w:r>", 0, index)
    run_end = note.index("</w:r>", index) + len("</w:r>")
    run = note[run_start:run_end]
    props = re.search(r"<w:rPr>.*?</w:rPr>", run)
    rpr = props.group(0) if props else ""
    text = re.search(r"<w:t[^>]*>(.*?)</w:t>", run, re.S)
    assert text is not None
    before, after = text.group(1).split("Oct.\xa05, 2018", 1)

    def r(tag: str, value: str) -> str:
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f"<w:r>{rpr}<w:{tag}{space}>{value}</w:{tag}></w:r>"

    replaced = (
        r("t", before)
        + f'<w:del w:id="9001" {_TRACK_ATTRS}>'
        + r("delText", "Oct.\xa05, 2018")
        + "</w:del>"
        + f'<w:ins w:id="9002" {_TRACK_ATTRS}>'
        + r("t", "Nov.\xa02, 2018")
        + "</w:ins>"
        + r("t", after)
    )
    xml = xml[:start] + note[:run_start] + replaced + note[run_end:] + xml[end:]

    start, end = _footnote_xml(xml, 220)
    note = xml[start:end]
    body_start = note.index("<w:p>")
    body_start = note.index("</w:pPr>", body_start) + len("</w:pPr>")
    body_end = note.rindex("</w:p>")
    body = note[body_start:body_end]
    ref_end = body.index("</w:r>") + len("</w:r>")  # keep the footnote reference mark
    kept, deleted = body[:ref_end], body[ref_end:]
    deleted = re.sub(r"<w:t([ >])", r"<w:delText\1", deleted).replace("</w:t>", "</w:delText>")
    deleted = re.sub(r"<w:hyperlink [^>]*>|</w:hyperlink>", "", deleted)
    inserted = " Nicholas Kristof, Making Life Harder for Pimps, N.Y. TIMES, Aug. 6, 2015, at A23."
    body = (
        kept
        + f'<w:del w:id="9003" {_TRACK_ATTRS}>{deleted}</w:del>'
        + f'<w:ins w:id="9004" {_TRACK_ATTRS}><w:r><w:t xml:space="preserve">{inserted}'
        + "</w:t></w:r></w:ins>"
    )
    return xml[:start] + note[:body_start] + body + note[body_end:] + xml[end:]


def short_link_text(url: str) -> str:
    """What an editor shows for a long link: host, an ellipsis, the last path segment."""
    host = url.split("/")[2]
    last = url.rstrip("/").rsplit("/", 1)[-1]
    return f"{host}/…/{last}" if last != host else host


def shorten_links(xml: str, targets: dict[str, str]) -> str:
    """Every hyperlink whose URL is 60 characters or more shows a shortened text instead."""

    def shorten(match: re.Match[str]) -> str:
        link = match.group(0)
        rid = re.search(r'r:id="([^"]+)"', link)
        url = targets.get(rid.group(1), "") if rid else ""
        if len(url) < 60:
            return link
        first = True

        def text(t: re.Match[str]) -> str:
            nonlocal first
            value = xml_escape(short_link_text(url)) if first else ""
            first = False
            return f"{t.group(1)}{value}</w:t>"

        return re.sub(r"(<w:t[^>]*>).*?</w:t>", text, link, flags=re.S)

    return re.sub(r"<w:hyperlink [^>]*>.*?</w:hyperlink>", shorten, xml, flags=re.S)


def hyperlink_fields(xml: str, targets: dict[str, str]) -> str:
    """Every hyperlink as a complex HYPERLINK field, as Word writes pasted or older links.

    ``<w:hyperlink r:id="rId9">runs</w:hyperlink>`` becomes ``begin``, ``instrText
    HYPERLINK "url"``, ``separate``, the same runs, ``end`` -- the URL now lives only in the
    field instruction, not in a relationship.
    """

    def field(match: re.Match[str]) -> str:
        rid = re.search(r'r:id="([^"]+)"', match.group(1))
        url = targets[rid.group(1)] if rid else ""
        url = url.replace("&", "&amp;").replace('"', "%22")
        return (
            '<w:r><w:fldChar w:fldCharType="begin" /></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{url}" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate" /></w:r>'
            + match.group(2)
            + '<w:r><w:fldChar w:fldCharType="end" /></w:r>'
        )

    return re.sub(r"<w:hyperlink ([^>]*)>(.*?)</w:hyperlink>", field, xml, flags=re.S)


def relationship_targets(docx: Path, part: str) -> dict[str, str]:
    rels = f"word/_rels/{part.split('/')[-1]}.rels"
    with zipfile.ZipFile(docx) as z:
        text = z.read(rels).decode("utf-8")
    targets = {}
    for rel in re.finditer(r"<Relationship [^>]*>", text):
        rid = re.search(r'Id="([^"]+)"', rel.group(0))
        target = re.search(r'Target="([^"]+)"', rel.group(0))
        if rid and target:
            targets[rid.group(1)] = target.group(1).replace("&amp;", "&")
    return targets


# ---------------------------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------------------------


def make_icmec() -> None:
    ICMEC.mkdir(parents=True, exist_ok=True)
    markdown = ICMEC / "icmec-2018.md"
    markdown.write_text(report_to_markdown(REPORT.read_text(encoding="utf-8")), encoding="utf-8")
    docx = ICMEC / "icmec-2018.docx"
    with tempfile.TemporaryDirectory() as work:
        title = "Technology-Facilitated Child Sex Trafficking"
        add_page_furniture(plain_docx(markdown, work), docx, title)
    pandoc(markdown, ICMEC / "icmec-2018.html", "html5", "--standalone")
    soffice(docx, ICMEC / "icmec-2018.lo.html", "html:HTML (StarWriter)")
    pdf = ICMEC / "icmec-2018.pdf"
    soffice(docx, pdf, "pdf:writer_pdf_Export")
    pdftotext(pdf, ICMEC / "icmec-2018.txt")
    pdftotext(pdf, ICMEC / "icmec-2018.layout.txt", "-layout")
    with tempfile.TemporaryDirectory() as work:  # a pocket edition: the 100-page-plus PDF
        pocket = Path(work) / "icmec-2018.docx"
        add_page_furniture(plain_docx(markdown, work), pocket, "Child Sex Trafficking", A5)
        soffice(pocket, ICMEC / "icmec-2018.a5.pdf", "pdf:writer_pdf_Export")
    rewrite_part(docx, ICMEC / "icmec-2018-tracked.docx", "word/footnotes.xml", track_changes)
    targets = relationship_targets(docx, "word/footnotes.xml")
    rewrite_part(
        docx,
        ICMEC / "icmec-2018-fields.docx",
        "word/footnotes.xml",
        lambda xml: hyperlink_fields(xml, targets),
    )
    soffice(docx, ICMEC / "icmec-2018.lo.docx", "docx:MS Word 2007 XML")
    rewrite_part(
        docx,
        ICMEC / "icmec-2018-short-links.docx",
        "word/footnotes.xml",
        lambda xml: shorten_links(xml, targets),
    )


# ---------------------------------------------------------------------------------------------
# Roads and Bridges: Google Docs' own export -> pandoc Markdown -> DOCX -> PDF -> text
# ---------------------------------------------------------------------------------------------

ROADS = DOCS / "roads-and-bridges"


def gdoc_to_markdown(xhtml: str) -> str:
    """Google Docs' HTML (refs ``<a href="#ftntN">[N]</a>``, notes after an ``<hr>``) as Markdown.

    Each reference becomes ``[^N]`` and each note ``[^N]: text``; everything else is pandoc's
    reading of the HTML. Note texts stay as Google Docs has them: URLs as plain text.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(xhtml, "html.parser")
    notes: dict[int, str] = {}
    for anchor in soup.find_all("a", id=re.compile(r"^ftnt\d+$")):
        number = int(anchor["id"][4:])
        paragraph = anchor.find_parent("p")
        anchor.decompose()
        notes[number] = " ".join(paragraph.get_text(" ").split())
        paragraph.find_parent("div").decompose()
    for anchor in soup.find_all("a", id=re.compile(r"^ftnt_ref\d+$")):
        marker = anchor.find_parent("sup") or anchor
        marker.replace_with(f"FOOTNOTEREF{anchor['id'][8:]}END")
    body = _pandoc_text(
        str(soup),
        "html",
        "markdown-raw_html-native_divs-native_spans-bracketed_spans-link_attributes",
    )
    body = re.sub(r"FOOTNOTEREF(\d+)END", r"[^\1]", body)
    definitions = "\n\n".join(f"[^{n}]: {_escape_markdown(t)}" for n, t in sorted(notes.items()))
    return body.rstrip() + "\n\n" + definitions + "\n"


def _escape_markdown(text: str) -> str:
    """Escape what would turn note text into markup (an intraword ``_`` never does)."""
    return re.sub(r"([*\[\]<>])", r"\\\1", text)


def _pandoc_text(text: str, source: str, to: str) -> str:
    import pypandoc

    result: str = pypandoc.convert_text(text, to, format=source, extra_args=["--wrap=none"])
    return result


def make_roads_and_bridges() -> None:
    markdown = ROADS / "roads-and-bridges.md"
    xhtml = (ROADS / "roads-and-bridges.gdoc.xhtml").read_text(encoding="utf-8")
    front = "---\ntitle: 'Roads and Bridges: The Unseen Labor Behind Our Digital Infrastructure'\n"
    front += "author: Nadia Eghbal\ndate: July 2016\n---\n\n"
    markdown.write_text(front + gdoc_to_markdown(xhtml), encoding="utf-8")
    docx = ROADS / "roads-and-bridges.docx"
    with tempfile.TemporaryDirectory() as work:
        add_page_furniture(plain_docx(markdown, work), docx, "Roads and Bridges")
    pdf = ROADS / "roads-and-bridges.pdf"
    soffice(docx, pdf, "pdf:writer_pdf_Export")
    pdftotext(pdf, ROADS / "roads-and-bridges.txt", "-layout")


TARGETS: dict[str, Callable[[], None]] = {
    "icmec": make_icmec,
    "roads-and-bridges": make_roads_and_bridges,
}


def main(argv: list[str]) -> int:
    wanted = argv[1:] or list(TARGETS)
    for name, make in TARGETS.items():
        if any(w in name for w in wanted):
            print(f"making {name}", file=sys.stderr)
            make()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
