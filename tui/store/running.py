"""The session controller: the one way into the session being run, with or without a screen.

:class:`RunningSession` owns the running session, the template it follows, the notes
half-typed per phase, undo, phase navigation and time, and closing. The app makes one
when a session starts and hands it to the phase screens; anything else that changes the
session (members writing from their own devices, say) goes through it too and needs no
screen: every change is announced to the listeners, so whatever shows the session can
follow.

Call it from the event loop's thread only (the app's UI thread). Work that must leave
that thread gets a snapshot (:meth:`RunningSession.snapshot`,
:meth:`~tui.store.live.LiveSession.begin_close`), never the live session.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tui.core.model import PHASES, Session
from tui.core.operations import Undo
from tui.store.autosave import Autosaver
from tui.store.live import LiveSession
from tui.store.records import RecordsStore

if TYPE_CHECKING:  # templates are read (tomllib) on first use, not while the app starts
    from tui.core.templates import Template

T = TypeVar("T")

Listener = Callable[[object | None], None]
"""Told of every change with its origin: None for the lead at the terminal, else who made it."""

Draft = tuple[str | None, str]
"""A half-typed note: the text waiting for its "why" (or None), and what is in the field."""


class RunningSession(LiveSession):
    """The running session, its template and drafts: change it, move through phases, close it."""

    def __init__(self, session: Session, template: Template, store: RecordsStore, autosaver: Autosaver,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(session, store, autosaver, clock)
        self.template = template
        self.drafts: dict[str, Draft] = {}
        """Half-typed notes per phase, kept while the lead looks elsewhere."""
        self._listeners: list[Listener] = []

    # -- listening -----------------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change; returns the function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def _announce(self, origin: object | None) -> None:
        for listener in list(self._listeners):
            listener(origin)

    # -- changes -------------------------------------------------------------------------

    def apply(self, origin: object | None, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Apply an operation on behalf of ``origin`` (None: the lead), save, and tell the listeners."""
        result = super().change(operation, *args, **kwargs)
        self._announce(origin)
        return result

    def change(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Apply an operation for the lead at the terminal (see :meth:`apply`)."""
        return self.apply(None, operation, *args, **kwargs)

    def undo(self) -> Undo | None:
        """Take back the latest deletion or merge, and tell the listeners."""
        undone = super().undo()
        if undone is not None:
            self._announce(None)
        return undone

    def enter_phase(self, phase: str) -> None:
        """Move to another phase (time so far goes to the phase being left), and tell the listeners."""
        super().enter_phase(phase)
        self._announce(None)

    def begin_close(self) -> Session:
        """Mark the session closed (see :meth:`LiveSession.begin_close`), and tell the listeners."""
        snapshot = super().begin_close()
        self._announce(None)
        return snapshot

    def reopen(self) -> None:
        """Set the session back in progress, and tell the listeners."""
        super().reopen()
        self._announce(None)

    def snapshot(self) -> Session:
        """A copy of the session as it stands, for a reader on another thread or a view of it."""
        return copy.deepcopy(self.session)

    # -- phases ---------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The phase the session stands at."""
        return self.session.current_phase

    def phase_after(self, offset: int) -> str | None:
        """The phase ``offset`` steps from the current one, or None past either end of the flow."""
        index = PHASES.index(self.session.current_phase) + offset
        return PHASES[index] if 0 <= index < len(PHASES) else None

    def keep_draft(self, phase: str, draft: Draft | None) -> None:
        """Keep (or, with None, forget) the half-typed note of a phase."""
        if draft is None:
            self.drafts.pop(phase, None)
        else:
            self.drafts[phase] = draft

    def take_draft(self, phase: str) -> Draft | None:
        """The half-typed note kept for a phase, forgotten here once taken."""
        return self.drafts.pop(phase, None)

    def take_drafts(self) -> dict[str, Draft]:
        """Every kept half-typed note, forgotten here once taken (before quitting or leaving)."""
        drafts, self.drafts = self.drafts, {}
        return drafts
