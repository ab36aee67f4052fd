"""How the open room looks on the lead's screen at 80×24 and 100×30, in Dutch and English.

Update after an intended change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.room.conftest import RecordingPort
from tui.app.app import TerugblikApp
from tui.app.screens.room import RoomScreen
from tui.core.catalog import load_catalog
from tui.core.room_access import RoomAccess
from tui.room.server import RoomServer
from tui.store.records import RecordsStore

FOLDER = Path(tempfile.gettempdir()) / "terugblik-room-snapshots"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_open_room(snap_compare, request, lang, size):
    folder = FOLDER / "".join(c if c.isalnum() else "-" for c in request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    store = RecordsStore.open(folder / "records")
    access = RoomAccess(secret="k7m2p9x4q8ab", join_code="482913", approve_each=True)
    access.join(access.secret, "482913", name="Fatma Yilmaz-van den Berg (mantelzorger)", source="a")
    access.admit(access.join(access.secret, "482913", source="b").id)
    server = RoomServer(access, RecordingPort(language=lang), "192.168.178.23", 8470)
    app = TerugblikApp(store, load_catalog(folder / "no-user-templates"), lang, clock=lambda: 0.0)

    async def open_room(pilot):
        await app.push_screen(RoomScreen(server))
        await pilot.pause(0.2)

    try:
        assert snap_compare(app, terminal_size=size, run_before=open_room)
    finally:
        store.close()


def _with_phones(lang: str):
    """A session whose members sent notes face down and scored the closing round from their phones."""
    from tests.sample import full_session
    from tui.core.model import DeviceScore, DeviceWorth, IncomingNote

    session = full_session(lang)
    session.status = "in_progress"
    session.phase_seconds = {}
    stamp = "2026-11-20T10:00:00+00:00"
    session.incoming = [
        IncomingNote(f"key-{n}", device, phase, text, received_at=stamp, id=f"in-{n}")
        for n, (device, phase, text) in enumerate([
            ("dev-1", "frictions", "Ik durf als mantelzorger niet te bellen naar de praktijk"),
            ("dev-2", "frictions", "Ontslag uit het ziekenhuis horen we te laat"),
            ("dev-2", "frictions", "Niemand weet wie de medicatie regelt in het weekend"),
            ("dev-3", "close", "Dank aan de wijkverpleging voor het meedenken"),
        ])]
    first = session.health[0]
    session.device_scores = [DeviceScore(f"dev-{n}", first.statement_id, first.wording, score)
                             for n, score in enumerate((2, 4, 5, 4), start=1)]
    session.device_worth = [DeviceWorth(f"dev-{n}", score) for n, score in enumerate((3, 4, 4), start=1)]
    return session


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("phase", ["frictions", "close"])
def test_the_lead_sees_what_phones_sent(snap_compare, request, phase, size):
    """Dutch: "3 notities van de telefoons wachten, van 2 personen — F5 toont ze", the room in the phase
    bar, and on the closing screen the phones' scores under each statement."""
    from textual.widgets import Input

    folder = FOLDER / "".join(c if c.isalnum() else "-" for c in request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    store = RecordsStore.open(folder / "records")
    app = TerugblikApp(store, load_catalog(folder / "no-user-templates"), "nl", clock=lambda: 0.0)
    app.autosaver.delay = 3600  # no "saved at <time>" in the picture
    access = RoomAccess(secret="k7m2p9x4q8ab", join_code="482913")
    for source in "abc":
        access.join(access.secret, "482913", source=source)
    session = _with_phones("nl")
    session.current_phase = phase

    async def start(pilot):
        app.room.server = RoomServer(access, RecordingPort(), "192.168.178.23", 8470)  # shown, not listening
        await app.run_session(session)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        for _ in range(3):
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)

    try:
        assert snap_compare(app, terminal_size=size, run_before=start)
    finally:
        app.room.server = None
        store.close()
