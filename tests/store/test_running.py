"""The session controller used with no app at all: changes, listeners, phases, drafts, closing."""

from __future__ import annotations

import pytest

from tui.core import operations
from tui.core.catalog import load_catalog
from tui.core.model import PHASES
from tui.store.autosave import Autosaver
from tui.store.records import RecordsStore
from tui.store.running import RunningSession


@pytest.fixture
def running(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    saver = Autosaver(store, delay=0.01)
    template = load_catalog(tmp_path / "no-user-templates").get("kort", "nl")
    session = operations.start_session("Wijkteam Oost", "nl", template.id, template.version)
    operations.add_participant(session, "Anna", "Praktijk", "gp")
    controller = RunningSession(session, template, store, saver)
    yield controller, store, saver
    saver.close()
    store.close()


def test_a_change_from_elsewhere_is_applied_saved_and_announced(running):
    controller, store, saver = running
    heard = []
    controller.listen(heard.append)
    note = controller.apply("phone-1", operations.add_goes_well, "Korte lijnen", "bellen", None)
    assert heard == ["phone-1"]
    assert [n.text for n in controller.session.goes_well] == ["Korte lijnen"]
    assert saver.flush()
    saved = store.get_session(controller.session.id)
    assert [(n.id, n.text, n.why) for n in saved.goes_well] == [(note.id, "Korte lijnen", "bellen")]


def test_the_leads_changes_and_undo_are_announced_without_an_origin(running):
    controller, _, _ = running
    heard = []
    stop = controller.listen(heard.append)
    note = controller.change(operations.add_friction, "Dossiers", None)
    controller.change(operations.delete_item, note.id)
    assert controller.undo() is not None
    assert heard == [None, None, None]
    assert controller.undo() is None and heard == [None, None, None], "nothing undone, nothing announced"
    stop()
    controller.change(operations.add_friction, "Bereikbaarheid", None)
    assert len(heard) == 3, "a stopped listener hears nothing more"


def test_a_snapshot_is_a_copy(running):
    controller, _, _ = running
    snapshot = controller.snapshot()
    controller.change(operations.add_goes_well, "Later", "", None)
    assert snapshot.goes_well == [] and len(controller.session.goes_well) == 1


def test_phase_steps_stay_within_the_flow(running):
    controller, _, _ = running
    assert controller.phase == PHASES[0]
    assert controller.phase_after(-1) is None
    assert controller.phase_after(1) == PHASES[1]
    controller.enter_phase(PHASES[-1])
    assert controller.phase_after(1) is None and controller.phase_after(-2) == PHASES[-3]


def test_drafts_are_kept_per_phase_and_taken_once(running):
    controller, _, _ = running
    controller.keep_draft("goes_well", (None, "Half"))
    controller.keep_draft("frictions", ("Tekst", "waarom"))
    controller.keep_draft("frictions", None)
    assert controller.take_draft("goes_well") == (None, "Half")
    assert controller.take_draft("goes_well") is None
    controller.keep_draft("checkin", (None, "Nog iets"))
    assert controller.take_drafts() == {"checkin": (None, "Nog iets")} and controller.drafts == {}


def test_closing_marks_the_session_and_writes_from_a_copy(running):
    controller, store, _ = running
    operations.set_overall_decision(controller.session, "continue")
    snapshot = controller.begin_close()
    assert controller.session.status == "closed" and snapshot is not controller.session
    controller.change(operations.add_goes_well, "Na het sluiten", "", None)  # the copy does not follow
    paths = controller.write_closed(snapshot, ("md",))
    assert [p.suffix for p in paths] == [".md"] and "Na het sluiten" not in paths[0].read_text()
    profile = store.get_team("wijkteam oost")
    assert profile is not None and [p.name for p in profile.roster] == ["Anna"]


def test_moving_closing_and_reopening_are_announced(running):
    controller, _, _ = running
    heard = []
    controller.listen(heard.append)
    controller.enter_phase("goes_well")
    controller.begin_close()
    controller.reopen()
    assert heard == [None, None, None] and controller.session.status == "in_progress"
