"""Crash-safe file writes: temp file in the same folder, fsync, ``os.replace``, fsync the folder.

A reader (or the next start after a kill -9 or power loss) sees either the old or the
new content of a file, never a torn one. Files are created mode 0600.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"
"""Name prefix of in-flight temp files; leftovers from a crash are removed on open."""


def fsync_directory(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX only; a no-op where unsupported)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any instant leaves old or new, never half.

    Raises ``OSError`` (e.g. ENOSPC, EACCES) with the old file untouched.
    """
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_directory(folder)


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to a file the user named (``-o``): atomically, unless it is a special file.

    A FIFO, a character device (``/dev/null``, ``/dev/stdout``) or a socket is written into
    directly: replacing it by a regular file would break whatever reads it (and, for root,
    the machine's ``/dev/null``). A symbolic link to a regular file keeps being a link: its
    target is replaced. Regular files and new paths get :func:`write_atomic`.
    """
    try:
        info = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    if info is not None and path.is_symlink():
        path = path.resolve()
    write_atomic(path, data)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temp files a crash left behind; call only while holding the folder's lock."""
    removed = []
    for leftover in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def write_new(path: Path, data: bytes) -> None:
    """Write a file through a temp file and a rename, without waiting for the disk.

    For writing many files at once (an import, a migration): follow with :func:`make_durable`,
    which waits for all of them together instead of one by one.
    """
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def make_durable(paths: list[Path], folder: Path) -> None:
    """Flush files written by :func:`write_new` (and their folder) to disk.

    On POSIX one ``sync`` flushes them all at once, far quicker than an ``fsync`` per file;
    elsewhere each file is flushed in turn.
    """
    if not paths:
        return
    if hasattr(os, "sync"):
        os.sync()
    else:
        for path in paths:
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
    fsync_directory(folder)
