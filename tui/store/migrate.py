"""Bringing a records folder of an earlier version (one database file) to one file per session.

Earlier versions kept every session in ``terugblik.db.json``. On the first open for writing,
each usable session in it is written to its own file, team profiles go to the index and
preferences to the user's config folder; the database file itself is kept, renamed, as a
backup (``terugblik.db.backup-<time>.json``). A session whose file already exists with other
content is written as a second version beside it (a conflict the lead resolves), never over
it. Entries the old database holds but cannot be used are named in the warnings; their bytes
stay in the backup.

A store opened read-only cannot migrate: it reads the old database as it is
(:func:`read_legacy`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.errors import UserError
from tui.store.atomic import make_durable, write_new
from tui.store.entries import SESSIONS, SETTINGS, TEAMS, DamagedEntry
from tui.store.folder import DB_NAME, os_error, set_aside
from tui.store.index import SessionIndex
from tui.store.sessionfiles import FileEntry, file_name, session_bytes, stamp_of
from tui.store.settings import UserSettings
from tui.store.storage import AtomicJSONStorage, DamagedDatabase
from tui.store.summaries import SessionSummary, entry_label, team_key


@dataclass
class Legacy:
    """What an old database holds: usable tables, and the entries left out with their reasons."""

    tables: dict[str, Any] = field(default_factory=dict)
    damaged: list[DamagedEntry] = field(default_factory=list)

    @property
    def documents(self) -> list[dict[str, Any]]:
        """The usable session documents."""
        return list(self.tables.get(SESSIONS, {}).values())


def read_legacy(folder: Path, writable: bool, warnings: list[UserError]) -> Legacy | None:
    """The old database of ``folder``, or None when there is none (or it was set aside as damaged).

    A damaged database is set aside when ``writable`` (and said so in ``warnings``); read-only,
    it is an error, as before.
    """
    path = folder / DB_NAME
    if not path.exists():
        return None
    storage = AtomicJSONStorage(path, read_only=True, check_entries=True)
    try:
        tables = storage.read() or {}
    except DamagedDatabase as exc:
        if not writable:
            raise UserError("store.damaged_read_only", path=exc.path, reason=exc.reason) from None
        aside = set_aside(exc.path)
        warnings.append(UserError("store.damaged_moved", path=exc.path, aside=aside, reason=exc.reason))
        return None
    except OSError as exc:
        raise os_error(exc, path, reading=True) from None
    return Legacy(tables, storage.damaged)


def _backup_name(folder: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1000):
        backup = folder / f"terugblik.db.backup-{stamp}{f'-{number}' if number else ''}.json"
        if not backup.exists():
            return backup
    return backup


def migrate(folder: Path, sessions: Path, legacy: Legacy, index: SessionIndex, settings: UserSettings,
            warnings: list[UserError]) -> None:
    """Write every session of the old database to its own file, then keep the database as a backup."""
    sessions.mkdir(mode=0o700, exist_ok=True)
    written: list[Path] = []
    for doc in legacy.documents:
        data = session_bytes(doc)
        target = sessions / file_name(doc["id"])
        if target.exists():
            if target.read_bytes() == data:
                continue
            target = sessions / f"{doc['id']} (from {DB_NAME}).json"
        write_new(target, data)
        written.append(target)
        index.set(FileEntry(target.name, stamp_of(target.stat()), [SessionSummary.from_document(doc)]))
    make_durable(written, sessions)
    for record in legacy.tables.get(TEAMS, {}).values():
        key = record.get("key") or team_key(record["name"])
        index.teams[key] = {**record, "key": key}
    with contextlib.suppress(OSError):  # a preference is not worth failing the migration for
        settings.set_missing({r["name"]: r["value"] for r in legacy.tables.get(SETTINGS, {}).values()})
    index.save()
    backup = _backup_name(folder)
    path = folder / DB_NAME
    try:
        if os.name == "nt":
            os.rename(path, backup)
        else:
            os.link(path, backup)  # never over an earlier backup
            os.unlink(path)
    except OSError as exc:
        raise os_error(exc, path) from None
    warnings.append(UserError("store.migrated", path=path, count=len(legacy.documents), backup=backup))
    for entry in legacy.damaged:
        warnings.append(UserError("store.damaged_entry", path=backup, entry=entry_label(entry), reason=entry.reason))
