"""Masking credentials in URLs (and in prose holding URLs), as pip masks them."""

from __future__ import annotations

import pytest

from citecheck.net import redact_userinfo


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("http://alice:secret@host/a", "http://alice:****@host/a"),
        ("https://TOKEN@github.com/o/r", "https://****@github.com/o/r"),  # a token as user
        ("HTTP://:pw@host/", "HTTP://:****@host/"),
        ("http://a:p@ss@host/", "http://a:****@host/"),  # the last "@" ends the user-info
        ("https://medium.com/@someone/post", "https://medium.com/@someone/post"),
        ("http://host/?next=http://u:p@elsewhere/", "http://host/?next=http://u:****@elsewhere/"),
        (
            "see <http://u:p@h.org/x> and http://h.org/",
            "see <http://u:****@h.org/x> and http://h.org/",
        ),
        ("http://alice:****@host/", "http://alice:****@host/"),  # masking twice changes nothing
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_user_info_is_masked(text: str, masked: str) -> None:
    assert redact_userinfo(text) == masked
