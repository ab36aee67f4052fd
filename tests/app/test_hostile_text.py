"""Hostile text in the app: records full of it, and typed in; the app shows it as text and keeps running.

Records whose team, title, participants, notes, whys, categories, actions, reviews, changes,
appreciation and health wording hold markup brackets, terminal and bidi controls, Markdown and
HTML syntax and long values are resumed, every phase is opened, then the minutes preview (F3),
the keys (F1) and Compare. Nothing may raise, no terminal or bidi control may reach the screen,
and the text shows as ``visible()`` makes it. Generated examples come from ``tests/strategies.py``.
"""

from __future__ import annotations

import asyncio
import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.widgets import Static

from tests.strategies import hostile_names, hostile_texts
from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.core.model import (
    PHASES,
    Action,
    ActionReview,
    Appreciation,
    Change,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
)
from tui.core.text import visible
from tui.store.records import RecordsStore

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the terminal: C0 (but newline and tab), DEL, C1, explicit bidi controls."""

WORST_CASES = [
    "Wijkteam [/Oost]",
    "[@click=app.quit]quit[/]",
    "Rood \x1b[31mrood\x07 \x1b]0;titel\x07",
    "Links \u202eomgekeerd",
]
"""The cases found by a user: each is put in every field of a session."""

FIELDS = ("team", "title", "name1", "name2", "organisation", "facilitator", "ambition", "note", "why",
          "friction", "category", "who", "action", "review", "review_note", "change", "appreciation",
          "health", "rationale")
NAMED = {"team", "name1", "name2", "note", "friction", "action", "review", "change", "appreciation", "health"}
"""Fields that must hold more than white space."""


def hostile_session(texts: dict[str, str], catalog) -> Session:
    """An unfinished session with ``texts`` in every field people or files fill in."""
    template = next(tpl for tpl in catalog.for_language("en") if tpl.id == "zorgnetwerk")
    anna = Participant(name=texts["name1"], organisation=texts["organisation"], role="gp")
    bo = Participant(name=texts["name2"], role="other", present=True)
    well = GoesWellNote(text=texts["note"], why=texts["why"], author=anna.id, decision="keep")
    outside = FrictionNote(text=texts["friction"], category=texts["category"], votes=3, influence="outside",
                           who_can_help=texts["who"], author=bo.id, decision="adjust")
    unsorted = FrictionNote(text=texts["friction"], category=texts["category"], votes=1)
    return Session(
        team=texts["team"], title=texts["title"], language="en", template_id=template.id,
        template_version=template.version, facilitator=texts["facilitator"], ambition=texts["ambition"],
        participants=[anna, bo],
        reviews=[ActionReview(action_id="abc123", what=texts["review"], owners=[texts["name1"]],
                              note=texts["review_note"])],
        changes=[Change(text=texts["change"])],
        goes_well=[well],
        frictions=[outside, unsorted],
        actions=[Action(what=texts["action"], owners=[anna.id, bo.id], source_note_id=outside.id)],
        appreciation=[Appreciation(text=texts["appreciation"], author=bo.id)],
        health=[HealthScore(statement_id=template.health_check[0].id, wording=texts["health"], score=3)],
        decision_rationale=texts["rationale"],
        current_phase="setup",
    )


def screen_text(app) -> str:
    """What the current screen puts on the terminal, as text (the way a screenshot is taken)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def check_screen(app, where: str) -> str:
    """The screen's text, after checking that no control character in it would be obeyed."""
    text = screen_text(app)
    found = RAW_CONTROL.search(text)
    assert found is None, f"{where}: {found.group()!r} reaches the terminal"
    assert app.is_running, where
    return text


def fragment(text: str) -> str | None:
    """A short piece of ``visible(text)`` that is drawn one cell per character, to look for on screen."""
    runs = re.findall(r"[!-~À-ɏ␀-␡⟨⟩]{3,}", visible(text, one_line=True))
    return runs[0][:12] if runs else None


async def walk_through(app, pilot, texts: dict[str, str]) -> dict[str, str]:
    """Home, resume, every phase, the preview, the keys and Compare; returns each place's screen text."""
    shown: dict[str, str] = {}
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    shown["home"] = check_screen(app, "home")
    intro = app.screen.query_one("#home-intro", Static)
    assert visible(texts["team"]) in intro.render().plain, "the resume offer names the team as text"
    # A click on the team's name, where "[@click=app.quit]" would have made a live action.
    await pilot.click("#home-intro", offset=(len("▶ Unfinished session of ") + 1, 0))
    await pilot.pause()
    assert app.is_running
    await pilot.press("r")
    await pilot.pause()
    assert app.live is not None, "the session was resumed"
    for phase in PHASES:
        await app.show_phase(phase)
        await pilot.pause()
        shown[phase] = check_screen(app, phase)
    await pilot.press("f3")
    await pilot.pause()
    shown["preview"] = check_screen(app, "minutes preview")
    await pilot.press("escape")
    await pilot.press("f1")
    await pilot.pause()
    shown["help"] = check_screen(app, "help")
    await pilot.press("escape")
    await pilot.pause()
    app.screen.action_home()
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    shown["compare"] = check_screen(app, "compare")
    assert app.is_running
    return shown


async def run_with_records(folder: Path, texts: dict[str, str]) -> dict[str, str]:
    """Save a hostile session in a fresh records folder, then walk the app through it."""
    store = RecordsStore.open(folder / "records")
    try:
        catalog = load_catalog(folder / "no-user-templates")
        store.save_session(hostile_session(texts, catalog))
        app = TerugblikApp(store, catalog, "en")
        async with app.run_test(size=(120, 40)) as pilot:
            shown = await walk_through(app, pilot, texts)
        return shown
    finally:
        store.close()


@pytest.mark.parametrize("case", WORST_CASES)
async def test_records_full_of_a_worst_case_open_everywhere_as_text(tmp_path, case):
    shown = await run_with_records(tmp_path, dict.fromkeys(FIELDS, case))
    expected = visible(case, one_line=True)
    for place in ("home", "goes_well", "frictions", "influence", "decide", "actions", "close", "compare"):
        assert expected in shown[place], f"{place} shows {case!r} as {expected!r}"


hostile_fields = st.fixed_dictionaries({  # names and categories are at most 200 characters (the schema)
    field: (hostile_names if field in NAMED else hostile_texts).map(lambda text: text[:200]) for field in FIELDS})


# Each example starts the app and opens a dozen screens (seconds each): no shrinking, a failure
# is reported with the example as generated.
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=hostile_fields)
def test_records_full_of_generated_hostile_text_open_everywhere_as_text(texts):
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        shown = asyncio.run(run_with_records(Path(folder), texts))
    piece = fragment(texts["team"])
    if piece is not None:
        assert piece in shown["home"], f"the team shows on Home as {piece!r}"


async def test_typed_markup_is_saved_literally_and_the_app_keeps_running(tmp_path):
    typed = "[@click=app.quit]weg[/] [b]vet [/Oost]"
    pasted = "Rood \x1b[31mrood\x07 \u202eomgekeerd"
    store = RecordsStore.open(tmp_path / "records")
    catalog = load_catalog(tmp_path / "no-user-templates")
    app = TerugblikApp(store, catalog, "en")
    session = hostile_session(dict.fromkeys(FIELDS, "Team"), catalog)
    session.goes_well = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.run_session(session)
        await pilot.pause()
        await app.show_phase("goes_well")
        await pilot.pause()
        await pilot.press(*typed, "enter", *typed, "enter")
        await pilot.pause()
        entry = app.screen.query_one("#text")
        entry.insert_text_at_cursor(pasted)
        await pilot.press("enter", "enter")
        await pilot.pause()
        text = check_screen(app, "goes well")
        assert app.is_running
        assert typed in text
        assert visible(pasted) in text
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert [(n.text, n.why) for n in saved.goes_well] == [(typed, typed), (pasted, "")]
    store.close()


async def test_a_session_that_cannot_be_read_gives_one_line_on_home(tmp_path, monkeypatch):
    from tui.core.errors import UserError

    store = RecordsStore.open(tmp_path / "records")
    catalog = load_catalog(tmp_path / "no-user-templates")
    session = hostile_session(dict.fromkeys(FIELDS, "Team"), catalog)
    store.save_session(session)

    def broken(ref: str) -> Session:
        raise UserError("store.not_found", ref=ref)

    monkeypatch.setattr(store, "get_session", broken)
    app = TerugblikApp(store, catalog, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("p")  # the minutes
        await pilot.pause()
        await pilot.press("r")  # resume
        await pilot.pause()
        assert app.is_running and app.live is None
        messages = [n.message for n in app._notifications]
        assert len(messages) == 2
        assert all(m.startswith("This session cannot be opened: ") and "\n" not in m for m in messages)
    store.close()


async def test_records_that_cannot_be_listed_are_said_on_home(tmp_path, monkeypatch):
    from tui.core.errors import UserError

    store = RecordsStore.open(tmp_path / "records")

    def broken() -> list:
        raise UserError("store.not_found", ref="x\x1b[31m")

    monkeypatch.setattr(store, "list_sessions", broken)
    app = TerugblikApp(store, load_catalog(tmp_path / "no-user-templates"), "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = check_screen(app, "home")
        assert "The sessions cannot be listed: " in text
        await pilot.press("n")  # a new session can still be started
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "NewSessionScreen"
    store.close()


async def test_the_app_starts_on_a_folder_with_a_broken_session_and_lists_it_with_the_reason(tmp_path):
    import json

    from tui.core.codec import to_document

    catalog = load_catalog(tmp_path / "no-user-templates")
    good = to_document(hostile_session(dict.fromkeys(FIELDS, "Wijkteam [/Oost]"), catalog))
    broken = to_document(hostile_session(dict.fromkeys(FIELDS, "Kapot"), catalog))
    broken["id"] = "b" * 32
    del broken["team"]
    folder = tmp_path / "records"
    (folder / "sessions").mkdir(mode=0o700, parents=True)
    for doc in (good, broken):
        (folder / "sessions" / f"{doc['id']}.json").write_text(json.dumps(doc), "utf-8")
    store = RecordsStore.open(folder)
    app = TerugblikApp(store, catalog, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = check_screen(app, "home")
        assert "Wijkteam [/Oost]" in text
        assert "cannot be shown" in text and "team" in text
        table = app.screen.query_one("DataTable")
        assert table.row_count == 2
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("This session cannot be opened: ") for m in messages), messages
        assert app.is_running and app.live is None
    store.close()
