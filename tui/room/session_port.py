"""The room's way into the running session: members' phones change it through the session controller.

:class:`SessionPort` is what the room's server is given (its :class:`~tui.room.server.RoomPort`).
A member's change goes through :meth:`RunningSession.apply
<tui.store.running.RunningSession.apply>` exactly as a key press of the lead does — the same
rules, the same listeners (the lead's screen shows it at once), the same autosave — and the
phone is told "received" only once the autosave has written it to disk.
"""

from __future__ import annotations

import asyncio

from tui.core.errors import UserError
from tui.core.room_access import Device
from tui.core.room_session import apply_member_change, member_view
from tui.core.room_view import MemberChange, MemberView
from tui.store.running import RunningSession

SAVE_TIMEOUT = 10.0
"""How long a phone waits for its change to reach the disk before it is told to try again."""


class MemberOrigin(str):
    """The origin of a change a member's phone made: its random device id (never a name)."""


class SessionPort:
    """The running session as the room's server sees it: what a phone shows, what it may change."""

    def __init__(self, running: RunningSession, language: str):
        self.running = running
        self.language = language
        """The language of the members' pages: the session's own."""

    def view(self, device: Device) -> MemberView:
        """What ``device``'s page shows now: only its own dots and scores."""
        return member_view(self.running.session, self.running.template, device.id, self.language)

    async def apply(self, device: Device, change: MemberChange) -> None:
        """Apply a member's change through the session controller and wait until it is on disk.

        Raises ``UserError`` when the change is refused (see
        :func:`~tui.core.room_session.apply_member_change`) or when it could not be saved in
        time: then the phone keeps it and sends it again, and its key makes that count once.
        """
        running = self.running
        if running.session.status == "closed":
            raise UserError("room.closed")
        running.apply(MemberOrigin(device.id), apply_member_change, running.template, device.id, change,
                      name=device.name)
        autosaver = running.autosaver
        number = autosaver.latest(running.session.id)
        saved = await asyncio.to_thread(autosaver.wait_saved, running.session.id, number, SAVE_TIMEOUT)
        if not saved:
            raise UserError("room.not_saved")

    def roster(self) -> tuple[str, ...]:
        """The names of the session's participants, to pick one when joining (the member may type another)."""
        return tuple(participant.name for participant in self.running.session.participants if participant.name)
