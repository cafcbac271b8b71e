"""Settings as a ``citecheck.toml``: every key, its value, and what it means or where it came from.

``citecheck config`` prints the effective settings with the origin of each value; ``citecheck
config --defaults`` prints the complete file with every key at its default (the README shows
it, and a test keeps the two equal). Both read back as TOML into the same settings.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from citecheck.config import DESCRIPTIONS, Origin, Settings

_COMMENT_AT = 40


def settings_toml(settings: Settings, origins: Mapping[str, Origin] | None = None) -> str:
    """``settings`` as TOML: with ``origins`` each line says where its value came from,
    without them each key is preceded by what it means."""
    lines: list[str] = []
    tables: list[str] = []
    for field in dataclasses.fields(Settings):
        key = field.name.replace("_", "-")
        value = getattr(settings, field.name)
        if field.name == "headers":
            tables += _headers(value, origins[field.name] if origins else None)
            continue
        line = f"{key} = {_value(value)}" if value is not None else f"# {key} = (not set)"
        if origins is None:
            lines += ["", f"# {DESCRIPTIONS[field.name]}", line]
        else:
            lines.append(_with_comment(line, str(origins[field.name])))
    body = "\n".join(lines).lstrip("\n")
    return f"{body}\n\n" + "\n".join(tables) + "\n"


def _headers(headers: tuple[tuple[str, str], ...], origin: Origin | None) -> list[str]:
    heading = "[headers]"
    lines = [f"{_key(name)} = {_value(text)}" for name, text in headers]
    if origin is None:
        return [f"# {DESCRIPTIONS['headers']}", heading, *lines]
    return [_with_comment(heading, str(origin)), *lines]


def _with_comment(line: str, comment: str) -> str:
    return f"{line:<{_COMMENT_AT}} # {comment}"


def _key(name: str) -> str:
    bare = name.replace("-", "").replace("_", "").isalnum() and name.isascii()
    return name if bare else _value(name)


def _value(value: Any) -> str:
    """A TOML value: JSON's string escapes are TOML's too."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Path):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
