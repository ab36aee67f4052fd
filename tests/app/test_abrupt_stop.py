"""Killing, hanging up or terminating the real app never loses what was saved."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tests.app.pty_app import PtyApp
from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.store.records import RecordsStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal and signals")


def start_session_with_notes(app: PtyApp) -> None:
    app.wait_for("New session")
    app.type("n")
    app.wait_for("Team or care network")
    app.type("Wijkteam Oost", "ctrl+s")
    app.wait_for("Who is here")
    app.type("f8", "f8")
    app.wait_for("What goes well")
    app.type("Korte lijnen", "enter", "We bellen elkaar", "enter")
    app.type("Vaste contactpersoon", "enter", "enter")
    wait_until_saved(app, lambda s: len(s.goes_well) == 2)


def wait_until_saved(app: PtyApp, condition, timeout: float = 10.0):
    """Poll the store read-only (as another process may) until the saved session satisfies ``condition``.

    The app's output is drained meanwhile: a full pty would stop it from reading keys.
    """
    records = app.records
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (records / "sessions").exists():
            with RecordsStore.open(records, read_only=True) as store:
                sessions = store.list_sessions()
                if sessions and condition(store.get_session(sessions[0].id)):
                    return
        time.sleep(0.1)
    raise AssertionError("the expected state was never saved")


def saved_session(records):
    with RecordsStore.open(records) as store:  # also proves the lock was released
        [summary] = store.list_sessions()
        return store.get_session(summary.id)


async def test_kill_mid_session_then_resume_where_we_were(tmp_path):
    records = tmp_path / "records"
    app = PtyApp(records)
    try:
        start_session_with_notes(app)
        app.signal(signal.SIGKILL)
        app.wait_exit()
    finally:
        app.close()
    saved = saved_session(records)
    assert saved.status == "in_progress" and saved.current_phase == "goes_well"
    assert [(n.text, n.why) for n in saved.goes_well] == [("Korte lijnen", "We bellen elkaar"),
                                                          ("Vaste contactpersoon", "")]

    store = RecordsStore.open(records)
    resumed = TerugblikApp(store, load_catalog(tmp_path / "none"), "en")
    async with resumed.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert "Unfinished session of Wijkteam Oost" in str(resumed.screen.query_one("#home-intro").render())
        await pilot.press("r")
        await pilot.pause()
        assert resumed.screen.PHASE == "goes_well"
        assert [n.text for n in resumed.live.session.goes_well] == ["Korte lijnen", "Vaste contactpersoon"]
    store.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_at_once_releases_the_lock_and_exits(tmp_path, sig):
    records = tmp_path / "records"
    app = PtyApp(records)
    try:
        start_session_with_notes(app)
        app.type("Nog een notitie")
        app.wait_for("notitie")  # the app has read the keys
        app.type("enter", "enter", pause=0.02)
        time.sleep(0.1)  # usually sooner than the autosave delay: then the handler itself saves
        app.signal(sig)
        code = app.wait_exit()
    finally:
        app.close()
    assert code == 0
    saved = saved_session(records)
    assert [n.text for n in saved.goes_well][-1] == "Nog een notitie"


def test_terminal_gone_without_a_signal_still_saves_releases_the_lock_and_exits(tmp_path):
    # The pty's other end closes and no SIGHUP comes (the app has no controlling terminal here):
    # Textual's output stops and its event loop can block for good, so a watch thread notices.
    records = tmp_path / "records"
    app = PtyApp(records)
    try:
        start_session_with_notes(app)
        app.type("Nog een notitie", "enter", "enter", pause=0.02)
        wait_until_saved(app, lambda s: len(s.goes_well) == 3)
        os.close(app.master)
        app.master = os.open(os.devnull, os.O_RDONLY)  # so close() has something to close
        try:
            app.process.wait(20)
        except Exception:  # noqa: BLE001
            raise AssertionError("the app kept running after its terminal was gone") from None
    finally:
        app.close()
    saved = saved_session(records)
    assert [n.text for n in saved.goes_well][-1] == "Nog een notitie"


async def test_save_and_exit_flushes_pending_changes_immediately(tmp_path):
    """What the SIGHUP/SIGTERM handler does, without waiting for the autosave delay."""
    from tui.core import operations

    store = RecordsStore.open(tmp_path / "records")
    app = TerugblikApp(store, load_catalog(tmp_path / "none"), "en")
    app.autosaver.delay = 60  # nothing would be saved by the timer during this test
    async with app.run_test(size=(100, 30)) as pilot:
        session = operations.start_session("Team", "en", "kort")
        app.run_session(session)
        await pilot.pause()
        app.live.change(operations.add_goes_well, "Pending note")
        app.save_and_exit()
    with RecordsStore.open(tmp_path / "records") as reopened:  # the lock is free again
        assert [n.text for n in reopened.get_session(session.id).goes_well] == ["Pending note"]


def test_terminal_watch_answers_for_a_hung_up_terminal_and_leaves_non_terminals_alone():
    from tui.app.terminal_watch import terminal_present

    master, slave = os.openpty()
    try:
        assert terminal_present(slave)
        os.close(master)
        assert not terminal_present(slave)  # hung up: the settings cannot be read any more
    finally:
        os.close(slave)
    read_end, write_end = os.pipe()
    try:
        assert terminal_present(read_end)  # not a terminal at all: nothing to watch
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_note_a_phone_was_told_is_received_survives_kill_9(tmp_path):
    """"Received" on the phone means on disk: killing the app right after loses nothing."""
    import asyncio
    import re
    import socket

    import aiohttp

    with socket.socket() as probe:  # a free port for the room
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    records = tmp_path / "records"
    app = PtyApp(records, args=("--room-host", "127.0.0.1", "--room-port", str(port)))

    async def phone(join_url: str, code: str) -> int:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            async with client.post(join_url, data={"code": code}) as response:
                page = await response.text()
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            form = {"csrf": csrf, "key": "k" * 16, "kind": "note", "phase": "goes_well",
                    "text": "Een notitie van een telefoon", "extra": "waarom niet"}
            async with client.post(f"http://127.0.0.1:{port}/send", data=form,
                                   headers={"Accept": "application/json"}) as response:
                return response.status

    try:
        start_session_with_notes(app)
        app.type("f6")
        app.wait_for("Join code")
        screen = app.read(0.5)
        join_url = re.search(rf"http://127\.0\.0\.1:{port}/j/[a-z0-9]+", screen).group(0)
        code = re.search(r"\b(\d{3}) (\d{3})\b", screen)
        assert asyncio.run(phone(join_url, code.group(1) + code.group(2))) == 200
        app.signal(signal.SIGKILL)  # at once: no handler, no flush
        app.wait_exit()
    finally:
        app.close()
    saved = saved_session(records)
    assert [(n.text, n.why) for n in saved.incoming] == [("Een notitie van een telefoon", "waarom niet")]
