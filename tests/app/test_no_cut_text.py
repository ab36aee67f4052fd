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
@pytest.mark.parametrize("phase", ["checkin", "goes_well", "frictions", "decide", "actions"])
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
