"""citecheck's exception hierarchy. Library code raises only these; the CLI maps them to exit codes.

CitecheckError
├── InputError        the document (or another input file) cannot be read or holds no footnotes
├── ConfigError       a setting in citecheck.toml / pyproject.toml / the command line is invalid
└── StoreError        the snapshot store cannot be read or written safely
    └── StoreBusy     another run holds the store, and the caller chose not to wait

A link that is dead, blocked or unreachable is *not* an error: it is a ``Verdict`` value.
"""

from __future__ import annotations


class CitecheckError(Exception):
    """Base class: ``str(exc)`` is a one-line message that says what to do."""


class InputError(CitecheckError):
    """The document is missing, unreadable, not text, empty, or has no footnotes."""


class ConfigError(CitecheckError):
    """A configuration value is invalid."""


class StoreError(CitecheckError):
    """The snapshot directory cannot be read or written safely."""


class StoreBusy(StoreError):
    """Another run holds the snapshot store's lock (the message names it)."""
