"""Closing a session by keys: appreciation, health check, the decision, next date, the minutes written."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, RadioButton, Static, TextArea

from tui.app.app import TerugblikApp
from tui.app.screens.close import AppreciationTable, CloseScreen
from tui.app.widgets.score_field import ScoreField
from tui.app.screens.minutes import MinutesScreen
from tui.core import operations
from tui.core.errors import UserError
from tui.core.minutes import format_date
from tui.core.model import Session

TODAY = dt.date.today()


def _session() -> Session:
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    anna = operations.add_participant(session, "Anna", "Praktijk De Linde", "gp")
    operations.add_participant(session, "Bram", "", "informal_carer")
    friction = operations.add_friction(session, "Wie regelt de medicatie?")
    operations.set_decision(session, friction.id, "adjust")
    operations.add_action(session, "Medicatierol beleggen", [anna.id], dt.date(2026, 12, 6),
                          source_note_id=friction.id)
    return session


async def _open_close(app: TerugblikApp, pilot, session: Session) -> CloseScreen:
    app.run_session(session)
    await pilot.pause()
    app.show_phase("close")
    await pilot.pause()
    assert isinstance(app.screen, CloseScreen)
    return app.screen


async def test_closing_without_the_overall_decision_is_refused(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        assert "Nog nodig" in str(screen.query_one("#close-status", Static).render())
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#overall").has_focus  # it asks for the decision
        assert any("Kies eerst het besluit" in n.message for n in app._notifications)
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert saved.status == "in_progress"
    assert not list((tmp_path / "records").glob("*.md"))
    store.close()


async def test_status_asks_for_a_readable_next_date_before_saying_ready(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    operations.set_overall_decision(session, "continue")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        status = screen.query_one("#close-status", Static)
        assert "Klaar om af te sluiten" in str(status.render())
        screen.query_one("#next-date", Input).value = "31-02-2026"
        await pilot.pause()
        assert "volgende datum" in str(status.render()) and status.has_class("error-text")
        screen.query_one("#next-date", Input).value = "28-02-2026"
        await pilot.pause()
        assert "Klaar om af te sluiten" in str(status.render()) and not status.has_class("error-text")
    store.close()


async def test_appreciation_with_author_delete_and_undo(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        assert screen.query_one("#appreciation-text", Input).has_focus
        await pilot.press(*"Dank", "tab", "space", "enter", "enter")  # said by Anna (picking goes back); Enter: added
        await pilot.press(*"Top", "enter")  # by nobody in particular
        await pilot.press("tab", "tab", "end", "d")  # delete the latest one...
        assert [a.text for a in session.appreciation] == ["Dank"]
        await pilot.press("ctrl+z")  # ...and bring it back
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    anna = session.participants[0].id
    assert [(a.text, a.author) for a in saved.appreciation] == [("Dank", anna), ("Top", None)]
    store.close()


async def test_health_check_worth_and_decision_by_keys(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    statements = app.catalog.get("zorgnetwerk", "nl").health_check
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        await pilot.press("tab", "tab", "tab")  # past the appreciation entry and list
        assert screen.query_one(f"#health-{statements[0].id}", ScoreField).has_focus
        await pilot.press("4", "tab", "2", "right", "tab", "5", "0")  # 4, then 3, then skipped
        await pilot.press("tab", "tab", "tab", "3")  # worth our time
        assert screen.query_one("#worth", ScoreField).has_focus
        await pilot.press("tab", "down", "enter")  # adjust the plan
        assert "Plan bijstellen" in str(screen.query_one("#close-status", Static).render())
        assert str(screen.query_one("#overall-adjust_plan", RadioButton).label) == "✓ Plan bijstellen"
        assert str(screen.query_one("#overall-continue", RadioButton).label) == "  Doorgaan"
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert [(h.statement_id, h.wording, h.score) for h in saved.health] == [
        (statements[0].id, statements[0].statement, 4), (statements[1].id, statements[1].statement, 3)]
    assert saved.worth_score == 3
    assert saved.overall_decision == "adjust_plan"
    store.close()


async def test_closing_writes_the_minutes_and_shows_them(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    statement = app.catalog.get("zorgnetwerk", "nl").health_check[0]
    operations.set_health(session, statement.id, statement.statement, 4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        screen.query_one("#overall").focus()
        await pilot.press("enter", "tab", *"Loopt", "tab", *"over 6 weken")
        assert format_date(TODAY + dt.timedelta(weeks=6), "nl") in str(screen.query_one("#next-feedback").render())
        await pilot.press("f10", "j")  # closing asks first: j says yes
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        paths = app.screen.paths
        saved = store.get_session(session.id)
    assert saved.status == "closed"
    assert (saved.overall_decision, saved.decision_rationale) == ("continue", "Loopt")
    assert saved.next_date == TODAY + dt.timedelta(weeks=6)
    records = tmp_path / "records"
    assert {records / f"{saved.file_stem}.json", records / f"{saved.file_stem}.md"} <= set(paths)
    assert all(path.exists() for path in paths)
    markdown = (records / f"{saved.file_stem}.md").read_text("utf-8")
    assert "Medicatierol beleggen" in markdown and "6 december 2026" in markdown  # the action
    assert "**Doorgaan**" in markdown and "Loopt" in markdown  # the decision and why
    assert "Bijstellen" in markdown  # the decision on the friction
    assert statement.statement in markdown and "4/5" in markdown
    assert format_date(TODAY + dt.timedelta(weeks=6), "nl") in markdown
    store.close()


async def test_saved_values_show_again_when_the_phase_is_revisited(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    statement = app.catalog.get("zorgnetwerk", "nl").health_check[2]
    operations.add_appreciation(session, "Fijn overleg")
    operations.set_health(session, statement.id, statement.statement, 2)
    operations.set_worth(session, 5)
    operations.set_overall_decision(session, "stop")
    operations.set_rationale(session, "Doel bereikt")
    operations.set_next_date(session, dt.date(2027, 3, 15))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        assert screen.query_one(AppreciationTable).get_row_at(0)[0].plain == "Fijn overleg"
        assert screen.query_one(f"#health-{statement.id}", ScoreField).score == 2
        assert screen.query_one("#worth", ScoreField).score == 5
        assert screen.query_one("#overall-stop", RadioButton).value
        assert screen.query_one("#rationale", TextArea).text == "Doel bereikt"
        assert screen.query_one("#next-date", Input).value == "2027-03-15"
        assert "15 maart 2027" in str(screen.query_one("#next-feedback", Static).render())
    store.close()


async def test_a_failure_while_closing_keeps_everything(tmp_path, monkeypatch, open_app):
    store, app = open_app()
    session = _session()
    operations.set_overall_decision(session, "continue")

    def broken_close(*args, **kwargs):
        assert app.live.session.status == "closed"
        raise UserError("store.disk_full", path=tmp_path / "records" / "x.md")

    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        monkeypatch.setattr(app.live, "write_closed", broken_close)
        await pilot.press("f10", "j")  # closing asks first: j says yes
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert "de schijf is vol" in str(screen.query_one("#close-status", Static).render())
        assert not screen.query_one("#close-form").disabled
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert saved.status == "in_progress" and saved.overall_decision == "continue"
    store.close()


def test_set_health_records_the_wording_updates_in_place_and_skips():
    session = _session()
    operations.set_health(session, "trust", "We vertrouwen elkaar.", 2)
    operations.set_health(session, "process", "Onze overleggen zijn nuttig.", 5)
    operations.set_health(session, "trust", "We vertrouwen elkaar echt.", 4)
    assert [(h.statement_id, h.wording, h.score) for h in session.health] == [
        ("trust", "We vertrouwen elkaar echt.", 4), ("process", "Onze overleggen zijn nuttig.", 5)]
    operations.set_health(session, "trust", "We vertrouwen elkaar echt.", None)
    assert [h.statement_id for h in session.health] == ["process"]
    for wrong in (0, 6, True, "3"):
        with pytest.raises(ValueError):
            operations.set_health(session, "trust", "x", wrong)
    with pytest.raises(ValueError):
        operations.set_overall_decision(session, "maybe")


async def test_quitting_keeps_a_word_of_appreciation_not_yet_entered(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_close(app, pilot, session)
        screen.query_one("#appreciation-text", Input).focus()
        await pilot.press(*"Dank aan Bram voor het vervoer")
        await pilot.press("ctrl+q", "ctrl+q")  # quitting mid-session asks first; Ctrl+Q again says yes
        await pilot.pause()
    assert [a.text for a in store.get_session(session.id).appreciation] == ["Dank aan Bram voor het vervoer"]
    store.close()
