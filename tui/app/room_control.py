"""The room in the app: opened by the lead for the running session, closed with it.

Terugblik never listens on the network unless the lead opens the room (F6, the command
palette, or ``terugblik --room``). The server runs in the app's own event loop and changes
the session only through the session controller (:class:`~tui.room.session_port.SessionPort`).
The room closes when the lead closes it, goes Home, or closes the session; what reopening
it after a crash needs (its secret, join code and the phones that were in) is remembered
per session, so phones carry on with the same code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui.core.errors import UserError
from tui.core.i18n import t
from tui.core.room_access import RoomAccess

if TYPE_CHECKING:  # the network parts load when the lead first opens a room
    from textual.screen import Screen

    from tui.room.server import RoomServer
    from tui.store.autosave import Autosaver
    from tui.store.records import RecordsStore
    from tui.store.running import RunningSession

APPROVAL_SETTING = "room_approve_each"
"""Whether the lead admits each phone (remembered between rooms)."""


def state_setting(session_id: str) -> str:
    """The setting under which an open room of a session is remembered."""
    return f"room:{session_id}"


class RoomHost(Protocol):
    """What the room needs of the app: the running session, the store and its writer, the screen."""

    lang: str
    running: RunningSession | None
    store: RecordsStore
    autosaver: Autosaver

    @property
    def screen(self) -> Screen: ...

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None) -> None: ...

    def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

    def run_worker(self, work: Any, *, exclusive: bool = False, group: str = "default") -> Any: ...


@dataclass(frozen=True)
class RoomOptions:
    """Where and how rooms listen, from the command line."""

    open_at_start: bool = False
    """``--room``: open the room as soon as a session runs."""
    host: str | None = None
    port: int | None = None
    cert: Path | None = None
    key: Path | None = None


class RoomControl:
    """The app's one open room, if any: open, show, remember, close."""

    def __init__(self, app: RoomHost, options: RoomOptions | None = None):
        self.app = app
        self.options = options or RoomOptions()
        self.server: RoomServer | None = None
        self._running: RunningSession | None = None
        self._stop_listening = lambda: None

    @property
    def is_open(self) -> bool:
        """Whether phones can reach the room now."""
        return self.server is not None

    def status_line(self) -> str:
        """A few words for the phase bar: how many phones are in ("" while the room is closed)."""
        if self.server is None:
            return ""
        access = self.server.access
        present, waiting = len(access.present()), len(access.waiting())
        lang = self.app.lang
        return t("room.bar", lang, count=present - waiting) + (
            " · " + t("room.bar_waiting", lang, count=waiting) if waiting else "")

    async def open(self) -> bool:
        """Open the room for the running session (or show it when open); False with a message when it cannot."""
        app = self.app
        running = app.running
        if self.server is not None:
            self.show()
            return True
        if running is None:
            app.notify(t("room.needs_session", app.lang), severity="warning")
            return False
        if running.session.status == "closed":
            app.notify(t("room.session_closed", app.lang), severity="warning")
            return False
        from tui.room.opening import open_room
        from tui.room.session_port import SessionPort

        access = self._access_for(running.session.id)
        options = self.options
        try:
            self.server = await open_room(SessionPort(running, running.session.language), access,
                                          host=options.host, port_number=options.port, cert=options.cert,
                                          key=options.key, on_change=self._phone_joined)
        except UserError as exc:
            app.notify(exc.message(app.lang), title=t("room.cannot_open", app.lang), severity="error", timeout=20)
            return False
        self._running = running
        self._stop_listening = running.listen(self._session_changed)
        self.remember()
        self.show()
        return True

    def _access_for(self, session_id: str) -> RoomAccess:
        """The room as it was left when the app stopped with it open, else a new one."""
        approve_each = self.app.store.setting(APPROVAL_SETTING) == "1"
        kept = self.app.store.setting(state_setting(session_id))
        if kept:
            try:
                return RoomAccess.restore(json.loads(kept))
            except ValueError:
                pass
        return RoomAccess(approve_each=approve_each)

    def show(self) -> None:
        """Show the room's screen: QR code, address, join code, the phones in it."""
        if self.server is None:
            return
        from tui.app.screens.room import RoomScreen

        if not isinstance(self.app.screen, RoomScreen):
            self.app.push_screen(RoomScreen(self.server), self._screen_closed)

    async def _screen_closed(self, close: bool | None) -> None:
        if close:
            await self.close()

    def remember(self) -> None:
        """Remember the open room (phones, codes, approval) so reopening after a crash lets them carry on."""
        if self.server is None or self._running is None:
            return
        access = self.server.access
        store = self.app.autosaver
        store.remember_setting(state_setting(self._running.session.id), json.dumps(access.state()))
        store.remember_setting(APPROVAL_SETTING, "1" if access.approve_each else "0")

    def _phone_joined(self) -> None:
        """A phone joined: remember it; when it waits for approval, tell the lead wherever they are."""
        self.remember()
        if self.server is not None and self.server.access.waiting():
            from tui.app.screens.room import RoomScreen

            if not isinstance(self.app.screen, RoomScreen):
                self.app.notify(t("room.phone_waiting", self.app.lang,
                                  count=len(self.server.access.waiting())), severity="warning", timeout=10)

    def _session_changed(self, origin: object | None) -> None:
        running = self._running
        if running is not None and running.session.status == "closed" and self.server is not None:
            self.app.run_worker(self.close(), exclusive=True, group="room")

    async def close(self, *, forget: bool = True) -> None:
        """Close the room: every phone's access ends. ``forget=False`` (quitting) keeps it for reopening."""
        server, running = self.server, self._running
        self.server, self._running = None, None
        self._stop_listening()
        self._stop_listening = lambda: None
        if server is None:
            return
        await server.stop()
        if forget and running is not None:
            self.app.autosaver.remember_setting(state_setting(running.session.id), "")
        self.app.notify(t("room.closed_note", self.app.lang))
