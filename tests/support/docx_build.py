"""A minimal Word package written by hand: a body referring to each note, and the notes.

For the cases the converted corpus does not hold (a note part without relationships, other
authors' revisions, a URL written as plain text); ``notes`` are the inner XML of each
``w:footnote``, ``links`` the footnotes' hyperlink relationships (rId → target).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = f"{_R}/hyperlink"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def hyperlink(rid: str, text: str) -> str:
    return f'<w:hyperlink r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>' \
        f"<w:t>{text}</w:t></w:r></w:hyperlink>"  # fmt: skip


def field(url: str, text: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{url}" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{text}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def docx(notes: Sequence[str], links: Mapping[str, str] | None = None) -> bytes:
    body = "".join(
        f'<w:p>{run(f"Claim {n}.")}<w:r><w:footnoteReference w:id="{n}"/></w:r></w:p>'
        for n in range(1, len(notes) + 1)
    )
    footnotes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>{inner}</w:p></w:footnote>'
        for n, inner in enumerate(notes, start=1)
    )
    parts = {
        "[Content_Types].xml": _HEAD
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/'
        'footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>',
        "_rels/.rels": _HEAD + f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_R}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": _HEAD
        + f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>{body}</w:body></w:document>',
        "word/_rels/document.xml.rels": _HEAD + f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_R}/footnotes" Target="footnotes.xml"/>'
        "</Relationships>",
        "word/footnotes.xml": _HEAD
        + f'<w:footnotes xmlns:w="{_W}" xmlns:r="{_R}">{footnotes}</w:footnotes>',
    }
    if links:
        rels = "".join(
            f'<Relationship Id="{rid}" Type="{_HYPERLINK}" Target="{target}" '
            'TargetMode="External"/>'
            for rid, target in links.items()
        )
        parts["word/_rels/footnotes.xml.rels"] = (
            _HEAD + f'<Relationships xmlns="{_PKG}">{rels}</Relationships>'
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()
