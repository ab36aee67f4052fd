"""Every invalid value gets a message naming its field; the checker agrees with jsonschema."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from tests.sample import full_session
from tui.core import codec
from tui.core.model import FrictionNote
from tui.core.validation import ValidationError, first_problem, session_schema, validate_document

VALID = codec.to_document(full_session())


def _set(doc: dict, path: str, value: object) -> dict:
    doc = copy.deepcopy(doc)
    node = doc
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = parts[-1]
    if value is _DELETE:
        del node[int(last) if last.isdigit() else last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return doc


class _Delete:
    """Marks a field to remove instead of set."""

    def __repr__(self) -> str:
        return "DELETE"


_DELETE = _Delete()

# (field path, bad value, words the message must contain)
CASES = [
    ("id", "NOT-HEX", "invalid form"),
    ("team", "", "must not be empty"),
    ("team", "   ", "more than spaces"),
    ("team", "x" * 201, "too long"),
    ("title", 5, "type string"),
    ("date", "2026-02-30", "YYYY-MM-DD"),
    ("date", "22-11-2026", "YYYY-MM-DD"),
    ("language", "de", "one of: nl, en"),
    ("template.id", "Bad Id!", "invalid form"),
    ("template.extra", 1, "not a known field"),
    ("facilitator", None, "type string"),
    ("status", "open", "in_progress, closed"),
    ("participants[0].name", "", "must not be empty"),
    ("participants[0].role", "surgeon", "one of: gp"),
    ("participants[0].perspective", "leader", "connector"),
    ("participants[0].present", "yes", "type boolean"),
    ("participants[1].id", "p-anna", "used twice"),
    ("ambition", ["a"], "type string"),
    ("checkin.reviews[0].outcome", "finished", "done, partly, not_done, dropped"),
    ("checkin.reviews[0].what", "", "must not be empty"),
    ("checkin.reviews[0].due", "tomorrow", "YYYY-MM-DD"),
    ("checkin.reviews[0].carried_forward", 1, "type boolean"),
    ("checkin.reviews[1].action_id", "act-old-1", "used twice"),
    ("checkin.changes[0].text", " ", "more than spaces"),
    ("goes_well[0].text", "", "must not be empty"),
    ("goes_well[0].why", None, "type string"),
    ("goes_well[0].decision", "maybe", "keep, adjust, stop"),
    ("goes_well[0].author", "p-nobody", "not in the participant list"),
    ("goes_well[1].id", "gw-1", "used twice"),
    ("frictions[0].votes", -1, "at least 0"),
    ("frictions[0].votes", 2.5, "type integer"),
    ("frictions[0].votes", True, "type integer"),
    ("frictions[0].influence", "partly", "within, outside"),
    ("frictions[0].category", 3, "type string | null"),
    ("frictions[0].who_can_help", None, "type string"),
    ("actions[0].what", "", "must not be empty"),
    ("actions[0].owners[0]", "p-ghost", "not in the participant list"),
    ("actions[0].due", "2026-12-32", "YYYY-MM-DD"),
    ("actions[0].source_note_id", "fr-9", "does not exist"),
    ("actions[0].status", "busy", "open, done"),
    ("appreciation[0].text", "", "must not be empty"),
    ("health[0].score", 6, "at most 5"),
    ("health[0].score", 0, "at least 1"),
    ("health[0].wording", "", "must not be empty"),
    ("health[1].statement_id", "ambition", "used twice"),
    ("worth_score", 9, "at most 5"),
    ("overall.decision", "pause", "continue, adjust_plan, stop"),
    ("overall.rationale", None, "type string"),
    ("next_date", "2027/02/10", "YYYY-MM-DD"),
    ("phase_seconds.goes_well", -3, "at least 0"),
    ("phase_seconds.lunch", 3, "one of: setup"),
    ("current_phase", "lunch", "one of: setup"),
    ("created_at", "2026-11-20T09:00:00", "time zone"),
    ("updated_at", "yesterday", "time zone"),
    ("frictions", _DELETE, "is missing"),
    ("schema_version", 4, "must be 3"),
]


@pytest.mark.parametrize(("path", "value", "words"), CASES, ids=[f"{c[0]}={c[1]!r}"[:40] for c in CASES])
def test_invalid_value_is_named(path, value, words):
    doc = _set(VALID, path, value)
    problem = first_problem(doc)
    assert problem is not None
    assert problem.path == path
    assert words in problem.message("en")
    assert problem.message("nl") != problem.message("en") or problem.code in ("pattern",)


SCHEMA_EXPRESSIBLE = [c for c in CASES if c[2] not in ("used twice", "not in the participant list", "does not exist")]


@pytest.mark.parametrize(("path", "value", "words"), SCHEMA_EXPRESSIBLE)
def test_reference_validator_agrees_on_invalid(path, value, words):
    validator = jsonschema.Draft202012Validator(session_schema(), format_checker=jsonschema.FormatChecker())
    assert not validator.is_valid(_set(VALID, path, value))


def test_valid_document_has_no_problem():
    assert first_problem(VALID) is None
    validate_document(VALID)


def test_in_memory_session_is_checked_with_the_same_rules():
    session = full_session()
    session.frictions.append(FrictionNote("Nog een", votes=-2))
    with pytest.raises(ValidationError, match=r"frictions\[2\]\.votes: must be at least 0"):
        codec.validate_session(session)


def test_dutch_message():
    problem = first_problem(_set(VALID, "health[0].score", 6))
    assert problem.message("nl") == "health[0].score: mag hoogstens 5 zijn, maar is 6"


def test_non_finite_numbers_are_refused():
    problem = first_problem(_set(VALID, "phase_seconds.setup", float("inf")))
    assert problem is not None and problem.path == "phase_seconds.setup"


@pytest.mark.parametrize(("path", "value", "words"), CASES, ids=[f"{c[0]}={c[1]!r}"[:40] for c in CASES])
def test_reading_json_bytes_names_the_same_problem(path, value, words):
    """The one-pass decoder of files refuses every case, with the same path and words."""
    data = json.dumps(_set(VALID, path, value)).encode()
    with pytest.raises(codec.DocumentError) as info:
        codec.parse_bytes(data, "case.json")
    reason = info.value.reason
    assert reason.startswith(f"{path}: ") or (path == "schema_version" and "newer" in reason)
    assert words in reason or path == "schema_version"


def test_json_bytes_of_a_valid_document_are_read():
    assert codec.parse_bytes(json.dumps(VALID).encode(), "ok.json") == full_session()


def test_huge_numbers_are_named_without_failing():
    problem = first_problem(_set(VALID, "frictions[0].votes", -(10**5000)))
    assert problem.path == "frictions[0].votes" and problem.code == "minimum"
    assert "-1000000000" in problem.message("en") and "..." in problem.message("nl")
