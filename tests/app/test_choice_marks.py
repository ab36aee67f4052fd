"""Chosen and not-chosen options look different without colour: ✔ or ● in the box, or an empty box."""

from __future__ import annotations

from tui.app.screens.action_form import ActionForm, OwnerList
from tui.app.screens.close import CloseScreen
from tui.core import operations


async def test_owner_list_marks_chosen_people_with_a_tick_and_others_with_an_empty_box(tmp_path, open_app):
    store, app = open_app()
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    anna = operations.add_participant(session, "Anna", "", "gp")
    operations.add_participant(session, "Bram", "", "informal_carer")
    action = operations.add_action(session, "Medicatierol beleggen", [anna.id], None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ActionForm(session.participants, action))
        await pilot.pause()
        owners = app.screen.query_one(OwnerList)

        def boxes() -> list[str]:
            return [owners.render_line(y).text[:3] for y in range(2)]

        assert boxes() == ["▐✔▌", "▐ ▌"]  # Anna chosen, Bram not
        owners.focus()
        await pilot.press("down", "space", "up", "space")  # Bram in, Anna out
        await pilot.pause()
        assert boxes() == ["▐ ▌", "▐✔▌"]
    store.close()


async def test_overall_decision_marks_the_chosen_one_with_a_dot_and_the_others_with_an_empty_box(tmp_path, open_app):
    store, app = open_app()
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.add_participant(session, "Anna", "", "gp")
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("close")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CloseScreen)

        def boxes() -> dict[str, str]:
            return {button.id: button.render().plain[:3] for button in screen.query("#overall RadioButton")}

        assert set(boxes().values()) == {"▐ ▌"}  # nothing chosen yet: every box empty
        screen.query_one("#overall").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        marks = boxes()
        assert marks.pop("overall-adjust_plan") == "▐●▌"
        assert set(marks.values()) == {"▐ ▌"}
    store.close()
