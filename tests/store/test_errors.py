"""A failed write (disk full, no permission, ...) is a UserError and leaves disk and memory at the last good state."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

import tui.store.outputs as outputs_module
import tui.store.records as records_module
import tui.store.index as index_module
from tui.core.codec import dumps
from tui.core.errors import UserError
from tui.core.model import GoesWellNote, TeamProfile
from tui.store.records import RecordsStore

from .helpers import make_session, session_file

FAILURES = [
    (errno.ENOSPC, "store.disk_full"),
    (errno.EACCES, "store.not_writable"),
    (errno.EPERM, "store.not_writable"),
    (errno.EROFS, "store.not_writable"),
    (errno.EIO, "store.os_error"),
]


def failing_write(code: int) -> Callable[[Path, bytes], None]:
    def write_atomic(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    return write_atomic


@pytest.fixture(params=FAILURES, ids=[errno.errorcode[code] for code, _ in FAILURES])
def failure(request) -> tuple[int, str]:
    """An errno and the UserError key the store must turn it into."""
    return request.param


def test_failed_update_keeps_previous_state(
    monkeypatch: pytest.MonkeyPatch, failure: tuple[int, str], store: RecordsStore, folder: Path
) -> None:
    code, key = failure
    session = make_session(title="eerste versie")
    store.save_session(session)
    db_file = session_file(folder, session.id)
    on_disk = db_file.read_bytes()
    changed = msgspec.structs.replace(
        session, title="tweede versie", goes_well=[*session.goes_well, GoesWellNote(text="Nieuw punt")]
    )

    with monkeypatch.context() as patch:
        patch.setattr(records_module, "write_atomic", failing_write(code))
        with pytest.raises(UserError) as raised:
            store.save_session(changed)
        assert raised.value.key == key
        assert raised.value.params["path"] == db_file
        assert db_file.read_bytes() == on_disk
        # Still failing, so what the store reads now cannot come from a later write.
        assert store.get_session(session.id) == session
        assert [s.title for s in store.list_sessions()] == ["eerste versie"]

    store.save_session(changed)
    assert store.get_session(session.id) == changed
    with RecordsStore.open(folder, read_only=True) as reader:
        assert reader.get_session(session.id) == changed


def test_failed_insert_leaves_no_trace(monkeypatch: pytest.MonkeyPatch, store: RecordsStore, folder: Path) -> None:
    kept = make_session(title="bewaard")
    store.save_session(kept)
    on_disk = sorted((folder / "sessions").iterdir())
    new = make_session(title="nieuw")
    monkeypatch.setattr(records_module, "write_atomic", failing_write(errno.ENOSPC))
    with pytest.raises(UserError, match="disk is full"):
        store.save_session(new)
    assert not store.has_session(new.id)
    assert [s.id for s in store.list_sessions()] == [kept.id]
    assert sorted((folder / "sessions").iterdir()) == on_disk


def test_failed_delete_keeps_the_session(monkeypatch: pytest.MonkeyPatch, store: RecordsStore) -> None:
    session = make_session()
    store.save_session(session)
    def unlink(path: Path, missing_ok: bool = False) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(UserError) as raised:
        store.delete_session(session.id)
    assert raised.value.key == "store.not_writable"
    assert store.get_session(session.id) == session


def test_failed_team_save_keeps_previous_profile(monkeypatch: pytest.MonkeyPatch, store: RecordsStore) -> None:
    store.save_team(TeamProfile(name="Wijkteam Oost", ambition="samen sterker"))
    monkeypatch.setattr(index_module, "write_atomic", failing_write(errno.ENOSPC))
    with pytest.raises(UserError):
        store.save_team(TeamProfile(name="Wijkteam Oost", ambition="iets anders"))
    assert store.get_team("Wijkteam Oost").ambition == "samen sterker"


def test_failed_import_imports_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store: RecordsStore, folder: Path
) -> None:
    store.save_session(make_session(title="bewaard"))
    on_disk = sorted((folder / "sessions").iterdir())
    incoming = [make_session(team=f"Team {n}") for n in range(3)]
    files = []
    for n, session in enumerate(incoming):
        files.append(tmp_path / f"import-{n}.json")
        files[-1].write_text(dumps(session), encoding="utf-8")
    monkeypatch.setattr(outputs_module, "write_new", failing_write(errno.ENOSPC))
    with pytest.raises(UserError) as raised:
        store.import_paths(files)
    assert raised.value.key == "store.disk_full"
    assert [s.title for s in store.list_sessions()] == ["bewaard"]
    assert sorted((folder / "sessions").iterdir()) == on_disk

    monkeypatch.undo()
    report = store.import_paths(files)
    assert sorted(sid for _, sid in report.imported) == sorted(s.id for s in incoming)


def test_failed_minutes_write_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch, failure: tuple[int, str], store: RecordsStore, folder: Path
) -> None:
    code, key = failure
    session = make_session()
    monkeypatch.setattr(outputs_module, "write_atomic", failing_write(code))
    with pytest.raises(UserError) as raised:
        store.write_minutes(session)
    assert raised.value.key == key
    assert raised.value.params["path"] == store.minutes_path(session, "json")
    assert not store.minutes_path(session, "json").exists()


def test_records_path_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "records"
    path.write_text("geen map")
    with pytest.raises(UserError) as raised:
        RecordsStore.open(path)
    assert raised.value.key == "store.not_a_folder"
    assert path.read_text() == "geen map"


def test_read_only_open_of_missing_folder_creates_nothing(folder: Path) -> None:
    with pytest.raises(UserError) as raised:
        RecordsStore.open(folder, read_only=True)
    assert raised.value.key == "store.no_folder"
    assert not folder.exists()
