"""One truth for the session format: what import accepts is exactly what the shipped JSON Schema accepts.

Every test starts from valid sessions (``tests.strategies.sessions`` through the codec's
``to_document``), changes them at random places to edge values, and asks two judges:

* Terugblik's own entry point, ``codec.from_document`` (what ``import``, ``show`` and the
  app read files with: version check, validation, decoding), and
* an independent ``jsonschema`` Draft 2020-12 validator with a ``FormatChecker`` on the
  shipped ``session.schema.json``.

Both must give the same verdict on every document, with two explicit exceptions:

* the rules across fields that JSON Schema cannot state (ids unique, owners, authors and
  source notes exist; the schema's ``description`` lists them) are checked here by an
  independent oracle, ``_references_hold``: Terugblik accepts a document exactly when the
  schema does *and* those rules hold;
* NaN and infinities are not JSON; Terugblik refuses them wherever they are, while
  ``jsonschema`` lets NaN through a ``minimum``, so such documents are only required to be
  refused by Terugblik.

A document Terugblik accepts must also survive the round trip: decode, encode, and the
encoded document passes ``jsonschema`` again and equals what was read ("import, then export
fails" was the bug).
"""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tests.strategies import hostile_texts, sessions
from tui.core import codec
from tui.core.model import Session
from tui.core.validation import first_problem, session_schema

REFERENCE = jsonschema.Draft202012Validator(session_schema(), format_checker=jsonschema.FormatChecker())

Path = tuple[str | int, ...]

EDGE_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 3, 5, 6, 1000, 1001, 3.0, 3.5, -0.0, 0.5, 1e9, 1e9 + 1, 1e300, 10**9, 10**9 + 1,
    2**63, 10**400, -(10**400),
    "", " ", "\t", "\n", "\u3000", "\u00a0", "\ufeff", "\x1c", "\x85", "\u200b", "\x00",
    "a\n", "a\r", "a\r\n", "a\x00", "a\u2028", "a\u2029", "\ud800", "a\udfff",
    "x" * 64, "x" * 65, "x" * 200, "x" * 201, "x" * 100_000, "x" * 100_001,
    "2026-02-30", "2026-1-1", "2026-01-01T00:00", "2026-01-01\n", "2026-01-01", "0000-01-01", "2024-02-29",
    "2023-02-29", "\uff12\uff10\uff12\uff16-01-01", "\u0662\u0660\u0662\u0666-01-01", " 2026-01-01",
    "2026-01-01T00:00:00Z", "2026-01-01t00:00:00z", "2026-01-01T00:00:00+00:00\n", "2026-01-01T24:00:00Z",
    "2026-01-01T00:00:60Z", "2026-01-01T00:00:00.123456789+01:00", "2026-01-01T00:00:00+24:00",
    "2026-01-01 00:00:00Z", "2026-01-01T00:00:00", "0000-01-01T00:00:00Z", "2023-02-29T00:00:00Z",
    "0123456789abcdef", "0123456789abcdef\n", "ABCDEF01", "p-anna", "p-anna\n", "a.b", "-x", "_x",
    "zorgnetwerk", "Zorgnetwerk", "zorgnetwerk\n", "setup", "lunch", "nl", "en", "nl\n", "keep", "within",
    "closed", "open", "gp", "terugblik-session",
    [], {}, [None], [1], ["x"], {"a": 1}, {"id": "x"}, [[]],
    float("nan"), float("inf"), float("-inf"),
]
"""Values at the edges of some rule of the format, or of the difference between Python and JSON Schema."""

SUFFIXES = ["\n", "\r", "\r\n", " ", "\t", "\x00", "\u2028", "\u2029", "\x85", "\ufeff", "\ud800", "\u202e"]

ID_KEYS = ("id", "action_id", "statement_id")
REFERENCE_KEYS = ("author", "source_note_id")
KINDS = ("replace", "replace", "replace", "replace", "derive", "derive", "delete", "extra_key", "duplicate_id",
         "copy_item", "dangling")


def _paths(node: Any, prefix: Path = ()) -> list[Path]:
    """Every place in a document where a value can be replaced or removed."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _get(doc: Any, path: Path) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _derived(value: Any) -> list[Any]:
    """Edge values made from the value that is there: the same id with a line break, a count as 3.0, ..."""
    if isinstance(value, bool):
        return [int(value), float(value), str(value).lower()]
    if isinstance(value, int):
        return [float(value), value + 0.5, -value - 1, value + 10**20, str(value), [value]]
    if isinstance(value, float):
        whole = int(value) if math.isfinite(value) else 0  # an earlier change may have put NaN or infinity here
        return [whole, value + 0.5, -value - 1.0, str(value)]
    if isinstance(value, str):
        return ([value + s for s in SUFFIXES] + [s + value for s in SUFFIXES] + [value.upper(), value * 400,
                value.replace("-", "."), value.replace("T", " "), value[:-1], [value], {"value": value}])
    if isinstance(value, list):
        return [[], [value], {"items": value}, [*value, *value], value[1:]]
    if isinstance(value, dict):
        return [{}, [value], {**value, "extra": None}, {k: None for k in value}]
    return [value]


def _replacement(value: Any) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(EDGE_VALUES),
        st.sampled_from(_derived(value)),
        hostile_texts,
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
    )


def _ids(doc: dict[str, Any], paths: list[Path]) -> list[str]:
    """The ids in the document (sorted, so that examples replay), to duplicate or refer to."""
    return sorted({value for p in paths if p[-1] in ID_KEYS and isinstance(value := _get(doc, p), str)})


def _mutate(draw: st.DrawFn, doc: dict[str, Any], kinds: tuple[str, ...]) -> None:
    """Change ``doc`` in place at one random place, in one of ``kinds`` of ways."""
    paths = _paths(doc)
    kind = draw(st.sampled_from(kinds))
    if kind in ("replace", "derive", "delete"):
        path = draw(st.sampled_from(paths))
        parent, last = _get(doc, path[:-1]), path[-1]
        if kind == "delete":
            del parent[last]
        elif kind == "derive":
            parent[last] = draw(st.sampled_from(_derived(parent[last])))
        else:
            parent[last] = draw(_replacement(parent[last]))
    elif kind == "extra_key":
        objects = [()] + [p for p in paths if isinstance(_get(doc, p), dict)]
        target = _get(doc, draw(st.sampled_from(objects)))
        target[draw(st.sampled_from(["extra", "", "ID", "id\n", "Id", "setup\n"]))] = draw(st.sampled_from(EDGE_VALUES))
    elif kind == "duplicate_id":
        id_paths = [p for p in paths if p[-1] in ID_KEYS]
        if id_paths:
            path = draw(st.sampled_from(id_paths))
            _get(doc, path[:-1])[path[-1]] = draw(st.sampled_from(_ids(doc, paths) or ["ghost"]))
    elif kind == "copy_item":
        items = [p for p in paths if isinstance(p[-1], int) and isinstance(_get(doc, p), dict)]
        if items:
            path = draw(st.sampled_from(items))
            _get(doc, path[:-1]).append(copy.deepcopy(_get(doc, path)))
    else:  # dangling: a reference to nothing, or to an id of the wrong kind
        refs = [p for p in paths if p[-1] in REFERENCE_KEYS or (len(p) > 1 and p[-2] == "owners" and p[0] == "actions")]
        if refs:
            path = draw(st.sampled_from(refs))
            choices = ["ghost", "ghost\n", "p-anna", *_ids(doc, paths)]
            _get(doc, path[:-1])[path[-1]] = draw(st.sampled_from(choices))


@st.composite
def edge_documents(
    draw: st.DrawFn, count: int, max_changes: int, kinds: tuple[str, ...] = KINDS
) -> list[dict[str, Any]]:
    """``count`` documents, each a valid session's document with 1..``max_changes`` random changes."""
    base = codec.to_document(draw(sessions()))
    documents = []
    for _ in range(count):
        doc = copy.deepcopy(base)
        for _ in range(draw(st.integers(1, max_changes))):
            _mutate(draw, doc, kinds)
        documents.append(doc)
    return documents


def _unique(values: list[Any]) -> bool:
    return len(values) == len(set(values))


def _references_hold(doc: dict[str, Any]) -> bool:
    """The rules across fields that the schema's description states and JSON Schema cannot check."""
    people = [p["id"] for p in doc["participants"]]
    notes = [*doc["goes_well"], *doc["frictions"]]
    items = [*doc["checkin"]["changes"], *notes, *doc["actions"], *doc["appreciation"]]
    authors = [i["author"] for i in (*notes, *doc["appreciation"])]
    return (
        _unique(people)
        and _unique([i["id"] for i in items])
        and _unique([r["action_id"] for r in doc["checkin"]["reviews"]])
        and _unique([h["statement_id"] for h in doc["health"]])
        and all(a is None or a in people for a in authors)
        and all(owner in people for a in doc["actions"] for owner in a["owners"])
        and all(a["source_note_id"] is None or a["source_note_id"] in {n["id"] for n in notes} for a in doc["actions"])
    )


def _non_finite(node: Any) -> bool:
    if isinstance(node, float):
        return not math.isfinite(node)
    if isinstance(node, dict):
        return any(_non_finite(v) for v in node.values())
    if isinstance(node, list):
        return any(_non_finite(v) for v in node)
    return False


def _read(doc: dict[str, Any]) -> Session | None:
    """What import makes of a parsed document: a session, or None when it is refused."""
    try:
        return codec.from_document(doc, "edge.json")
    except codec.DocumentError:
        return None


def _judge(doc: dict[str, Any]) -> bool:
    """Assert that both judges agree on ``doc`` (and that an accepted one round-trips); return the verdict."""
    session = _read(doc)
    if _non_finite(doc):
        assert session is None, "NaN or an infinity was accepted"
        return False
    schema_ok = REFERENCE.is_valid(doc)
    expected = schema_ok and _references_hold(doc)
    assert (session is not None) == expected, (
        f"Terugblik: {first_problem(doc)}; jsonschema: "
        f"{[e.message[:80] for e in REFERENCE.iter_errors(doc)][:2]}; references hold: "
        f"{schema_ok and _references_hold(doc)}"
    )
    if session is not None:
        _assert_round_trip(doc, session)
    elif schema_ok:  # refused for a rule across fields: the message must name that rule
        assert first_problem(doc).code in ("duplicate_id", "unknown_participant", "unknown_note")
    return expected


def _assert_round_trip(doc: dict[str, Any], session: Session) -> None:
    """Accepted means exportable: encoding the session gives a schema-valid document equal to what was read."""
    again = codec.to_document(session)
    assert REFERENCE.is_valid(again), [e.message[:80] for e in REFERENCE.iter_errors(again)][:2]
    assert again == doc  # numbers may change form (3.0 -> 3, 3 -> 3.0 for seconds), never value
    written = json.loads(codec.dumps(session))
    assert written == again
    assert codec.from_document(written) == session


_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=100, **_SETTINGS)
@given(edge_documents(count=10, max_changes=1))
def test_one_change_anywhere_gets_the_same_verdict(documents):
    """100 sessions x 10 documents = 1,000 documents with one edge change each."""
    for doc in documents:
        _judge(doc)


@settings(max_examples=80, **_SETTINGS)
@given(edge_documents(count=10, max_changes=4))
def test_several_changes_get_the_same_verdict(documents):
    """80 sessions x 10 documents = 800 documents with up to four changes each."""
    for doc in documents:
        _judge(doc)


_NUMBER_FORMS = st.sampled_from(["float", "int"])


@settings(max_examples=80, **_SETTINGS)
@given(sessions(), st.data())
def test_numbers_written_as_floats_are_read_as_integers_and_written_back(session, data):
    """80 documents where every count, score and second may be written as 3.0 or 3: all accepted, all round-trip."""
    doc = codec.to_document(session)
    for note in doc["frictions"]:
        note["votes"] = float(note["votes"]) if data.draw(_NUMBER_FORMS) == "float" else note["votes"]
    for score in doc["health"]:
        score["score"] = float(score["score"]) if data.draw(_NUMBER_FORMS) == "float" else score["score"]
    if doc["worth_score"] is not None and data.draw(_NUMBER_FORMS) == "float":
        doc["worth_score"] = float(doc["worth_score"])
    doc["phase_seconds"] = {k: int(v) if data.draw(_NUMBER_FORMS) == "int" else v for k, v in doc["phase_seconds"].items()}
    if data.draw(_NUMBER_FORMS) == "float":
        doc["schema_version"] = float(codec.SCHEMA_VERSION)
    assert _judge(doc)
    decoded = codec.from_document(doc)
    assert all(type(n.votes) is int for n in decoded.frictions)
    assert all(type(h.score) is int for h in decoded.health)
    assert decoded.worth_score is None or type(decoded.worth_score) is int


@settings(max_examples=80, **_SETTINGS)
@given(edge_documents(count=5, max_changes=2, kinds=("duplicate_id", "copy_item", "dangling")))
def test_rules_across_fields_are_ours_alone_and_always_enforced(documents):
    """80 x 5 = 400 documents with duplicated ids, copied items and dangling references.

    The schema cannot see these rules; Terugblik refuses exactly the documents that break
    them, naming the rule, and accepts the others.
    """
    for doc in documents:
        _judge(doc)


VALID = codec.to_document(full_session())


def _changed(path: Path, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(VALID)
    _get(doc, path[:-1])[path[-1]] = value
    return doc


# The disagreements found by hand, kept as named cases: (place, value, accepted by both?)
CASES = [
    (("id",), VALID["id"] + "\n", False),
    (("goes_well", 0, "id"), VALID["goes_well"][0]["id"] + "\n", False),
    (("participants", 0, "id"), VALID["participants"][0]["id"] + "\n", False),
    (("template", "id"), VALID["template"]["id"] + "\n", False),
    (("actions", 0, "source_note_id"), VALID["actions"][0]["source_note_id"] + "\n", False),
    (("frictions", 0, "votes"), 3.0, True),
    (("health", 0, "score"), 4.0, True),
    (("worth_score",), 2.0, True),
    (("schema_version",), 3.0, True),
    (("frictions", 0, "votes"), 3.5, False),
    (("frictions", 0, "votes"), True, False),
    (("created_at",), "2026-01-01T00:00:00+00:00\n", False),
    (("created_at",), "2026-01-01t09:00:00z", True),
    (("created_at",), "2026-01-01T00:00:60Z", False),
    (("date",), "2026-01-01\n", False),
    (("team",), "\ufeff", True),
    (("team",), "\x1c\x1d", False),
    (("team",), "\u3000\u2028", False),
    (("phase_seconds", "setup"), 10**400, False),
    (("phase_seconds", "setup"), 1e9, True),
]


@pytest.mark.parametrize(("path", "value", "accepted"), CASES, ids=[f"{c[0][-1]}={c[1]!r}"[:40] for c in CASES])
def test_found_disagreements_are_settled(path, value, accepted):
    doc = _changed(path, value)
    assert _judge(doc) is accepted
