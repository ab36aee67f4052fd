"""Session operations keep the session valid and every destructive change undoable."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.sample import full_session
from tui.core import codec, operations
from tui.core.model import Session, TeamProfile


def valid(session: Session) -> None:
    codec.validate_session(session)


def test_adding_notes_trims_and_leaves_goes_well_undecided():
    s = Session(team="T")
    note = operations.add_goes_well(s, "  Korte lijnen ", " we bellen ")
    assert (note.text, note.why, note.decision) == ("Korte lijnen", "we bellen", None)  # decided in Decide
    friction = operations.add_friction(s, "Dossiers", category="")
    assert friction.category is None and friction.decision is None
    valid(s)


def test_delete_detaches_references_and_undo_restores_exactly():
    s = full_session()
    before = copy.deepcopy(s)
    undo = operations.delete_item(s, "fr-2")  # source of action ac-1, authored by p-carla
    assert s.note("fr-2") is None
    assert s.actions[0].source_note_id is None
    valid(s)
    undo.restore()
    assert s == before


def test_deleting_a_participant_detaches_owner_and_author_links():
    s = full_session()
    before = copy.deepcopy(s)
    undo = operations.delete_item(s, "p-carla")
    assert all("p-carla" not in a.owners for a in s.actions)
    assert all(n.author != "p-carla" for n in (*s.frictions, *s.appreciation))
    valid(s)
    undo.restore()
    assert s == before


def test_merge_frictions_adds_votes_and_moves_actions_and_undo_restores():
    s = full_session()
    before = copy.deepcopy(s)
    undo = operations.merge_notes(s, "fr-1", "fr-2")
    merged = s.note("fr-1")
    assert merged.text == "Dossiers sluiten niet op elkaar aan / Onduidelijk wie de medicatie regelt"
    assert merged.votes == 8
    assert s.note("fr-2") is None
    assert s.actions[0].source_note_id == "fr-1"
    valid(s)
    undo.restore()
    assert s == before


def test_merge_goes_well_joins_whys():
    s = full_session()
    operations.merge_notes(s, "gw-1", "gw-2")
    assert s.note("gw-1").why == "We bellen elkaar dezelfde dag / Vast aanspreekpunt"


def test_merge_refuses_mixed_kinds_and_self():
    s = full_session()
    with pytest.raises(ValueError):
        operations.merge_notes(s, "gw-1", "fr-1")
    with pytest.raises(ValueError):
        operations.merge_notes(s, "gw-1", "gw-1")


def test_votes_never_negative():
    s = full_session()
    assert operations.vote(s, "fr-2", -10) == 0
    assert operations.vote(s, "fr-2", +2) == 2
    with pytest.raises(KeyError):
        operations.vote(s, "gw-1", 1)


def test_influence_and_decision():
    s = full_session()
    operations.set_influence(s, "fr-1", "within")
    operations.set_decision(s, "gw-2", "stop")
    assert s.note("fr-1").influence == "within" and s.note("gw-2").decision == "stop"
    with pytest.raises(KeyError):
        operations.set_influence(s, "gw-1", "within")


def test_edit_item_rejects_unknown_fields():
    s = full_session()
    operations.edit_item(s, "gw-1", text="  Nieuw  ")
    assert s.note("gw-1").text == "Nieuw"
    with pytest.raises(AttributeError):
        operations.edit_item(s, "gw-1", colour="red")
    with pytest.raises(KeyError):
        operations.edit_item(s, "nope", text="x")


def test_start_session_prefills_from_profile_and_previous_open_actions():
    previous = full_session()
    previous.actions[1].status = "done"
    profile = TeamProfile("Wijkteam Oost", roster=previous.participants, ambition="Samen thuis",
                          facilitator="Sanne")
    s = operations.start_session("wijkteam  oost", "nl", "zorgnetwerk", "abc", profile, previous,
                                 date=dt.date(2027, 2, 10))
    assert s.team == "Wijkteam Oost" and s.ambition == "Samen thuis" and s.facilitator == "Sanne"
    assert all(p.present for p in s.participants)
    assert [r.action_id for r in s.reviews] == ["ac-1", "ac-3"]
    assert s.reviews[0].owners == ["Anna de Vries", "Carla Smit"]
    assert s.reviews[0].source_session_id == previous.id
    assert s.participants[0] is not previous.participants[0]
    valid(s)


def test_review_and_carry_forward():
    previous = full_session()
    s = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk", profile=TeamProfile(
        "Wijkteam Oost", roster=previous.participants), previous=previous)
    operations.review_action(s, "ac-1", "not_done", "geen tijd gehad")
    carried = operations.carry_forward(s, "ac-1", True)
    assert carried.carried_from == "ac-1" and carried.owners == ["p-anna", "p-carla"]
    assert carried.due is not None and carried.due == s.reviews[0].due  # the due date comes along
    assert s.reviews[0].carried_forward
    operations.carry_forward(s, "ac-1", True)
    assert len(s.actions) == 1, "carrying twice must not duplicate"
    operations.review_action(s, "ac-1", "done")
    assert s.actions == [] and not s.reviews[0].carried_forward
    valid(s)


def test_add_action_and_actions_for_note():
    s = full_session()
    action = operations.add_action(s, " Bellen ", ["p-anna"], dt.date(2027, 1, 1), "gw-2")
    assert action.what == "Bellen" and operations.actions_for_note(s, "gw-2") == [action]
    valid(s)
