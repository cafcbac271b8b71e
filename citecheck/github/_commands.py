"""GitHub Actions workflow commands and step outputs, escaped as the runner parses them.

The rules are those of ``@actions/core`` (``toCommandValue``/``escapeData``/``escapeProperty``):
in a command's message ``%``, CR and LF are percent-encoded; in a property value ``:`` and ``,``
are too, since they separate properties. A URL or a server's reason phrase in a message can
therefore never end the command line early or smuggle in a second command.
"""

from __future__ import annotations

import secrets
import urllib.parse
from collections.abc import Mapping
from typing import Any


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Mapping[str, str | int] | None = None) -> str:
    """``::name key=value,…::message`` with every part escaped (one line, no newline)."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in (properties or {}).items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def output_lines(outputs: Mapping[str, str]) -> str:
    """Step outputs in ``$GITHUB_OUTPUT``'s format: ``name=value`` lines, or a heredoc with a
    random delimiter for a value that spans lines (as ``@actions/core`` writes them)."""
    lines: list[str] = []
    for name, value in outputs.items():
        if "\n" in value or "\r" in value:
            delimiter = f"ghadelimiter_{secrets.token_hex(8)}"
            lines += [f"{name}<<{delimiter}", value, delimiter]
        else:
            lines.append(f"{name}={value}")
    return "\n".join(lines) + "\n"


def sarif_annotations(log: Mapping[str, Any]) -> list[str]:
    """A ``::warning`` per SARIF result, at its file, line and columns, titled by its rule.

    GitHub shows the first ten warnings of a step on the diff and the summary; the results come
    most urgent first (gone, then moved, changed, unverified, invalid), so those are the ones.
    """
    lines: list[str] = []
    for run in log.get("runs", []):
        titles = {
            rule["id"]: rule["shortDescription"]["text"] for rule in run["tool"]["driver"]["rules"]
        }
        for result in run.get("results", []):
            where = _where(result["locations"][0]["physicalLocation"])
            where["title"] = f"citecheck: {titles.get(result['ruleId'], result['ruleId'])}"
            lines.append(command("warning", result["message"]["text"], where))
    return lines


def _where(physical: Mapping[str, Any]) -> dict[str, str | int]:
    uri = str(physical["artifactLocation"]["uri"])
    path = urllib.parse.unquote(urllib.parse.urlsplit(uri).path if uri.startswith("file:") else uri)
    where: dict[str, str | int] = {"file": path}
    region = physical.get("region")
    if region:
        where["line"] = region["startLine"]
        where["endLine"] = region.get("endLine", region["startLine"])
        if where["line"] == where["endLine"] and "startColumn" in region:
            where["col"] = region["startColumn"]
            where["endColumn"] = region.get("endColumn", region["startColumn"])
    return where
