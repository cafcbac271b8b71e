"""Counted nouns in plain English: "1 check", "3 checks", never "check(s)"."""

from __future__ import annotations

_IRREGULAR = {
    "entry": "entries",
    "copy": "copies",
    "was": "were",
    "needs": "need",
    "occurs": "occur",
    "it": "them",
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``singular`` or its plural, as ``count`` asks (no number in front)."""
    if count == 1:
        return singular
    return plural_form or _IRREGULAR.get(singular) or singular + "s"


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 check``, ``3 checks``, ``0 days``."""
    return f"{count} {plural(count, singular, plural_form)}"
