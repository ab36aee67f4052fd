"""An informal carer's relation to the client: in the model, the file (schema version 3), and the minutes."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.sample import full_session
from tui.core import codec, operations
from tui.core.anonymise import anonymise
from tui.core.minutes import render_markdown
from tui.core.model import ROLES
from tui.core.schema import SCHEMA_VERSION
from tui.core.validation import session_schema


def _with_relation(lang: str = "nl"):
    session = full_session(lang)
    carla = next(p for p in session.participants if p.role == "informal_carer")
    carla.relation = "dochter van mevrouw Bos" if lang == "nl" else "daughter of Mrs Bos"
    return session, carla


def test_the_relation_round_trips_through_the_file():
    session, _ = _with_relation()
    doc = json.loads(codec.dumps(session))
    assert doc["schema_version"] == SCHEMA_VERSION == 3
    assert {p["name"]: p["relation"] for p in doc["participants"]}["Carla Smit"] == "dochter van mevrouw Bos"
    jsonschema.validate(doc, session_schema())
    assert codec.from_document(doc) == session


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_document_without_relations_still_loads(version):
    session = full_session()
    doc = codec.to_document(session)
    doc["schema_version"] = version
    for person in doc["participants"]:
        del person["relation"]
    if version == 1:
        del doc["room"]
    loaded = codec.parse_bytes(json.dumps(doc).encode(), "old.json")
    assert loaded == session and all(p.relation == "" for p in loaded.participants)
    assert [p.id for p in loaded.participants] == [p.id for p in session.participants]


def test_a_current_document_needs_the_relation():
    doc = codec.to_document(full_session())
    del doc["participants"][0]["relation"]
    with pytest.raises(codec.DocumentError, match="relation"):
        codec.from_document(doc, "short.json")


def test_operations_keep_the_relation():
    session = full_session()
    person = operations.add_participant(session, "Fenna", "", "informal_carer", None, "  zoon van  meneer Bos ")
    assert person.relation == "zoon van meneer Bos" and person.present


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "Carla Smit — Mantelzorger, relatie: dochter van mevrouw Bos"),
    ("en", "Carla Smit — Informal carer, relation: daughter of Mrs Bos"),
])
def test_the_minutes_show_the_relation(lang, expected):
    session, _ = _with_relation(lang)
    assert expected in render_markdown(session)


def test_anonymised_minutes_leave_the_relation_out():
    session, _ = _with_relation()
    text = render_markdown(anonymise(session), anonymised=True)
    assert "mevrouw Bos" not in text and "relatie" not in text


def test_the_new_roles_exist():
    assert {"case_manager", "elderly_care_adviser"} <= set(ROLES)


def test_the_team_roster_keeps_the_relation_and_an_older_roster_still_loads():
    from tui.core.model import TeamProfile

    session, carla = _with_relation()
    team = TeamProfile(name=session.team, roster=session.participants)
    record = codec.team_to_record(team)
    assert codec.team_from_record(record).roster == session.participants
    for person in record["roster"]:
        del person["relation"]  # a roster saved before relations were kept
    assert all(p.relation == "" for p in codec.team_from_record(record).roster)
