"""The room on the lead's screen, driven by keys while phones join over 127.0.0.1."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.room.conftest import RecordingPort, joined
from tui.app.screens.room import RoomScreen
from tui.core.room_access import RoomAccess
from tui.room.server import RoomServer


async def _open_room(pilot, server: RoomServer, closed: list) -> RoomScreen:
    screen = RoomScreen(server)
    await pilot.app.push_screen(screen, closed.append)
    await pilot.pause()
    return screen


def _rows(screen: RoomScreen) -> list[tuple[str, str]]:
    table = screen.query_one(DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(index)) for index in range(table.row_count)]


async def test_the_lead_sees_phones_arrive_admits_removes_and_closes(open_app):
    _, app = open_app("nl")
    server = RoomServer(RoomAccess(join_code="123456", approve_each=True), RecordingPort(), "127.0.0.1", 0)
    await server.start()
    closed: list = []
    phones = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await _open_room(pilot, server, closed)
            assert str(screen.query_one("#room-code", Static).render()) == "123 456"
            assert server.address in str(screen.query_one("#room-address", Static).render())
            first, _ = await joined(server, name="Els de Vries")
            second, _ = await joined(server)
            phones += [first, second]
            screen.refresh_devices()
            await pilot.pause()
            assert _rows(screen) == [("Els de Vries", "wacht"), ("anoniem", "wacht")]
            assert "0 in de ruimte, 2 wachtend" in str(screen.query_one("#room-count", Static).render())

            await pilot.press("a")
            await pilot.press("down", "enter")  # Enter admits the selected phone too
            await pilot.pause()
            assert _rows(screen) == [("Els de Vries", "doet mee"), ("anoniem", "doet mee")]
            async with first.get(server.address + "/") as response:
                assert "Wat gaat goed?" in await response.text()

            await pilot.press("up", "x")
            assert _rows(screen) == [("anoniem", "doet mee")]
            async with first.get(server.address + "/") as response:
                assert response.status == 403

            await pilot.press("g")
            assert "Iedereen met de code" in str(screen.query_one("#room-approval", Static).render())
            await pilot.press("c")
            assert closed == [True]
    finally:
        for phone in phones:
            await phone.close()
        await server.stop()
