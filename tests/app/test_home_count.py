"""Home counts everything the group wrote down: the changes since last time too."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.core import operations


async def test_home_note_count_includes_the_changes(open_app):
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.add_change(session, "Nieuwe wijkverpleegkundige")
    operations.add_change(session, "Huisarts met pensioen")
    operations.add_goes_well(session, "Korte lijnen", "")
    operations.add_friction(session, "Dossiers sluiten niet aan")
    store, app = open_app(sessions=[session])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[4]) == "4"
