"""One form behaviour in every dialog: Enter goes on, saving is a visible step, the buttons always fit."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Select, Static

from tests.sample import full_session
from tui.app.app import TerugblikApp
from tui.app.screens.action_form import ActionForm
from tui.app.screens.export_dialog import ExportDialog
from tui.app.screens.new_session import NewSessionScreen
from tui.app.screens.participant_form import ParticipantForm
from tui.app.widgets.form import FormScreen
from tui.core.model import Participant

FRICTION = ("Huisarts en wijkverpleging spreken elkaar pas bij een crisis; de overdracht na een "
            "ziekenhuisopname loopt via de dochter van mevrouw Bos")


def _forms(app: TerugblikApp) -> dict[str, FormScreen]:
    session = full_session(app.lang)
    template = app.catalog.get("zorgnetwerk", app.lang)
    return {
        "new": NewSessionScreen(),
        "participant": ParticipantForm(template),
        "participant-carer": ParticipantForm(template, Participant("Carla Smit", "", "informal_carer",
                                                                   relation="dochter van mevrouw Bos")),
        "action": ActionForm(session.participants, source=FRICTION),
        "export": ExportDialog(["md"]),
    }


async def _open(app: TerugblikApp, pilot, name: str) -> tuple[FormScreen, list]:
    results: list = []
    form = _forms(app)[name]
    app.push_screen(form, results.append)
    await pilot.pause()
    return form, results


@pytest.mark.parametrize("name", ["new", "participant", "participant-carer", "action", "export"])
async def test_enter_walks_every_field_to_the_main_button_and_saves_only_there(name, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open(app, pilot, name)
        if name in ("new", "participant"):
            await pilot.press(*"Wijkteam Oost")
        if name == "action":
            await pilot.press(*"Overdracht afspreken")
        visited = []
        for _ in range(20):
            focused = app.focused
            if isinstance(focused, Button):
                break
            visited.append(focused)
            await pilot.press("enter")
            if isinstance(focused, Select):  # Enter opened the list; Enter picks and goes on
                assert focused.expanded
                await pilot.press("enter")
            await pilot.pause()
            assert not results, f"saved on Enter in {focused!r}"
        assert visited == form.fields()  # every field once, in order
        assert app.focused is form.main_button()
        await pilot.press("enter")
        await pilot.pause()
        assert results and results[0]
    store.close()


@pytest.mark.parametrize("name", ["new", "participant", "action", "export"])
async def test_ctrl_s_saves_from_the_first_field_and_the_footer_says_so(name, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open(app, pilot, name)
        assert "ctrl+s" in form.active_bindings and form.active_bindings["ctrl+s"].binding.description
        await pilot.press(*{"new": "Wijkteam Oost", "participant": "Anna", "action": "Bellen"}.get(name, ""))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results and results[0]
    store.close()


async def test_enter_in_the_organisation_goes_on_to_the_role(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open(app, pilot, "participant")
        await pilot.press(*"Anna", "enter", *"Praktijk De Linde", "enter")
        assert form.query_one("#role", Select).has_focus and not results
    store.close()


async def test_ctrl_s_with_the_list_open_takes_the_choice_typed_to(open_app):
    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open(app, pilot, "participant")
        await pilot.press(*"Anna", "enter", "enter", *"hui")  # the list opens on Huisarts
        assert form.query_one("#role", Select).expanded
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results and results[0]["role"] == "gp"
    store.close()


async def test_the_relation_is_asked_for_an_informal_carer_and_saved(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open(app, pilot, "participant")
        relation = form.query_one("#relation", Input)
        assert not relation.display  # a GP has no relation to ask for
        await pilot.press(*"Carla", "enter", "enter", *"mantel", "enter")  # role: informal carer
        await pilot.pause()
        assert relation.display and relation.has_focus
        await pilot.press(*"dochter van mevrouw Bos", "ctrl+s")
        await pilot.pause()
        assert results[0]["role"] == "informal_carer" and results[0]["relation"] == "dochter van mevrouw Bos"
    store.close()


async def test_an_action_from_a_friction_starts_empty_with_the_friction_above(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form, _ = await _open(app, pilot, "action")
        assert form.query_one("#what", Input).value == ""
        assert "Huisarts en wijkverpleging" in str(form.query_one("#action-source", Static).render())
    store.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("name", ["new", "participant", "participant-carer", "action", "export"])
async def test_every_dialog_fits_with_its_buttons_in_view(name, size, lang, open_app):
    store, app = open_app(lang)
    async with app.run_test(size=size) as pilot:
        form, _ = await _open(app, pilot, name)
        await pilot.pause()
        screen_region = form.region
        for button in form.query(Button):
            region = form.find_widget(button).region
            assert region.height == 3 and screen_region.contains_region(region), button
        footer_top = screen_region.bottom - 1
        assert all(form.find_widget(b).region.bottom <= footer_top for b in form.query(Button))
        # the field with the focus is in view, also the last one before the buttons
        last = form.fields()[-1]
        last.focus()
        await pilot.pause(0.1)
        body = form.query_one(".form-body")
        assert body.region.contains_region(form.find_widget(last).region)
    store.close()


async def test_a_burst_of_keys_after_enter_goes_to_the_next_field(open_app):
    """Keys that arrive together (a fast typist, a paste, a terminal that sends a burst) keep their order."""
    from textual import events

    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        form, results = await _open(app, pilot, "participant")
        for key in [*"Bram", "enter", *"Buurtzorg"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        assert form.query_one("#name", Input).value == "Bram"
        assert form.query_one("#organisation", Input).value == "Buurtzorg"
    store.close()
