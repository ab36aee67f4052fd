"""The records store: sessions and team profiles in a TinyDB database inside a records folder.

This is the only place that touches the records folder. It holds the folder's lock while
open for writing, writes every change atomically, sets a damaged database aside instead
of treating it as empty, and writes the per-session minutes files.

Cost of a save: TinyDB rewrites the whole database on every change, so saving one
session costs about as much as ``json.dumps`` + fsync of *all* sessions in the folder
(see ``benchmarks/store_bench.py``). Call :meth:`RecordsStore.save_document` from a worker
thread (or use :class:`tui.store.autosave.Autosaver`) so a UI never waits for it.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Table

from tui.core.codec import (
    DocumentError,
    from_document,
    load_file,
    session_from_valid,
    team_from_record,
    team_to_record,
    to_document,
)
from tui.core.errors import UserError
from tui.core.model import Session, TeamProfile
from tui.core.validation import ValidationError, validate_document
from tui.render import export
from tui.store.atomic import remove_stale_temp_files, write_atomic, write_output
from tui.store.entries import SESSIONS
from tui.store.folder import DB_NAME, os_error, prepare_folder, session_files, set_aside
from tui.store.lock import FolderLock, FolderLocked
from tui.store.storage import AtomicJSONStorage, DamagedDatabase, ReadOnlyStorageError
from tui.store.summaries import (
    ENV_RECORDS,
    ImportReport,
    SessionSummary,
    default_records_folder,
    entry_label,
    team_key,
)


class RecordsStore:
    """Sessions and team profiles of one records folder; use :meth:`open`, then :meth:`close`."""

    def __init__(self, folder: Path, storage: AtomicJSONStorage, lock: FolderLock | None):
        self.folder = folder
        self.read_only = lock is None
        self.warnings: list[UserError] = []
        self.recreated = False
        """Whether the records folder vanished while open and was made again."""
        self._storage = storage
        self._lock = lock
        self._mutex = threading.RLock()
        self._db = TinyDB(storage=lambda: storage)
        self._sessions = self._db.table("sessions", cache_size=0)
        self._teams = self._db.table("teams", cache_size=0)
        self._settings = self._db.table("settings", cache_size=0)
        self._staged_settings: dict[str, str] = {}

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, read_only: bool = False, allow_read_only: bool = False) -> RecordsStore:
        """Open a records folder, creating it (mode 0700) when missing.

        For writing, the folder's lock is taken; when another process holds it, this
        raises ``UserError("store.locked")`` unless ``allow_read_only``, in which case the
        store opens read-only with a warning. A damaged database is moved aside (when
        writable) and reported in :attr:`warnings`.
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
            remove_stale_temp_files(folder)
        store = cls(folder, AtomicJSONStorage(folder / DB_NAME, read_only=lock is None, check_entries=True), lock)
        store.warnings = warnings
        try:
            store._check_database()
        except BaseException:
            store.close()
            raise
        return store

    def _check_database(self) -> None:
        try:
            self._storage.read()
        except DamagedDatabase as exc:
            if self.read_only:
                raise UserError("store.damaged_read_only", path=exc.path, reason=exc.reason) from None
            aside = set_aside(exc.path)
            self.warnings.append(UserError("store.damaged_moved", path=exc.path, aside=aside, reason=exc.reason))
        except OSError as exc:
            raise os_error(exc, self.folder / DB_NAME, reading=True) from None
        self._report_damaged_entries()

    def _report_damaged_entries(self) -> None:
        """Say which entries were left out; a writer also rewrites the database without them.

        The writer's storage has already kept the file as it was (``storage.aside``), so the
        entries stay recoverable byte for byte while the database in use holds only usable ones.
        """
        damaged = self._storage.damaged
        if not damaged:
            return
        path = self.folder / DB_NAME
        if self._storage.aside is not None:
            try:
                self._storage.write(self._storage.read() or {})
            except OSError as exc:
                raise os_error(exc, path) from None
            self.warnings.append(UserError("store.damaged_entries_moved", path=path, aside=self._storage.aside,
                                           count=len(damaged)))
        for entry in damaged:
            self.warnings.append(UserError("store.damaged_entry", path=path, entry=entry_label(entry),
                                           reason=entry.reason))

    @property
    def damaged(self) -> list[tuple[str, str]]:
        """(label, reason) of every database entry left out because it cannot be used."""
        return [(entry_label(entry), entry.reason) for entry in self._storage.damaged]

    @property
    def damaged_sessions(self) -> list[tuple[str, str]]:
        """(label, reason) of every session entry left out because it cannot be used."""
        return [(entry_label(entry), entry.reason) for entry in self._storage.damaged if entry.table == SESSIONS]

    def close(self) -> None:
        """Release the folder lock. Every save has already reached the disk."""
        with self._mutex:
            self._storage.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> RecordsStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------

    def _write(self, action) -> Any:
        if self.read_only:
            raise UserError("store.read_only", folder=self.folder)
        with self._mutex:
            try:
                if self._lock is not None and not self._lock.still_in_place() and self.folder.exists():
                    # The folder was deleted and made again by someone else (a sync tool, a
                    # restore): the old lock guards nothing, so take the new folder's lock first.
                    self._relock()
                    self.recreated = True
                try:
                    return action()
                except FileNotFoundError:
                    if self.folder.exists():
                        raise
                    # The folder was deleted or moved while we ran: make it again (and
                    # lock it again) so the work being done now is not lost, then retry.
                    self._recreate_folder()
                    return action()
            except ReadOnlyStorageError:
                raise UserError("store.read_only", folder=self.folder) from None
            except OSError as exc:
                raise os_error(exc, self.folder / DB_NAME) from None

    def _recreate_folder(self) -> None:
        self.folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        if self._lock is not None:
            self._relock()
        self.recreated = True

    def _relock(self) -> None:
        """Exchange a lock that no longer guards the folder for the folder's current lock."""
        assert self._lock is not None
        self._lock.release()
        lock = FolderLock(self.folder)
        try:
            lock.acquire()
        except FolderLocked as exc:
            raise UserError("store.locked", folder=self.folder, pid=exc.holder or "?") from None
        self._lock = lock

    def _upsert(self, table: Table, record: dict[str, Any], query: QueryLike) -> None:
        def upsert() -> None:
            with self._storage.batch():  # TinyDB's upsert alone would write the file twice
                table.upsert(record, query)

        self._write(upsert)

    def save_document(self, doc: dict[str, Any], fresh: bool = False) -> None:
        """Validate and save one session document; safe to call from a worker thread.

        When this returns, the session is on disk. Raises ``ValidationError`` for an
        invalid document and ``UserError`` for a full disk or unwritable folder, in
        which case the previously saved state is kept intact.
        """
        validate_document(doc)
        # The store keeps its own copy: later changes to ``doc`` must not leak into it
        # (``fresh``: the caller made ``doc`` for this save alone and will not touch it).
        own = doc if fresh else copy.deepcopy(doc)
        self._upsert(self._sessions, own, Query().id == own["id"])

    def save_session(self, session: Session) -> None:
        """Validate and save a session (see :meth:`save_document`)."""
        self.save_document(to_document(session))

    def delete_session(self, session_id: str) -> None:
        """Remove a session from the database (its minutes files are left alone)."""
        self._write(lambda: self._sessions.remove(Query().id == session_id))

    def save_team(self, team: TeamProfile) -> None:
        """Save a team's profile (roster, shared ambition, facilitator), replacing the earlier one."""
        record = team_to_record(team) | {"key": team_key(team.name)}
        self._upsert(self._teams, record, Query().key == record["key"])

    def remember_team(self, session: Session) -> None:
        """Store the session's roster, ambition and facilitator as the team's profile for next time."""
        self.save_team(TeamProfile(name=session.team, roster=list(session.participants), ambition=session.ambition,
                                   facilitator=session.facilitator))

    # -- reading ---------------------------------------------------------------------

    def _documents(self) -> list[dict[str, Any]]:
        with self._mutex:
            return list(self._sessions.all())

    def list_sessions(self) -> list[SessionSummary]:
        """All sessions, newest date first."""
        summaries = [SessionSummary.from_document(doc) for doc in self._documents()]
        return sorted(summaries, key=lambda s: (s.date, s.updated_at), reverse=True)

    def resolve_id(self, ref: str) -> str:
        """Turn a full id or a unique prefix of one into the full id."""
        ref = ref.strip().lower()
        if not ref:
            raise UserError("store.not_found", ref=ref)
        matches = [doc["id"] for doc in self._documents() if doc["id"].startswith(ref)]
        if not matches:
            for entry in self._storage.damaged:
                if entry.session_id is not None and entry.session_id.startswith(ref):
                    raise UserError("store.damaged_session", id=entry_label(entry), reason=entry.reason)
            raise UserError("store.not_found", ref=ref)
        if len(matches) > 1:
            raise UserError("store.ambiguous", ref=ref, count=len(matches))
        return matches[0]

    def get_session(self, ref: str) -> Session:
        """Load a session by id or unique id prefix."""
        session_id = self.resolve_id(ref)
        with self._mutex:
            doc = self._sessions.get(Query().id == session_id)
        return from_document(dict(doc), source=str(self.folder / DB_NAME))

    def has_session(self, session_id: str) -> bool:
        """Whether a session with exactly this id is stored."""
        with self._mutex:
            return self._sessions.contains(Query().id == session_id)

    def all_sessions(self) -> tuple[list[Session], list[tuple[str, str]]]:
        """Every stored session in one pass, plus (id, reason) for any that cannot be read."""
        # Every document the store holds passed validation when the database was read.
        sessions = [session_from_valid(dict(doc)) for doc in self._documents()]
        problems = self.damaged_sessions
        return sessions, problems

    def sessions_of_team(self, team: str) -> list[Session]:
        """The team's sessions (name matched loosely), oldest first."""
        key = team_key(team)
        docs = [d for d in self._documents() if team_key(d["team"]) == key]
        docs.sort(key=lambda d: (d["date"], d["created_at"]))
        return [from_document(d, source=str(self.folder / DB_NAME)) for d in docs]

    def previous_session(self, session: Session) -> Session | None:
        """The team's latest session before this one, for check-in."""
        earlier = [s for s in self.sessions_of_team(session.team) if s.id != session.id]
        earlier = [s for s in earlier if (s.date, s.created_at) <= (session.date, session.created_at)]
        return earlier[-1] if earlier else None

    def get_team(self, name: str) -> TeamProfile | None:
        """A team's profile (roster, shared ambition), or None for a new team."""
        with self._mutex:
            record = self._teams.get(Query().key == team_key(name))
        return team_from_record(dict(record)) if record else None

    def team_names(self) -> list[str]:
        """Every team known from profiles or sessions, for suggestions."""
        names = {team_key(r["name"]): r["name"] for r in self._teams.all()}
        for doc in self._documents():
            names.setdefault(team_key(doc["team"]), doc["team"])
        return sorted(names.values(), key=str.casefold)

    def setting(self, name: str, default: str | None = None) -> str | None:
        """A remembered preference of this records folder (e.g. the theme).

        A preference staged for the background writer (:meth:`stage_setting`) is seen at
        once, before it reaches the disk.
        """
        with self._mutex:
            if name in self._staged_settings:
                return self._staged_settings[name]
            record = self._settings.get(Query().name == name)
        return record["value"] if record else default

    def stage_setting(self, name: str, value: str) -> bool:
        """Note a preference that a writer thread will save soon; False when there is nothing to save.

        Reads (:meth:`setting`) see it from now on, so the UI never waits for the disk.
        """
        if self.read_only or self.setting(name) == value:
            return False
        with self._mutex:
            self._staged_settings[name] = value
        return True

    def remember_setting(self, name: str, value: str) -> None:
        """Remember a preference; silently skipped when the folder is read-only."""
        if self.read_only:
            return
        with self._mutex:
            record = self._settings.get(Query().name == name)
        if record is None or record["value"] != value:
            self._upsert(self._settings, {"name": name, "value": value}, Query().name == name)
        with self._mutex:
            if self._staged_settings.get(name) == value:
                del self._staged_settings[name]

    # -- files -------------------------------------------------------------------------

    def minutes_path(self, session: Session, fmt: str, anonymised: bool = False) -> Path:
        """Where the session's file of format ``fmt`` lives in the records folder."""
        return self.folder / export.file_name(session, fmt, anonymised)

    def write_file(self, path: Path, text: str) -> Path:
        """Write a text file atomically (mode 0600); raise ``UserError`` on failure."""
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            raise os_error(exc, path) from None
        return path

    def write_output(self, path: Path, text: str) -> Path:
        """Write a file the user named: special files (a FIFO, ``/dev/null``) are written into, not replaced."""
        try:
            write_output(path, text.encode("utf-8"))
        except OSError as exc:
            raise os_error(exc, path) from None
        return path

    def write_minutes(self, session: Session, formats: Iterable[str] = export.DEFAULT_FORMATS,
                      anonymised: bool = False) -> list[Path]:
        """Write the session's files (JSON, Markdown and/or HTML minutes) into the records folder."""
        if self.read_only:
            raise UserError("store.read_only", folder=self.folder)
        return [self.write_file(self.minutes_path(session, fmt, anonymised), export.render(session, fmt, anonymised))
                for fmt in formats]

    def import_paths(self, paths: Iterable[Path], lang: str = "en") -> ImportReport:
        """Import session JSON files (folders searched recursively) in one database write.

        A session already present (by id) is reported as a duplicate and left alone; a
        file that is not a valid session is skipped with its reason.
        """
        report = ImportReport()
        seen: set[str] = set()
        files: list[Path] = []
        for path in paths:
            found = session_files([path])
            if path.is_dir():
                report.folders.append((path, len(found)))
            files += found

        def run() -> None:
            with self._storage.batch():
                for file in files:
                    try:
                        session = load_file(file, lang)
                    except DocumentError as exc:
                        report.skipped.append((file, exc.reason))
                        continue
                    if session.id in seen or self.has_session(session.id):
                        report.duplicates.append((file, session.id))
                        continue
                    seen.add(session.id)
                    self._sessions.insert(to_document(session))
                    report.imported.append((file, session.id))

        self._write(run)
        return report


__all__ = [
    "DB_NAME",
    "ENV_RECORDS",
    "ImportReport",
    "RecordsStore",
    "SessionSummary",
    "ValidationError",
    "default_records_folder",
    "team_key",
]
