"""The records folder on disk: making it private, and naming what goes wrong with its files.

Used by :mod:`tui.store.records`, the only place that writes into a records folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from tui.core.errors import UserError
from tui.store.atomic import fsync_directory

DB_NAME = "terugblik.db.json"
"""File name of the TinyDB database inside a records folder."""


def os_error(exc: OSError, path: Path | str, reading: bool = False) -> UserError:
    """The one-line user error for a failed file operation (disk full, no permission, other)."""
    if exc.errno == errno.ENOSPC:
        return UserError("store.disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError("store.not_readable" if reading else "store.not_writable", path=path)
    return UserError("store.os_error", path=path, error=exc.strerror or str(exc))


def prepare_folder(folder: Path, create: bool) -> None:
    """Make sure ``folder`` is a folder only its owner can enter (made, when ``create``, with mode 0700)."""
    if folder.exists() and not folder.is_dir():
        raise UserError("store.not_a_folder", folder=folder)
    if not folder.exists():
        if not create:
            raise UserError("store.no_folder", folder=folder)
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise os_error(exc, folder) from None
    if os.name == "posix":
        # Health data: take group and other permissions away, never add any.
        with contextlib.suppress(OSError):
            info = folder.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077:
                os.chmod(folder, stat.S_IMODE(info.st_mode) & 0o700)


def _aside_name(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1000):
        suffix = f"-{number}" if number else ""
        aside = path.with_name(f"{path.stem}.damaged-{stamp}{suffix}.json")
        if not aside.exists():
            break
    return aside


def copy_aside(path: Path) -> Path:
    """Keep a damaged database's content under a new name, leaving the file itself in place.

    On POSIX a second link to the same bytes: the next atomic write replaces ``path`` with a
    new file, so the copy keeps the old content. Raises ``OSError`` when that is not possible.
    """
    aside = _aside_name(path)
    if os.name == "posix":
        os.link(path, aside)  # fails rather than overwrite an earlier copy
    else:
        with path.open("rb") as source, aside.open("xb") as target:
            shutil.copyfileobj(source, target)
    fsync_directory(path.parent)
    return aside


def set_aside(path: Path) -> Path:
    """Rename a damaged database to a name no earlier damaged copy has."""
    aside = _aside_name(path)
    try:
        if os.name == "nt":
            os.rename(path, aside)  # never replaces an existing file on Windows
        else:
            os.link(path, aside)  # fails rather than overwrite an earlier copy
            os.unlink(path)
    except OSError as exc:
        raise os_error(exc, path) from None
    return aside


def _is_session_file_name(name: str) -> bool:
    database = DB_NAME.removesuffix(".json")  # also its damaged copies: terugblik.db.damaged-….json
    return name.endswith(".json") and not name.startswith(".") and not name.startswith(database)


def session_files(paths: Iterable[Path]) -> list[Path]:
    """JSON files among ``paths``; folders are searched recursively (database files excluded)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [Path(root) / n for n in sorted(names) if _is_session_file_name(n)]
        else:
            files.append(path)
    return files
