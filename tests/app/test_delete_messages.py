"""`d` in a table says what it deleted and that Ctrl+Z brings it back, in every phase that deletes."""

from __future__ import annotations

import pytest

from tui.core import operations


def _session():
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    anna = operations.add_participant(session, "Anna", "Praktijk De Linde", "gp")
    operations.add_goes_well(session, "Korte lijnen", "We bellen", anna.id)
    operations.add_friction(session, "Dossiers sluiten niet aan")
    operations.add_change(session, "Nieuwe wijkverpleegkundige")
    operations.add_action(session, "Zorgplan opstellen", [anna.id], None)
    operations.add_appreciation(session, "Dank aan Anna", anna.id)
    return session


@pytest.mark.parametrize(("phase", "text", "focus"), [
    ("goes_well", "Korte lijnen", "#items"),
    ("frictions", "Dossiers sluiten niet aan", "#items"),
    ("checkin", "Nieuwe wijkverpleegkundige", "#items"),
    ("actions", "Zorgplan opstellen", "#action-items"),
    ("close", "Dank aan Anna", "#appreciation-list"),
])
async def test_delete_names_what_and_how_to_undo(open_app, phase, text, focus):
    store, app = open_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.run_session(_session())
        await pilot.pause()
        await app.show_phase(phase)
        await pilot.pause()
        app.screen.query_one(focus).focus()
        await pilot.press("d")
        await pilot.pause()
        shown = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(text in line and "Ctrl+Z" in line for line in shown), shown
        await pilot.press("ctrl+z")
        await pilot.pause()
        texts = [getattr(item, "text", getattr(item, "what", "")) for item in
                 (*app.live.session.goes_well, *app.live.session.frictions, *app.live.session.changes,
                  *app.live.session.actions, *app.live.session.appreciation)]
        assert text in texts
