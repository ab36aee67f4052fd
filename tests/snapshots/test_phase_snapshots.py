"""Every phase at 80×24 and 100×30 with realistic, long Dutch text (names, categories, whys).

What these pictures must show: no typed text cut off without "…", the selected row clearly
marked, the selected note whole below its table, the phase keys in the footer.
Update after an intended change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from tests.snapshots.test_snapshots import app_factory  # noqa: F401 (the fixture)
from tui.core import operations
from tui.core.model import Session

SIZES = {"80x24": (80, 24), "100x30": (100, 30)}
PHASES = ["setup", "checkin", "goes_well", "frictions", "influence", "decide", "actions", "close"]


def _meeting() -> Session:
    """A meeting in full swing, with the long names, categories and whys of a real care network."""
    previous = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk", date=dt.date(2026, 12, 1))
    anna = operations.add_participant(previous, "Anna-Maria van der Berg-Hoogendijk", "Huisartsenpraktijk De Linde",
                                      "gp")
    operations.add_action(previous, "Afspraken over medicatieoverdracht bij ontslag uit het ziekenhuis op papier "
                                    "zetten en delen met de thuiszorg", [anna.id], dt.date(2027, 1, 10))
    operations.add_action(previous, "Casusoverleg met het sociaal wijkteam plannen", [anna.id], None)
    previous.status = "closed"
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk", previous=previous,
                                       date=dt.date(2027, 1, 19))
    session.title = "Terugblik januari"
    anna = operations.add_participant(session, "Anna-Maria van der Berg-Hoogendijk", "Huisartsenpraktijk De Linde",
                                      "gp")
    bram = operations.add_participant(session, "Bram Jansen", "Buurtzorg Oost", "district_nurse")
    operations.add_participant(session, "Els Bos", "", "informal_carer")
    operations.review_action(session, session.reviews[0].action_id, "partly", "Alleen met de thuiszorg gedeeld")
    operations.add_change(session, "Sinds oktober een nieuwe wijkverpleegkundige voor de hele wijk Oost, "
                                   "en de huisartsenpraktijk werkt met een ander informatiesysteem")
    well = operations.add_goes_well(session, "Korte lijnen met de huisarts over medicatie en ontslag uit het "
                                             "ziekenhuis", "We bellen elkaar direct, ook buiten kantoortijden, en "
                                                          "iedereen weet wie wat doet", anna.id)
    operations.add_goes_well(session, "Els wordt gehoord", "Ze zit bij elk overleg", None)
    dossier = operations.add_friction(session, "Dossiers sluiten niet aan tussen huisarts, wijkverpleging, thuiszorg "
                                               "en het sociaal wijkteam", "Opvattingen over goede zorg")
    operations.vote(session, dossier.id, 12)
    waiting = operations.add_friction(session, "Niemand weet wie de mantelzorger terugbelt", "Belemmerende overtuigingen")
    operations.vote(session, waiting.id, 3)
    operations.set_influence(session, dossier.id, "outside")
    operations.edit_item(session, dossier.id, who_can_help="ICT-regisseur van de gemeente en de zorgverzekeraar")
    operations.set_decision(session, dossier.id, "adjust")
    operations.set_decision(session, well.id, "keep")
    operations.add_action(session, "Gezamenlijk zorgplan opstellen met alle partners rond de cliënt en de "
                                   "mantelzorger", [anna.id, bram.id], dt.date(2027, 2, 2), source_note_id=dossier.id)
    session.phase_seconds = {}
    return session


def _show(app, phase: str):
    session = _meeting()
    session.current_phase = phase

    async def start(pilot):
        await app.run_session(session)
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        for _ in range(3):
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)

    return start


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("phase", PHASES)
def test_phase(snap_compare, app_factory, phase, size):  # noqa: F811 (the fixture)
    app = app_factory("nl")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_show(app, phase))
