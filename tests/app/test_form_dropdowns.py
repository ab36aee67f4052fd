"""Dropdowns by keys: Enter opens the list, typing jumps, picking with Enter goes on, Esc closes (in our words)."""

from __future__ import annotations

from textual import events
from textual.widgets import Select

from tui.app.app import TerugblikApp
from tui.app.screens.participant_form import ParticipantForm
from tui.app.widgets.dialog_select import ChoiceList, DialogSelect
from tui.core.i18n import t
from tui.core.model import Participant


async def _open_form(app: TerugblikApp, pilot, person: Participant | None = None) -> tuple[ParticipantForm, list]:
    results: list = []
    form = ParticipantForm(app.catalog.get("zorgnetwerk", app.lang), person)
    app.push_screen(form, results.append)
    await pilot.pause()
    return form, results


async def test_enter_on_the_role_opens_the_list_and_never_saves(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open_form(app, pilot)
        await pilot.press(*"Anna", "enter", "enter")  # name, organisation: Enter goes on
        role = form.query_one("#role", Select)
        assert role.has_focus and not results
        await pilot.press("enter")
        assert role.expanded and not results  # the list opens; nothing is saved
    store.close()


async def test_picking_a_role_with_enter_goes_on_to_the_next_field(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open_form(app, pilot)
        role = form.query_one("#role", Select)
        assert role.is_blank()
        await pilot.press(*"Anna", "tab", "tab", "down")  # opens the list on the first role
        assert role.expanded
        await pilot.press("enter")  # picks it; the list closes and the form goes on
        await pilot.pause()
        assert role.value == "gp" and not role.expanded
        assert form.query_one("#perspective", Select).has_focus
        assert not results
    store.close()


async def test_typing_on_a_closed_dropdown_opens_it_and_jumps(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open_form(app, pilot)
        role = form.query_one("#role", Select)
        role.focus()
        await pilot.press(*"ouder")  # Ouderenadviseur, far down the list
        await pilot.pause()
        assert role.expanded
        await pilot.press("enter")
        await pilot.pause()
        assert role.value == "elderly_care_adviser"
    store.close()


async def test_the_open_list_says_that_typing_jumps(tmp_path, open_app):
    for lang in ("nl", "en"):
        store, app = open_app(lang)
        async with app.run_test(size=(100, 30)) as pilot:
            form, _ = await _open_form(app, pilot)
            form.query_one("#role", Select).focus()
            await pilot.press("enter")
            await pilot.pause()
            choices = form.query_one(ChoiceList)
            assert choices.border_subtitle == t("select.type_to_jump", lang)
            assert ("typ om te springen" if lang == "nl" else "type to jump") in choices.border_subtitle
        store.close()


async def test_editing_keeps_the_role_and_escape_closes_only_the_list(tmp_path, open_app):
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
        assert not role.expanded and app.screen is form and not results and role.has_focus
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
        role.focus()
        await pilot.press("space", "home", "up", "down", "enter")  # up from the blank top stays there
        await pilot.pause()
        assert role.value == "gp"
    store.close()


async def test_f1_on_a_dropdown_explains_how_to_open_it_and_jump(tmp_path, open_app):
    from textual.widgets import DataTable

    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, _ = await _open_form(app, pilot)
        form.query_one("#role", Select).focus()
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-keys", DataTable)
        actions = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert t("select.key.open", "nl") in actions and t("form.key.save", "nl") in actions
    store.close()


def test_typing_jumps_to_a_start_then_a_word_then_anywhere():
    from tui.app.widgets.dialog_select import best_match

    roles = ["Kies een rol", "Huisarts", "Praktijkondersteuner", "Wijkverpleegkundige", "Mantelzorger",
             "Sociaal wijkteam", "Casemanager", "Ouderenadviseur"]
    assert best_match(roles, "hui") == 1
    assert best_match(roles, "WIJK") == 3  # the label that starts with it, before "Sociaal wijkteam"
    assert best_match(roles, "sociaal w") == 5
    assert best_match(["Categorie", "Informatie en overleg", "Organisatie en ICT"], "ict") == 2  # a word start
    assert best_match(roles, "verpleeg") == 3  # anywhere
    assert best_match(roles, "xyz") is None


async def test_keys_typed_before_the_open_list_has_the_focus_still_pick(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, _ = await _open_form(app, pilot)
        role = form.query_one("#role", DialogSelect)
        role.focus()
        await pilot.pause()
        for key in ("c", "a", "s", "enter"):  # all handled by the dropdown, as when typed in one burst
            role.on_key(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        assert role.value == "case_manager" and not role.expanded
        assert form.query_one("#perspective", Select).has_focus
    store.close()
