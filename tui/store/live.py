"""The session being run right now: every change applied, timed and saved in the background.

:class:`LiveSession` applies operations from :mod:`tui.core.operations`, keeps the undo
stack, counts the time spent per phase and hands a snapshot to the
:class:`~tui.store.autosave.Autosaver` after every change, so at most the autosave delay
of work can be lost. It knows nothing of Textual. The app runs a session through
:class:`~tui.store.running.RunningSession`, which adds the template, drafts and listeners.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tui.core import operations
from tui.core.codec import to_document
from tui.core.export import DEFAULT_FORMATS
from tui.core.errors import UserError
from tui.core.model import PHASES, Session
from tui.core.operations import Undo
from tui.store.autosave import Autosaver
from tui.store.records import RecordsStore

T = TypeVar("T")

MAX_UNDO = 50


class LiveSession:
    """One session under way: apply changes with :meth:`change`, move with :meth:`enter_phase`."""

    def __init__(self, session: Session, store: RecordsStore, autosaver: Autosaver,
                 clock: Callable[[], float] = time.monotonic):
        self.session = session
        self.store = store
        self.autosaver = autosaver
        self._clock = clock
        self._phase_mark = clock()
        self._undo: list[Undo] = []

    # -- changes ------------------------------------------------------------------------

    def change(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Apply an operation to the session, remember how to undo it, and save."""
        result = operation(self.session, *args, **kwargs)
        if isinstance(result, Undo):
            self._undo = [*self._undo[-(MAX_UNDO - 1):], result]
        self.save()
        return result

    @property
    def can_undo(self) -> bool:
        """Whether there is a deletion or merge to take back."""
        return bool(self._undo)

    def undo(self) -> Undo | None:
        """Take back the latest deletion or merge; returns what was undone, or None."""
        if not self._undo:
            return None
        undo = self._undo.pop()
        undo.restore()
        self.save()
        return undo

    def save(self) -> None:
        """Hand the current state to the background saver (returns at once)."""
        self._account_time()
        operations.touch(self.session)
        self.autosaver.submit(to_document(self.session))

    # -- phases and time ---------------------------------------------------------------

    def _account_time(self) -> None:
        now = self._clock()
        phase = self.session.current_phase
        elapsed = max(0.0, now - self._phase_mark)
        self.session.phase_seconds[phase] = round(self.session.phase_seconds.get(phase, 0.0) + elapsed, 1)
        self._phase_mark = now

    def enter_phase(self, phase: str) -> None:
        """Move to another phase: time so far goes to the phase being left."""
        if phase not in PHASES:
            raise ValueError(phase)
        self._account_time()
        self.session.current_phase = phase
        self.save()

    def seconds_in_phase(self, phase: str | None = None) -> float:
        """Time spent in a phase so far, including the running stretch of the current one."""
        phase = phase or self.session.current_phase
        spent = self.session.phase_seconds.get(phase, 0.0)
        if phase == self.session.current_phase:
            spent += max(0.0, self._clock() - self._phase_mark)
        return spent

    # -- closing -------------------------------------------------------------------------

    def close(self, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
        """Close the session in one go: :meth:`begin_close`, then :meth:`write_closed`.

        Runs file I/O and changes the session: only for callers that own the session alone
        (no screen shows it). Raises ``UserError`` when writing fails, leaving the session
        saved as it was.
        """
        snapshot = self.begin_close()
        try:
            return self.write_closed(snapshot, formats)
        except UserError:
            self.reopen()
            raise

    def begin_close(self) -> Session:
        """Mark the session closed and hand it to the saver; returns a copy for :meth:`write_closed`.

        Call it where the session is changed (the event loop); the copy is what a worker
        thread may read while the session goes on being shown.
        """
        self.session.status = "closed"
        self.save()
        return copy.deepcopy(self.session)

    def write_closed(self, snapshot: Session, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
        """Wait until the closed session is saved, remember the team's roster and ambition, write the minutes.

        Runs file I/O on ``snapshot`` (from :meth:`begin_close`); call it from a worker
        thread. Raises ``UserError`` when writing fails: :meth:`reopen` then puts the
        session back in progress.
        """
        if not self.autosaver.flush():
            raise self.autosaver.last_error or UserError("store.save_timeout")
        self.autosaver.remember_team(snapshot, timeout=10.0)
        return self.store.write_minutes(snapshot, formats)

    def reopen(self) -> None:
        """Set a closed session back in progress (to correct something after closing)."""
        self.session.status = "in_progress"
        self.save()
