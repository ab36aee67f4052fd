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
