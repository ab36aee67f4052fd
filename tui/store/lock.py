"""One writer per records folder, enforced by an operating-system file lock.

The lock lives on an open file handle (``flock`` on POSIX, ``msvcrt.locking`` on
Windows), so the OS releases it when the process ends in any way, kill -9 included. The
file itself may stay behind; its presence means nothing, only the held lock does.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

LOCK_NAME = ".terugblik.lock"


class FolderLocked(Exception):
    """Another process holds the records folder; ``holder`` is its pid when known."""

    def __init__(self, folder: Path, holder: str):
        super().__init__(f"{folder} is in use (pid {holder or '?'})")
        self.folder = folder
        self.holder = holder


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class FolderLock:
    """An exclusive, non-blocking lock on a records folder, held until :meth:`release`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`FolderLocked` at once (never waits)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            holder = ""
            if os.name != "nt":
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    holder = os.pread(fd, 32, 0).decode().strip()
            os.close(fd)
            raise FolderLocked(self.folder, holder)
        if os.name != "nt":  # On Windows the locked byte cannot be rewritten.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    @property
    def held(self) -> bool:
        """Whether this object currently holds the lock."""
        return self._fd is not None

    def still_in_place(self) -> bool:
        """Whether the lock file at the folder's lock path is still the one this lock holds.

        A records folder deleted (or moved) and made again by someone else has a new lock
        file: the old lock then guards nothing, and must be taken again before writing.
        """
        if self._fd is None:
            return False
        try:
            held, there = os.fstat(self._fd), os.stat(self.path)
        except OSError:
            return False
        return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)

    def release(self) -> None:
        """Give the lock back (closing the handle releases it on every OS)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)
