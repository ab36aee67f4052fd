"""A database of the right shape with broken entries inside: each reported, the rest usable, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.codec import to_document
from tui.core.errors import UserError
from tui.store.records import DB_NAME, RecordsStore

from .helpers import keys, make_session

ASIDE_GLOB = "terugblik.db.damaged-*.json"


def good_documents() -> list[dict]:
    return [to_document(make_session(team="Wijkteam Oost")), to_document(make_session(team="Buurtzorg West"))]


def broken_database(folder: Path) -> tuple[bytes, list[dict], str]:
    """A database with two good sessions and one broken entry of each kind; its bytes, the good docs, a broken id."""
    good = good_documents()
    broken = to_document(make_session(team="Kapot"))
    broken_id = broken["id"]
    del broken["team"]
    second_copy = dict(good[0])
    tables = {
        "sessions": {
            "1": good[0],
            "2": broken,
            "3": ["not", "an", "object"],
            "four": good[1] | {"id": "f" * 32},
            "5": good[1],
            "6": second_copy,
            "7": good[1] | {"id": "e" * 32, "frictions": [{"id": 3}]},
        },
        "teams": {"1": {"name": "Wijkteam Oost", "key": "wijkteam oost", "roster": "Anna"}},
        "settings": {"1": {"name": "theme", "value": ["dark"]}, "2": {"name": "language", "value": "nl"}},
        "_other": {"x": "kept as it is"},
    }
    folder.mkdir(mode=0o700)
    data = json.dumps(tables).encode()
    (folder / DB_NAME).write_bytes(data)
    return data, good, broken_id


def test_reading_lists_the_usable_sessions_and_reports_every_broken_entry(folder: Path) -> None:
    data, good, broken_id = broken_database(folder)
    with RecordsStore.open(folder, read_only=True) as store:
        assert sorted(s.id for s in store.list_sessions()) == sorted(d["id"] for d in good)
        assert keys(store.warnings) == ["store.damaged_entry"] * 7
        labels = [label for label, _ in store.damaged]
        assert broken_id in labels and "sessions/3" in labels and "f" * 32 in labels and "e" * 32 in labels
        assert "teams/1" in labels and "settings/1" in labels
        reasons = dict(store.damaged)
        assert "team" in reasons[broken_id]
        assert "second copy" in reasons[good[0]["id"]]
        with pytest.raises(UserError) as caught:
            store.get_session(broken_id[:8])
        assert caught.value.key == "store.damaged_session" and broken_id in caught.value.message()
        assert store.get_session(good[1]["id"]).team == "Buurtzorg West"
        assert store.team_names() == ["Buurtzorg West", "Wijkteam Oost"]
        assert store.get_team("Wijkteam Oost") is None
        assert store.setting("theme") is None
        sessions, problems = store.all_sessions()
        assert len(sessions) == 2 and len(problems) == 5
    assert (folder / DB_NAME).read_bytes() == data  # reading changes nothing


def test_a_writer_migrates_the_usable_entries_and_keeps_the_whole_file(folder: Path) -> None:
    data, good, broken_id = broken_database(folder)
    with RecordsStore.open(folder) as store:
        [backup] = folder.glob("terugblik.db.backup-*.json")
        assert backup.read_bytes() == data  # everything, broken entries included, byte for byte
        assert keys(store.warnings) == ["store.migrated"] + ["store.damaged_entry"] * 7
        assert store.warnings[0].params["backup"] == backup
        assert all(w.params["path"] == backup for w in store.warnings[1:])
        assert store.setting("language") == "nl" and store.setting("theme") is None
        store.save_session(make_session(team="Nieuw"))
    assert not (folder / DB_NAME).exists()
    files = sorted(p.name for p in (folder / "sessions").iterdir())
    assert len(files) == 3 and all(f"{d['id']}.json" in files for d in good)
    with RecordsStore.open(folder) as store:  # clean now: no second copy, no warning
        assert store.warnings == []
        assert len(store.list_sessions()) == 3
    assert list(folder.glob(ASIDE_GLOB)) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"sessions": {"1": {"votes": ' + b"9" * 5000 + b"}}}", "more than 4300 digits"),
        (b'{"sessions": {"1": {"id": "a", "id": "b"}}}', 'key "id" appears twice'),
        (b'{"sessions": {"1": {"team": "\\ud800"}}}', "lone surrogate"),
        (b'{"sessions": {"1": {"votes": NaN}}}', "NaN"),
        (b'{"sessions": {"1": {"votes": 1e999}}}', "too large"),
    ],
    ids=["huge integer", "duplicate key", "lone surrogate", "NaN", "infinite float"],
)
def test_a_database_json_cannot_hold_is_damaged_not_a_traceback(folder: Path, content: bytes, reason: str) -> None:
    folder.mkdir(mode=0o700)
    (folder / DB_NAME).write_bytes(content)
    with pytest.raises(UserError) as caught:
        RecordsStore.open(folder, read_only=True)
    assert caught.value.key == "store.damaged_read_only" and reason in caught.value.message()
    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.damaged_moved"]
        [aside] = folder.glob(ASIDE_GLOB)
        assert aside.read_bytes() == content
        store.save_session(make_session())
