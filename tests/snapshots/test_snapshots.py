"""How the main screens look at 80×24, in Dutch and English (SVG snapshots).

Update after an intended change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.sample import full_session
from tui.app.app import TerugblikApp
from tui.core import operations
from tui.core.catalog import load_catalog
from tui.store.records import RecordsStore

SIZE = (80, 24)
# A fixed folder: Home shows the records path, so it must be the same on every run.
FOLDER = Path(tempfile.gettempdir()) / "terugblik-snapshots"


@pytest.fixture
def app_factory(request):
    opened: list[RecordsStore] = []
    # One fixed folder per test: stable in the pictures, and parallel runs never share one.
    folder = FOLDER / "".join(c if c.isalnum() else "-" for c in request.node.name)

    def make(lang: str, sessions: list = ()) -> TerugblikApp:
        shutil.rmtree(folder, ignore_errors=True)
        store = RecordsStore.open(folder / "records")
        opened.append(store)
        for session in sessions:
            store.save_session(session)
        app = TerugblikApp(store, load_catalog(folder / "no-user-templates"), lang, clock=lambda: 0.0)
        app.autosaver.delay = 3600  # no "saved at <time>" appears while the picture is taken
        return app

    yield make
    for store in opened:
        store.close()


def _history(lang: str) -> list:
    closed = full_session(lang)
    running = operations.start_session("Buurtzorg Noord", lang, "kort", date=dt.date(2026, 11, 21))
    running.id = "aaaa0000bbbb1111cccc2222dddd3333"
    running.created_at = running.updated_at = "2026-11-21T10:00:00+00:00"
    return [closed, running]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_home(snap_compare, app_factory, lang):
    app = app_factory(lang, _history(lang))

    async def settle(pilot):
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def _running(app: TerugblikApp, lang: str, phase: str):
    session = full_session(lang)
    session.status = "in_progress"
    session.current_phase = phase
    session.phase_seconds = {}

    async def start(pilot):
        await app.run_session(session)
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        # Let every deferred layout and refresh finish, however busy the machine is.
        for _ in range(3):
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)

    return start


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_notes_phase(snap_compare, app_factory, lang):
    app = app_factory(lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_running(app, lang, "frictions"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_influence_board(snap_compare, app_factory, lang):
    app = app_factory(lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_running(app, lang, "influence"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_close(snap_compare, app_factory, lang):
    app = app_factory(lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_running(app, lang, "close"))


def test_compare(snap_compare, app_factory):
    """Compare at 80×24 in Dutch: two teams, five sessions, the timeline tab."""
    from tests.app.test_compare_screen import history, settle

    app = app_factory("nl", history())

    async def open_compare(pilot):
        await pilot.pause(0.3)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("1")
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_compare)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_compare_trends(snap_compare, app_factory, size):
    """Compare's first tab in Dutch: the overview in words and a text chart per team."""
    from tests.app.test_compare_screen import history, settle

    app = app_factory("nl", history())

    async def open_compare(pilot):
        await pilot.pause(0.3)
        await pilot.press("c")
        await settle(pilot)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=size, run_before=open_compare)
