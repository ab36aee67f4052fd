"""One file per session: the files are the truth, the index only a cache, sharing never loses a version."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.core.codec import dumps, to_document
from tui.core.model import TeamProfile
from tui.store.records import RecordsStore
from tui.store.sessionfiles import git_sides

from .helpers import keys, make_session, session_file


def copy_of(folder: Path, session, name: str, **changes) -> Path:
    """Another version of ``session`` as a sync tool would leave it, under ``name`` in the sessions folder."""
    doc = to_document(session) | changes
    path = folder / "sessions" / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_save_writes_one_line_of_the_interchange_document(store: RecordsStore, folder: Path) -> None:
    session = make_session()
    store.save_session(session)
    data = session_file(folder, session.id).read_bytes()
    assert data.count(b"\n") == 1 and data.endswith(b"\n")
    assert json.loads(data) == json.loads(dumps(session))


@pytest.mark.parametrize("damage", ["missing", "garbage", "empty", "of another version"])
def test_a_lost_or_damaged_index_is_rebuilt_from_the_files_with_a_message(folder: Path, damage: str) -> None:
    sessions = [make_session(team=f"Team {n}") for n in range(5)]
    with RecordsStore.open(folder) as store:
        for session in sessions:
            store.save_session(session)
        store.save_team(TeamProfile(name="Team 1", ambition="samen"))
    index = folder / ".terugblik" / "index.json"
    if damage == "missing":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(b"\x00garbage")
    elif damage == "empty":
        index.write_bytes(b"")
    else:
        index.write_text('{"meta": {"1": {"format": "terugblik-index", "version": 99}}}')
    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.index_built" if damage == "missing" else "store.index_rebuilt"]
        assert sorted(s.id for s in store.list_sessions()) == sorted(s.id for s in sessions)
        assert store.get_session(sessions[2].id) == sessions[2]
    with RecordsStore.open(folder) as store:
        assert store.warnings == []
        profile = store.get_team("Team 1")  # lost with the index: the team's sessions still say who they are
        assert profile is None or profile.name == "Team 1"


def test_files_added_changed_and_removed_while_closed_are_picked_up(folder: Path) -> None:
    kept, changed, removed = make_session(title="blijft"), make_session(title="oud"), make_session(title="weg")
    with RecordsStore.open(folder) as store:
        for session in (kept, changed, removed):
            store.save_session(session)
    added = make_session(title="nieuw van een andere laptop")
    session_file(folder, added.id).write_text(dumps(added), encoding="utf-8")
    changed.title = "bijgewerkt elders"
    session_file(folder, changed.id).write_text(dumps(changed), encoding="utf-8")
    session_file(folder, removed.id).unlink()
    with RecordsStore.open(folder) as store:
        assert store.warnings == []
        assert sorted(s.title for s in store.list_sessions()) == ["bijgewerkt elders", "blijft",
                                                                  "nieuw van een andere laptop"]
        assert store.get_session(changed.id).title == "bijgewerkt elders"


def test_files_appearing_and_vanishing_under_an_open_store_lose_nothing(store: RecordsStore, folder: Path) -> None:
    mine = make_session(title="mijn sessie")
    store.save_session(mine)
    present: dict[str, str] = {}
    for number in range(20):
        theirs = make_session(title=f"van elders {number}")
        session_file(folder, theirs.id).write_text(dumps(theirs), encoding="utf-8")  # as a sync tool adds it
        present[theirs.id] = theirs.title
        if number % 3 == 0:
            mine.title = f"mijn sessie, versie {number}"
            store.save_session(mine)  # saving goes on while files come and go
        if number % 4 == 0:
            gone = sorted(present)[0]
            session_file(folder, gone).unlink()  # and removes one
            del present[gone]
        listed = {s.id: s.title for s in store.list_sessions()}
        assert listed == {mine.id: mine.title, **present}
    assert store.get_session(mine.id) == mine
    store.close()
    with RecordsStore.open(folder) as again:
        assert {s.id: s.title for s in again.list_sessions()} == {mine.id: mine.title, **present}


@pytest.mark.parametrize("name", ["{id} (conflicted copy 2026-12-04 101112).json",
                                  "{id}.sync-conflict-20261204-101112-ABCDEFG.json",
                                  "{id} (Anna's conflicted copy 2026-12-04).json"])
def test_a_sync_tools_conflict_copy_is_a_second_version_the_lead_chooses_between(
        store: RecordsStore, folder: Path, name: str) -> None:
    session = make_session(title="hier")
    store.save_session(session)
    copy = copy_of(folder, session, name.format(id=session.id), title="daar", updated_at="2030-01-01T00:00:00+00:00")
    [summary] = store.list_sessions()
    assert summary.versions == 2 and summary.title == "hier"  # its own file first
    versions = store.conflict_versions(session.id)
    assert [(file, s.title) for file, s in versions] == [(f"{session.id}.json", "hier"), (copy.name, "daar")]
    store.resolve_conflict(session.id, 1)
    [summary] = store.list_sessions()
    assert summary.versions == 1 and summary.title == "daar"
    assert [p.name for p in (folder / "sessions").iterdir()] == [f"{session.id}.json"]
    replaced = sorted(p.name for p in (folder / ".terugblik" / "replaced").iterdir())
    assert len(replaced) == 2 and replaced[0].endswith(copy.name) or replaced[1].endswith(copy.name)


def test_a_conflict_is_reported_when_the_folder_opens(folder: Path) -> None:
    session = make_session()
    with RecordsStore.open(folder) as store:
        store.save_session(session)
    copy_of(folder, session, f"{session.id} (conflicted copy).json", title="anders")
    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.conflicts"]
        assert session.id[:8] in store.warnings[0].message("en")


def test_a_file_changed_behind_the_stores_back_is_kept_beside_the_next_save(store: RecordsStore, folder: Path) -> None:
    session = make_session(title="hier")
    store.save_session(session)
    other = make_session(title="van de andere laptop")
    other.id = session.id
    os.utime(session_file(folder, session.id), ns=(1, 1))  # even when the size happens to be the same
    session_file(folder, session.id).write_text(dumps(other), encoding="utf-8")
    session.title = "hier, verder getypt"
    store.save_session(session)  # before any list: the other version must survive
    versions = store.conflict_versions(session.id)
    assert sorted(s.title for _, s in versions) == ["hier, verder getypt", "van de andere laptop"]
    assert "changed elsewhere" in versions[1][0]


def git_conflict(ours: bytes, theirs: bytes, base: bytes | None = None) -> bytes:
    middle = b"||||||| base\n" + base if base is not None else b""
    return b"<<<<<<< HEAD\n" + ours + middle + b"=======\n" + theirs + b">>>>>>> origin/main\n"


def test_git_conflict_markers_are_split_into_both_versions() -> None:
    assert git_sides(b'{"a": 1}\n') is None
    assert git_sides(git_conflict(b"ours\n", b"theirs\n")) == [b"ours\n", b"theirs\n"]
    assert git_sides(git_conflict(b"ours\n", b"theirs\n", b"base\n")) == [b"ours\n", b"theirs\n"]
    assert git_sides(b"<<<<<<< HEAD\nours\n=======\n") is None  # cut short: not a conflict we can read


def test_a_file_git_left_in_conflict_shows_both_versions_and_keeps_the_chosen_one(store: RecordsStore,
                                                                                  folder: Path) -> None:
    session = make_session(title="laptop A")
    store.save_session(session)
    other = make_session(title="laptop B")
    other.id = session.id
    path = session_file(folder, session.id)
    ours = path.read_bytes()
    store.save_session(make_session(title="iets anders"))
    path.write_bytes(git_conflict(ours, json.dumps(to_document(other)).encode() + b"\n"))
    [summary] = [s for s in store.list_sessions() if s.id == session.id]
    assert summary.versions == 2 and summary.title == "laptop A"
    assert [s.title for _, s in store.conflict_versions(session.id)] == ["laptop A", "laptop B"]
    assert "theirs" in store.conflict_versions(session.id)[1][0]
    store.resolve_conflict(session.id, 1)
    assert b"<<<<<<<" not in path.read_bytes()
    assert store.get_session(session.id) == other


def test_a_damaged_session_file_is_reported_left_alone_and_never_overwritten(folder: Path) -> None:
    good = make_session()
    with RecordsStore.open(folder) as store:
        store.save_session(good)
    broken = folder / "sessions" / "half.json"
    broken.write_text(dumps(good)[:40], encoding="utf-8")
    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.damaged_file"]
        assert [label for label, _ in store.damaged] == ["half.json"]
        assert [s.id for s in store.list_sessions()] == [good.id]
        store.save_session(good)
    assert broken.read_text(encoding="utf-8") == dumps(good)[:40]


def test_preferences_live_in_the_users_config_folder_not_the_records(tmp_path: Path, folder: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with RecordsStore.open(folder) as store:
        store.remember_setting("theme", "textual-dark")
    assert json.loads((tmp_path / "config" / "terugblik" / "settings.json").read_text()) == {"theme": "textual-dark"}
    assert b"textual-dark" not in b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    with RecordsStore.open(tmp_path / "other-records") as other:
        assert other.setting("theme") == "textual-dark"  # the person's, whatever folder they open


def test_a_version_listed_while_a_session_runs_is_not_overwritten_by_its_next_save(store: RecordsStore,
                                                                                  folder: Path) -> None:
    session = make_session(title="hier")
    store.save_session(session)
    other = make_session(title="elders")
    other.id = session.id
    session_file(folder, session.id).write_text(dumps(other), encoding="utf-8")
    store.list_sessions()  # the list takes the other version in; the running session does not know it
    session.title = "hier, verder getypt"
    store.save_session(session)
    assert sorted(s.title for _, s in store.conflict_versions(session.id)) == ["elders", "hier, verder getypt"]


def test_a_session_resumed_after_it_changed_elsewhere_saves_without_a_false_conflict(store: RecordsStore,
                                                                                    folder: Path) -> None:
    session = make_session(title="hier")
    store.save_session(session)
    other = make_session(title="elders")
    other.id = session.id
    session_file(folder, session.id).write_text(dumps(other), encoding="utf-8")
    store.list_sessions()
    resumed = store.get_session(session.id)  # Home -> resume: the version on disk now
    assert resumed.title == "elders"
    resumed.title = "elders, verder getypt"
    store.save_session(resumed)
    [summary] = store.list_sessions()
    assert summary.versions == 1 and summary.title == "elders, verder getypt"


def test_reading_every_session_looks_each_up_by_its_id_not_by_scanning_every_id(
        store: RecordsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # Resolving an id prefix scans every id of the folder: done once per session, reading
    # all of them (compare over a folder of thousands) was quadratic.
    sessions = [make_session(team=f"Team {n}") for n in range(4)]
    for session in sessions:
        store.save_session(session)
    scans = []
    real = store._index.ids
    monkeypatch.setattr(store._index, "ids", lambda: scans.append(1) or real())
    found, problems = store.all_sessions()
    assert sorted(s.id for s in found) == sorted(s.id for s in sessions) and problems == []
    assert scans == []
    assert len(store.sessions_of_team("Team 1")) == 1 and scans == []
