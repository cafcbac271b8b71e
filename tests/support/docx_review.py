"""What an editor does with a DOCX of tracked changes, done to its XML: accept or reject all.

``accept`` keeps inserted content and drops deleted content (``w:del`` and ``w:moveFrom``
removed, ``w:ins`` and ``w:moveTo`` unwrapped); ``reject`` does the opposite and turns
``w:delText``/``w:delInstrText`` back into text; both only for one author's changes unless
told otherwise (a document may hold other reviewers' changes). Every other part is kept, so
the result can be read back by ``read_document`` and compared note by note. ``changes``
counts the tracked changes of each note as an editor sees them: maximal runs of adjacent
``w:ins`` and ``w:del`` elements (a hyperlink holding one counts as that change).

``libreoffice_review`` has LibreOffice itself open a DOCX, list its tracked changes, accept or
reject them all and save HTML (a Basic macro in a throwaway profile): the check that the file
opens in a real word processor with the changes it should have.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml", "word/document.xml")


def accept(data: bytes, author: str | None = "citecheck") -> bytes:
    """All changes (by ``author``; None: by anyone) accepted."""
    return _edit_parts(data, lambda root: _accept(root, author))


def reject(data: bytes, author: str | None = "citecheck") -> bytes:
    """All changes (by ``author``; None: by anyone) rejected."""
    return _edit_parts(data, lambda root: _reject(root, author))


def _edit_parts(data: bytes, edit: Callable[[etree._Element], None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in _NOTE_PARTS:
                root = etree.fromstring(content)
                edit(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, content)
    return out.getvalue()


def _accept(root: etree._Element, author: str | None) -> None:
    for element in _by(root, author, "del", "moveFrom"):
        element.getparent().remove(element)
    for element in _by(root, author, "ins", "moveTo"):
        _unwrap(element)


def _reject(root: etree._Element, author: str | None) -> None:
    for element in _by(root, author, "ins", "moveTo"):
        element.getparent().remove(element)
    for element in _by(root, author, "del", "moveFrom"):
        for text in element.iter(W + "delText"):
            text.tag = W + "t"
        for text in element.iter(W + "delInstrText"):
            text.tag = W + "instrText"
        _unwrap(element)


def _by(root: etree._Element, author: str | None, *tags: str) -> list[etree._Element]:
    return [
        element
        for element in root.iter(*(W + tag for tag in tags))
        if author is None or element.get(W + "author") == author
    ]


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    at = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(at + offset, child)
    parent.remove(element)


def changes(note: etree._Element, author: str = "citecheck") -> int:
    """``author``'s tracked changes in one note: maximal runs of adjacent revision marks
    (a hyperlink holding only marks counts as one) in a paragraph."""
    count = 0
    for paragraph in note.iter(W + "p"):
        previous = False
        for child in paragraph:
            marked = _is_change(child, author)
            count += marked and not previous
            previous = marked
    return count


def _is_change(element: etree._Element, author: str) -> bool:
    if element.tag in (W + "ins", W + "del"):
        return element.get(W + "author") == author
    children = [c for c in element if isinstance(c.tag, str)]
    return (
        element.tag == W + "hyperlink"
        and bool(children)
        and all(c.tag in (W + "ins", W + "del") and c.get(W + "author") == author for c in children)
    )


def marks(data: bytes) -> list[etree._Element]:
    """Every ``w:ins`` and ``w:del`` of the notes and body, in order."""
    package = zipfile.ZipFile(io.BytesIO(data))
    found = []
    for part in _NOTE_PARTS:
        if part in package.namelist():
            found += list(etree.fromstring(package.read(part)).iter(W + "ins", W + "del"))
    return found


# ---------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Review"
 script:language="StarBasic">
Sub Review(inUrl As String, outUrl As String, mode As String, listUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot; : args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  n = FreeFile
  Open ConvertFromURL(listUrl) For Output As #n
  en = doc.getRedlines().createEnumeration()
  While en.hasMoreElements()
    r = en.nextElement()
    Print #n, r.RedlineType &amp; &quot;|&quot; &amp; r.RedlineAuthor
  Wend
  Close #n
  If mode &lt;&gt; &quot;&quot; Then
    helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:&quot; &amp; mode _
      &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  End If
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot; : f(0).Value = &quot;HTML (StarWriter)&quot;
  doc.storeToURL(outUrl, f())
  doc.close(True)
End Sub
</script:module>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
 library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Review"/>
</library:library>
"""


class LibreOffice:
    """A headless LibreOffice with its own profile holding the review macro."""

    def __init__(self, folder: Path) -> None:
        assert SOFFICE is not None
        self.profile = folder / "profile"
        self.folder = folder
        self._run("--terminate_after_init")
        basic = self.profile / "user" / "basic" / "Standard"
        basic.mkdir(parents=True, exist_ok=True)
        (basic / "Review.xba").write_text(_MACRO, "utf-8")
        (basic / "script.xlb").write_text(_LIBRARY, "utf-8")

    def review(self, docx: Path, mode: str) -> tuple[list[str], Path]:
        """The tracked changes LibreOffice sees ("Insert|citecheck", …) and the document saved
        as HTML after ``mode`` ("Accept", "Reject", or "" to keep them)."""
        html = self.folder / f"{docx.stem}-{mode or 'as-is'}.html"
        listing = self.folder / f"{docx.stem}-{mode or 'as-is'}.txt"
        arguments = ",".join(f'"{v}"' for v in (docx.as_uri(), html.as_uri(), mode,
                                                 listing.as_uri()))  # fmt: skip
        self._run(f"macro:///Standard.Review.Review({arguments})")
        return listing.read_text("utf-8").splitlines(), html

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(SOFFICE), "--headless", "--norestore", "--nologo",
             f"-env:UserInstallation={self.profile.as_uri()}", *args],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
