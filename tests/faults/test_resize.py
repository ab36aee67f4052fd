"""The terminal shrinks to 40x12 and grows back to 100x30 while a note is half typed, in every phase.

A projector laptop's terminal gets resized, split or un-maximised mid-sentence. Nothing may
crash, the half-typed text must still be in its field (both while small and after growing
back), and finishing it must add the note as typed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from tui.app.widgets.note_entry import NoteEntry
from tui.core import operations
from tui.core.model import PHASES

from .helpers import make_app, new_session

SMALL = (40, 12)
NORMAL = (100, 30)


def session_for_every_phase():
    """A session with something to work on in every phase (a participant, notes, an outside friction)."""
    session = new_session(template="zorgnetwerk")
    operations.add_participant(session, "Bram", "Thuiszorg", "home_care")
    operations.add_goes_well(session, "Korte lijnen", "We bellen")
    friction = operations.add_friction(session, "Dossiers sluiten niet aan")
    operations.set_influence(session, friction.id, "outside")
    operations.add_action(session, "Overleg plannen", due=dt.date(2030, 1, 1))
    return session


async def resize_around(pilot, field: Input, typed: str) -> None:
    """Shrink and grow the terminal; the field keeps what was typed all along."""
    app = pilot.app
    screen = app.screen
    await pilot.resize_terminal(*SMALL)
    await pilot.pause()
    assert app.size == SMALL and app.screen is screen
    assert field.value == typed
    await pilot.resize_terminal(*NORMAL)
    await pilot.pause()
    assert app.size == NORMAL and app.screen is screen
    assert field.value == typed


async def setup_phase(pilot, app, session):
    await pilot.press("a")  # the roster table has the focus: add a participant
    await pilot.pause()
    name = app.screen.query_one("#name", Input)
    await pilot.press(*"An")
    await resize_around(pilot, name, "An")
    await pilot.press(*"na", "enter", *"Linde", "ctrl+s")
    await pilot.pause()
    assert [(p.name, p.organisation) for p in session.participants][-1] == ("Anna", "Linde")


async def checkin_phase(pilot, app, session):
    entry = app.screen.query_one(NoteEntry)
    await pilot.press(*"Nieuw")
    await resize_around(pilot, entry, "Nieuw")
    await pilot.press(*" beleid", "enter")
    assert [c.text for c in session.changes] == ["Nieuw beleid"]


async def goes_well_phase(pilot, app, session):
    entry = app.screen.query_one(NoteEntry)
    await pilot.press(*"Lijnen", "enter", *"Bel")  # the note typed, its why half typed
    await resize_around(pilot, entry, "Bel")
    assert entry.pending_text == "Lijnen"
    await pilot.press(*"len", "enter")
    assert [(n.text, n.why) for n in session.goes_well][-1] == ("Lijnen", "Bellen")
    # And editing an existing note.
    await pilot.press("tab", "tab", "up", "e")  # the table, its first row, edit
    await pilot.pause()
    assert entry.value == "Korte lijnen" and app.screen.editing == session.goes_well[0].id
    await pilot.press(*"!")
    await resize_around(pilot, entry, "Korte lijnen!")
    await pilot.press("enter", "enter")
    assert [n.text for n in session.goes_well] == ["Korte lijnen!", "Lijnen"]


async def frictions_phase(pilot, app, session):
    entry = app.screen.query_one(NoteEntry)
    await pilot.press(*"Wacht")
    await resize_around(pilot, entry, "Wacht")
    await pilot.press(*"tijd", "enter")
    assert [n.text for n in session.frictions][-1] == "Wachttijd"


async def influence_phase(pilot, app, session):
    await pilot.press("w")  # who can help with the outside friction
    await pilot.pause()
    who = app.screen.query_one("#who", Input)
    assert who.has_focus
    await pilot.press(*"Gem")
    await resize_around(pilot, who, "Gem")
    await pilot.press(*"eente", "enter")
    assert session.frictions[0].who_can_help == "Gemeente"


async def decide_phase(pilot, app, session):
    await pilot.press("down", "a")  # the friction: adjust, which asks for an action
    await pilot.pause()
    what = app.screen.query_one("#what", Input)
    await pilot.press(*"Bel")  # "what" starts empty
    await resize_around(pilot, what, "Bel")
    await pilot.press(*"len", "ctrl+s")
    await pilot.pause()
    friction = session.frictions[0]
    assert friction.decision == "adjust"
    assert [a.what for a in operations.actions_for_note(session, friction.id)] == ["Bellen"]


async def actions_phase(pilot, app, session):
    await pilot.press("a")
    await pilot.pause()
    what = app.screen.query_one("#what", Input)
    await pilot.press(*"Mail")
    await resize_around(pilot, what, "Mail")
    await pilot.press(*"en", "ctrl+s")
    await pilot.pause()
    assert [a.what for a in session.actions] == ["Overleg plannen", "Mailen"]


async def close_phase(pilot, app, session):
    field = app.screen.query_one("#appreciation-text", Input)
    assert field.has_focus
    await pilot.press(*"Dank")
    await resize_around(pilot, field, "Dank")
    await pilot.press(*" je", "enter")
    assert [a.text for a in session.appreciation] == ["Dank je"]


SCENARIOS = {
    "setup": setup_phase,
    "checkin": checkin_phase,
    "goes_well": goes_well_phase,
    "frictions": frictions_phase,
    "influence": influence_phase,
    "decide": decide_phase,
    "actions": actions_phase,
    "close": close_phase,
}


def test_every_phase_has_a_scenario():
    assert list(SCENARIOS) == list(PHASES)


@pytest.mark.parametrize("phase", list(SCENARIOS))
async def test_resize_while_typing_keeps_the_text_and_the_note_is_added(tmp_path, phase):
    store, app = make_app(tmp_path)
    async with app.run_test(size=NORMAL) as pilot:
        session = session_for_every_phase()
        session.current_phase = phase
        await app.run_session(session)
        await pilot.pause()
        assert app.screen.PHASE == phase
        await SCENARIOS[phase](pilot, app, session)
        assert app.screen.PHASE == phase and app.live.session is session
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    store.close()
    from tui.core.codec import to_document

    assert to_document(saved) == to_document(session)
