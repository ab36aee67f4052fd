"""Records are private (0700 folder, 0600 files), and an unwritable folder gives a UserError, not a traceback.

Root ignores file permissions, so an unwritable folder is simulated by making the os
calls that create, rename or remove entries in it fail with EACCES, as they do for a
user without write permission; a real chmod 0500 variant runs only as non-root.
"""

from __future__ import annotations

import errno
import os
import pathlib
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.core.errors import UserError
from tui.core.codec import dumps
from tui.core.model import Session
from tui.store.lock import LOCK_NAME
from tui.store.records import RecordsStore

from .helpers import keys, make_session, session_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

IS_ROOT = os.name == "posix" and os.geteuid() == 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request) -> Iterator[int]:
    """Run the test under this umask: modes must not depend on it."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.fixture
def deny_writes(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """``deny_writes(folder)``: entries in ``folder`` can no longer be created, renamed or removed,
    and the folder cannot be chmod-ed (as for a folder that is not ours); existing files
    stay readable and writable, as on a real read-only folder."""
    denied: set[str] = set()
    real = {name: getattr(os, name) for name in ("open", "mkdir", "replace", "rename", "unlink", "remove", "chmod")}

    def inside(path) -> bool:
        return os.path.dirname(os.path.abspath(os.fsdecode(path))) in denied

    def refuse(path, code: int = errno.EACCES):
        raise PermissionError(code, os.strerror(code), os.fsdecode(path))

    def fake_open(path, flags, mode=0o777, **kw):
        if flags & os.O_CREAT and inside(path) and not os.path.lexists(path):
            refuse(path)
        return real["open"](path, flags, mode, **kw)

    def fake_mkdir(path, mode=0o777, **kw):
        if inside(path):
            refuse(path)
        return real["mkdir"](path, mode, **kw)

    def rename_like(name: str):
        def fake(src, dst, **kw):
            if inside(src) or inside(dst):
                refuse(dst)
            return real[name](src, dst, **kw)

        return fake

    def unlink_like(name: str):
        def fake(path, **kw):
            if inside(path):
                refuse(path)
            return real[name](path, **kw)

        return fake

    def fake_chmod(path, mode, **kw):
        if os.path.abspath(os.fsdecode(path)) in denied:
            refuse(path, errno.EPERM)
        return real["chmod"](path, mode, **kw)

    for name, fake in {
        "open": fake_open,
        "mkdir": fake_mkdir,
        "replace": rename_like("replace"),
        "rename": rename_like("rename"),
        "unlink": unlink_like("unlink"),
        "remove": unlink_like("remove"),
        "chmod": fake_chmod,
    }.items():
        monkeypatch.setattr(os, name, fake)
    return lambda folder: denied.add(os.path.abspath(folder))


def used_folder(folder: Path) -> Session:
    """A records folder in use: one session saved, store closed (the lock file stays)."""
    session = make_session(title="al bewaard")
    with RecordsStore.open(folder) as store:
        store.save_session(session)
    return session


# -- modes -------------------------------------------------------------------------------


def test_new_records_are_private(umask: int, folder: Path) -> None:
    with RecordsStore.open(folder) as store:
        session = make_session()
        store.save_session(session)
        minutes = store.write_minutes(session)
        assert mode(folder) == 0o700
        assert mode(folder / "sessions") == 0o700
        assert mode(session_file(folder, session.id)) == 0o600
        assert mode(folder / LOCK_NAME) == 0o600
        assert [p.suffix for p in minutes] == [".json", ".md", ".html"]
        for path in minutes:
            assert mode(path) == 0o600, path.name
    assert mode(folder / ".terugblik") == 0o700
    assert mode(folder / ".terugblik" / "index.json") == 0o600


def test_opening_narrows_an_existing_folder_to_the_owner(folder: Path) -> None:
    folder.mkdir()
    folder.chmod(0o755)
    RecordsStore.open(folder).close()
    assert mode(folder) == 0o700


def test_saving_makes_a_copied_in_session_file_private(folder: Path) -> None:
    session = make_session()
    copied = session_file(folder, session.id)
    copied.parent.mkdir(parents=True)
    copied.write_text(dumps(session))
    copied.chmod(0o644)
    with RecordsStore.open(folder) as store:
        session.title = "bijgewerkt"
        store.save_session(session)
    assert mode(copied) == 0o600


def test_opening_never_widens_a_read_only_folder(folder: Path) -> None:
    used_folder(folder)
    folder.chmod(0o500)
    try:
        try:
            RecordsStore.open(folder).close()
        except UserError:
            pass
        assert mode(folder) == 0o500
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(IS_ROOT, reason="root ignores permissions; the simulated tests below cover this")
def test_real_read_only_folder_refuses_saves(folder: Path) -> None:
    used_folder(folder)
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError) as raised:
            with RecordsStore.open(folder) as store:
                store.save_session(make_session(title="nieuw"))
        assert raised.value.key == "store.not_writable"
    finally:
        folder.chmod(0o700)


# -- an unwritable folder (simulated) ----------------------------------------------------


def test_unwritable_new_folder_cannot_be_opened_for_writing(deny_writes, folder: Path) -> None:
    folder.mkdir()
    deny_writes(folder)  # no lock file yet, and none can be created
    with pytest.raises(UserError) as raised:
        RecordsStore.open(folder)
    assert raised.value.key == "store.not_writable"

    with RecordsStore.open(folder, allow_read_only=True) as store:
        assert store.read_only
        assert keys(store.warnings) == ["store.opened_read_only_denied"]
        with pytest.raises(UserError) as raised:
            store.save_session(make_session())
        assert raised.value.key == "store.read_only"


def test_records_folder_cannot_be_created(deny_writes, tmp_path: Path) -> None:
    deny_writes(tmp_path)
    with pytest.raises(UserError) as raised:
        RecordsStore.open(tmp_path / "records")
    assert raised.value.key == "store.not_writable"


def test_unwritable_used_folder_refuses_saves_and_keeps_data(deny_writes, folder: Path) -> None:
    saved = used_folder(folder)
    db_file = session_file(folder, saved.id)
    before = db_file.read_bytes()
    deny_writes(folder)
    deny_writes(folder / "sessions")
    with RecordsStore.open(folder) as store:  # the existing lock file can still be locked
        for write in (
            lambda: store.save_session(make_session(title="nieuw")),
            lambda: store.write_minutes(saved),
            lambda: store.delete_session(saved.id),
        ):
            with pytest.raises(UserError) as raised:
                write()
            assert raised.value.key == "store.not_writable"
        assert [s.id for s in store.list_sessions()] == [saved.id]
        assert store.get_session(saved.id) == saved
    assert db_file.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted([LOCK_NAME, ".terugblik", "sessions"])


def test_damaged_database_in_unwritable_folder_gives_user_error(deny_writes, folder: Path, db_file: Path) -> None:
    used_folder(folder)
    db_file.write_bytes(b"\x00" * 64)
    deny_writes(folder)
    with pytest.raises(UserError):
        RecordsStore.open(folder)


def test_unreadable_database_gives_user_error(monkeypatch: pytest.MonkeyPatch, folder: Path, db_file: Path) -> None:
    used_folder(folder)
    db_file.write_text("{}")  # a database of an earlier version, not yet migrated
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == db_file:  # as for a 0000 or someone else's 0600 file, for a non-root user
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    with pytest.raises(UserError):
        RecordsStore.open(folder, read_only=True)


def test_unreadable_session_file_is_named_not_a_traceback(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    saved = used_folder(folder)
    (folder / ".terugblik" / "index.json").unlink()  # so the file must be read
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == session_file(folder, saved.id):  # as for someone else's 0600 file, for a non-root user
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    with RecordsStore.open(folder, read_only=True) as store:
        assert store.list_sessions() == []
        assert store.damaged == [(f"{saved.id}.json", os.strerror(errno.EACCES))]
        assert keys(store.warnings) == ["store.damaged_file"]
