"""What screens tell the app: move through the phases, leave the session, export minutes.

Screens change the running session through its controller
(:class:`~tui.store.running.RunningSession`) and post these messages for what only the
app does: switching screens and starting background work.
"""

from __future__ import annotations

from textual.message import Message

from tui.core.model import Session


class MovePhase(Message):
    """Show another phase of the running session: ``phase`` by name, or ``offset`` steps from the current one."""

    def __init__(self, offset: int = 0, phase: str | None = None):
        super().__init__()
        self.offset = offset
        self.phase = phase


class LeaveSession(Message):
    """Back to Home; the session stays saved and can be resumed."""


class ExportMinutes(Message):
    """Ask which minutes files to write for ``session`` (None: the running one), then write them."""

    def __init__(self, session: Session | None = None):
        super().__init__()
        self.session = session
