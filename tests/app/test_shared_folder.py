"""A shared records folder in the app: what another laptop adds shows on Home, and the lead chooses a version."""

from __future__ import annotations

import json

from tui.core.codec import dumps, to_document
from tui.core.i18n import t

from tests.store.helpers import make_session


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("DataTable")
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def home_listed(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_session_added_elsewhere_shows_when_home_is_shown_again(tmp_path, open_app):
    store, app = open_app("en", [make_session(title="hier")])
    async with app.run_test(size=(120, 30)) as pilot:
        await home_listed(app, pilot)
        assert [r[2] for r in rows(app)] == ["hier"]
        elsewhere = make_session(title="van de andere laptop")
        (store.folder / "sessions" / f"{elsewhere.id}.json").write_text(dumps(elsewhere), encoding="utf-8")
        await pilot.press("c")  # Compare, then back Home
        await pilot.pause()
        await pilot.press("escape")
        await home_listed(app, pilot)
        assert sorted(r[2] for r in rows(app)) == ["hier", "van de andere laptop"]
    store.close()


async def test_the_lead_sees_both_versions_and_keeps_the_chosen_one(tmp_path, open_app):
    session = make_session(title="laptop A")
    store, app = open_app("nl", [session])
    copy = store.folder / "sessions" / f"{session.id} (conflicted copy 2026-12-04).json"
    copy.write_text(json.dumps(to_document(session) | {"title": "laptop B"}), encoding="utf-8")
    async with app.run_test(size=(120, 30)) as pilot:
        await home_listed(app, pilot)
        [row] = rows(app)
        assert row[3].startswith(t("home.conflict", "nl", count=2))
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictDialog"
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert copy.name in text and f"{session.id}.json" in text
        await pilot.press("2")  # keep laptop B's version
        await home_listed(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        [row] = rows(app)
        assert row[2] == "laptop B" and "⚠" not in row[3]
        assert store.get_session(session.id).title == "laptop B"
        assert not copy.exists() and any((store.folder / ".terugblik" / "replaced").iterdir())
        await pilot.press("v")  # nothing more to choose
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    store.close()


async def test_files_coming_and_going_while_a_session_runs_lose_nothing(tmp_path, open_app):
    from tui.core import operations

    store, app = open_app("en")
    sessions = store.folder / "sessions"
    async with app.run_test(size=(120, 30)) as pilot:
        running = operations.start_session("Wijkteam Oost", "en", "kort")
        running.current_phase = "goes_well"
        await app.run_session(running)
        arrived = []
        for number in range(6):
            elsewhere = make_session(title=f"elders {number}")
            (sessions / f"{elsewhere.id}.json").write_text(dumps(elsewhere), encoding="utf-8")  # a sync tool
            arrived.append(elsewhere)
            if number % 2:
                gone = arrived.pop(0)
                (sessions / f"{gone.id}.json").unlink()
            await pilot.press(*f"Punt {number}", "enter", "enter")
            await pilot.pause(0.3)  # autosaves happen in between
        assert app.autosaver.flush()
        app.screen.action_home()
        await home_listed(app, pilot)
        titles = sorted(r[2] for r in rows(app))
    assert sorted(titles) == sorted([s.title for s in arrived] + ["—"])  # the running session has no title
    saved = store.get_session(running.id)
    assert [n.text for n in saved.goes_well] == [f"Punt {n}" for n in range(6)]
    assert all(s.versions == 1 for s in store.list_sessions())  # no version made up along the way
    store.close()
