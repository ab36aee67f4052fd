"""The influence board by keys: frictions moved between columns, the cursor following; who can help saved."""

from __future__ import annotations

from tui.app.screens.influence import BoardColumn
from tui.core import operations


def _session():
    session = operations.start_session("Wijkteam West", "nl", "zorgnetwerk")
    for text, votes in [("Overleg valt uit", 1), ("Dossiers sluiten niet aan", 5), ("Wachtlijst", 3)]:
        note = operations.add_friction(session, text)
        operations.vote(session, note.id, votes)
    return session


def _focused(app) -> tuple[str | None, str | None]:
    """The focused column's influence and the friction selected in it."""
    column = app.screen.focused
    assert isinstance(column, BoardColumn)
    return column.influence, app.live.session.note(column.selected_id).text


async def _open_board(app, pilot, session):
    app.run_session(session)
    await pilot.pause()
    app.show_phase("influence")
    await pilot.pause()


async def test_frictions_moved_by_keys_the_cursor_following(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_board(app, pilot, session)
        assert _focused(app) == (None, "Dossiers sluiten niet aan")  # most votes first
        await pilot.press("right")
        assert _focused(app) == ("within", "Dossiers sluiten niet aan")  # the cursor follows
        await pilot.press("right", "right")  # the last column is the edge
        assert _focused(app) == ("outside", "Dossiers sluiten niet aan")
        await pilot.press("shift+tab", "shift+tab")
        assert _focused(app) == (None, "Wachtlijst")
        await pilot.press("l")
        assert _focused(app) == ("within", "Wachtlijst")
        await pilot.press("shift+tab", "l", "h")
        assert _focused(app) == (None, "Overleg valt uit")
        await pilot.press("w")  # not outside: who can help is not asked
        assert not app.screen.query_one("#who-entry").display
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    by_text = {n.text: n.influence for n in saved.frictions}
    assert by_text == {"Dossiers sluiten niet aan": "outside", "Wachtlijst": "within", "Overleg valt uit": None}
    store.close()


async def test_who_can_help_saved_for_an_outside_friction(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    operations.set_influence(session, session.frictions[1].id, "outside")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_board(app, pilot, session)
        await pilot.press("tab", "tab")
        assert _focused(app) == ("outside", "Dossiers sluiten niet aan")
        await pilot.press("w", *"GGD", "enter")
        assert _focused(app) == ("outside", "Dossiers sluiten niet aan")
        await pilot.press("enter", "x", "escape")  # Enter opens the line too; Escape: not saved
        assert not app.screen.query_one("#who-entry").display
        await pilot.press("w", "!", "f7")  # leaving the phase keeps what was typed
        assert app.screen.PHASE == "frictions"
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert [(n.influence, n.who_can_help) for n in saved.frictions] == [(None, ""), ("outside", "GGD!"), (None, "")]
    store.close()


async def test_board_headings_and_cards_say_it_in_words(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    operations.set_influence(session, session.frictions[1].id, "outside")
    operations.edit_item(session, session.frictions[1].id, who_can_help="Gemeente")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_board(app, pilot, session)
        titles = [str(c.border_title) for c in app.screen.query(BoardColumn)]
        assert titles == ["Nog niet ingedeeld", "Binnen onze invloed", "Buiten onze invloed"]
        outside = app.screen.query_one("#col-outside", BoardColumn)
        card = str(outside.get_option_at_index(0).prompt)
        assert "Dossiers sluiten niet aan" in card and "Wie kan helpen: Gemeente" in card
    store.close()


async def test_a_very_long_friction_keeps_its_card_short(tmp_path, open_app):
    from tui.app.screens.influence import CARD_TEXT_LIMIT

    store, app = open_app()
    session = _session()
    operations.add_friction(session, "lang " * 1000)  # a pasted essay of 5,000 characters
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_board(app, pilot, session)
        unsorted = app.screen.query_one("#col-unsorted", BoardColumn)
        cards = [str(unsorted.get_option_at_index(i).prompt) for i in range(unsorted.option_count)]
        essay = next(card for card in cards if "lang lang" in card)
        assert len(essay) < CARD_TEXT_LIMIT + 10 and essay.endswith("…")
        assert app.live.session.frictions[-1].text.count("lang") == 1000  # only the card is short
    store.close()


async def test_a_burst_of_arrows_moves_the_same_friction_twice(tmp_path, open_app):
    """→ → typed fast (or sent together by a terminal) takes the friction across, not two frictions one step."""
    from textual import events

    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_board(app, pilot, session)
        for _ in range(2):
            app.post_message(events.Key("right", None))
        await pilot.pause()
        assert _focused(app) == ("outside", "Dossiers sluiten niet aan")
        influence = {n.text: n.influence for n in app.live.session.frictions}
    assert influence == {"Dossiers sluiten niet aan": "outside", "Wachtlijst": None, "Overleg valt uit": None}
    store.close()
