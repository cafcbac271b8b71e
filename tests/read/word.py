# ruff: noqa: E501  (WordprocessingML parts are data: one element a line reads as Word writes it)
"""A small DOCX as Word writes one, made by code: footnotes and endnotes whose links are
hyperlink relationships and HYPERLINK field codes, tracked changes, document properties."""

from __future__ import annotations

import io
import zipfile

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _part(body: str, root: str = "w:document") -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} xmlns:w="{_W}" xmlns:r="{_R}">{body}</{root}>'


def _run(text: str, italic: bool = False) -> str:
    props = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(url: str, shown: str) -> str:
    """A HYPERLINK field, its instruction split over runs as Word often leaves it."""
    half = len(url) // 2
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{url[:half]}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{url[half:]}" \\o "tip" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(shown)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _note(kind: str, ident: int, *content: str) -> str:
    mark = (
        f'<w:r><w:rPr><w:rStyle w:val="{kind.capitalize()}Reference"/></w:rPr><w:{kind}Ref/></w:r>'
    )
    paragraphs = "".join(f"<w:p>{mark if i == 0 else ''}{c}</w:p>" for i, c in enumerate(content))
    return f'<w:{kind} w:id="{ident}">{paragraphs}</w:{kind}>'


def _reference(kind: str, ident: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="{kind.capitalize()}Reference"/></w:rPr><w:{kind}Reference w:id="{ident}"/></w:r>'


def word_document() -> bytes:
    """Three footnotes (Word's ids 2, 5, 3 referenced in that order) and one endnote."""
    document = _part(
        "<w:body>"
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + _run("Findings") + "</w:p>"
        "<w:p>"
        + _run("Reports doubled.")
        + _reference("footnote", 2)
        + _run(" Few were prosecuted.")
        + _reference("footnote", 5)
        + "</w:p>"
        "<w:p>"
        + _run("Archives help.")
        + _reference("footnote", 3)
        + _run(" See ")
        + '<w:hyperlink r:id="rIdBody">'
        + _run("our site")
        + "</w:hyperlink>"
        + _reference("endnote", 1)
        + "</w:p>"
        '<w:p><w:del w:id="90" w:author="Ed"><w:r><w:footnoteReference w:id="7"/></w:r></w:del></w:p>'
        "</w:body>"
    )
    footnotes = _part(
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        + _note("footnote", 2, _run(" NCMEC, ") + _run("CyberTipline Data", italic=True) + _run(", at ")
                + '<w:hyperlink r:id="rId7">' + _run("missingkids.org/…/cybertipline") + "</w:hyperlink>"
                + _run(" (last visited ")
                + '<w:del w:id="20" w:author="Ed"><w:r><w:delText>Oct. 5</w:delText></w:r></w:del>'
                + '<w:ins w:id="21" w:author="Ed"><w:r><w:t>Nov. 2</w:t></w:r></w:ins>'
                + _run(", 2018)."))
        + _note("footnote", 3, _run(" Internet Archive, at ")
                + _field("https://web.archive.org/web/2018/https://www.icmec.org/", "the Wayback Machine")
                + _run("."), _run("A second paragraph, at ")
                + '<w:fldSimple w:instr=" HYPERLINK &quot;https://archive.org/about/&quot; ">' + _run("archive.org/about") + "</w:fldSimple>"
                + _run("."))
        + _note("footnote", 5, _run(" "), _run("Id.", italic=True))
        + _note("footnote", 7, _run(" A deleted note, at "), _run("https://deleted.example/"))
        , "w:footnotes")  # fmt: skip
    endnotes = _part(
        '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
        + _note("endnote", 1, _run(" About us, at ") + '<w:hyperlink r:id="rIdE" w:anchor="team">'
                + _run("https://www.example.org/about") + "</w:hyperlink>" + _run(".")),
        "w:endnotes",
    )  # fmt: skip
    return _zip(document, footnotes, endnotes)


def _rels(*pairs: tuple[str, str]) -> str:
    items = "".join(
        f'<Relationship Id="{ident}" Type="{_HYPERLINK}" Target="{target}" TargetMode="External"/>'
        for ident, target in pairs
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">{items}</Relationships>'


def _zip(document: str, footnotes: str, endnotes: str) -> bytes:
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/'
        'dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Hotline Brief'
        "</dc:title><dc:creator>A. Editor</dc:creator><dcterms:created>2018-11-05T10:00:00Z"
        "</dcterms:created></cp:coreProperties>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        archive.writestr("word/footnotes.xml", footnotes)
        archive.writestr("word/endnotes.xml", endnotes)
        archive.writestr("docProps/core.xml", core)
        archive.writestr(
            "word/_rels/document.xml.rels", _rels(("rIdBody", "https://www.example.org/"))
        )
        archive.writestr(
            "word/_rels/footnotes.xml.rels",
            _rels(("rId7", "https://www.missingkids.org/gethelpnow/cybertipline")),
        )
        archive.writestr(
            "word/_rels/endnotes.xml.rels", _rels(("rIdE", "https://www.example.org/about"))
        )
    return out.getvalue()
