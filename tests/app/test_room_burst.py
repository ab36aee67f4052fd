"""Many phones at once: every note, dot and score they were told was received is in the saved file, once.

A scaled-down burst of what ``benchmarks/room_burst.py`` measures (that one with 30
phones and timings); here only correctness: phones write, vote and score all at the same
time, some changes are sent three times with the same key, and the session file on disk
holds each exactly once.
"""

from __future__ import annotations

from tests.room.phones import Phones, expected_notes, lost_and_twice
from tui.app.room_control import RoomOptions
from tui.core import operations

PHONES, NOTES = 5, 4


async def test_a_burst_of_phones_loses_nothing_and_counts_nothing_twice(open_app):
    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    session.current_phase = "goes_well"
    template = app.catalog.get("zorgnetwerk", "nl")
    statements = [h.id for h in template.health_check]
    phones = Phones(PHONES)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await app.run_session(session)
            await pilot.pause()
            assert await app.room.open()
            server = app.room.server
            await pilot.press("escape")
            assert await phones.join(server.join_url, server.access.join_code) == PHONES

            tally = await phones.notes("goes_well", NOTES)
            assert tally.resends > 0 and tally.refused == 0, tally
            assert app.autosaver.flush()
            saved = store.get_session(session.id)
            assert lost_and_twice([n.text for n in saved.incoming],
                                  expected_notes(PHONES, NOTES, "goes_well")) == (0, 0)
            assert len(saved.incoming) == PHONES * NOTES

            await pilot.press("f5", "f8")  # reveal, on to the frictions
            await pilot.pause()
            assert app.screen.PHASE == "frictions"
            tally = await phones.notes("frictions", NOTES, category="0")
            assert tally.refused == 0, tally
            await pilot.press("f5", "f8")  # reveal, on to the influence board: the phones vote
            await pilot.pause()
            tally = await phones.votes([n.id for n in session.frictions], template.dot_budget)
            assert tally.resends == 2 * PHONES and tally.refused == 0, tally  # each first dot thrice

            await app.show_phase("close")
            await pilot.pause()
            tally = await phones.scores(statements)
            assert tally.resends == 2 * PHONES and tally.refused == 0, tally  # scores thrice
            await app.room.close()
            assert app.autosaver.flush()
    finally:
        await phones.close()

    saved = store.get_session(session.id)
    assert saved.incoming == []
    assert lost_and_twice([n.text for n in saved.goes_well], expected_notes(PHONES, NOTES, "goes_well")) == (0, 0)
    assert lost_and_twice([n.text for n in saved.frictions], expected_notes(PHONES, NOTES, "frictions")) == (0, 0)
    assert len(saved.goes_well) == len(saved.frictions) == PHONES * NOTES
    assert sum(n.votes for n in saved.frictions) == PHONES * template.dot_budget
    assert sum(d.dots for d in saved.device_dots) == PHONES * template.dot_budget
    assert len(saved.device_scores) == PHONES * len(statements)
    assert len({(s.device, s.statement_id) for s in saved.device_scores}) == PHONES * len(statements)
    assert len(saved.device_worth) == PHONES
    store.close()
