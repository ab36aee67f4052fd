"""The dropdowns of the notes entry line (Wie, Categorie): readable prompts, a list that fits, Esc in our words."""

from __future__ import annotations

import pytest
from textual.widgets import Select, Static

from tui.app.app import TerugblikApp
from tui.app.compat import SelectOverlay
from tui.core import operations
from tui.core.i18n import t


def _app(open_app, lang: str):
    store, app = open_app(lang)
    session = operations.start_session("Wijkteam Oost", lang, "zorgnetwerk")
    operations.add_participant(session, "Anna", "", "gp")
    return store, app, session


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_category_list_shows_each_category_on_one_line(tmp_path, size, open_app):
    store, app, session = _app(open_app, "nl")
    async with app.run_test(size=size) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("frictions")
        await pilot.pause()
        category = app.screen.query_one("#category", Select)
        category.focus()
        await pilot.press("space")
        await pilot.pause()
        overlay = category.query_one(SelectOverlay)
        assert overlay.virtual_size.height == overlay.option_count  # no label wraps onto a second line
        assert overlay.max_scroll_y == 0  # all of them in view
        assert overlay.content_size.width >= max(len(name) for name in _categories(app, session))
        # the list stays on the screen, however far right the dropdown is
        region = app.screen.find_widget(overlay).region
        assert region.right <= size[0] and region.bottom <= size[1]
        assert app.screen.active_bindings["escape"].binding.description == t("select.key.close", "nl")
    store.close()


def _categories(app: TerugblikApp, session) -> list[str]:
    return app.catalog.get(session.template_id, session.language).friction_categories


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_who_prompt_fits_on_one_line(tmp_path, lang, open_app):
    store, app, session = _app(open_app, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("goes_well")
        await pilot.pause()
        author = app.screen.query_one("#author", Select)
        label = author.query_one("#label", Static)
        assert str(label.render()) == t("notes.author_prompt", lang)
        assert label.size.height == 1 and label.size.width >= len(t("notes.author_prompt", lang))
        author.focus()
        await pilot.press("space")
        await pilot.pause()
        descriptions = [active.binding.description for active in app.screen.active_bindings.values()]
        assert t("select.key.close", lang) in descriptions and "Dismiss menu" not in descriptions
    store.close()


async def test_a_friction_with_a_category_takes_one_enter_after_the_pick(tmp_path, open_app):
    """Type, Tab, type to jump in the categories, Enter picks and goes back to the note, Enter adds it."""
    from tui.app.widgets.note_entry import NoteEntry

    store, app, session = _app(open_app, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("frictions")
        await pilot.pause()
        await pilot.press(*"Niemand belt terug", "tab", *"ict")  # typing on the closed dropdown opens it
        await pilot.pause()
        category = app.screen.query_one("#category", Select)
        assert category.expanded
        await pilot.press("enter")  # picks "Organisatie en ICT" and goes back to the note
        await pilot.pause()
        assert app.screen.query_one(NoteEntry).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert [(f.text, f.category) for f in session.frictions] == [("Niemand belt terug", "Organisatie en ICT")]
    store.close()


async def test_letters_typed_right_after_tab_go_to_the_category(tmp_path, open_app):
    """Keys already on their way to the note when Tab moved the focus end up in the category, not the note."""
    from textual import events

    from tui.app.widgets.note_entry import NoteEntry

    store, app, session = _app(open_app, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("frictions")
        await pilot.pause()
        entry = app.screen.query_one(NoteEntry)
        await pilot.press(*"Niemand belt terug")
        for key in ("tab", "i", "c", "t", "enter"):  # all queued for the entry at once, as in a fast burst
            entry.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert entry.value == "Niemand belt terug"
        assert app.screen.query_one("#category", Select).value == "Organisatie en ICT"
        assert entry.has_focus  # picked: back to the note
    store.close()
