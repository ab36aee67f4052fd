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
    access = RoomAccess(secret="Qm9vdHN0cmFwLXJvb20tMQ", join_code="482913", approve_each=True)
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
