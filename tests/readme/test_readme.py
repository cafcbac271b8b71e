"""Every console block of the README is the real output of its commands (as lychee's README
tests do), so the README cannot drift from the tool.

The blocks run in order, in one folder, each command through bash (``$ cmd``; the lines up to
the next ``$`` are its output, stdout and stderr as a terminal shows them). A block preceded by
``<!-- readme: offline -->`` runs with no network; every other one against the small web of
``tests/readme/world.py``. Two things are evened out before comparing: the run date (today's
date reads as ``README_DATE``, the date the README was last written) and the progress lines a
slow machine may print between the others.

After an intended change: ``CITECHECK_UPDATE_README=1 pytest tests/readme`` rewrites the
blocks from the real output; review the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from citecheck.style import format_date
from tests.readme.world import REPO, place

README = REPO / "README.md"
README_DATE = dt.date(2026, 12, 4)
_FENCE = re.compile(
    r"(?P<mark><!-- readme: (?P<env>\w+) -->\n\n?)?```console\n(?P<body>.*?)```", re.S
)
_PROGRESS = re.compile(r"^(read|check|archive) \d+(/\d+)?( · .*)?$")
_MARK = "@@readme-command-7f3c@@"


@dataclass(frozen=True)
class Block:
    start: int  # of the body in the README's text
    end: int
    environment: str
    commands: tuple[str, ...]
    outputs: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    found = []
    for match in _FENCE.finditer(text):
        commands: list[str] = []
        outputs: list[list[str]] = []
        for line in match.group("body").splitlines():
            if line.startswith("$ "):
                commands.append(line[2:])
                outputs.append([])
            else:
                assert commands, f"README console block without a command: {line!r}"
                outputs[-1].append(line)
        found.append(
            Block(
                match.start("body"),
                match.end("body"),
                match.group("env") or "web",
                tuple(commands),
                tuple("".join(f"{line}\n" for line in lines) for lines in outputs),
            )
        )
    return found


def run_block(block: Block, folder: Path, environment: dict[str, str]) -> tuple[str, ...]:
    """Each command's output, run one after another in one shell (``$?`` carries over)."""
    script = ["status=0"]
    for command in block.commands:
        script += [f"printf '{_MARK}\\n'", "(exit $status)", f"{command} 2>&1", "status=$?"]
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    parts = done.stdout.split(f"{_MARK}\n")[1:]
    assert len(parts) == len(block.commands), done.stderr
    return tuple(_even(part, folder) for part in parts)


def _even(output: str, folder: Path) -> str:
    today = dt.date.today()
    for now, then in [
        (format_date(today), format_date(README_DATE)),
        (today.isoformat(), README_DATE.isoformat()),
        (f"{today:%Y%m%d}", f"{README_DATE:%Y%m%d}"),
    ]:
        output = output.replace(now, then)
    output = output.replace(str(folder.resolve()) + os.sep, "").replace(str(folder) + os.sep, "")
    # Trailing spaces (rich pads a table's title) are invisible, and editors strip them.
    return "".join(
        line.rstrip() + "\n" for line in output.splitlines() if not _PROGRESS.match(line.rstrip())
    )


def _body(block: Block, outputs: tuple[str, ...]) -> str:
    return "".join(f"$ {c}\n{o}" for c, o in zip(block.commands, outputs, strict=True))


def test_every_console_block_is_real_output(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    found = blocks(text)
    assert len(found) >= 10
    folder = tmp_path / "work"
    folder.mkdir()
    actual: list[tuple[Block, tuple[str, ...]]] = []
    with place(folder, Path(sys.executable).parent) as world:
        for block in found:
            actual.append((block, run_block(block, folder, world.environments[block.environment])))
    if os.environ.get("CITECHECK_UPDATE_README"):
        for block, outputs in reversed(actual):
            text = text[: block.start] + _body(block, outputs) + text[block.end :]
        README.write_text(text, encoding="utf-8")
        return
    differing = [
        "".join(
            difflib.unified_diff(
                _body(block, block.outputs).splitlines(keepends=True),
                _body(block, outputs).splitlines(keepends=True),
                "README.md",
                "actual output",
            )
        )
        for block, outputs in actual
        if outputs != block.outputs
    ]
    assert not differing, "\n".join(differing) + "\n(CITECHECK_UPDATE_README=1 rewrites them)"


@pytest.mark.parametrize(
    ("text", "environments"),
    [
        ("```console\n$ a\nout\n```\n", ["web"]),
        ("<!-- readme: offline -->\n```console\n$ a\n$ b\nx\n```\n", ["offline"]),
    ],
)
def test_blocks_are_read_with_their_environment(text: str, environments: list[str]) -> None:
    assert [b.environment for b in blocks(text)] == environments
