"""The live session: changes saved in the background, undo, time per phase, closing."""

from __future__ import annotations

import pytest

from tui.core import operations
from tui.core.model import Session
from tui.store.autosave import Autosaver
from tui.store.live import LiveSession
from tui.store.records import RecordsStore


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def live(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    saver = Autosaver(store, delay=0.01)
    clock = Clock()
    session = LiveSession(Session(team="Wijkteam Oost"), store, saver, clock)
    yield session, store, clock
    saver.close()
    store.close()


def test_every_change_reaches_the_store(live):
    session, store, _ = live
    note = session.change(operations.add_goes_well, "Korte lijnen", "bellen")
    session.change(operations.add_friction, "Dossiers")
    assert session.autosaver.flush()
    saved = store.get_session(session.session.id)
    assert [n.text for n in saved.goes_well] == ["Korte lijnen"] and saved.goes_well[0].id == note.id
    assert [n.text for n in saved.frictions] == ["Dossiers"]


def test_undo_restores_a_deleted_note_and_saves_it(live):
    session, store, _ = live
    note = session.change(operations.add_goes_well, "Korte lijnen")
    session.change(operations.delete_item, note.id)
    assert session.can_undo
    assert session.undo().label == "undo.delete"
    assert session.undo() is None
    assert session.autosaver.flush()
    assert [n.id for n in store.get_session(session.session.id).goes_well] == [note.id]


def test_time_is_counted_per_phase(live):
    session, store, clock = live
    session.enter_phase("goes_well")
    clock.now += 90
    session.enter_phase("frictions")
    clock.now += 30
    assert session.seconds_in_phase("frictions") == 30
    session.save()
    assert session.autosaver.flush()
    saved = store.get_session(session.session.id)
    assert saved.phase_seconds["goes_well"] == 90
    assert saved.phase_seconds["frictions"] == 30
    assert saved.current_phase == "frictions"


def test_close_writes_minutes_and_remembers_the_team(live):
    session, store, _ = live
    session.change(operations.add_participant, "Anna", "Praktijk", "gp")
    session.session.ambition = "Samen thuis"
    paths = session.close()
    assert sorted(p.suffix for p in paths) == [".html", ".json", ".md"]
    assert all(p.exists() for p in paths)
    assert store.get_session(session.session.id).status == "closed"
    profile = store.get_team("wijkteam oost")
    assert profile.ambition == "Samen thuis" and [p.name for p in profile.roster] == ["Anna"]
