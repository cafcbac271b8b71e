"""Text extraction: legacy encodings, PDF, plain text, normalisation, the fallback rules."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from citecheck.archive import extract_text
from citecheck.archive._extract import decode, html_text, normalize

ARTICLE = (
    "<p>{}</p><p>The hotline processed more than two hundred thousand reports during the year, "
    "most of them referred automatically by the largest platforms.</p>"
)


def page(paragraph: str, head: str = "") -> str:
    article = ARTICLE.format(paragraph)
    return f"<html><head>{head}</head><body><article>{article}</article></body></html>"


def test_windows_1252_page_declared_as_latin1_decodes_curly_quotes() -> None:
    # Browsers (WHATWG) read "iso-8859-1" as windows-1252: 0x93/0x94 are curly quotes, 0x80 €.
    sentence = "The report’s authors called it “a watershed” and asked for €2 million in funding."
    body = page(sentence).encode("cp1252")
    text = extract_text(body, "text/html; charset=ISO-8859-1")
    assert sentence in text


def test_shift_jis_page_with_meta_charset_only() -> None:
    sentence = "児童の性的搾取に関する報告は二〇一七年に大幅に増加したと協会は発表した。" * 3
    head = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    body = page(sentence, head).encode("shift_jis")
    assert sentence in extract_text(body, "text/html")


def test_undeclared_encoding_is_detected() -> None:
    sentence = "Les associations réclament des unités d’identification des victimes financées."
    body = (sentence * 5).encode("cp1252")
    assert decode(body, "text/plain") == sentence * 5


def test_utf8_bom_wins() -> None:
    assert decode("\ufeffhé".encode(), "text/html; charset=iso-8859-1") == "hé"


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real text operators (Helvetica), built with pypdf."""
    writer = PdfWriter()
    pdf_page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    pdf_page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
        }
    )
    ops = "".join(
        f"BT /F1 12 Tf 72 {720 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
    )
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("latin-1"))
    pdf_page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_text_is_extracted() -> None:
    body = _pdf(["Technology Facilitated Child Sex Trafficking", "Hotline data for 2017"])
    text = extract_text(body, "application/pdf")
    assert "Technology Facilitated Child Sex Trafficking" in text
    assert "Hotline data for 2017" in text


def test_pdf_sniffed_without_content_type_and_truncated_pdf_gives_no_text() -> None:
    body = _pdf(["Sniffed by its magic number"])
    assert "Sniffed by its magic number" in extract_text(body, None)
    assert extract_text(body[: len(body) // 3], "application/pdf") == ""


def test_soup_fallback_drops_chrome_when_trafilatura_finds_nothing() -> None:
    html = (
        "<html><body><nav>Home About</nav><div class='cookie-banner'>We use cookies</div>"
        "<main><p>Short note.</p></main><footer>© 2018</footer></body></html>"
    )
    text = normalize(html_text(html))
    assert text == "Short note.\n"


def test_normalize_unifies_spaces_newlines_and_invisibles() -> None:
    raw = "Title\r\n\r\n\r\nA\u00a0b\u200b  c \t\nsoft\u00adhyphen  \n\n"
    assert normalize(raw) == "Title\n\nA b c\nsofthyphen\n"


def test_binary_payload_has_no_text() -> None:
    assert extract_text(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png") == ""
