"""Members' face-down notes redraw only the waiting line: the lead's table and layout are left alone.

A burst of phones makes a change every few milliseconds; rebuilding the notes table or
laying out the whole screen for each held the lead's key presses (benchmarks/room_burst.py).
"""

from __future__ import annotations

from tui.app.widgets.note_table import ItemTable
from tui.app.widgets.room_waiting import RoomWaiting
from tui.core import operations
from tui.core.room_session import apply_member_change
from tui.core.room_view import MemberChange
from tui.room.session_port import MemberOrigin


def _member_note(app, number: int) -> None:
    running = app.running
    device = f"{number:016x}"
    running.apply(MemberOrigin(device), apply_member_change, running.template, device,
                  MemberChange(kind="note", key=f"key-{number:04d}", phase="goes_well", text=f"Notitie {number}"))


async def test_a_face_down_note_leaves_the_table_and_the_layout_alone(open_app):
    store, app = open_app("nl")
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    session.current_phase = "goes_well"
    for number in range(20):
        operations.add_goes_well(session, f"Getypt {number}", "", None)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        table = app.screen.query_one("#items", ItemTable)
        waiting = app.screen.query_one(RoomWaiting)
        fills, layouts = [], []
        original_show, original_refresh = table.show, waiting.refresh
        table.show = lambda *args, **kwargs: (fills.append(1), original_show(*args, **kwargs))[1]
        waiting.refresh = lambda *args, **kwargs: (layouts.append(kwargs.get("layout", False)),
                                                   original_refresh(*args, **kwargs))[1]

        _member_note(app, 1)  # the first shows the line: that lays the screen out once
        await pilot.pause(0.3)
        layouts.clear()
        for number in range(2, 8):
            _member_note(app, number)
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        assert "7 notities" in str(waiting.render())
        assert fills == [], "the table was rebuilt for notes nobody sees yet"
        assert not any(layouts), "the waiting line laid out the whole screen"

        await pilot.press("f5")  # revealed: now the table shows them
        await pilot.pause()
        assert table.row_count == 27
        assert app.autosaver.flush()
    store.close()
