"""One run at a time on a snapshot store: an advisory lock that names its holder.

Two runs on one store (a scheduled run and an editor's, on a shared checkout) would write the
same files and the same WARCs. The lock is ``flock`` on ``<store>/.citecheck.lock``, taken
before any network work and held until the run's last write. The kernel releases it when the
holding process ends, however it ends (``kill -9`` included), so a crashed run never leaves a
stale lock behind. While it is held the file names the holder (process id, host, start time)
for the message a second run prints; on release it is emptied and its times put back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

from citecheck.errors import StoreBusy, StoreError

LOCK_NAME = ".citecheck.lock"


class StoreLock:
    """The held lock of one store; ``remove`` takes the store away with it (see below)."""

    def __init__(self, root: Path, fd: int) -> None:
        self.root = root
        self._fd = fd
        self._removed = False

    def remove(self) -> None:
        """Delete the lock file and the (otherwise empty) store while holding the lock: for
        a run that created the store and wrote nothing into it. A run waiting for this lock
        notices that its file is gone and starts over (see ``_open_locked``)."""
        with contextlib.suppress(OSError):
            (self.root / LOCK_NAME).unlink()
            self.root.rmdir()
            self._removed = True

    def _release(self, before: os.stat_result) -> None:
        if self._removed:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            # Empty again, and as old as before: a no-op run leaves every file untouched.
            os.utime(self._fd, ns=(before.st_atime_ns, before.st_mtime_ns))


@contextlib.contextmanager
def store_lock(
    root: Path, *, wait: bool, on_wait: Callable[[str], None] | None = None
) -> Iterator[StoreLock]:
    """Hold the lock of the store at ``root`` (created if missing) for the ``with`` block.

    When another run holds it: wait for it (``on_wait`` gets one message saying for whom), or
    with ``wait=False`` raise ``StoreBusy`` naming the holder. Raises ``StoreError`` when the
    store cannot be created, locked or written.
    """
    fd = _open_locked(root, wait, on_wait)
    try:
        before = os.fstat(fd)
        _announce(fd, root)
        lock = StoreLock(root, fd)
        try:
            yield lock
        finally:
            lock._release(before)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _open_locked(root: Path, wait: bool, on_wait: Callable[[str], None] | None) -> int:
    """A descriptor of the lock file, locked. A lock taken on a file that its holder removed
    meanwhile (``StoreLock.remove``) protects nothing: then open the path again."""
    path = root / LOCK_NAME
    while True:
        try:
            root.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise StoreError(f"{root}: cannot use the snapshot store ({_why(exc)})") from exc
        try:
            _acquire(fd, root, wait, on_wait)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        on_wait = None  # said once


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), path.stat()
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _acquire(fd: int, root: Path, wait: bool, on_wait: Callable[[str], None] | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        holder = _holder(fd)
    except OSError as exc:
        raise StoreError(f"{root}: cannot lock the snapshot store ({_why(exc)})") from exc
    if not wait:
        raise StoreBusy(
            f"{root} is in use by another citecheck run ({holder}); "
            "run again when it has finished, or without --no-wait to wait for it"
        )
    if on_wait is not None:
        on_wait(f"waiting for {root}: in use by another citecheck run ({holder})")
    fcntl.flock(fd, fcntl.LOCK_EX)  # blocks until the holder ends; Ctrl-C interrupts it


def _holder(fd: int) -> str:
    """Who holds the lock, as its file says (empty for an instant while it is written)."""
    try:
        data = json.loads(os.pread(fd, 4096, 0))
        return f"process {int(data['pid'])} on {data['host']}, since {data['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "holder unknown"


def _announce(fd: int, root: Path) -> None:
    """Write who holds the lock; also the proof that the store is writable (and not full)."""
    since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    data = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since})
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, data.encode("utf-8") + b"\n", 0)
        os.fsync(fd)
    except OSError as exc:
        raise StoreError(f"{root}: the snapshot store is not writable ({_why(exc)})") from exc


def _why(exc: OSError) -> str:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{exc.strerror}; check its permissions, or give another --snapshots"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)
