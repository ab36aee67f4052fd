"""Schema version 2: what members sent from their phones is kept, read back, and checked across fields."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.sample import full_session
from tui.core import codec
from tui.core.model import DeviceDots, DeviceScore, DeviceWorth, IncomingNote, Session, SignedNote
from tui.core.schema import DOCUMENT_TYPES, SCHEMA_VERSION
from tui.core.validation import first_problem, session_schema


def _with_room() -> Session:
    session = full_session()
    session.incoming = [
        IncomingNote("k-1", "dev-a", "frictions", "Niemand belt terug", category="Rollen",
                     received_at="2026-11-20T10:00:00+00:00", id="in-1"),
        IncomingNote("k-2", "dev-b", "goes_well", "Fijne sfeer", why="We lachen", signed="Ella",
                     received_at="2026-11-20T10:01:00+00:00", id="in-2"),
    ]
    session.device_dots = [DeviceDots("dev-a", "fr-1", 2), DeviceDots("dev-b", "fr-1", 1)]
    session.device_scores = [DeviceScore("dev-a", "hc-1", "Wij delen info", 4),
                             DeviceScore("dev-b", "hc-1", "Wij delen info", 2)]
    session.device_worth = [DeviceWorth("dev-a", 5)]
    session.signed_notes = [SignedNote("gw-2", "Ella")]
    session.applied_keys = ["k-1", "k-2", "k-3"]
    return session


def _v1_document(session: Session) -> dict:
    doc = codec.to_document(session)
    doc["schema_version"] = 1
    del doc["room"]
    for person in doc["participants"]:
        del person["relation"]  # since version 3
    return doc


def test_the_current_version_is_3_and_1_and_2_are_still_read():
    assert SCHEMA_VERSION == 3
    assert set(DOCUMENT_TYPES) == {1, 2, 3}


def test_a_session_with_room_data_round_trips_through_the_file_text():
    session = _with_room()
    text = codec.dumps(session)
    doc = json.loads(text)
    assert doc["schema_version"] == SCHEMA_VERSION
    assert list(doc["room"]) == ["incoming", "dots", "scores", "worth", "signed", "applied_keys"]
    jsonschema.validate(doc, session_schema())
    assert codec.parse_bytes(text.encode(), "s.json") == session
    assert codec.from_document(doc) == session


def test_a_version_1_document_loads_with_an_empty_room_and_is_written_as_the_current_version():
    plain = full_session()
    doc = _v1_document(plain)
    loaded = codec.from_document(doc, "old.json")
    assert loaded == plain
    assert loaded.incoming == [] and loaded.device_dots == [] and loaded.applied_keys == []
    assert codec.parse_bytes(json.dumps(doc).encode(), "old.json") == plain
    assert json.loads(codec.dumps(loaded))["schema_version"] == SCHEMA_VERSION


def test_a_version_1_document_may_not_carry_a_room():
    doc = codec.to_document(_with_room())
    doc["schema_version"] = 1
    for person in doc["participants"]:
        del person["relation"]
    with pytest.raises(codec.DocumentError) as info:
        codec.from_document(doc, "odd.json")
    assert "room" in str(info.value)


def test_a_version_2_document_needs_its_room():
    doc = codec.to_document(full_session())
    del doc["room"]
    with pytest.raises(codec.DocumentError, match="room"):
        codec.from_document(doc, "short.json")


def _broken(change) -> str | None:
    doc = codec.to_document(_with_room())
    change(doc["room"], doc)
    problem = first_problem(doc)
    return None if problem is None else problem.message("en")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda room, doc: room["dots"][0].update(note_id="gw-1"), "room.dots[0].note_id: refers to note gw-1"),
        (lambda room, doc: room["dots"][0].update(note_id="nope"), "room.dots[0].note_id: refers to note nope"),
        (lambda room, doc: room["dots"].append(dict(room["dots"][0])), "room.dots[2].note_id: id fr-1 is used twice"),
        (lambda room, doc: room["scores"][1].update(device="dev-a"), "room.scores[1].statement_id: id hc-1 is used twice"),
        (lambda room, doc: room["worth"].append({"device": "dev-a", "score": 1}), "room.worth[1].device: id dev-a"),
        (lambda room, doc: room["signed"][0].update(note_id="ac-1"), "room.signed[0].note_id: refers to note ac-1"),
        (lambda room, doc: room["signed"].append(dict(room["signed"][0])), "room.signed[1].note_id: id gw-2"),
        (lambda room, doc: room["incoming"][1].update(key="k-1"), "room.incoming[1].key: id k-1 is used twice"),
        (lambda room, doc: room["incoming"][1].update(id="in-1"), "room.incoming[1].id: id in-1 is used twice"),
        (lambda room, doc: room["incoming"][0].update(id="fr-2"), "room.incoming[0].id: id fr-2 is used twice"),
        (lambda room, doc: room["applied_keys"].append("k-2"), "room.applied_keys[3]: id k-2 is used twice"),
        (lambda room, doc: room["scores"][0].update(score=6), "room.scores[0].score"),
        (lambda room, doc: room["incoming"][0].update(phase="decide"), "room.incoming[0].phase"),
        (lambda room, doc: room["incoming"][0].update(text="  "), "room.incoming[0].text"),
        (lambda room, doc: room["applied_keys"].extend(f"x{i}" for i in range(5_000)), "room.applied_keys"),
    ],
)
def test_rules_of_the_room_are_checked(change, expected):
    assert _with_room() is not None and _broken(lambda room, doc: None) is None
    message = _broken(change)
    assert message is not None and message.startswith(expected), message


def test_the_shipped_schema_is_the_generated_one_and_describes_the_room():
    from tui.core.schema import generate

    assert session_schema() == generate()
    schema = session_schema()
    top = schema["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    assert "room" in top["required"]
    assert schema["$defs"]["Room"]["properties"]["applied_keys"]["maxItems"] == 5_000
