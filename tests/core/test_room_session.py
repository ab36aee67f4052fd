"""What members' phones may see and change: phases, budgets, idempotency, reveal and score distributions."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tui.core import codec
from tui.core.catalog import shipped_templates_dir
from tui.core.errors import UserError
from tui.core.model import FrictionNote, HealthScore, Session
from tui.core.room_session import (
    apply_member_change,
    member_view,
    reveal,
    score_distribution,
    scored_statements,
    waiting_summary,
    worth_distribution,
)
from tui.core.room_view import MAX_TEXT, MemberChange, follow_token
from tui.core.templates import load_template

TEMPLATE = load_template(shipped_templates_dir() / "zorgnetwerk_nl.toml", "shipped")
STATEMENT = TEMPLATE.health_check[0].id
_keys = iter(range(10**9))


def _key() -> str:
    return f"k{next(_keys)}"


def note(phase: str, text: str = "Niemand belt terug", extra: str = "", signed: bool = False, key: str = "") -> MemberChange:
    return MemberChange("note", key or _key(), phase=phase, text=text, extra=extra, signed=signed)


def dot(target: str, step: int = 1, key: str = "") -> MemberChange:
    return MemberChange("vote", key or _key(), target=target, step=step)


def scores(**values: int) -> MemberChange:
    return MemberChange("scores", _key(), scores=values)


def in_phase(phase: str) -> Session:
    session = Session(team="Wijkteam Oost", language="nl")
    session.current_phase = phase
    return session


def refusal(session: Session, device: str, change: MemberChange, name: str = "") -> UserError:
    before = codec.to_document(session)
    with pytest.raises(UserError) as info:
        apply_member_change(session, TEMPLATE, device, change, name)
    assert codec.to_document(session) == before, "a refused change must change nothing"
    return info.value


# -- the phone's view ---------------------------------------------------------------------------

@pytest.mark.parametrize(("phase", "frictions", "expected"), [
    ("setup", False, "wait"), ("checkin", False, "wait"), ("goes_well", False, "goes_well"),
    ("frictions", False, "frictions"), ("influence", False, "wait"), ("influence", True, "vote"),
    ("decide", True, "vote"), ("decide", False, "wait"), ("actions", True, "wait"), ("close", True, "closing"),
])
def test_the_phone_follows_the_phase(phase, frictions, expected):
    session = in_phase(phase)
    if frictions:
        session.frictions.append(FrictionNote("Dossiers", id="fr-1"))
    view = member_view(session, TEMPLATE, "dev-a", "en")
    assert view.phase == expected
    assert view.language == "en" and view.team == "Wijkteam Oost"
    assert [c.text for c in view.categories] == list(TEMPLATE.friction_categories)
    assert view.budget == 3


def test_a_phone_sees_its_own_dots_and_scores_and_nothing_of_others():
    session = in_phase("frictions")
    apply_member_change(session, TEMPLATE, "dev-a", note("frictions", "Geheim van A"))
    apply_member_change(session, TEMPLATE, "dev-b", note("frictions", "Geheim van B"))
    assert member_view(session, TEMPLATE, "dev-a", "nl").sent == 1
    reveal(session, [session.incoming[0].id])
    apply_member_change(session, TEMPLATE, "dev-b", note("frictions", "Nog een geheim van B"))
    session.current_phase = "decide"
    revealed = session.frictions[0].id
    apply_member_change(session, TEMPLATE, "dev-a", dot(revealed))
    apply_member_change(session, TEMPLATE, "dev-b", dot(revealed))
    apply_member_change(session, TEMPLATE, "dev-b", dot(revealed))
    view = member_view(session, TEMPLATE, "dev-a", "nl")
    assert [(c.id, c.text, c.mine) for c in view.frictions] == [(revealed, "Geheim van A", 1)]
    assert "Geheim van B" not in repr(view) and "dev-b" not in repr(view)
    assert member_view(session, TEMPLATE, "dev-b", "nl").frictions[0].mine == 2
    session.current_phase = "close"
    apply_member_change(session, TEMPLATE, "dev-b", scores(**{STATEMENT: 2, "worth": 4}))
    mine = member_view(session, TEMPLATE, "dev-a", "nl")
    assert all(c.mine == 0 for c in mine.statements) and mine.worth == 0
    theirs = member_view(session, TEMPLATE, "dev-b", "nl")
    assert theirs.statements[0].mine == 2 and theirs.worth == 4


# -- notes ----------------------------------------------------------------------------------------

def test_notes_arrive_hidden_with_a_device_id_and_no_name_unless_signed():
    session = in_phase("goes_well")
    apply_member_change(session, TEMPLATE, "dev-a", note("goes_well", "  Fijne sfeer  ", extra="We lachen"))
    apply_member_change(session, TEMPLATE, "dev-b", note("goes_well", "Snelle lijnen", signed=True), "  Ella   de Wit ")
    apply_member_change(session, TEMPLATE, "dev-c", note("goes_well", "Anoniem", signed=False), "Bram")
    assert session.goes_well == []
    assert [(n.device, n.text, n.why, n.signed) for n in session.incoming] == [
        ("dev-a", "Fijne sfeer", "We lachen", None), ("dev-b", "Snelle lijnen", "", "Ella de Wit"),
        ("dev-c", "Anoniem", "", None)]
    assert waiting_summary(session) == (3, 3)
    codec.validate_session(session)


def test_a_friction_takes_a_category_of_the_guide_by_its_position():
    session = in_phase("frictions")
    apply_member_change(session, TEMPLATE, "dev-a", note("frictions", "Dossiers", extra="1"))
    assert session.incoming[0].category == TEMPLATE.friction_categories[1]
    assert session.incoming[0].why == ""
    error = refusal(session, "dev-a", note("frictions", "Dossiers", extra=str(len(TEMPLATE.friction_categories))))
    assert error.key == "room.unknown_choice"
    assert refusal(session, "dev-a", note("frictions", "Dossiers", extra="-1")).key == "room.unknown_choice"


@pytest.mark.parametrize(("session_phase", "sent_phase"), [
    ("setup", "goes_well"), ("frictions", "goes_well"), ("goes_well", "frictions"), ("close", "goes_well"),
    ("goes_well", ""), ("decide", "decide"),
])
def test_a_note_for_another_phase_is_refused(session_phase, sent_phase):
    session = in_phase(session_phase)
    error = refusal(session, "dev-a", note(sent_phase))
    assert error.key == "room.phase_over"
    assert error.message("nl") == "Dit deel van het overleg is voorbij; wat u stuurde is niet toegevoegd."
    assert error.message("en") == "This part of the meeting is over; what you sent was not added."


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u3000\u2028", "\x1c"])
def test_an_empty_note_is_refused_in_both_languages(text):
    error = refusal(in_phase("goes_well"), "dev-a", note("goes_well", text))
    assert error.key == "room.empty_note"
    assert error.message("en") == "Write something before you send."
    assert error.message("nl") == "Schrijf eerst iets voordat u verstuurt."


def test_a_note_too_long_is_refused_but_the_longest_allowed_is_taken():
    session = in_phase("goes_well")
    error = refusal(session, "dev-a", note("goes_well", "x" * (MAX_TEXT + 1)))
    assert error.key == "room.too_big" and str(MAX_TEXT) in error.message("nl") and str(MAX_TEXT) in error.message("en")
    assert refusal(session, "dev-a", note("goes_well", "ok", extra="y" * (MAX_TEXT + 1))).key == "room.too_big"
    apply_member_change(session, TEMPLATE, "dev-a", note("goes_well", "x" * MAX_TEXT))
    assert len(session.incoming) == 1


@pytest.mark.parametrize("device", ["", "dev a", "x" * 65, "dev/../a", "dev\n"])
def test_a_malformed_device_or_key_is_refused(device):
    session = in_phase("goes_well")
    assert refusal(session, device, note("goes_well")).key == "room.bad_request"
    assert refusal(session, "dev-a", note("goes_well", key=device or "k k")).key == "room.bad_request"


def test_an_unknown_kind_and_unencodable_text_are_bad_requests():
    session = in_phase("goes_well")
    assert refusal(session, "dev-a", MemberChange("drop", "k-x")).key == "room.bad_request"  # type: ignore[arg-type]
    assert refusal(session, "dev-a", note("goes_well", "half \ud800 teken")).key == "room.bad_request"
    assert refusal(session, "dev-a", note("goes_well", "ok", signed=True), "na\udfffam").key == "room.bad_request"


HOSTILE = ["<script>alert(1)</script>", "| a | b |\n|---|---|", "**vet** [link](javascript:x)", "\u202egnp.exe",
           "'; DROP TABLE notes; --", "{budget} {0} %s", "\x00\x07 nul"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_kept_as_text_and_survives_the_file(text):
    session = in_phase("goes_well")
    apply_member_change(session, TEMPLATE, "dev-a", note("goes_well", text, extra=text, signed=True), text)
    reveal(session)
    assert session.goes_well[0].text == text.strip() and session.goes_well[0].why == text.strip()
    again = codec.parse_bytes(codec.dumps(session).encode(), "s.json")
    assert again == session


# -- idempotency ----------------------------------------------------------------------------------

def test_a_change_sent_twice_counts_once():
    session = in_phase("goes_well")
    change = note("goes_well", key="same-key")
    apply_member_change(session, TEMPLATE, "dev-a", change)
    apply_member_change(session, TEMPLATE, "dev-a", change)
    assert len(session.incoming) == 1 and session.applied_keys == ["same-key"]
    session.frictions.append(FrictionNote("Dossiers", id="fr-1"))
    session.current_phase = "decide"
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1", key="v-1"))
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1", key="v-1"))
    assert session.frictions[0].votes == 1
    apply_member_change(session, TEMPLATE, "dev-a", note("goes_well", key="same-key"))  # resent after the phase
    assert len(session.incoming) == 1


def test_a_refused_change_is_not_remembered_and_may_be_sent_again():
    session = in_phase("setup")
    change = note("goes_well", key="later")
    refusal(session, "dev-a", change)
    session.current_phase = "goes_well"
    apply_member_change(session, TEMPLATE, "dev-a", change)
    assert len(session.incoming) == 1


def test_the_remembered_keys_are_bounded_and_the_oldest_go_first(monkeypatch):
    import tui.core.room_session as room_session

    monkeypatch.setattr(room_session, "MAX_APPLIED_KEYS", 3)
    session = in_phase("goes_well")
    for index in range(5):
        apply_member_change(session, TEMPLATE, "dev-a", note("goes_well", key=f"k-{index}"))
    assert session.applied_keys == ["k-2", "k-3", "k-4"]


# -- dots -----------------------------------------------------------------------------------------

def _voting() -> Session:
    session = in_phase("influence")
    session.frictions += [FrictionNote("Dossiers", votes=2, id="fr-1"), FrictionNote("Rollen", id="fr-2")]
    return session


def test_dots_add_to_the_vote_count_within_the_budget():
    session = _voting()
    for target in ("fr-1", "fr-1", "fr-2"):
        apply_member_change(session, TEMPLATE, "dev-a", dot(target))
    assert [n.votes for n in session.frictions] == [4, 1]
    error = refusal(session, "dev-a", dot("fr-2"))
    assert error.key == "room.no_dots_left"
    assert error.message("en") == "You have used all 3 of your dots. Take one back first."
    assert error.message("nl") == "U hebt al uw 3 stippen gebruikt. Haal er eerst een weg."
    apply_member_change(session, TEMPLATE, "dev-b", dot("fr-2"))  # another phone has its own budget
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1", -1))
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-2"))
    assert [n.votes for n in session.frictions] == [3, 3]
    assert sorted((d.device, d.note_id, d.dots) for d in session.device_dots) == [
        ("dev-a", "fr-1", 1), ("dev-a", "fr-2", 2), ("dev-b", "fr-2", 1)]
    codec.validate_session(session)


def test_the_budget_comes_from_the_guide():
    session = _voting()
    guide = dataclasses.replace(TEMPLATE, dot_budget=1)
    apply_member_change(session, guide, "dev-a", dot("fr-1"))
    with pytest.raises(UserError, match="all 1 of your dots"):
        apply_member_change(session, guide, "dev-a", dot("fr-2"))


def test_taking_back_a_dot_never_placed_changes_nothing_and_a_last_dot_leaves_no_record():
    session = _voting()
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1", -1))
    assert session.frictions[0].votes == 2 and session.device_dots == []
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1"))
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1", -1))
    assert session.frictions[0].votes == 2 and session.device_dots == []


@pytest.mark.parametrize(("change", "key"), [
    (dot("fr-9"), "room.unknown_choice"), (dot("gw-1"), "room.unknown_choice"), (dot("fr-1", 2), "room.bad_request"),
    (dot("fr-1", 0), "room.bad_request"),
])
def test_bad_votes_are_refused(change, key):
    session = _voting()
    session.goes_well.append(full_session().goes_well[0])
    assert refusal(session, "dev-a", change).key == key


def test_voting_outside_the_voting_phases_is_refused():
    session = _voting()
    for phase in ("setup", "checkin", "goes_well", "actions", "close"):
        session.current_phase = phase
        assert refusal(session, "dev-a", dot("fr-1")).key == "room.phase_over", phase


def test_revealed_frictions_can_be_voted_on_while_frictions_are_still_written():
    session = _voting()
    session.current_phase = "frictions"
    view = member_view(session, TEMPLATE, "dev-a", "nl")
    assert [c.id for c in view.frictions] == ["fr-1", "fr-2"] and view.phase == "frictions"
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-2"))
    assert session.frictions[1].votes == 1 and member_view(session, TEMPLATE, "dev-a", "nl").frictions[1].mine == 1
    assert follow_token(member_view(session, TEMPLATE, "dev-a", "nl")) == "frictions:2"
    session.frictions.append(FrictionNote("Nieuw onthuld", id="fr-3"))
    assert follow_token(member_view(session, TEMPLATE, "dev-a", "nl")) == "frictions:3", "the page reloads"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["dev-a", "dev-b", "dev-c"]), st.sampled_from(["fr-1", "fr-2"]),
                          st.sampled_from([1, -1])), max_size=40))
def test_any_order_of_dots_keeps_every_budget_and_the_counts(steps):
    session = _voting()
    for device, target, step in steps:
        try:
            apply_member_change(session, TEMPLATE, device, dot(target, step))
        except UserError as error:
            assert error.key == "room.no_dots_left"
    for device in ("dev-a", "dev-b", "dev-c"):
        assert sum(d.dots for d in session.device_dots if d.device == device) <= TEMPLATE.dot_budget
    assert all(d.dots > 0 for d in session.device_dots)
    assert session.frictions[0].votes == 2 + sum(d.dots for d in session.device_dots if d.note_id == "fr-1")
    assert session.frictions[1].votes == sum(d.dots for d in session.device_dots if d.note_id == "fr-2")
    codec.validate_session(session)


# -- scores ---------------------------------------------------------------------------------------

def test_scores_are_kept_per_device_and_replaced_when_sent_again():
    session = in_phase("close")
    apply_member_change(session, TEMPLATE, "dev-a", scores(**{STATEMENT: 4, "worth": 5}))
    apply_member_change(session, TEMPLATE, "dev-b", scores(**{STATEMENT: 2}))
    apply_member_change(session, TEMPLATE, "dev-a", scores(**{STATEMENT: 3}))
    assert sorted((s.device, s.score) for s in session.device_scores) == [("dev-a", 3), ("dev-b", 2)]
    assert session.device_scores[0].wording == TEMPLATE.health_check[0].statement
    assert [(w.device, w.score) for w in session.device_worth] == [("dev-a", 5)]
    assert session.health == [] and session.worth_score is None  # the lead's own scores stay the lead's
    codec.validate_session(session)


@pytest.mark.parametrize(("values", "key"), [
    ({"nope": 3}, "room.unknown_choice"), ({STATEMENT: 0}, "room.bad_request"), ({STATEMENT: 6}, "room.bad_request"),
    ({"worth": 9}, "room.bad_request"), ({STATEMENT: True}, "room.bad_request"), ({STATEMENT: "4"}, "room.bad_request"),
    ({STATEMENT: 3, "nope": 3}, "room.unknown_choice"),
])
def test_bad_scores_are_refused_and_nothing_is_kept(values, key):
    assert refusal(in_phase("close"), "dev-a", MemberChange("scores", "k-s", scores=values)).key == key


def test_scoring_before_the_close_is_refused():
    assert refusal(in_phase("decide"), "dev-a", scores(**{STATEMENT: 3})).key == "room.phase_over"


def test_the_distribution_is_the_devices_else_the_leads_single_score():
    session = in_phase("close")
    session.health.append(HealthScore(STATEMENT, "Gedeelde info", 4))
    session.worth_score = 2
    lead_only = score_distribution(session, STATEMENT)
    assert lead_only.counts == (0, 0, 0, 1, 0) and lead_only.mean == 4
    assert worth_distribution(session).mean == 2
    for device, value in (("dev-a", 1), ("dev-b", 5), ("dev-c", 5)):
        apply_member_change(session, TEMPLATE, device, scores(**{STATEMENT: value, "worth": value}))
    both = score_distribution(session, STATEMENT)
    assert both.counts == (1, 0, 0, 0, 2) and both.total == 3 and both.mean == pytest.approx(11 / 3)
    assert worth_distribution(session).counts == (1, 0, 0, 0, 2)
    assert score_distribution(session, "never").mean is None and score_distribution(session, "never").total == 0


def test_scored_statements_lists_the_leads_then_the_phones():
    session = in_phase("close")
    session.health.append(HealthScore("hc-lead", "Door de lead", 3))
    apply_member_change(session, TEMPLATE, "dev-a", scores(**{STATEMENT: 3}))
    assert scored_statements(session) == [("hc-lead", "Door de lead"), (STATEMENT, TEMPLATE.health_check[0].statement)]


# -- reveal ---------------------------------------------------------------------------------------

def test_reveal_turns_hidden_notes_into_ordinary_ones_keeping_a_signed_name():
    session = in_phase("goes_well")
    session.participants = full_session().participants
    apply_member_change(session, TEMPLATE, "dev-a", note("goes_well", "Fijne sfeer", extra="We lachen", signed=True),
                        "Ella")
    session.current_phase = "frictions"
    apply_member_change(session, TEMPLATE, "dev-b", note("frictions", "Dossiers", extra="0"))
    apply_member_change(session, TEMPLATE, "dev-b", note("frictions", "Rollen"))
    first, second, third = (n.id for n in session.incoming)
    assert [n.text for n in reveal(session, {third})] == ["Rollen"]
    assert waiting_summary(session) == (2, 2)
    revealed = reveal(session)
    assert [n.text for n in revealed] == ["Fijne sfeer", "Dossiers"]
    assert session.incoming == [] and waiting_summary(session) == (0, 0)
    assert [(n.id, n.text, n.why, n.author, n.decision) for n in session.goes_well] == [
        (first, "Fijne sfeer", "We lachen", None, "keep")]
    assert [(n.id, n.category, n.author, n.votes) for n in session.frictions] == [
        (third, None, None, 0), (second, TEMPLATE.friction_categories[0], None, 0)]
    assert session.signed_name(first) == "Ella" and session.signed_name(second) is None
    assert all(p.name != "Ella" for p in session.participants)
    assert reveal(session) == []
    codec.validate_session(session)
    assert codec.parse_bytes(codec.dumps(session).encode(), "s.json") == session


def test_reveal_of_unknown_ids_does_nothing():
    session = in_phase("goes_well")
    apply_member_change(session, TEMPLATE, "dev-a", note("goes_well"))
    assert reveal(session, ["nope"]) == [] and len(session.incoming) == 1


# -- the lead's own changes keep the room's references whole -------------------------------------

def test_deleting_a_voted_signed_friction_drops_its_dots_and_name_and_undo_brings_them_back():
    from tui.core.operations import delete_item

    session = in_phase("frictions")
    apply_member_change(session, TEMPLATE, "dev-a", note("frictions", "Dossiers", signed=True), "Ella")
    reveal(session)
    session.frictions.append(FrictionNote("Rollen", id="fr-2"))
    session.current_phase = "decide"
    voted = session.frictions[0].id
    apply_member_change(session, TEMPLATE, "dev-a", dot(voted))
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-2"))
    before = codec.to_document(session)
    undo = delete_item(session, voted)
    assert [d.note_id for d in session.device_dots] == ["fr-2"] and session.signed_notes == []
    codec.validate_session(session)
    assert member_view(session, TEMPLATE, "dev-a", "nl").frictions[0].mine == 1
    undo.restore()
    assert codec.to_document(session) == before


def test_merging_frictions_moves_the_dots_one_record_per_device_and_undo_restores():
    from tui.core.operations import merge_notes

    session = _voting()
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-1"))
    apply_member_change(session, TEMPLATE, "dev-a", dot("fr-2"))
    apply_member_change(session, TEMPLATE, "dev-b", dot("fr-2"))
    before = codec.to_document(session)
    undo = merge_notes(session, "fr-1", "fr-2")
    assert sorted((d.device, d.note_id, d.dots) for d in session.device_dots) == [("dev-a", "fr-1", 2),
                                                                                ("dev-b", "fr-1", 1)]
    assert session.frictions[0].votes == 5
    codec.validate_session(session)
    assert member_view(session, TEMPLATE, "dev-a", "nl").frictions[0].mine == 2
    undo.restore()
    assert codec.to_document(session) == before
