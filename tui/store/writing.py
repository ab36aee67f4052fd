"""The store's way of writing, and the person's preferences: kept apart from :mod:`tui.store.records`.

Every write into a records folder runs through :meth:`StoreWriting._write`: refused on a
read-only store, under the store's mutex, with the lock taken again when the folder was
deleted and made again by someone else, and the folder made again (and the write retried)
when it vanished while the store was open. Failures become one-line ``UserError``s.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.errors import UserError
from tui.store.folder import os_error
from tui.store.lock import FolderLock, FolderLocked
from tui.store.sessionfiles import SESSIONS_DIR
from tui.store.storage import ReadOnlyStorageError

if TYPE_CHECKING:
    from tui.store.settings import UserSettings


class StoreWriting:
    """Writing with the folder's lock, and preferences (see the module's description)."""

    folder: Path
    read_only: bool
    recreated: bool
    _lock: FolderLock | None
    _mutex: threading.RLock
    _settings: UserSettings
    _staged_settings: dict[str, str]
    writes: int

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
                raise os_error(exc, Path(exc.filename) if exc.filename else self.folder / SESSIONS_DIR) from None

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

    # -- preferences -----------------------------------------------------------------

    def setting(self, name: str, default: str | None = None) -> str | None:
        """A remembered preference of the person (e.g. the theme), from their config folder.

        A preference staged for the background writer (:meth:`stage_setting`) is seen at
        once, before it reaches the disk.
        """
        with self._mutex:
            if name in self._staged_settings:
                return self._staged_settings[name]
            value = self._settings.get(name)
        return default if value is None else value

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
        """Remember a preference; silently skipped when the records folder is read-only."""
        if self.read_only:
            return
        with self._mutex:
            try:
                if self._settings.set(name, value):
                    self.writes += 1
            except OSError as exc:
                raise os_error(exc, self._settings.path) from None
            if self._staged_settings.get(name) == value:
                del self._staged_settings[name]
