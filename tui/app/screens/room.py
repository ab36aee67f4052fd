"""The room on the lead's screen: the QR code and address to join, the join code, who is in.

The lead shows this on the projector while members join, admits waiting phones when
approval is on, removes a phone, or closes the room. The room keeps running when the lead
goes back to the session (Esc); closing it ends every phone's access.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain, plain_line
from tui.core.i18n import t
from tui.core.text import shorten
from tui.room.qr import qr_lines
from tui.room.server import RoomServer


NAME_WIDTH = 22
"""Characters of a member's name in the list of phones."""


class RoomScreen(TranslatedBindings, ModalScreen[None]):
    """Shows an open room; dismissed with True when the lead closes the room, None to go back."""

    CSS_PATH = ["../styles/room.tcss"]

    BINDINGS = [
        Binding("escape", "back", "room.key.back"),
        Binding("a", "admit", "room.key.admit"),
        Binding("x", "remove", "room.key.remove"),
        Binding("g", "toggle_approval", "room.key.approval"),
        Binding("c", "close_room", "room.key.close"),
        Binding("f1", "app.help", "app.key.help"),
    ]

    def __init__(self, server: RoomServer):
        super().__init__()
        self.server = server
        self._shown: list[tuple[str, str]] | None = None

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Horizontal(id="room"):
            yield Static(plain("\n".join(qr_lines(self.server.join_url))), id="room-qr")
            with Vertical(id="room-side"):
                yield Static(t("room.screen.title", lang), classes="form-title")
                yield Static(t("room.screen.scan", lang), classes="hint")
                yield Static(plain_line(self.server.join_url), id="room-address")
                yield Static(t("room.screen.code", lang), classes="hint")
                yield Static(plain_line(_spaced(self.server.access.join_code)), id="room-code")
                yield Static(id="room-count")
                yield Static(id="room-approval", classes="hint")
                yield DataTable(id="room-devices", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("room.screen.device", self.app.lang), t("room.screen.status", self.app.lang))
        table.focus()
        self.refresh_devices()
        self.set_interval(1.0, self.refresh_devices)

    def refresh_devices(self) -> None:
        """Show who is in the room now (called every second and after each change)."""
        lang = self.app.lang
        access = self.server.access
        present = access.present()
        waiting = len(access.waiting())
        self.query_one("#room-count", Static).update(
            plain_line(t("room.screen.count", lang, count=len(present) - waiting, waiting=waiting)))
        self.query_one("#room-approval", Static).update(
            t("room.screen.approve_each" if access.approve_each else "room.screen.open_to_code", lang))
        table = self.query_one(DataTable)
        shown = [(device.id, device.status) for device in present]
        if shown == self._shown:
            return
        self._shown = shown
        selected = table.cursor_row
        table.clear()
        for device in present:
            # Short enough that the status stays in view at 80 columns; the phone shows the whole name.
            name = plain_line(shorten(device.name, NAME_WIDTH)) if device.name else t("room.screen.anonymous", lang)
            table.add_row(name, t(f"room.status.{device.status}", lang), key=device.id)
        if present:
            table.move_cursor(row=min(selected, len(present) - 1))

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_admit(self) -> None:
        """Let the selected waiting phone take part."""
        device_id = self._selected()
        if device_id is not None:
            self.server.access.admit(device_id)
            self._devices_changed()

    def action_remove(self) -> None:
        """End the selected phone's access."""
        device_id = self._selected()
        if device_id is not None:
            self.server.access.remove(device_id)
            self._devices_changed()

    def action_toggle_approval(self) -> None:
        """Switch between "everyone with the code gets in" and "the lead admits each phone"."""
        self.server.access.approve_each = not self.server.access.approve_each
        self._devices_changed()

    def _devices_changed(self) -> None:
        """Show the change, and have the app remember it (phones keep their place after a restart)."""
        self.refresh_devices()
        room = getattr(self.app, "room", None)
        if room is not None:
            room.remember()

    def action_close_room(self) -> None:
        """Close the room: every phone's access ends."""
        self.dismiss(True)

    @on(DataTable.RowSelected)
    def _admit_on_enter(self) -> None:
        self.action_admit()

    def action_back(self) -> None:
        """Back to the session; the room stays open."""
        self.dismiss(None)


def _spaced(code: str) -> str:
    """A join code in groups of three, easier to read out and type: 123 456."""
    return f"{code[:3]} {code[3:]}"
