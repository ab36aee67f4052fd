"""The records store: one file per session in a records folder, an index to find them quickly.

This is the only place that touches the records folder. It holds the folder's lock while
open for writing and writes every file atomically. Each session is its own file in
``sessions/`` (:mod:`tui.store.sessionfiles`), and those files are the truth; the index
(:mod:`tui.store.index`) is a cache of what was read from them, with the team profiles.
Files added, changed or removed by someone else (a sync tool, ``git pull``) are picked up
on open and whenever the sessions are listed. Personal preferences live in the user's
config folder (:mod:`tui.store.settings`), not in the shared records folder. A folder of
an earlier version (one database file) is migrated on its first open for writing
(:mod:`tui.store.migrate`).

Cost of a save: one session's file (``json`` encode + write + fsync) and an index entry
in memory, whatever the number of sessions in the folder. Call :meth:`RecordsStore.save_document`
from a worker thread (or use :class:`tui.store.autosave.Autosaver`) all the same.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any

from tui.core.codec import parse_bytes, team_to_record, to_document
from tui.core.compare import collector_paused
from tui.core.errors import UserError
from tui.core.model import Session, TeamProfile
from tui.core.validation import ValidationError, validate_document
from tui.store.atomic import remove_stale_temp_files, write_atomic
from tui.store.entries import SESSIONS, DamagedEntry
from tui.store.folder import DB_NAME, os_error, prepare_folder
from tui.store.index import SessionIndex
from tui.store.lock import FolderLock, FolderLocked
from tui.store.migrate import read_legacy
from tui.store.sessionfiles import (
    REPLACED_DIR,
    SESSIONS_DIR,
    STATE_DIR,
    FileEntry,
    elsewhere_name,
    file_name,
    read_file,
    scan,
    session_bytes,
    Stamp,
    side_bytes,
    stamp_of,
)
from tui.store.settings import UserSettings
from tui.store.storage import AtomicJSONStorage
from tui.store.summaries import (
    ENV_RECORDS,
    ImportReport,
    SessionSummary,
    default_records_folder,
    entry_label,
    team_key,
)
from tui.store.outputs import StoreFiles
from tui.store.reading import StoreReading
from tui.store.writing import StoreWriting


class RecordsStore(StoreReading, StoreFiles, StoreWriting):
    """Sessions and team profiles of one records folder; use :meth:`open`, then :meth:`close`."""

    def __init__(self, folder: Path, lock: FolderLock | None, settings: UserSettings | None = None):
        self.folder = folder
        self.sessions_dir = folder / SESSIONS_DIR
        self.read_only = lock is None
        self.warnings: list[UserError] = []
        self.recreated = False
        """Whether the records folder vanished while open and was made again."""
        self._lock = lock
        self._mutex = threading.RLock()
        self._index = SessionIndex(folder, self.read_only)
        self._legacy: dict[str, dict[str, Any]] = {}
        """Sessions of an earlier version's database, read as they are by a read-only store."""
        self._legacy_damaged: list[DamagedEntry] = []
        self._settings = settings or UserSettings()
        self._staged_settings: dict[str, str] = {}
        self._own: dict[str, Stamp] = {}
        """Per session file, its stamp as this store last wrote or read it for running the session."""
        self.writes = 0
        """How many files the store has written (sessions, the index, preferences): for tests and benchmarks."""

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, read_only: bool = False, allow_read_only: bool = False) -> RecordsStore:
        """Open a records folder, creating it (mode 0700) when missing.

        For writing, the folder's lock is taken; when another process holds it, this
        raises ``UserError("store.locked")`` unless ``allow_read_only``, in which case the
        store opens read-only with a warning. The index is brought up to date with the
        session files (rebuilt when missing or damaged), and a folder of an earlier version
        is migrated; what was found is reported in :attr:`warnings`.
        """
        folder = Path(folder).expanduser()
        prepare_folder(folder, create=not read_only)
        warnings: list[UserError] = []
        lock = None
        if not read_only:
            lock = FolderLock(folder)
            try:
                lock.acquire()
            except FolderLocked as exc:
                if not allow_read_only:
                    raise UserError("store.locked", folder=folder, pid=exc.holder or "?") from None
                warnings.append(UserError("store.opened_read_only_locked", folder=folder))
                lock = None
            except OSError as exc:
                if not allow_read_only:
                    raise os_error(exc, folder) from None
                warnings.append(UserError("store.opened_read_only_denied", folder=folder))
                lock = None
        if lock is not None:
            try:  # a synced or shared folder shows its layout from the first open
                (folder / SESSIONS_DIR).mkdir(mode=0o700, exist_ok=True)
            except OSError as exc:
                lock.release()
                raise os_error(exc, folder / SESSIONS_DIR) from None
            for place in (folder, folder / SESSIONS_DIR, folder / STATE_DIR):
                remove_stale_temp_files(place)
        store = cls(folder, lock)
        store.warnings = warnings
        try:
            with collector_paused():
                store._load()
        except BaseException:
            store.close()
            raise
        return store

    def _load(self) -> None:
        legacy = read_legacy(self.folder, not self.read_only, self.warnings)
        why = self._index.load()
        migrated = False
        if legacy is not None and self.read_only:
            self._legacy = {doc["id"]: doc for doc in legacy.documents}
            self._legacy_damaged = legacy.damaged
            for entry in legacy.damaged:
                self.warnings.append(UserError("store.damaged_entry", path=self.folder / DB_NAME,
                                               entry=entry_label(entry), reason=entry.reason))
        elif legacy is not None:
            from tui.store.migrate import migrate

            try:
                migrate(self.folder, self.sessions_dir, legacy, self._index, self._settings, self.warnings)
            except OSError as exc:
                raise os_error(exc, self.folder / DB_NAME) from None
            migrated = True
        changed = self.refresh()
        if self.read_only:
            pass  # a reader's index is in memory only: the writer says what it rebuilt
        elif why == "missing" and changed and not migrated:
            self.warnings.append(UserError("store.index_built", path=self._index.path, count=changed))
        elif why is not None and why != "missing":
            self.warnings.append(UserError("store.index_rebuilt", path=self._index.path, reason=why,
                                           count=len(self._index.files)))
        for entry in self._index.damaged():
            self.warnings.append(UserError("store.damaged_file", path=self.sessions_dir / entry.name,
                                           reason=entry.damaged))
        conflicts = self._index.conflicts()
        if conflicts:
            self.warnings.append(UserError("store.conflicts", count=len(conflicts),
                                           ids=", ".join(c[:8] for c in conflicts[:5])))
        if (self._index.dirty or why is not None) and not self.read_only:
            self._save_index()

    def _save_index(self) -> None:
        try:
            self._index.save()
        except OSError:
            return  # only a cache: the next open reads the files again
        self.writes += 1

    def refresh(self) -> int:
        """Catch up with files added, changed or removed by someone else; returns how many."""
        with self._mutex, collector_paused():
            found = scan(self.sessions_dir)
            gone = [name for name in self._index.files if name not in found]
            for name in gone:
                self._index.remove(name)
            changed = 0
            for name, stamp in found.items():
                known = self._index.files.get(name)
                if known is None or known.stamp != stamp:
                    entry, _ = read_file(self.sessions_dir / name, stamp)
                    self._index.set(entry)
                    changed += 1
            return changed + len(gone)

    @property
    def legacy(self) -> bool:
        """Whether this (read-only) store reads a database of an earlier version, not yet migrated."""
        return bool(self._legacy or self._legacy_damaged)

    @property
    def damaged(self) -> list[tuple[str, str]]:
        """(file, reason) of every session file that cannot be read (it is left as it is).

        A read-only store on a folder of an earlier version names the database's unusable
        entries instead (as ``sessions/3``, ``teams/1``, or the session's id).
        """
        with self._mutex:
            return ([(entry_label(e), e.reason) for e in self._legacy_damaged]
                    + [(entry.name, entry.damaged or "") for entry in self._index.damaged()])

    @property
    def damaged_sessions(self) -> list[tuple[str, str]]:
        """(file, reason) of every session that cannot be read (as :attr:`damaged`, sessions only)."""
        with self._mutex:
            return ([(entry_label(e), e.reason) for e in self._legacy_damaged if e.table == SESSIONS]
                    + [(entry.name, entry.damaged or "") for entry in self._index.damaged()])

    def close(self) -> None:
        """Write the index and release the folder lock. Every save has already reached the disk."""
        with self._mutex:
            if self._lock is not None:
                if self._index.dirty:
                    self._save_index()
                self._lock.release()
                self._lock = None

    def __enter__(self) -> RecordsStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing sessions ----------------------------------------------------------------

    def save_document(self, doc: dict[str, Any], fresh: bool = False) -> None:
        """Validate and save one session document in its own file; safe to call from a worker thread.

        When this returns, the session is on disk. Raises ``ValidationError`` for an
        invalid document and ``UserError`` for a full disk or unwritable folder, in
        which case the previously saved state is kept intact. A file changed behind the
        store's back since it was last read (a sync tool, ``git pull``) is kept beside it
        as a second version, never overwritten.
        """
        validate_document(doc)
        own = doc if fresh else copy.deepcopy(doc)
        data = session_bytes(own)
        self._write(lambda: self._write_session(own, data))

    def _write_session(self, doc: dict[str, Any], data: bytes) -> None:
        self.sessions_dir.mkdir(mode=0o700, exist_ok=True)
        name = file_name(doc["id"])
        path = self.sessions_dir / name
        try:
            there = stamp_of(os.stat(path))
        except FileNotFoundError:
            there = None
        known = self._own.get(name) or (self._index.files[name].stamp if name in self._index.files else None)
        if there is not None and known != there:
            aside = self.sessions_dir / elsewhere_name(doc["id"])
            self._keep_as(path, aside)
            self._index.set(read_file(aside, stamp_of(aside.stat()))[0])
        write_atomic(path, data)
        self.writes += 1
        self._own[name] = stamp_of(os.stat(path))
        self._index.set(FileEntry(name, self._own[name], [SessionSummary.from_document(doc)]))

    @staticmethod
    def _keep_as(path: Path, other: Path) -> None:
        """Give a file a second name that no file has; the next atomic write then replaces only ``path``."""
        if os.name == "nt":
            os.rename(path, other)
        else:
            os.link(path, other)

    def save_session(self, session: Session) -> None:
        """Validate and save a session (see :meth:`save_document`)."""
        self.save_document(to_document(session), fresh=True)

    def delete_session(self, session_id: str) -> None:
        """Remove a session's file and any other versions of it (its minutes files are left alone)."""

        def delete() -> None:
            for name, _, _ in self._index.versions(session_id):
                with contextlib.suppress(FileNotFoundError):
                    (self.sessions_dir / name).unlink()
                self._index.remove(name)
                self._own.pop(name, None)

        self._write(delete)

    def resolve_conflict(self, session_id: str, keep: int) -> None:
        """Keep version number ``keep`` of a session as its file; the other versions move to ``.terugblik/replaced``."""

        def resolve() -> None:
            versions = self._index.versions(session_id)
            name, side, _ = versions[keep]
            chosen = parse_bytes(side_bytes(self.sessions_dir / name, side), str(self.sessions_dir / name))
            replaced = self.folder / STATE_DIR / REPLACED_DIR
            replaced.mkdir(parents=True, mode=0o700, exist_ok=True)
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            for old in dict.fromkeys(n for n, _, _ in versions):
                os.replace(self.sessions_dir / old, replaced / f"{stamp}-{old}")
                self._index.remove(old)
                self._own.pop(old, None)
            doc = to_document(chosen)
            self._write_session(doc, session_bytes(doc))

        self._write(resolve)

    def conflict_versions(self, session_id: str) -> list[tuple[str, SessionSummary]]:
        """(file, summary) of each version of a session, in the order :meth:`resolve_conflict` counts them."""
        with self._mutex:
            versions = self._index.versions(session_id)
        return [(name + (f" ({'ours' if side == 0 else 'theirs'})" if self._index.files[name].git else ""), summary)
                for name, side, summary in versions]

    # -- team profiles ---------------------------------------------------------------

    def save_team(self, team: TeamProfile) -> None:
        """Save a team's profile (roster, shared ambition, facilitator), replacing the earlier one."""
        record = team_to_record(team) | {"key": team_key(team.name)}

        def save() -> None:
            earlier = self._index.teams.get(record["key"])
            self._index.teams[record["key"]] = record
            try:
                self._index.save()
            except BaseException:
                if earlier is None:
                    del self._index.teams[record["key"]]
                else:
                    self._index.teams[record["key"]] = earlier
                raise
            self.writes += 1

        self._write(save)

    def remember_team(self, session: Session) -> None:
        """Store the session's roster, ambition and facilitator as the team's profile for next time."""
        self.save_team(TeamProfile(name=session.team, roster=list(session.participants), ambition=session.ambition,
                                   facilitator=session.facilitator))


__all__ = [
    "DB_NAME",
    "ENV_RECORDS",
    "AtomicJSONStorage",
    "ImportReport",
    "RecordsStore",
    "SessionSummary",
    "ValidationError",
    "default_records_folder",
    "team_key",
]
