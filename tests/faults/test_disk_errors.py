"""The disk fills up, or the records folder turns read-only, while a session runs (in-process, Pilot).

Every save of a session goes through ``write_atomic`` in ``tui.store.records``; replacing it by a
function that raises the OS error is exactly what a full or read-only disk looks like to the app.
What must hold: the lead is told (once), the screen says "not saved", work goes on in memory,
the last good session file on disk is untouched, and once the disk is back the pending work is
saved by the background retry without anyone doing anything.
"""

from __future__ import annotations

import errno

import pytest

import tui.store.records as records_module
from tui.core.i18n import t
from tui.core.model import PHASES

from .helpers import (
    db_sessions,
    failing_write,
    make_app,
    new_session,
    notifications,
    saved_texts,
    wait_until,
)

FAILURES = [
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "permission denied or read-only disk"),
    (errno.EACCES, "permission denied or read-only disk"),
]


async def add_goes_well(pilot, text: str, why: str = "") -> None:
    await pilot.press(*text, "enter", *why, "enter")


def save_state_text(app) -> str:
    return str(app.screen.query_one("#save-state").render())


@pytest.mark.parametrize("code, words", FAILURES, ids=[errno.errorcode[c] for c, _ in FAILURES])
async def test_failing_disk_is_reported_work_goes_on_and_saving_resumes(tmp_path, monkeypatch, code, words):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = new_session()
        session.current_phase = "goes_well"
        await app.run_session(session)
        await add_goes_well(pilot, "Lijnen", "Bellen")
        assert app.autosaver.flush()
        session_file = folder / "sessions" / f"{session.id}.json"
        good = session_file.read_bytes()
        assert not app.save_failing and save_state_text(app).startswith("Saved")

        with monkeypatch.context() as patch:
            patch.setattr(records_module, "write_atomic", failing_write(code))
            await add_goes_well(pilot, "Contact", "Vast")
            await wait_until(pilot, lambda: app.save_failing, what="the save to fail")

            # Visible: the save state in the phase bar, and one error notification with the reason.
            assert app.save_text == "⚠ " + t("app.not_saved", "en")
            assert "Not saved" in save_state_text(app)
            assert app.screen.query_one("#save-state").has_class("failing")
            errors = [n for n in notifications(app) if n[2] == "error"]
            assert len(errors) == 1, notifications(app)
            title, message, _ = errors[0]
            assert title == t("app.save_failed", "en")
            assert words in message and session_file.name in message

            # Work goes on: typing, adding notes, moving between phases.
            await add_goes_well(pilot, "Agenda")
            await pilot.press("ctrl+right")
            assert app.screen.PHASE == PHASES[PHASES.index("goes_well") + 1]
            await pilot.press(*"Overdracht", "enter")
            await pilot.pause(1.2)  # at least one retry happens, and fails
            assert [n.text for n in app.live.session.goes_well] == [
                "Lijnen", "Contact", "Agenda"]
            assert [n.text for n in app.live.session.frictions] == ["Overdracht"]
            assert app.save_failing
            # Announced once per failure streak, not once per retry.
            assert len([n for n in notifications(app) if n[2] == "error"]) == 1

            # The last good state on disk is kept, byte for byte, and nothing else appeared in the folder.
            assert session_file.read_bytes() == good
            assert sorted(p.name for p in folder.iterdir()) == [".terugblik", ".terugblik.lock", "sessions"]
            assert [p.name for p in session_file.parent.iterdir()] == [session_file.name]

        # The disk is back: the retry saves everything without any key being pressed.
        await wait_until(pilot, lambda: not app.save_failing, timeout=5, what="saving to resume")
        assert save_state_text(app).startswith("Saved")
        assert any(n[1] == t("app.save_recovered", "en") for n in notifications(app))
        assert saved_texts(folder, session.id) == ["Lijnen", "Contact", "Agenda"]
        assert saved_texts(folder, session.id, "frictions") == ["Overdracht"]
        assert db_sessions(folder)[session.id]["current_phase"] == "frictions"
    store.close()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["ENOSPC", "EROFS"])
async def test_other_sessions_on_disk_survive_a_failing_disk(tmp_path, monkeypatch, code):
    """A failed save of one session leaves the other sessions' files as they were."""
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    earlier = new_session("Huisartsen Noord")
    store.save_session(earlier)
    async with app.run_test(size=(100, 30)) as pilot:
        session = new_session()
        session.current_phase = "goes_well"
        await app.run_session(session)
        with monkeypatch.context() as patch:
            patch.setattr(records_module, "write_atomic", failing_write(code))
            await add_goes_well(pilot, "Storing")
            await wait_until(pilot, lambda: app.save_failing, what="the save to fail")
        await wait_until(pilot, lambda: not app.save_failing, timeout=5, what="saving to resume")
    store.close()
    on_disk = db_sessions(folder)
    assert set(on_disk) == {earlier.id, session.id}
    assert [n["text"] for n in on_disk[session.id]["goes_well"]] == ["Storing"]


async def test_quitting_while_the_disk_is_full_warns_instead_of_dropping_the_work(tmp_path, monkeypatch):
    """Ctrl+Q while saves fail: warned, not quit (a second Ctrl+Q would quit anyway); once saved, Ctrl+Q quits."""
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        with monkeypatch.context() as patch:
            patch.setattr(records_module, "write_atomic", failing_write(errno.ENOSPC))
            session = new_session()
            session.current_phase = "goes_well"
            await app.run_session(session)
            await add_goes_well(pilot, "Onbewaard")
            await wait_until(pilot, lambda: app.save_failing, what="the save to fail")
            await pilot.press("ctrl+q")
            await pilot.pause(0.3)
            assert app.is_running and not app._exit, "Ctrl+Q quit with the note never saved"
            warning = t("app.quit_unsaved", "en", error=app.autosaver.last_error.message("en"))
            assert warning in [message for _, message, _ in notifications(app)]
        await wait_until(pilot, lambda: not app.save_failing, timeout=5, what="saving to resume")
        await pilot.press("ctrl+q")
        await pilot.pause(0.3)
        assert app._exit
    store.close()
    assert saved_texts(folder, session.id) == ["Onbewaard"]


async def test_resuming_from_home_while_saves_fail_keeps_the_unsaved_notes(tmp_path, monkeypatch):
    """Home -> r while the disk is full: the resumed session must be the one in memory, not the stale disk copy."""
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = new_session()
        session.current_phase = "goes_well"
        await app.run_session(session)
        await add_goes_well(pilot, "Een")
        assert app.autosaver.flush()
        with monkeypatch.context() as patch:
            patch.setattr(records_module, "write_atomic", failing_write(errno.ENOSPC))
            await add_goes_well(pilot, "Twee")
            await wait_until(pilot, lambda: app.save_failing, what="the save to fail")
            app.screen.action_home()  # Ctrl+H / the palette's "Home"
            await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", what="Home")
            await pilot.pause(0.3)
            await pilot.press("r")  # Home offers the unfinished session
            await wait_until(pilot, lambda: app.live is not None, what="the session to resume")
            on_screen = [n.text for n in app.live.session.goes_well]
        await wait_until(pilot, lambda: not app.save_failing, timeout=5, what="saving to resume")
        await pilot.pause(0.1)
    store.close()
    assert on_screen == ["Een", "Twee"]
    assert saved_texts(folder, session.id) == ["Een", "Twee"]
