"""A damaged database of an earlier version is set aside byte for byte and reported, never read as an empty one."""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path

import pytest

import tui.store.folder as folder_module
from tui.core.codec import to_document
from tui.core.errors import UserError
from tui.store.records import RecordsStore

from .helpers import keys, make_session

ASIDE_GLOB = "terugblik.db.damaged-*.json"


def truncated_database(tmp_path: Path) -> bytes:
    """The first half of a database file (as earlier versions wrote it) holding two sessions."""
    docs = [to_document(make_session(notes=20)), to_document(make_session(team="Buurtzorg West"))]
    data = json.dumps({"sessions": {"1": docs[0], "2": docs[1]}}, ensure_ascii=False).encode("utf-8")
    return data[: len(data) // 2]


DAMAGE = {
    "zero bytes": lambda tmp_path: b"",
    "only whitespace": lambda tmp_path: b" \n\t\n",
    "NUL bytes": lambda tmp_path: b"\x00" * 4096,
    "garbage": lambda tmp_path: bytes(range(256)) * 8,
    "truncated JSON": truncated_database,
    "not UTF-8": lambda tmp_path: '{"sessions": {"1": {"team": "Café"}}}'.encode("latin-1"),
    "JSON list": lambda tmp_path: b'[{"team": "Wijkteam Oost"}]',
    "JSON null": lambda tmp_path: b"null",
    "table not an object": lambda tmp_path: b'{"sessions": [1, 2, 3]}',
}


@pytest.fixture(params=DAMAGE.values(), ids=DAMAGE.keys())
def damaged(request, tmp_path: Path, db_file: Path) -> bytes:
    """A records folder whose database file holds damaged content; returns those bytes."""
    content = request.param(tmp_path)
    db_file.parent.mkdir()
    db_file.write_bytes(content)
    return content


def test_open_for_writing_sets_damaged_database_aside(damaged: bytes, folder: Path, db_file: Path) -> None:
    with RecordsStore.open(folder) as store:
        [aside] = folder.glob(ASIDE_GLOB)
        assert aside.read_bytes() == damaged
        assert keys(store.warnings) == ["store.damaged_moved"]
        assert store.warnings[0].params["aside"] == aside
        assert store.list_sessions() == []
        assert not db_file.exists()

        session = make_session()
        store.save_session(session)
    with RecordsStore.open(folder) as store:
        assert store.warnings == []
        assert store.get_session(session.id) == session
    assert [p.read_bytes() for p in folder.glob(ASIDE_GLOB)] == [damaged]


def test_open_read_only_refuses_damaged_database_and_leaves_it(damaged: bytes, folder: Path, db_file: Path) -> None:
    with pytest.raises(UserError) as raised:
        RecordsStore.open(folder, read_only=True)
    assert raised.value.key == "store.damaged_read_only"
    assert db_file.read_bytes() == damaged
    assert list(folder.glob(ASIDE_GLOB)) == []


def test_locked_and_damaged_refuses_instead_of_showing_empty(damaged: bytes, folder: Path, db_file: Path) -> None:
    with RecordsStore.open(folder):  # sets the file aside; then the new file is damaged too
        db_file.write_bytes(damaged)
        with pytest.raises(UserError) as raised:
            RecordsStore.open(folder, allow_read_only=True)
        assert raised.value.key == "store.damaged_read_only"
        assert db_file.read_bytes() == damaged


@pytest.mark.parametrize("content", [b"{}", b'{"sessions": {}, "teams": {}}', b'\n{"_default": {}}\n'])
def test_valid_empty_databases_are_not_damaged(content: bytes, folder: Path, db_file: Path) -> None:
    folder.mkdir()
    db_file.write_bytes(content)
    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.migrated"]
        assert store.list_sessions() == []
    [backup] = folder.glob("terugblik.db.backup-*.json")
    assert backup.read_bytes() == content
    assert list(folder.glob(ASIDE_GLOB)) == []


def test_second_damaged_database_in_the_same_second_keeps_the_first_aside(
    monkeypatch: pytest.MonkeyPatch, folder: Path, db_file: Path
) -> None:
    class SameSecond(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2024, 5, 14, 9, 30, 0)

    monkeypatch.setattr(folder_module, "dt", types.SimpleNamespace(datetime=SameSecond))
    folder.mkdir()
    db_file.write_bytes(b"first damaged copy")
    RecordsStore.open(folder).close()
    db_file.write_bytes(b"second damaged copy")
    RecordsStore.open(folder).close()
    assert sorted(p.read_bytes() for p in folder.glob(ASIDE_GLOB)) == [b"first damaged copy", b"second damaged copy"]

