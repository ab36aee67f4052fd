"""The interchange format: lossless round trips and clear refusals."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

from tests.sample import full_session
from tests.strategies import sessions
from tui.core import codec
from tui.core.validation import session_schema


@settings(max_examples=150, deadline=None)
@given(sessions())
def test_json_model_json_is_lossless(session):
    text = codec.dumps(session)
    back = codec.parse_bytes(text.encode(), "x.json")
    assert back == session
    assert codec.dumps(back) == text


@settings(max_examples=150, deadline=None)
@given(sessions())
def test_every_written_document_satisfies_the_shipped_schema(session):
    jsonschema.Draft202012Validator(
        session_schema(), format_checker=jsonschema.FormatChecker()
    ).validate(codec.to_document(session))


def test_schema_itself_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(session_schema())


def test_document_names_format_and_version():
    doc = codec.to_document(full_session())
    assert doc["format"] == "terugblik-session"
    assert doc["schema_version"] == codec.SCHEMA_VERSION


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([], "not a Terugblik session"),
        ({"format": "something-else"}, "not a Terugblik session"),
        ({"format": "terugblik-session", "schema_version": 4}, "newer Terugblik (schema version 4"),
        ({"format": "terugblik-session", "schema_version": "1"}, "schema_version must be a whole number"),
        ({"format": "terugblik-session", "schema_version": 1}, "id: is missing"),
    ],
)
def test_refusals_name_the_source_and_the_problem(doc, expected):
    with pytest.raises(codec.DocumentError) as info:
        codec.from_document(doc, "meeting.json")
    assert str(info.value).startswith("meeting.json: ")
    assert expected in str(info.value)


def test_refusal_in_dutch():
    with pytest.raises(codec.DocumentError, match="nieuwere Terugblik"):
        codec.from_document({"format": "terugblik-session", "schema_version": 7}, "a.json", lang="nl")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"format": ', r"not valid JSON \(line 1"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_bytes_are_refused_clearly(data, expected):
    with pytest.raises(codec.DocumentError, match=expected):
        codec.parse_bytes(data, "bad.json")


def test_load_file_refuses_folders_and_missing_files(tmp_path):
    with pytest.raises(codec.DocumentError, match="is a folder"):
        codec.load_file(tmp_path)
    with pytest.raises(codec.DocumentError, match="missing.json"):
        codec.load_file(tmp_path / "missing.json")


def test_load_file_refuses_huge_files_without_reading_them(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_text("{}")
    monkeypatch.setattr(codec, "MAX_DOCUMENT_BYTES", 1)
    with pytest.raises(codec.DocumentError, match="too large"):
        codec.load_file(path)


def test_file_with_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + codec.dumps(full_session()).encode())
    assert codec.load_file(path) == full_session()


def test_partial_documents_are_never_loaded():
    doc = codec.to_document(full_session())
    del doc["frictions"][1]["votes"]
    with pytest.raises(codec.DocumentError, match=r"frictions\[1\]\.votes: is missing"):
        codec.from_document(json.loads(json.dumps(doc)), "s.json")
