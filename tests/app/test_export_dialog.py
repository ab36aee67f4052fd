"""Exporting from the app: choose formats, anonymise, files written in the background."""

from __future__ import annotations

import re

from tests.sample import full_session
from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.store.records import RecordsStore


async def test_export_dialog_writes_anonymised_minutes(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    app = TerugblikApp(store, load_catalog(tmp_path / "none"), "en")
    session = full_session("nl")
    session.status = "in_progress"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        app.export_minutes()
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#format-json").value = False
        dialog.query_one("#anonymise").value = True
        await pilot.click("#write")
        await app.workers.wait_for_complete()
        await pilot.pause()
    names = sorted(p.name for p in (tmp_path / "records").iterdir() if "-anon" in p.name)
    stem = f"2026-11-20-zorgnetwerk-{session.short_id}"
    assert names == [f"{stem}-anon.html", f"{stem}-anon.md"]
    for path in (tmp_path / "records").glob("*-anon.*"):
        text = path.read_text("utf-8")
        for name in ("Anna", "Bram", "Carla", "Dirk", "Jansen", "Fatima"):
            assert not re.search(rf"\b{name}\b", text), (path.name, name)
    assert store.setting("minutes_formats") is None, "an anonymised export does not change the defaults"
    store.close()


async def test_export_choice_becomes_the_default_for_closing(tmp_path):
    store = RecordsStore.open(tmp_path / "records")
    app = TerugblikApp(store, load_catalog(tmp_path / "none"), "en")
    session = full_session("en")
    session.status = "in_progress"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        app.export_minutes()
        await pilot.pause()
        app.screen.query_one("#format-html").value = False
        await pilot.click("#write")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.minutes_formats() == ["json", "md"]
    assert sorted(p.suffix for p in (tmp_path / "records").glob(f"{session.file_stem}.*")) == [".json", ".md"]
    store.close()
