"""The index of a records folder: what was read from each session file, and the team profiles.

The session files are the truth (:mod:`tui.store.sessionfiles`); the index is a cache that
makes a folder of thousands of sessions quick to open and list. It lives in the folder's
``.terugblik/index.json`` (TinyDB, written atomically) and remembers per file its size,
modification time and inode with the few fields a list needs. On every open, and whenever
the sessions are listed again, the folder is compared with it: a file added, changed or
removed (by a sync tool, ``git pull``, another laptop) is read again or dropped. A missing,
damaged or unknown index is simply rebuilt from the files.

It is written when the store closes, after an import, a migration or a rebuild, and not on
every save: a save updates the entry in memory, and an index left a little behind by a crash
is caught up from the files on the next open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB

from tui.store.atomic import write_atomic
from tui.store.entries import team_problem
from tui.store.sessionfiles import STATE_DIR, FileEntry, file_name
from tui.store.storage import AtomicJSONStorage, DamagedDatabase
from tui.store.summaries import SessionSummary

INDEX_NAME = "index.json"
INDEX_FORMAT = "terugblik-index"
INDEX_VERSION = 1

_SUMMARY_FIELDS = [f.name for f in dataclasses.fields(SessionSummary) if f.name != "versions"]


def index_path(folder: Path) -> Path:
    """Where the index of a records folder lives."""
    return folder / STATE_DIR / INDEX_NAME


def _entry_record(entry: FileEntry) -> dict[str, Any]:
    return {
        "file": entry.name,
        "size": entry.stamp[0],
        "mtime_ns": entry.stamp[1],
        "ino": entry.stamp[2],
        "damaged": entry.damaged,
        "git": entry.git,
        "sessions": [{name: getattr(s, name) for name in _SUMMARY_FIELDS} for s in entry.versions],
    }


def _entry_from_record(record: Any) -> FileEntry:
    """An entry of the index file; ``ValueError`` when it is not one this code wrote."""
    try:
        stamp = (int(record["size"]), int(record["mtime_ns"]), int(record["ino"]))
        versions = [SessionSummary(**{name: item[name] for name in _SUMMARY_FIELDS}) for item in record["sessions"]]
        if not isinstance(record["file"], str) or not all(isinstance(v.id, str) for v in versions):
            raise ValueError("not text")
        return FileEntry(record["file"], stamp, versions, record["damaged"], bool(record["git"]))
    except (KeyError, TypeError) as exc:
        raise ValueError(str(exc)) from None


class _IndexStorage(AtomicJSONStorage):
    """The index file: read and written with msgspec (it is this code's own cache, so speed first).

    Anything unreadable is :class:`DamagedDatabase`, and the index is rebuilt from the files.
    """

    def read(self) -> dict[str, Any] | None:
        """The index's tables, from memory when written last."""
        if not self._cache_valid:
            try:
                data = self.path.read_bytes()
            except FileNotFoundError:
                data = None
            except IsADirectoryError:
                raise DamagedDatabase(self.path, "a folder, not a file") from None
            tables = None
            if data is not None:
                try:
                    tables = msgspec.json.decode(data)
                except msgspec.DecodeError as exc:
                    raise DamagedDatabase(self.path, f"unparsable ({exc})") from None
                if not isinstance(tables, dict) or not all(isinstance(v, dict) for v in tables.values()):
                    raise DamagedDatabase(self.path, "not an index")
            self._cache, self._cache_valid = tables, True
        return self._cache

    def _flush(self, data: dict[str, Any]) -> None:
        try:
            write_atomic(self.path, msgspec.json.encode(data))
        except BaseException:
            self._cache_valid = False
            raise
        self.writes += 1


class SessionIndex:
    """The folder's files as last read, by file name and by session id, and the team profiles."""

    def __init__(self, folder: Path, read_only: bool):
        self.path = index_path(folder)
        self.read_only = read_only
        self.files: dict[str, FileEntry] = {}
        self.teams: dict[str, dict[str, Any]] = {}
        self.dirty = False
        self._by_id: dict[str, list[tuple[str, int]]] = {}
        self._storage = _IndexStorage(self.path, read_only=read_only)
        self._db = TinyDB(storage=lambda: self._storage)

    # -- the index file --------------------------------------------------------------------

    def load(self) -> str | None:
        """Read the index file; returns why it cannot be used (then it is empty), or None."""
        try:
            tables = self._storage.read()
        except DamagedDatabase as exc:
            return exc.reason
        except OSError as exc:
            return exc.strerror or str(exc)
        if tables is None:
            return "missing"
        meta = list(tables.get("meta", {}).values())
        if not meta or meta[0].get("format") != INDEX_FORMAT or meta[0].get("version") != INDEX_VERSION:
            return "of another version"
        try:
            entries = [_entry_from_record(record) for record in tables.get("files", {}).values()]
        except ValueError as exc:
            return f"unreadable entry ({exc})"
        for entry in entries:
            self.set(entry)
        for record in tables.get("teams", {}).values():
            if isinstance(record, dict) and team_problem(record) is None and isinstance(record.get("key"), str):
                self.teams[record["key"]] = record
        self.dirty = False
        return None

    def save(self) -> None:
        """Write the index file in one atomic write (``OSError`` when it cannot be written)."""
        if self.read_only:
            return
        self.path.parent.mkdir(mode=0o700, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():  # git never shares this machine's cache
            write_atomic(ignore, b"# This laptop's own index of the records folder: never shared.\n*\n")
        with self._storage.batch():
            self._db.drop_tables()
            self._db.table("meta").insert({"format": INDEX_FORMAT, "version": INDEX_VERSION})
            self._db.table("files").insert_multiple(_entry_record(entry) for entry in self.files.values())
            self._db.table("teams").insert_multiple(self.teams.values())
        self.dirty = False

    # -- entries ---------------------------------------------------------------------------

    def set(self, entry: FileEntry) -> None:
        """Remember what was read from a file (replacing what was read from it before)."""
        self.remove(entry.name)
        self.files[entry.name] = entry
        for side, summary in enumerate(entry.versions):
            self._by_id.setdefault(summary.id, []).append((entry.name, side))
        self.dirty = True

    def remove(self, name: str) -> None:
        """Forget a file that is gone."""
        old = self.files.pop(name, None)
        if old is None:
            return
        for summary in old.versions:
            places = [p for p in self._by_id.get(summary.id, []) if p[0] != name]
            if places:
                self._by_id[summary.id] = places
            else:
                self._by_id.pop(summary.id, None)
        self.dirty = True

    def ids(self) -> Iterable[str]:
        """Every session id the folder holds."""
        return self._by_id.keys()

    def __contains__(self, session_id: str) -> bool:
        return session_id in self._by_id

    def versions(self, session_id: str) -> list[tuple[str, int, SessionSummary]]:
        """(file, side, summary) of every version of a session, its own file first, then newest first."""
        found = [(name, side, self.files[name].versions[side]) for name, side in self._by_id.get(session_id, [])]
        own = file_name(session_id)
        found.sort(key=lambda v: v[2].updated_at, reverse=True)
        found.sort(key=lambda v: (v[0] != own, v[1]))
        return found

    def summary(self, session_id: str) -> SessionSummary:
        """The summary of a session's first version, with the number of versions."""
        found = self.versions(session_id)
        first = found[0][2]
        return dataclasses.replace(first, versions=len(found)) if len(found) > 1 else first

    def summaries(self) -> list[SessionSummary]:
        """One summary per session."""
        return [self.summary(session_id) for session_id in self._by_id]

    def damaged(self) -> list[FileEntry]:
        """The files that cannot be read, by name."""
        return sorted((e for e in self.files.values() if e.damaged is not None), key=lambda e: e.name)

    def conflicts(self) -> list[str]:
        """The ids of sessions with more than one version."""
        return sorted(sid for sid, places in self._by_id.items() if len(places) > 1)
