"""At projector sizes no typed text is cut off at a table's edge: it is shortened with "…" and shown whole in a detail line."""

from __future__ import annotations

import pytest

from tui.app.widgets.note_table import ItemTable
from tui.core import operations
from tui.core.model import Session

SIZES = [(80, 24), (100, 30)]


def _previous() -> Session:
    previous = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    anna = operations.add_participant(previous, "Anna-Maria van der Berg-Hoogendijk", "Huisartsenpraktijk De Linde",
                                      "gp")
    operations.add_action(previous, "Afspraken over medicatieoverdracht bij ontslag uit het ziekenhuis op papier "
                                    "zetten en delen met de thuiszorg", [anna.id], None)
    operations.add_action(previous, "Casusoverleg met het sociaal wijkteam plannen", [anna.id], None)
    previous.status = "closed"
    return previous


def _session() -> Session:
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk", previous=_previous())
    anna = operations.add_participant(session, "Anna-Maria van der Berg-Hoogendijk", "Huisartsenpraktijk De Linde",
                                      "gp")
    operations.add_change(session, "Sinds oktober een nieuwe wijkverpleegkundige voor de hele wijk Oost, "
                                   "en de huisartsenpraktijk werkt met een ander informatiesysteem")
    operations.add_goes_well(session, "Korte lijnen met de huisarts over medicatie en ontslag uit het ziekenhuis",
                             "We bellen elkaar direct, ook buiten kantoortijden, en iedereen weet wie wat doet",
                             anna.id)
    friction = operations.add_friction(session, "Dossiers sluiten niet aan tussen huisarts, wijkverpleging, "
                                                "thuiszorg en het sociaal wijkteam", "Opvattingen over goede zorg")
    operations.vote(session, friction.id, 12)
    operations.add_friction(session, "Niemand weet wie de mantelzorger belt", "Belemmerende overtuigingen")
    operations.add_action(session, "Gezamenlijk zorgplan opstellen met alle partners rond de cliënt en de "
                                   "mantelzorger", [anna.id], None, source_note_id=friction.id)
    return session


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
@pytest.mark.parametrize("phase", ["setup", "checkin", "goes_well", "frictions", "decide", "actions"])
async def test_tables_fit_their_width(open_app, size, phase):
    store, app = open_app()
    async with app.run_test(size=size) as pilot:
        app.run_session(_session())
        await pilot.pause()
        await app.show_phase(phase)
        await pilot.pause()
        await pilot.pause()
        tables = list(app.screen.query(ItemTable))
        assert tables
        for table in tables:
            if not table.display or table.row_count == 0:
                continue
            assert table.max_scroll_x == 0, (table.id, table.virtual_size.width, table.scrollable_content_region.width)


@pytest.mark.parametrize("phase", ["goes_well", "frictions", "decide", "actions", "checkin", "close"])
async def test_footer_keeps_the_phase_keys_at_80x24(open_app, phase):
    from textual.widgets import Footer

    store, app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.run_session(_session())
        await pilot.pause()
        await app.show_phase(phase)
        await pilot.pause()
        if phase in ("goes_well", "frictions"):
            await pilot.press("tab", "tab")  # into the table, whose own keys come on top
            await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = {key.action: key for key in footer.query("FooterKey")}
        for action in ("next_phase", "previous_phase"):
            region = keys[action].region
            assert region.width > 0 and region.right <= 80 - len("^p Opdrachten"), (action, region)


@pytest.mark.parametrize("phase", ["goes_well", "frictions"])
async def test_the_guide_leaves_the_entry_usable_at_80x24(open_app, phase):
    from tui.app.widgets.guide import GuidePanel
    from tui.app.widgets.note_entry import NoteEntry

    store, app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.run_session(_session())
        await pilot.pause()
        await app.show_phase(phase)
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one(GuidePanel).display
        entry = app.screen.query_one(NoteEntry)
        assert entry.content_region.width >= 20, entry.region  # twenty letters in view, not three
        select = app.screen.query_one("#entry Select")
        assert select.region.right <= app.screen.query_one(GuidePanel).region.x
        await pilot.pause()
        label = app.screen.query_one("#entry-label")
        shown = str(label.render())
        assert len(shown) < label.size.width or shown.endswith("…"), (shown, label.size.width)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
async def test_the_roster_shows_the_selected_participant_whole(open_app, size):
    from textual.widgets import Static

    session = _session()
    relation = "dochter van mevrouw Bos, woont in Deventer en komt elke zaterdag"
    carer = operations.add_participant(session, "Els Bos", "", "informal_carer", relation=relation)
    store, app = open_app()
    async with app.run_test(size=size) as pilot:
        app.run_session(session)
        await pilot.pause()
        await app.show_phase("setup")
        await pilot.pause()
        table = app.screen.query_one(ItemTable)
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert table.selected_id == carer.id
        assert "…" in "".join(str(cell) for cell in table.get_row_at(table.cursor_row))  # cut in the roster
        detail = app.screen.query_one("#participant-detail", Static)
        assert detail.display and detail.region.height > 0
        assert relation in str(detail.render()) and "Els Bos" in str(detail.render())
