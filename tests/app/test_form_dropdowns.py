"""Dropdowns in dialogs by keys: Enter goes on, Space or ↓ opens the list, Esc closes it (in our words)."""

from __future__ import annotations

from textual.widgets import Select

from tui.app.app import TerugblikApp
from tui.app.screens.participant_form import ParticipantForm
from tui.core.i18n import t
from tui.core.model import Participant


async def _open_form(app: TerugblikApp, pilot, person: Participant | None = None) -> tuple[ParticipantForm, list]:
    results: list = []
    form = ParticipantForm(app.catalog.get("zorgnetwerk", app.lang), person)
    app.push_screen(form, results.append)
    await pilot.pause()
    return form, results


async def test_enter_on_the_role_saves_the_form_instead_of_opening_the_list(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open_form(app, pilot)
        await pilot.press(*"Anna", "tab", "tab")
        assert form.query_one("#role", Select).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert results and results[0]["name"] == "Anna"
        assert results[0]["role"] == "other"  # nothing chosen: a valid default
    store.close()


async def test_a_new_person_starts_without_a_role_and_the_first_is_one_key_away(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open_form(app, pilot)
        role = form.query_one("#role", Select)
        assert role.is_blank()
        await pilot.press(*"Anna", "tab", "tab", "down")  # opens the list on the first role
        assert role.expanded
        await pilot.press("enter")  # picks it; the list closes, the focus is back on the role
        await pilot.pause()
        assert role.value == "gp" and role.has_focus and not role.expanded
        await pilot.press("enter")  # and now Enter saves
        await pilot.pause()
        assert results and results[0]["role"] == "gp"
    store.close()


async def test_editing_keeps_the_role_and_space_opens_the_list(tmp_path, open_app):
    store, app = open_app()
    person = Participant(id="p1", name="Bram", role="informal_carer")
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open_form(app, pilot, person)
        role = form.query_one("#role", Select)
        assert role.value == "informal_carer"
        role.focus()
        await pilot.press("space")
        assert role.expanded
        await pilot.press("escape")  # closes the list, not the form
        await pilot.pause()
        assert not role.expanded and app.screen is form and not results
    store.close()


async def test_an_open_list_describes_esc_in_the_users_language(tmp_path, open_app):
    for lang in ("nl", "en"):
        store, app = open_app(lang)
        async with app.run_test(size=(100, 30)) as pilot:
            form, _ = await _open_form(app, pilot)
            form.query_one("#role", Select).focus()
            await pilot.press("space")
            await pilot.pause()
            descriptions = {key: active.binding.description for key, active in form.active_bindings.items()}
            assert descriptions["escape"] == t("select.key.close", lang)
            assert "Dismiss menu" not in descriptions.values()
        store.close()


async def test_the_list_stops_at_its_ends(tmp_path, open_app):
    store, app = open_app()
    person = Participant(id="p1", name="Bram", role="other")  # the last role
    async with app.run_test(size=(100, 30)) as pilot:
        form, _ = await _open_form(app, pilot, person)
        role = form.query_one("#role", Select)
        role.focus()
        await pilot.press("space", "down", "enter")  # past the end: stays on the last one
        await pilot.pause()
        assert role.value == "other"
        await pilot.press("space", "home", "up", "down", "enter")  # up from the blank top stays there
        await pilot.pause()
        assert role.value == "gp"
    store.close()


async def test_f1_on_a_dropdown_explains_enter_and_space(tmp_path, open_app):
    from textual.widgets import DataTable

    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, _ = await _open_form(app, pilot)
        form.query_one("#role", Select).focus()
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-keys", DataTable)
        actions = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert t("select.key.open", "nl") in actions and t("select.key.submit", "nl") in actions
    store.close()
