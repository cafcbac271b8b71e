"""citecheck: find, check, archive and report the web sources a published report cites."""

__version__ = "0.1.0"
