"""The types are the one description: the shipped schema is generated from them, and every way of reading agrees.

Three judges read the same documents: the one-pass decoder of file bytes
(``codec.parse_bytes``), the check of parsed documents (``validation.first_problem``,
what the store and ``from_document`` use) and the reference ``jsonschema`` package with
the generated schema. They must agree on every place of a document with every edge value,
and the two of ours must name the same path.
"""

from __future__ import annotations

import copy
import json
import math

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tui.core import codec, schema
from tui.core.validation import first_problem, session_schema

VALID = codec.to_document(full_session())
REFERENCE = jsonschema.Draft202012Validator(session_schema(), format_checker=jsonschema.FormatChecker())


def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a document where a value could be replaced or removed."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(VALID)

_TEXT = st.text(alphabet=st.sampled_from("ab9_- \t\nÅT:Z+.0123-"), max_size=30)
EDGE_VALUES = [
    "2026-11-20", "2026-02-30", "20261120", "2026-11-20T09:00:00+01:00", "2026-11-20T09:00:00",
    "closed", "within", "keep", "p1", "setup", "", " ", "0123456789abcdef", "x" * 64, "x" * 65,
    "x" * 128, "x" * 129, "x" * 200, "x" * 201, "x" * 100_000, "x" * 100_001, 0, 1, 5, 6, 1000, 1001, -1, 0.5,
    3.0, True, None, [], {}, float("nan"), float("inf"),
]
_EDGES = st.sampled_from(EDGE_VALUES)
_SCALARS = st.one_of(
    _EDGES, st.none(), st.booleans(), st.integers(min_value=-3, max_value=1200),
    st.floats(allow_nan=True, allow_infinity=True), _TEXT,
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_TEXT, inner, max_size=3)), max_leaves=6)


def _mutated(path: tuple, value: object, delete: bool) -> dict:
    """A copy of VALID with one value replaced or removed (only the containers on the path are copied)."""
    doc = copy.copy(VALID)
    node = doc
    for part in path[:-1]:
        node[part] = copy.copy(node[part])
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


ACROSS_FIELDS = ("duplicate_id", "unknown_participant", "unknown_note")
"""Problems of the rules JSON Schema cannot state; checked only once the schema holds."""


def _from_bytes(doc: dict) -> str | None:
    """What reading the document's JSON text says: None when accepted, else the reason."""
    try:
        data = json.dumps(doc, allow_nan=False).encode()
    except ValueError:
        return "not JSON"
    try:
        codec.parse_bytes(data, "edge.json")
    except codec.DocumentError as error:
        return error.reason
    return None


def _agree(doc: dict, why: object, finite: bool = True) -> None:
    """All judges give the same verdict; non-finite numbers are ours alone to refuse (JSON has none)."""
    problem = first_problem(doc)
    schema_ok = problem is None or problem.code in ACROSS_FIELDS
    if finite:
        assert schema_ok == REFERENCE.is_valid(doc), (why, problem)
    else:
        assert problem is not None, why
    reason = _from_bytes(doc)
    assert (reason is None) == (problem is None), (why, reason, problem)
    if problem is not None and codec.check_version(doc) is None and reason != "not JSON":
        assert reason == problem.message("en"), why


@pytest.mark.parametrize("value", EDGE_VALUES, ids=lambda v: repr(v)[:20])
def test_every_place_with_every_edge_value(value):
    finite = not (isinstance(value, float) and not math.isfinite(value))
    for path in PATHS:
        _agree(_mutated(path, value, delete=False), path, finite or path[0] != "phase_seconds")


def test_every_place_removed():
    for path in PATHS:
        _agree(_mutated(path, None, delete=True), path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), _VALUES, st.booleans())
def test_all_readers_agree_with_reference(path, value, delete):
    finite = delete or ("nan" not in repr(value) and "inf" not in repr(value))
    _agree(_mutated(path, value, delete), (path, value, delete), finite)


def test_valid_document_passes():
    assert first_problem(VALID) is None
    assert _from_bytes(VALID) is None


def test_shipped_schema_is_the_generated_one():
    assert session_schema() == json.loads(schema.render(schema.generate()))
    assert schema.main(["--check"]) == 0


def test_check_fails_when_the_file_differs(tmp_path, monkeypatch):
    changed = tmp_path / "schema.py"
    (tmp_path / "session.schema.json").write_text("{}\n", "utf-8")
    monkeypatch.setattr(schema, "__file__", str(changed))
    assert schema.main(["--check"]) == 1
    assert schema.main([]) == 0
    assert schema.main(["--check"]) == 0


def test_every_document_field_is_required_and_no_other_allowed():
    defs = session_schema()["$defs"]
    for name, definition in defs.items():
        if definition.get("type") == "object" and "properties" in definition:
            assert sorted(definition["required"]) == sorted(definition["properties"]), name
            assert definition["additionalProperties"] is False, name


def test_a_key_twice_is_refused_even_where_the_decoder_would_take_the_last():
    text = codec.dumps(full_session())
    twice = text.replace('"title": ', '"title": "x", "title": ', 1)
    with pytest.raises(codec.DocumentError, match="twice"):
        codec.parse_bytes(twice.encode(), "twice.json")
    spaced = text.replace('"title": ', '"title" : "x", "title" : ', 1)
    with pytest.raises(codec.DocumentError, match="twice"):
        codec.parse_bytes(spaced.encode(), "twice.json")


def test_text_with_quotes_and_colons_is_read_back():
    session = full_session()
    session.goes_well[0].text = 'Zij zei: "goed": echt \\": zo'
    assert codec.parse_bytes(codec.dumps(session).encode(), "q.json") == session


@pytest.mark.parametrize("pattern", [r"^a$", r"^\d+$(?!\n)", r"\S", r"\w", r"a.b", r"\bx", r"(?i)x", r"(?P<n>x)", r"x\Z"])
def test_patterns_that_differ_between_ecma_and_python_are_refused(pattern):
    with pytest.raises(LookupError, match="pattern"):
        schema.check_portable_pattern(pattern)


def test_a_portable_end_of_text_refuses_a_final_line_break():
    schema.check_portable_pattern("^[a-z]{1,3}$(?!\\n)")
    schema.check_portable_pattern("^[\\].$]+$(?!\\n)")
    with pytest.raises(LookupError, match="leading"):
        schema.check_portable_pattern("^[].$]+$(?!\\n)")
