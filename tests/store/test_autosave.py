"""The background Autosaver: bursts coalesce, flush and close save everything, failures are retried."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.store.records as records_module
from tui.core import operations
from tui.core.codec import to_document
from tui.core.model import Session
from tui.store.autosave import Autosaver, SaveStatus
from tui.store.records import RecordsStore

from .helpers import make_session, wait_until


def on_disk(folder: Path, session_id: str) -> Session | None:
    """The session as a fresh read-only store sees it in the database file."""
    with RecordsStore.open(folder, read_only=True) as reader:
        return reader.get_session(session_id) if reader.has_session(session_id) else None


def revisions(session: Session, count: int) -> list[dict]:
    """Snapshots of the session after each of ``count`` quick edits of its title."""
    snapshots = []
    for n in range(1, count + 1):
        session.title = f"versie {n}"
        snapshots.append(to_document(session))
    return snapshots


@pytest.fixture
def statuses() -> list[SaveStatus]:
    return []


@pytest.fixture
def saver(store: RecordsStore, statuses: list[SaveStatus]) -> Iterator[Autosaver]:
    saver = Autosaver(store, delay=0.05, retry_after=0.05, on_status=statuses.append)
    yield saver
    saver.close(timeout=5)


def test_quick_submits_coalesce_into_one_save(store: RecordsStore, folder: Path, statuses: list) -> None:
    saver = Autosaver(store, delay=0.2, on_status=statuses.append)
    try:
        session = make_session()
        store.save_session(session)  # an update from here on: one database write per save
        writes = store.writes
        for doc in revisions(session, 5):
            saver.submit(doc)
        wait_until(lambda: statuses, what="the background save")
        assert saver.flush(timeout=5)
        assert store.writes == writes + 1
        assert [(s.session_id, s.error) for s in statuses] == [(session.id, None)]
        assert on_disk(folder, session.id).title == "versie 5"
    finally:
        saver.close(timeout=5)


def test_flush_saves_the_last_snapshot_now(store: RecordsStore, folder: Path, statuses: list) -> None:
    saver = Autosaver(store, delay=30, on_status=statuses.append)  # would not save by itself in time
    try:
        session, other = make_session(), make_session(team="Buurtzorg West")
        for doc in revisions(session, 3):
            saver.submit(doc)
        saver.submit(to_document(other))
        assert saver.flush(timeout=5)
        assert on_disk(folder, session.id) == session
        assert on_disk(folder, other.id) == other
        assert sorted(s.session_id for s in statuses) == sorted([session.id, other.id])
    finally:
        saver.close(timeout=5)


def test_failed_save_is_reported_and_retried(
    monkeypatch: pytest.MonkeyPatch, saver: Autosaver, folder: Path, statuses: list
) -> None:
    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    session = make_session()
    monkeypatch.setattr(records_module, "write_atomic", disk_full)
    saver.submit(to_document(session))
    wait_until(lambda: statuses, what="the failed save to be reported")
    failed = statuses[0]
    assert failed.session_id == session.id
    assert failed.error is not None and failed.error.key == "store.disk_full"
    assert saver.failing
    assert not saver.flush(timeout=1)  # it cannot promise the save while the disk is full
    assert on_disk(folder, session.id) is None

    monkeypatch.undo()
    wait_until(lambda: statuses[-1].error is None, what="the retry to succeed")
    assert not saver.failing
    assert on_disk(folder, session.id) == session
    assert saver.flush(timeout=5)


def test_newer_snapshot_wins_over_the_failed_one(
    monkeypatch: pytest.MonkeyPatch, store: RecordsStore, folder: Path, statuses: list
) -> None:
    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    saver = Autosaver(store, delay=0.01, retry_after=0.2, on_status=statuses.append)
    try:
        session = make_session()
        first, second = revisions(session, 2)
        monkeypatch.setattr(records_module, "write_atomic", disk_full)
        saver.submit(first)
        wait_until(lambda: saver.failing, what="the first save to fail")
        saver.submit(second)  # replaces the failed snapshot waiting for its retry
        monkeypatch.undo()
        wait_until(lambda: statuses[-1].error is None, what="the retry to succeed")
        assert saver.flush(timeout=5)
        assert on_disk(folder, session.id).title == "versie 2"
    finally:
        saver.close(timeout=5)


def test_close_after_the_disk_recovered_saves_the_pending_snapshot(
    monkeypatch: pytest.MonkeyPatch, store: RecordsStore, folder: Path
) -> None:
    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    saver = Autosaver(store, delay=0.01, retry_after=30)  # the timed retry is far away
    session = make_session()
    monkeypatch.setattr(records_module, "write_atomic", disk_full)
    saver.submit(to_document(session))
    wait_until(lambda: saver.failing, what="the save to fail")
    monkeypatch.undo()  # space was freed; now the user quits
    assert saver.close(timeout=5)
    assert on_disk(folder, session.id) == session


def test_invalid_document_is_reported_not_retried(saver: Autosaver, store: RecordsStore, statuses: list) -> None:
    doc = to_document(make_session())
    doc["frictions"][0]["votes"] = -1
    saver.submit(doc)
    wait_until(lambda: statuses, what="the status")
    assert statuses[0].error.key == "store.invalid_session"
    assert "frictions[0].votes" in str(statuses[0].error)
    assert not saver.failing
    assert saver.flush(timeout=5)
    assert len(statuses) == 1
    assert not store.has_session(doc["id"])


def test_close_leaves_nothing_pending(store: RecordsStore, folder: Path) -> None:
    saver = Autosaver(store, delay=30)
    session = make_session()
    saver.submit(to_document(session))
    assert saver.close(timeout=5)
    assert not saver._thread.is_alive()
    assert not saver._pending
    assert on_disk(folder, session.id) == session


# -- the one writer: preferences and team profiles -------------------------------------------


def test_a_preference_is_read_at_once_and_written_by_the_writer(tmp_path):
    folder = tmp_path / "records"
    store = RecordsStore.open(folder)
    saver = Autosaver(store, delay=60)  # session saves would wait a minute; preferences do not
    saver.remember_setting("theme", "textual-dark")
    assert store.setting("theme") == "textual-dark", "read-your-writes, before the disk is touched"
    assert saver.flush(timeout=5)
    saver.close()
    store.close()
    with RecordsStore.open(folder, read_only=True) as again:
        assert again.setting("theme") == "textual-dark"


def test_a_read_only_store_stages_no_preference(tmp_path):
    folder = tmp_path / "records"
    RecordsStore.open(folder).close()
    with RecordsStore.open(folder, read_only=True) as reader:
        saver = Autosaver(reader)
        saver.remember_setting("theme", "textual-dark")
        assert reader.setting("theme") is None
        assert saver.close(timeout=5)


def test_the_writer_stores_a_team_profile_and_waits_when_asked(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    saver = Autosaver(store)
    session = operations.start_session("Wijkteam West", "nl", "kort")
    operations.add_participant(session, "Bram", "Thuiszorg", "nurse")
    saver.remember_team(session, timeout=5)
    profile = store.get_team("Wijkteam West")
    assert profile is not None and [p.name for p in profile.roster] == ["Bram"]
    saver.close()
    store.close()


def test_the_listing_includes_snapshots_not_yet_written(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    saver = Autosaver(store, delay=60)
    session = operations.start_session("Wijkteam Noord", "nl", "kort")
    store.save_session(session)
    session.current_phase = "frictions"
    fresh = operations.start_session("Wijkteam Zuid", "nl", "kort")
    saver.submit(to_document(session))
    saver.submit(to_document(fresh))
    assert {s.id: s.current_phase for s in store.list_sessions()} == {session.id: "setup"}
    listed = {s.id: s.current_phase for s in saver.list_sessions()}
    assert listed == {session.id: "frictions", fresh.id: "setup"}
    assert saver.close(timeout=5)
    assert {s.id: s.current_phase for s in store.list_sessions()} == listed
    store.close()
