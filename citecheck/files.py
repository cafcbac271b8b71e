"""Atomic file writes: a reader sees the old file or the new one, never half of either.

A temporary file is named after its target and the process writing it
(``.<name>.<random>.<pid>.tmp``), so that a clean-up removes only what a process that is gone
left behind, never the file another run is writing at that moment.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp$")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and rename; return False if unchanged.

    Leaving an identical file untouched keeps mtimes and ``git status`` quiet on no-op runs.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=temp_suffix())
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def temp_suffix() -> str:
    """The end of this process's temporary file names: ``.<pid>.tmp``."""
    return f".{os.getpid()}.tmp"


def abandoned_temporaries(root: Path) -> Iterator[Path]:
    """Temporary files under ``root`` whose writer is gone (or is this process, whose writes
    are over when it asks): what a killed run left behind. Another live process's are kept."""
    if not root.is_dir():
        return
    for path in root.rglob(".*.tmp"):
        match = _TEMPORARY.match(path.name)
        if match and path.is_file() and not _alive_elsewhere(int(match.group(1))):
            yield path


def _alive_elsewhere(pid: int) -> bool:
    if pid == os.getpid():
        return False
    if not 0 < pid < 2**31:  # not a process id (0 would signal the whole process group)
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets 0666 minus the umask, like ``open()``.

    mkstemp creates 0600 files, which would make committed outputs unreadable to others.
    """
    if path.exists():
        return path.stat().st_mode & 0o7777
    return 0o666 & ~_UMASK


def _read_umask() -> int:
    # os.umask can only be read by setting it; do it once, at import, before any worker threads.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _read_umask()
