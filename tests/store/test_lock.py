"""One writer per records folder: a second open is refused (or read-only), and a dead holder frees it."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.core.errors import UserError
from tui.core.model import Session
from tui.store.records import RecordsStore

from .helpers import keys, make_session

pytestmark = pytest.mark.skipif(
    os.name != "posix" or "fork" not in multiprocessing.get_all_start_methods(),
    reason="the two-process lock tests fork a child (POSIX only)",
)


def hold_store(folder: Path, session: Session, pipes: dict[str, int]) -> None:
    """The child: open the store, save a session, say "ready", keep the store open until released."""
    os.close(pipes["ready_r"])
    os.close(pipes["release_w"])
    store = RecordsStore.open(folder)
    store.save_session(session)
    os.write(pipes["ready_w"], b"ready")
    select.select([pipes["release_r"]], [], [], 30)  # readable (EOF) once the parent lets go
    store.close()


@contextlib.contextmanager
def held_by_child(folder: Path, session: Session) -> Iterator[tuple[multiprocessing.Process, Callable[[], None]]]:
    """Run :func:`hold_store` in a forked child; yield the child and a function that releases it.

    Plain pipes, not multiprocessing events: an event whose waiter was SIGKILLed blocks set().
    """
    ready_r, ready_w = os.pipe()
    release_r, release_w = os.pipe()
    pipes = {"ready_r": ready_r, "ready_w": ready_w, "release_r": release_r, "release_w": release_w}
    child = multiprocessing.get_context("fork").Process(target=hold_store, args=(folder, session, pipes), daemon=True)
    child.start()
    os.close(ready_w)
    os.close(release_r)
    open_fds = [ready_r, release_w]

    def release() -> None:
        if release_w in open_fds:
            open_fds.remove(release_w)
            os.close(release_w)

    try:
        readable, _, _ = select.select([ready_r], [], [], 10)
        assert readable and os.read(ready_r, 5) == b"ready", "the child did not open the store"
        yield child, release
    finally:
        release()
        child.join(10)
        if child.is_alive():
            child.kill()
            child.join(5)
        for fd in open_fds:
            os.close(fd)


def test_second_process_cannot_open_for_writing(folder: Path) -> None:
    with held_by_child(folder, make_session()) as (child, _):
        with pytest.raises(UserError) as raised:
            RecordsStore.open(folder)
        assert raised.value.key == "store.locked"
        assert raised.value.params["pid"] == str(child.pid)
        # The refused attempt closed its own handle; that must not free the child's lock.
        with pytest.raises(UserError, match="in use"):
            RecordsStore.open(folder)


def test_locked_folder_opens_read_only_when_allowed(folder: Path) -> None:
    session = make_session(title="van het kind")
    with held_by_child(folder, session):
        store = RecordsStore.open(folder, allow_read_only=True)
        try:
            assert store.read_only
            assert keys(store.warnings) == ["store.opened_read_only_locked"]
            assert [s.id for s in store.list_sessions()] == [session.id]
            assert store.get_session(session.id) == session
            for write in (
                lambda: store.save_session(make_session(title="van de ouder")),
                lambda: store.delete_session(session.id),
                lambda: store.remember_team(session),
                lambda: store.write_minutes(session),
            ):
                with pytest.raises(UserError) as raised:
                    write()
                assert raised.value.key == "store.read_only"
        finally:
            store.close()
    with RecordsStore.open(folder) as store:
        assert [s.title for s in store.list_sessions()] == ["van het kind"]
        assert store.team_names() == [session.team]  # remember_team wrote nothing either


def test_read_only_open_does_not_need_the_lock(folder: Path) -> None:
    session = make_session()
    with held_by_child(folder, session):
        with RecordsStore.open(folder, read_only=True) as store:
            assert store.read_only
            assert store.warnings == []
            assert store.has_session(session.id)


@pytest.mark.parametrize("ending", ["close", "sigkill"])
def test_lock_is_free_after_the_holder_ends(folder: Path, ending: str) -> None:
    session = make_session()
    with held_by_child(folder, session) as (child, release):
        if ending == "sigkill":
            child.kill()  # no close(), no cleanup: the OS must drop the lock
        else:
            release()
        child.join(10)
        assert not child.is_alive()
        with RecordsStore.open(folder) as store:
            assert not store.read_only
            assert store.warnings == []
            store.save_session(make_session(title="na het kind"))
            assert store.has_session(session.id)


def test_two_opens_in_one_process_conflict(folder: Path) -> None:
    first = RecordsStore.open(folder)
    try:
        with pytest.raises(UserError) as raised:
            RecordsStore.open(folder)
        assert raised.value.key == "store.locked"
        assert raised.value.params["pid"] == str(os.getpid())
        with pytest.raises(UserError, match="in use"):  # still held after the failed attempt
            RecordsStore.open(folder)
        with RecordsStore.open(folder, allow_read_only=True) as second:
            assert second.read_only
            assert keys(second.warnings) == ["store.opened_read_only_locked"]
        first.save_session(make_session())  # the first store still writes
    finally:
        first.close()
    with RecordsStore.open(folder) as again:
        assert not again.read_only
        assert len(again.list_sessions()) == 1


def test_close_is_idempotent_and_releases(folder: Path) -> None:
    store = RecordsStore.open(folder)
    store.close()
    store.close()
    with RecordsStore.open(folder) as again:
        assert not again.read_only


def test_lock_knows_when_its_file_was_replaced(tmp_path):
    import shutil

    from tui.store.lock import FolderLock

    folder = tmp_path / "records"
    folder.mkdir()
    lock = FolderLock(folder)
    lock.acquire()
    try:
        assert lock.still_in_place()
        shutil.rmtree(folder)
        assert not lock.still_in_place()
        folder.mkdir()
        (folder / ".terugblik.lock").write_text("")
        assert not lock.still_in_place()  # a new file at the same path: the old lock guards nothing
    finally:
        lock.release()
    assert not lock.still_in_place()


def test_folder_made_again_by_someone_else_is_locked_before_the_next_save(folder: Path) -> None:
    import shutil

    store = RecordsStore.open(folder)
    try:
        store.save_session(make_session("Een"))
        shutil.rmtree(folder)
        folder.mkdir(mode=0o700)
        store.save_session(make_session("Twee"))
        assert store.recreated
        with pytest.raises(UserError) as second:
            RecordsStore.open(folder)
        assert second.value.key == "store.locked"
    finally:
        store.close()


def test_folder_made_again_and_taken_by_another_writer_refuses_to_save(folder: Path) -> None:
    import shutil

    store = RecordsStore.open(folder)
    try:
        store.save_session(make_session("Een"))
        shutil.rmtree(folder)
        folder.mkdir(mode=0o700)
        other = RecordsStore.open(folder)
        try:
            with pytest.raises(UserError) as refused:
                store.save_session(make_session("Twee"))
            assert refused.value.key == "store.locked"
        finally:
            other.close()
    finally:
        store.close()
