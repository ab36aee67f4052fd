"""Saving in the background: the one writer of a store while the app runs.

The UI hands over snapshots, a thread writes the latest one. A burst of changes (typing,
voting) becomes one save shortly after the first change, so nothing waits on the disk and
at most ``delay`` seconds of work is ever unsaved. When a save fails (disk full, folder
gone), the snapshot is kept and retried; the failure and the later recovery are reported
through ``on_status``. Preferences and team profiles are written by the same thread
(:meth:`Autosaver.remember_setting`, :meth:`Autosaver.remember_team`), so no write ever
runs on the UI thread.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.core.errors import UserError
from tui.core.model import Session
from tui.core.validation import ValidationError
from tui.store.records import RecordsStore, SessionSummary, team_key


@dataclass(frozen=True)
class SaveStatus:
    """The outcome of one background save: ``error`` is None when it succeeded."""

    session_id: str
    error: UserError | None
    saved_at: float


class _Job:
    """A write other than a session save, run by the writer thread; ``done`` is set when it ran."""

    def __init__(self, write: Callable[[], None]):
        self.write = write
        self.done = threading.Event()
        self.error: Exception | None = None
        """What the write raised, for a caller waiting on ``done``."""


class Autosaver:
    """Coalescing background saver for session documents of one store, and its one writer."""

    def __init__(
        self,
        store: RecordsStore,
        delay: float = 0.25,
        retry_after: float = 1.0,
        on_status: Callable[[SaveStatus], None] | None = None,
    ):
        self.store = store
        self.delay = delay
        self.retry_after = retry_after
        self.on_status = on_status
        self._pending: dict[str, dict[str, Any]] = {}
        self._jobs: dict[tuple[str, str], _Job] = {}
        self._writing: dict[str, dict[str, Any]] = {}
        """The snapshots being written right now (no longer pending, not yet in the store)."""
        self._submitted = 0
        """How many snapshots were handed over so far: the number of the latest one."""
        self._numbers: dict[str, int] = {}
        """Session id -> the number of its newest snapshot handed over."""
        self._saved: dict[str, int] = {}
        """Session id -> the number of its newest snapshot known to be on disk."""
        self._batch_numbers: dict[str, int] = {}
        self._first_change = 0.0
        self._saving = False
        self._stopped = False
        self._failing = False
        self.last_error: UserError | None = None
        self._attempts = 0
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="terugblik-autosave", daemon=True)
        self._thread.start()

    @property
    def failing(self) -> bool:
        """Whether the latest save attempt failed (and a retry is scheduled)."""
        return self._failing

    def submit(self, doc: dict[str, Any]) -> int:
        """Queue a snapshot of a session document; a later snapshot of the same session replaces it.

        Returns the snapshot's number, for :meth:`wait_saved`.
        """
        with self._cond:
            if not self._pending:
                self._first_change = time.monotonic()
            self._pending[doc["id"]] = doc
            self._submitted += 1
            self._numbers[doc["id"]] = self._submitted
            self._cond.notify_all()
            return self._submitted

    def latest(self, session_id: str) -> int:
        """The number of the newest snapshot of a session handed over (0: none this run)."""
        with self._cond:
            return self._numbers.get(session_id, 0)

    def wait_saved(self, session_id: str, number: int, timeout: float = 10.0) -> bool:
        """Wait (on a worker thread, never the UI thread) until snapshot ``number`` of a session, or a
        later one, is on disk; False when saving failed meanwhile or ``timeout`` passed.

        Unlike :meth:`flush` this does not hurry the writer: a burst of changes is still one
        save, and every change waiting on it is confirmed by that save.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            attempts_before = self._attempts
            while self._saved.get(session_id, 0) < number:
                if self._stopped or (self._failing and self._attempts > attempts_before):
                    return False
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def pending_document(self, session_id: str) -> dict[str, Any] | None:
        """The newest snapshot of a session not yet in the store (waiting, being written, or kept while the disk is full)."""
        with self._cond:
            return self._pending.get(session_id) or self._writing.get(session_id)

    def list_sessions(self) -> list[SessionSummary]:
        """The store's sessions as they stand once every snapshot handed over is written (newest first).

        Read from any thread; nothing waits for the disk.
        """
        # Snapshots first, the store after: a snapshot no longer waiting is in the store by then.
        with self._cond:
            waiting = {**self._writing, **self._pending}
        summaries = {summary.id: summary for summary in self.store.list_sessions()}
        for sid, doc in waiting.items():
            versions = summaries[sid].versions if sid in summaries else 1
            summaries[sid] = dataclasses.replace(SessionSummary.from_document(doc), versions=versions)
        return sorted(summaries.values(), key=lambda s: (s.date, s.updated_at), reverse=True)

    def remember_setting(self, name: str, value: str) -> None:
        """Remember a preference in the background; :meth:`RecordsStore.setting` sees it at once.

        Like :meth:`RecordsStore.remember_setting`: skipped in a read-only folder, and a
        failure to write is not worth an error (the preference holds for this run).
        """
        if self.store.stage_setting(name, value):
            self._queue(("setting", name), lambda: self.store.remember_setting(name, value))

    def remember_team(self, session: Session, timeout: float | None = None) -> None:
        """Have the writer store the team's profile from ``session`` (a snapshot the caller leaves alone).

        With a ``timeout`` (from a worker thread, never the UI thread) this waits until it
        is written and raises the writer's ``UserError`` when that failed.
        """
        job = self._queue(("team", team_key(session.team)), lambda: self.store.remember_team(session))
        if timeout is None:
            return
        if not job.done.wait(timeout):
            raise UserError("store.save_timeout")
        if job.error is not None:
            raise job.error

    def resolve_conflict(self, session_id: str, keep: int, timeout: float = 10.0) -> None:
        """Have the writer keep version ``keep`` of a session (see :meth:`RecordsStore.resolve_conflict`).

        Waits until it is done (call it from a worker thread, never the UI thread) and raises
        the writer's ``UserError`` when it failed.
        """
        job = self._queue(("conflict", session_id), lambda: self.store.resolve_conflict(session_id, keep))
        if not job.done.wait(timeout):
            raise UserError("store.save_timeout")
        if job.error is not None:
            raise job.error

    def _queue(self, key: tuple[str, str], write: Callable[[], None]) -> _Job:
        job = _Job(write)
        with self._cond:
            self._jobs[key] = job  # a later write of the same thing replaces one not yet made
            self._cond.notify_all()
        return job

    def flush(self, timeout: float = 10.0) -> bool:
        """Save everything pending now; True when it all reached the disk within ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            attempts_before = self._attempts
            self._first_change = -self.retry_after  # due now, even when retrying after a failure
            self._cond.notify_all()
            while self._pending or self._saving or self._jobs:
                if self._failing and self._attempts > attempts_before:
                    return False  # tried again since the flush began, and it failed
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return not self._failing

    def close(self, timeout: float = 10.0) -> bool:
        """Flush, then stop the thread; True when nothing was left unsaved."""
        saved = self.flush(timeout)
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return saved

    def _next_batch(self) -> tuple[list[_Job], dict[str, dict[str, Any]]] | None:
        with self._cond:
            while True:
                if self._stopped:
                    return None
                if self._jobs:  # preferences and profiles are written at once
                    jobs, self._jobs = list(self._jobs.values()), {}
                    self._saving = True
                    return jobs, {}
                if self._pending:
                    wait = self._first_change + (self.retry_after if self._failing else self.delay) - time.monotonic()
                    if wait <= 0:
                        batch, self._pending = self._pending, {}
                        self._writing = dict(batch)
                        self._batch_numbers = {sid: self._numbers.get(sid, 0) for sid in batch}
                        self._saving = True
                        return [], batch
                    self._cond.wait(wait)
                else:
                    self._cond.wait()

    def _run(self) -> None:
        while (work := self._next_batch()) is not None:
            jobs, batch = work
            for job in jobs:
                try:
                    job.write()
                except Exception as exc:  # noqa: BLE001 - handed to whoever waits; the writer keeps running
                    job.error = exc
                job.done.set()
            for session_id, doc in batch.items():
                error, retry = None, False
                try:
                    self.store.save_document(doc, fresh=True)
                except UserError as exc:
                    error, retry = exc, True
                except ValidationError as exc:
                    # A bug upstream, not a disk problem: retrying cannot help.
                    error = UserError("store.invalid_session", problem=str(exc.problem))
                with self._cond:
                    self._writing.pop(session_id, None)
                    if error is None:
                        self._saved[session_id] = max(self._saved.get(session_id, 0),
                                                      self._batch_numbers.get(session_id, 0))
                        self._cond.notify_all()
                    if retry:
                        self._pending.setdefault(session_id, doc)
                        self._first_change = time.monotonic()
                    self._failing = retry
                    self.last_error = error
                    self._attempts += 1
                if self.on_status is not None:
                    self.on_status(SaveStatus(session_id, error, time.time()))
            with self._cond:
                self._saving = False
                self._cond.notify_all()
