"""Acceptance through biber and biblatex-apa, where they are installed (Debian: biber,
texlive-bibtex-extra, texlive-latex-recommended; never required in CI): real entries of the
bundled report, compiled with pdflatex, read back from the PDF and compared with the entries
written by hand from the APA manual.

biblatex-apa puts titles in sentence case, so this is where protected capitals show ("SDSU",
"ICT"). It prints an ``entrysubtype`` other than its own ``nonacademic`` in brackets, so for
newspaper articles only the part up to the title is compared.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from citecheck.export import render
from citecheck.parse import parse_document
from citecheck.read import read_document
from tests.parse._real import BUNDLED

pytestmark = pytest.mark.skipif(
    not (shutil.which("biber") and shutil.which("pdflatex") and shutil.which("kpsewhich")),
    reason="biber and pdflatex are not installed",
)

EXPECTED = {
    "human-trafficking-interdisciplinary-528aae5d": "Burke, M. C. (Ed.). (2018). Human "
    "trafficking: Interdisciplinary perspectives (2nd ed.). Cited in note 226.",
    "sex-trafficking-exploitation-adolescents-a06a2818": "McClain, N., & Garrity, S. E. (2011). "
    "Sex trafficking and the exploitation of adolescents. Journal of Obstetric, Gynecologic, & "
    "Neonatal Nursing, 40 (2), 243–252. Cited in notes 93, 143.",
    "terredeshommes-webcam-child-sex-tourism-5d2236d1": "Terre de Hommes. (2013). Webcam child "
    "sex tourism, becoming sweetie: A novel approach to stopping the global rise of webcam child "
    "sex tourism. Retrieved October 9, 2018, from",
    "sandiegouniontribune-sd-fi-emojis-7603c008": "Van Grove, J. (2017). Emojis and sex "
    "trafficking: SDSU researchers crack the code",
    "searchcio-techtarget-ict-information-20fa260a": "Rouse, M. (2017). ICT (information and "
    "communications technology, or technologies)",
    "cnn-0b2ff1ba": "de Leon, S. (2013). Cyber-sex trafficking: A 21st century scourge",
}
_DOCUMENT = r"""\documentclass{article}
\usepackage[paperwidth=80cm,paperheight=60cm,margin=1cm]{geometry}
\usepackage[style=apa,backend=biber]{biblatex}
\addbibresource{references.bib}
\begin{document}
\raggedright
\nocite{%s}
\printbibliography
\end{document}
"""


def _run(args: list[str], cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.fixture(scope="module")
def bibliography(tmp_path_factory: pytest.TempPathFactory) -> str:
    if subprocess.run(["kpsewhich", "apa.bbx"], capture_output=True).returncode != 0:
        pytest.skip("biblatex-apa is not installed")
    folder = tmp_path_factory.mktemp("biber")
    parsed = parse_document(read_document(BUNDLED))
    (folder / "references.bib").write_text(render(parsed, "bibtex"), encoding="utf-8")
    (folder / "main.tex").write_text(_DOCUMENT % ",".join(EXPECTED), encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "main.tex"]
    _run(latex, folder)
    _run(["biber", "main"], folder)
    _run(latex, folder)
    pdf = pypdfium2.PdfDocument(folder / "main.pdf")
    return re.sub(r"\s+", " ", pdf[0].get_textpage().get_text_range())


@pytest.mark.parametrize("source_id", list(EXPECTED))
def test_biblatex_apa(bibliography: str, source_id: str) -> None:
    assert EXPECTED[source_id] in bibliography


def test_biber_reads_every_entry_without_a_warning(tmp_path: Path) -> None:
    parsed = parse_document(read_document(BUNDLED))
    (tmp_path / "references.bib").write_text(render(parsed, "bibtex"), encoding="utf-8")
    result = subprocess.run(
        ["biber", "--tool", "references.bib"],  # parse and write back every entry
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    problems = [line for line in result.stdout.splitlines() if "WARN" in line or "ERROR" in line]
    assert problems == []
