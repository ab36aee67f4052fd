"""Two Terugbliks on one records folder: the second is read-only, says so, and changes nothing.

The first instance is the real app in a pseudo-terminal (its own process, holding the
folder's lock); the second is either the real app too, or an in-process app driven by
Pilot for exact checks of what it shows and refuses.
"""

from __future__ import annotations

import os

import pytest

from tests.app.pty_app import PtyApp
from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.core.errors import UserError
from tui.core.i18n import t
from tui.store.records import RecordsStore

from .helpers import (
    db_sessions,
    notifications,
    poll_saved,
    pty_start_session,
    stored_session,
    wait_until,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")


def texts(session) -> list[str]:
    return [n.text for n in session.goes_well]


def test_second_real_app_opens_read_only_and_the_first_keeps_saving(tmp_path):
    records = tmp_path / "records"
    first = PtyApp(records)
    second = None
    try:
        pty_start_session(first)
        first.type("Een", "enter", "enter")
        poll_saved(first, lambda s: texts(s) == ["Een"])

        second = PtyApp(records)
        second.wait_for("open read-only")  # Home says so, in place of the offer to resume
        second.wait_for("can read, not change")
        second.type("n", "r")  # new session, resume: both refused
        second.read(0.5)
        assert "Team or care network" not in second.screen and "What goes well" not in second.screen
        assert second.process.poll() is None

        # The first keeps saving while the second is open.
        first.type("Twee", "enter", "enter")
        poll_saved(first, lambda s: texts(s) == ["Een", "Twee"])

        second.type("ctrl+q")
        assert second.wait_exit() == 0
        # The second leaving does not free the first's lock ...
        with pytest.raises(UserError) as locked:
            RecordsStore.open(records)
        assert locked.value.key == "store.locked"
        assert str(first.process.pid) in locked.value.message("en")
        # ... and the first still saves.
        first.type("Drie", "enter", "enter")
        poll_saved(first, lambda s: texts(s) == ["Een", "Twee", "Drie"])
        first.type("ctrl+q")
        assert first.wait_exit() == 0
    finally:
        first.close()
        if second is not None:
            second.close()
    assert texts(stored_session(records)) == ["Een", "Twee", "Drie"]


async def test_second_app_is_read_only_on_home_and_cannot_start_or_resume(tmp_path):
    records = tmp_path / "records"
    first = PtyApp(records)
    try:
        pty_start_session(first)
        first.type("Een", "enter", "enter")
        poll_saved(first, lambda s: texts(s) == ["Een"])
        db_before = db_sessions(records)

        store = RecordsStore.open(records, allow_read_only=True)  # what `terugblik` does on start
        assert store.read_only
        app = TerugblikApp(store, load_catalog(tmp_path / "none"), "en")
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: app.screen.summaries, what="Home to list the session")
            intro = str(app.screen.query_one("#home-intro").render())
            assert intro == t("home.read_only", "en")
            warnings = [m for _, m, severity in notifications(app) if severity == "warning"]
            assert warnings == [t("store.opened_read_only_locked", "en", folder=records)]

            # New session, resume, and opening the selected (unfinished) session are all refused.
            app.screen.action_open_selected()  # what Enter means on Home
            for key in ("n", "r"):
                await pilot.press(key)
                await pilot.pause()
                assert type(app.screen).__name__ == "HomeScreen" and app.live is None, key
            refusals = [m for _, m, severity in notifications(app) if severity == "error"]
            assert refusals == [t("home.read_only", "en")] * 3
            assert app.store.read_only and app.autosaver.flush(timeout=1)  # nothing to save, nothing tried

            await pilot.press("f9")  # the theme switches, but is not remembered in a read-only folder
            await pilot.pause()

            # Meanwhile the first instance keeps saving.
            first.type("Twee", "enter", "enter")
            poll_saved(first, lambda s: texts(s) == ["Een", "Twee"])
            await pilot.press("ctrl+q")
        store.close()
        assert db_sessions(records) != db_before  # the first wrote, the second did not stop it
        first.type("Drie", "enter", "enter")
        poll_saved(first, lambda s: texts(s) == ["Een", "Twee", "Drie"])
        first.type("ctrl+q")
        assert first.wait_exit() == 0
    finally:
        first.close()
    saved = stored_session(records)
    assert texts(saved) == ["Een", "Twee", "Drie"]
    with RecordsStore.open(records) as store:  # lock free after both are gone
        assert store.setting("theme") is None
