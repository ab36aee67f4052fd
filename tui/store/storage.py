"""A TinyDB storage that never tears its file and never mistakes damage for an empty database.

TinyDB's own ``JSONStorage`` rewrites the file in place (seek, write, truncate): a kill at
the wrong moment leaves half a file, and a zero-byte file opens silently as empty. This
storage writes through :func:`tui.store.atomic.write_atomic` and refuses to read a
damaged file, raising :class:`DamagedDatabase` so the store can set it aside and say so.

The last state read or written is kept in memory, so TinyDB operations never re-parse
the file. For a writer the folder lock guarantees nobody writes behind our back; a
read-only store is a snapshot taken when it first reads.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.core.codec import DocumentError, parse_json
from tui.store.atomic import write_atomic
from tui.store.entries import DamagedEntry, split_damaged
from tui.store.folder import copy_aside


class DamagedDatabase(Exception):
    """The database file exists but is empty or not a TinyDB JSON document."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ReadOnlyStorageError(Exception):
    """A write was attempted on a storage opened read-only."""


def read_database_file(path: Path) -> dict[str, Any] | None:
    """Parse a database file; None when it does not exist, :class:`DamagedDatabase` when unusable.

    The file is read with the same strict JSON reader as session files, so a key twice in one
    object, an integer too long to convert or a lone surrogate makes the file damaged instead
    of a traceback now or a failed write later.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedDatabase(path, "a folder, not a file") from None
    if not data.strip():
        raise DamagedDatabase(path, "empty")
    try:
        tables = parse_json(data.decode("utf-8"), str(path))
    except UnicodeDecodeError as exc:
        raise DamagedDatabase(path, f"unparsable ({exc.__class__.__name__})") from None
    except DocumentError as exc:
        raise DamagedDatabase(path, f"unparsable ({exc.reason})") from None
    if not isinstance(tables, dict) or not all(isinstance(v, dict) for v in tables.values()):
        raise DamagedDatabase(path, "not a database")
    return tables


class AtomicJSONStorage(Storage):
    """TinyDB storage: whole-file JSON written atomically, with an in-memory copy of the last state."""

    def __init__(self, path: str | Path, read_only: bool = False, check_entries: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.check_entries = check_entries
        self.damaged: list[DamagedEntry] = []
        """Entries left out of what TinyDB sees, with their reasons (when ``check_entries``)."""
        self.aside: Path | None = None
        """Where a copy of the file was put before the first write without its damaged entries."""
        self._cache: dict[str, Any] | None = None
        self._cache_valid = False
        self._batch_depth = 0
        self._dirty = False
        self.writes = 0

    def read(self) -> dict[str, Any] | None:
        """Return the database content; from memory when we wrote it last."""
        if not self._cache_valid:
            tables = read_database_file(self.path)
            if tables is not None and self.check_entries:
                tables, damaged = split_damaged(tables)
                if damaged and not self.read_only:
                    # Every later write leaves these entries out: keep the file as it is first.
                    self.aside = copy_aside(self.path)
                self.damaged = damaged
            self._cache = tables
            self._cache_valid = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        """Persist ``data`` atomically (or defer it to the end of a :meth:`batch`)."""
        if self.read_only:
            raise ReadOnlyStorageError(str(self.path))
        self._cache = data
        self._cache_valid = True
        if self._batch_depth:
            self._dirty = True
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            write_atomic(self.path, payload)
        except BaseException:
            # TinyDB mutated our cached copy before calling write(); it no longer
            # matches the disk, so the next read must come from the file again.
            self._cache_valid = False
            raise
        self.writes += 1

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB operations into one file write, done when the block ends."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._dirty = False
                self._cache_valid = False
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            self._flush(self._cache or {})

    def close(self) -> None:
        """Nothing is held open between operations, so there is nothing to close."""
        self._cache = None
        self._cache_valid = False
