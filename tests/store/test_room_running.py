"""Members' changes go through the session controller like any typed change: applied, saved, announced."""

from __future__ import annotations

import pytest

from tui.core import operations
from tui.core.catalog import load_catalog
from tui.core.errors import UserError
from tui.core.room_session import apply_member_change, reveal, waiting_summary
from tui.core.room_view import MemberChange
from tui.store.autosave import Autosaver
from tui.store.records import RecordsStore
from tui.store.running import RunningSession


@pytest.fixture
def running(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    saver = Autosaver(store, delay=0.01)
    template = load_catalog(tmp_path / "no-user-templates").get("kort", "nl")
    session = operations.start_session("Wijkteam Oost", "nl", template.id, template.version)
    controller = RunningSession(session, template, store, saver)
    yield controller, template, store, saver
    saver.close()
    store.close()


def test_a_members_note_vote_and_score_are_saved_and_announced(running):
    controller, template, store, saver = running
    heard = []
    controller.listen(heard.append)
    controller.enter_phase("frictions")
    change = MemberChange("note", "key-1", phase="frictions", text="Niemand belt terug", signed=True)
    controller.apply("dev-a", apply_member_change, template, "dev-a", change, "Ella")
    controller.apply("dev-a", apply_member_change, template, "dev-a", change, "Ella")  # sent again
    assert waiting_summary(controller.session) == (1, 1)
    (note,) = controller.change(reveal)
    controller.enter_phase("influence")
    controller.apply("dev-b", apply_member_change, template, "dev-b", MemberChange("vote", "key-2", target=note.id, step=1))
    controller.enter_phase("close")
    statement = template.health_check[0].id
    controller.apply("dev-b", apply_member_change, template, "dev-b",
                     MemberChange("scores", "key-3", scores={statement: 4, "worth": 5}))
    assert heard == [None, "dev-a", "dev-a", None, None, "dev-b", None, "dev-b"]
    assert saver.flush()
    saved = store.get_session(controller.session.id)
    assert [(n.id, n.text, n.votes, n.author) for n in saved.frictions] == [(note.id, "Niemand belt terug", 1, None)]
    assert saved.signed_name(note.id) == "Ella" and saved.incoming == []
    assert [(d.device, d.dots) for d in saved.device_dots] == [("dev-b", 1)]
    assert [(s.device, s.statement_id, s.score) for s in saved.device_scores] == [("dev-b", statement, 4)]
    assert saved.applied_keys == ["key-1", "key-2", "key-3"]


def test_a_refused_change_is_neither_applied_nor_announced(running):
    controller, template, _, _ = running
    heard = []
    controller.listen(heard.append)
    with pytest.raises(UserError) as info:
        controller.apply("dev-a", apply_member_change, template, "dev-a",
                         MemberChange("note", "key-1", phase="goes_well", text="Te vroeg"))
    assert info.value.key == "room.phase_over"
    assert heard == [] and controller.session.incoming == [] and controller.session.applied_keys == []
