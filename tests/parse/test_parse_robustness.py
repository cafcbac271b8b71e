"""Damaged text never crashes the parser: findings or an InputError, never a traceback."""

from __future__ import annotations

import random

import pytest

from citecheck.errors import InputError
from citecheck.parse import links, parse_document
from tests.parse._real import BUNDLED

NOISE = "()[]<>*;,.¹²³ \n\\^{}#:/%"


def _damaged(seed: int) -> str:
    """A slice of the real report with characters overwritten by markup-significant noise."""
    rnd = random.Random(seed)
    text = BUNDLED.read_text(encoding="utf-8")
    start = rnd.randrange(len(text) - 30_000)
    chars = list(text[start : start + 30_000])
    for _ in range(rnd.randint(50, 400)):
        chars[rnd.randrange(len(chars))] = rnd.choice(NOISE)
    return "".join(chars)


@pytest.mark.parametrize("seed", range(12))
def test_damaged_report_text_parses_or_fails_cleanly(seed: int) -> None:
    try:
        report = parse_document(_damaged(seed))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert all(link.url for link in links(report))
    assert [f.note for f in report.findings if f.note is not None] == sorted(
        f.note for f in report.findings if f.note is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "[^1]: <http://a\n[^1]: *Id.*\n[^a] supra note 3 [^2]\n",
        "¹ http://x.org/(a (last visited Fed. 3, 2018)\n\n² *Id.* at\n",
        "Body.¹\n\n¹ See, See also, But see,\n",
        "Body.¹\n\n¹ <https://[broken.example/a> (last visited Oct. 5, 2018).\n",
        "Body.¹²\n\n¹² ;;;;;;;; (((((( ))))) ****\n",
    ],
)
def test_pathological_footnotes(text: str) -> None:
    report = parse_document(text)
    assert report.notes
