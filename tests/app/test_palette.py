"""The command palette speaks the interface language and finds commands by their words."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tui.core import operations


def _shown(app) -> list[str]:
    """The lines the palette lists now (each command's title, then its help)."""
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    options = palette.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _search(app, pilot, text: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.9)  # longer than the palette's own wait before "no matches"
    return _shown(app)


async def _in_phase(app, pilot, phase: str) -> None:
    app.run_session(operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk"))
    await pilot.pause()
    await app.show_phase(phase)
    await pilot.pause()


async def test_no_results_is_said_in_dutch(open_app):
    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        shown = await _search(app, pilot, "xyzzy")
    assert not any("No matches" in line for line in shown), shown
    assert any("Geen resultaten voor “xyzzy”" in line for line in shown), shown


async def test_thema_and_theme_find_the_theme_toggle(open_app):
    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        shown = await _search(app, pilot, "thema")
        assert any("Licht/donker wisselen" in line for line in shown), shown
        await pilot.press("escape")
        shown = await _search(app, pilot, "beamer")
        assert any("Licht/donker wisselen" in line for line in shown), shown
        before = app.theme
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme != before


async def test_closing_is_offered_in_every_phase(open_app):
    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await _in_phase(app, pilot, "goes_well")
        shown = await _search(app, pilot, "afsluiten")
        assert any("Sessie afsluiten" in line for line in shown), shown
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.PHASE == "close"  # where the decision on the collaboration is taken
