"""The compiled yes/no validator agrees with the reference jsonschema package and with the path-naming walk."""

from __future__ import annotations

import copy
import math

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tui.core import codec
from tui.core.schema_compiler import compile_schema
from tui.core.validation import _FORMATS, _check, _fast_validator, session_schema

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
    True, None, [], {}, float("nan"), float("inf"),
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


def _agree(doc: dict, why: object, finite: bool = True) -> None:
    """Both validators give the same verdict; non-finite numbers are ours alone to refuse (JSON has none)."""
    fast = _fast_validator()(doc)
    if finite:
        assert fast == REFERENCE.is_valid(doc), why
    else:
        assert not fast, why
    schema = session_schema()
    assert fast == (_check(doc, schema, "", schema) is None), why


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
def test_compiled_validator_agrees_with_reference(path, value, delete):
    finite = delete or ("nan" not in repr(value) and "inf" not in repr(value))
    _agree(_mutated(path, value, delete), (path, value, delete), finite)


def test_valid_document_passes():
    assert _fast_validator()(VALID)


def test_unknown_keyword_is_refused_when_compiling():
    with pytest.raises(LookupError, match="oneOf"):
        compile_schema({"oneOf": [{"type": "string"}]}, _FORMATS)


def test_remote_reference_is_refused():
    with pytest.raises(LookupError, match="unsupported"):
        compile_schema({"$ref": "https://example.invalid/x.json"}, _FORMATS)


def test_schema_referring_to_itself_compiles_and_checks_every_level():
    tree = {
        "$defs": {"node": {"type": "object", "required": ["name"], "additionalProperties": False,
                           "properties": {"name": {"type": "string", "minLength": 1},
                                          "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
        "$ref": "#/$defs/node",
    }
    check, source = compile_schema(tree, _FORMATS)
    deep = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}
    assert check(deep)
    deep["children"][0]["children"][0]["name"] = ""
    assert not check(deep)
    assert "def " in source


def test_numbers_bools_and_non_finite_values():
    check, _ = compile_schema({"type": "object", "additionalProperties": {"type": "number", "minimum": 0}}, _FORMATS)
    assert check({"a": 1, "b": 2.5})
    assert not check({"a": True})
    assert not check({"a": math.inf})
    assert not check({"a": -1})
    integer, _ = compile_schema({"type": "integer", "maximum": 5}, _FORMATS)
    assert integer(5) and not integer(6) and not integer(False)
    assert integer(5.0) and not integer(4.5) and not integer(6.0), "JSON Schema: 5.0 is an integer"
    optional, _ = compile_schema({"type": ["integer", "null"], "minimum": 1}, _FORMATS)
    assert optional(None) and optional(3.0) and not optional(0.0) and not optional(True) and not optional(math.inf)


def test_constants_compare_as_json_numbers():
    one, _ = compile_schema({"const": 1}, _FORMATS)
    assert one(1) and one(1.0) and not one(True) and not one("1")
    mixed, _ = compile_schema({"enum": [1, "a", None]}, _FORMATS)
    assert mixed(1.0) and mixed("a") and mixed(None) and not mixed(True) and not mixed(2)


@pytest.mark.parametrize("pattern", [r"^a$", r"^\d+$(?!\n)", r"\S", r"\w", r"a.b", r"\bx", r"(?i)x", r"(?P<n>x)", r"x\Z"])
def test_patterns_that_differ_between_ecma_and_python_are_refused(pattern):
    with pytest.raises(LookupError, match="pattern"):
        compile_schema({"type": "string", "pattern": pattern}, _FORMATS)


def test_a_portable_end_of_text_refuses_a_final_line_break():
    check, _ = compile_schema({"type": "string", "pattern": "^[a-z]{1,3}$(?!\\n)"}, _FORMATS)
    assert check("abc") and not check("abc\n") and not check("abcd")
    literal, _ = compile_schema({"type": "string", "pattern": "^[\\].$]+$(?!\\n)"}, _FORMATS)
    assert literal("].$") and not literal("x")
    with pytest.raises(LookupError, match="leading"):
        compile_schema({"type": "string", "pattern": "^[].$]+$(?!\\n)"}, _FORMATS)
