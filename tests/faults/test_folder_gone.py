"""The records folder is deleted or renamed while the app runs (in-process, Pilot).

What happens:

- the app does not crash. The next background save finds the folder gone
  (``FileNotFoundError`` from ``mkstemp``); ``RecordsStore._write`` then makes the folder
  again (mode 0700), takes its lock again and saves: the database in the new folder holds
  only the running session (the others went with the deleted folder, or stay in the renamed
  one, whose last good database is left intact);
- the lead is warned once: "The records folder … had disappeared; it has been made again and
  this session is saved in it. Sessions that were in the old folder are only there if you put
  it back.";
- if someone else makes the folder again before the app's next save (a sync tool, a
  restore), the app sees before writing that its lock file is no longer the one at the lock
  path, takes the new folder's lock, saves and warns the same way; a second writer is then
  refused.
"""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from tui.core.errors import UserError
from tui.store.records import RecordsStore

from .helpers import (
    db_sessions,
    make_app,
    new_session,
    notifications,
    saved_texts,
    wait_until,
)


async def start(app, pilot, *notes: str):
    """Run a new session at "what goes well" with ``notes`` added and saved."""
    session = new_session()
    session.current_phase = "goes_well"
    await app.run_session(session)
    for note in notes:
        await pilot.press(*note, "enter", "enter")
    assert app.autosaver.flush()
    return session


async def vanish(how: str, folder, moved) -> None:
    if how == "rmtree":
        shutil.rmtree(folder)
    else:
        os.rename(folder, moved)


async def settle(pilot, app, folder, session, expected: list[str]) -> None:
    """Wait until the app has either saved ``expected`` (into a folder it made again) or reported failing."""
    await wait_until(pilot, lambda: app.save_failing or saved_texts(folder, session.id) == expected,
                     what="the save to be made or reported as failing")


@pytest.mark.parametrize("how", ["rmtree", "rename"])
async def test_vanished_folder_loses_nothing_that_was_typed(tmp_path, how):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    moved = tmp_path / "records-moved"
    async with app.run_test(size=(100, 30)) as pilot:
        earlier = new_session("Huisartsen Noord")
        store.save_session(earlier)
        session = await start(app, pilot, "Een")
        await vanish(how, folder, moved)
        await pilot.press(*"Twee", "enter", "enter")
        await pilot.press(*"Drie", "enter", "enter")
        await settle(pilot, app, folder, session, ["Een", "Twee", "Drie"])

        # No crash, still on the phase, and the work is all in memory.
        assert app.is_running and app.screen.PHASE == "goes_well"
        assert [n.text for n in app.live.session.goes_well] == ["Een", "Twee", "Drie"]
        if how == "rename":  # the last good state is intact in the moved folder
            assert saved_texts(moved, session.id) == ["Een"]
            assert set(db_sessions(moved)) == {earlier.id, session.id}

        if app.save_failing:  # reported: once, naming the file and the reason
            errors = [m for _, m, severity in notifications(app) if severity == "error"]
            assert len(errors) == 1 and str(folder / "sessions") in errors[0], notifications(app)
            assert "Not saved" in str(app.screen.query_one("#save-state").render())
            await pilot.press(*"Vier", "enter", "enter")
            if how == "rmtree":  # the lead puts the folder back: saving resumes by itself
                folder.mkdir(mode=0o700)
            else:
                os.rename(moved, folder)
            await wait_until(pilot, lambda: not app.save_failing, timeout=5, what="saving to resume")
        else:  # made again: private, and saving simply goes on
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            assert stat.S_IMODE((folder / "sessions" / f"{session.id}.json").stat().st_mode) == 0o600
            await pilot.press(*"Vier", "enter", "enter")
        assert app.autosaver.flush()
        assert saved_texts(folder, session.id) == ["Een", "Twee", "Drie", "Vier"]
    store.close()


async def test_lead_is_told_when_the_folder_vanished(tmp_path):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = await start(app, pilot, "Een")
        shutil.rmtree(folder)
        await pilot.press(*"Twee", "enter", "enter")
        await settle(pilot, app, folder, session, ["Een", "Twee"])
        await pilot.pause(0.3)
        told = [(message, severity) for _, message, severity in notifications(app)
                if str(folder.resolve()) in message or str(folder) in message]
    store.close()
    assert told, f"no message about {folder} (notifications: {notifications(app)})"
    assert all(severity in ("warning", "error") for _, severity in told), told


async def test_quitting_after_the_folder_was_deleted_keeps_the_work(tmp_path):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = await start(app, pilot, "Een")
        shutil.rmtree(folder)
        await pilot.press(*"Twee", "enter", "enter")
        await settle(pilot, app, folder, session, ["Een", "Twee"])
        assert not app.save_failing, "the app did not make the folder again"
        await pilot.press("ctrl+q")
        await pilot.pause(0.3)
        still_running = app.is_running and not app._exit
    store.close()
    saved = saved_texts(folder, session.id)
    assert not still_running, "Ctrl+Q did not quit although everything was saved"
    assert saved == ["Een", "Twee"], f"the session is not on disk (folder exists: {folder.exists()}, saved: {saved})"


async def test_home_after_the_folder_was_deleted_still_offers_the_running_session(tmp_path):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = await start(app, pilot, "Een")
        shutil.rmtree(folder)
        await pilot.press(*"Twee", "enter", "enter")
        await settle(pilot, app, folder, session, ["Een", "Twee"])
        app.screen.action_home()  # what Ctrl+H or the palette's "Home" does
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", what="Home")
        await wait_until(pilot, lambda: app.screen.summaries, what="Home to list the sessions")
        intro = str(app.screen.query_one("#home-intro").render())
        listed = [s.id for s in app.screen.summaries]
        await pilot.press("r")
        await wait_until(pilot, lambda: app.live is not None, what="the session to resume")
        resumed = [n.text for n in app.live.session.goes_well]
    store.close()
    assert listed == [session.id] and "Unfinished session" in intro, intro
    assert resumed == ["Een", "Twee"]


async def test_folder_made_again_by_the_app_is_locked_again(tmp_path):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = await start(app, pilot, "Een")
        shutil.rmtree(folder)
        await pilot.press(*"Twee", "enter", "enter")
        await settle(pilot, app, folder, session, ["Een", "Twee"])
        assert not app.save_failing, "the app did not make the folder again"
        with pytest.raises(UserError) as locked:
            RecordsStore.open(folder)  # a second Terugblik, or a CLI command that writes
        assert locked.value.key == "store.locked"
    store.close()


async def test_folder_made_again_by_someone_else_is_still_locked_against_a_second_writer(tmp_path):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    second = None
    async with app.run_test(size=(100, 30)) as pilot:
        session = await start(app, pilot, "Een")
        shutil.rmtree(folder)
        folder.mkdir(mode=0o700)  # e.g. a sync tool or a restore puts the folder back
        await pilot.press(*"Twee", "enter", "enter")
        await wait_until(pilot, lambda: saved_texts(folder, session.id) == ["Een", "Twee"],
                         what="the save into the folder made again")
        try:
            second = RecordsStore.open(folder)  # what a second Terugblik (or `terugblik import`) does
        except UserError as exc:
            assert exc.key == "store.locked"
        if second is not None:
            second.close()
    store.close()
    assert second is None, "a second writer could open the folder while the app was still saving into it"
