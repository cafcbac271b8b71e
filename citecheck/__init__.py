"""citecheck: find, check, archive and report the web sources a document cites."""

__version__ = "0.1.0"
