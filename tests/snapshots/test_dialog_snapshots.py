"""How every dialog looks at 80×24 and 100×30, with long Dutch text (SVG snapshots).

Each dialog must show its title, its fields (scrolling when they do not fit) and its buttons.
Update after an intended change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from tests.sample import full_session
from tests.snapshots.test_snapshots import app_factory  # noqa: F401  (the fixture)
from tui.app.app import TerugblikApp
from tui.app.screens.action_form import ActionForm
from tui.app.screens.export_dialog import ExportDialog
from tui.app.screens.new_session import NewSessionScreen
from tui.app.screens.participant_form import ParticipantForm
from tui.core import operations
from tui.core.model import Participant

CASES = [pytest.param("nl", (80, 24), id="nl-80x24"), pytest.param("nl", (100, 30), id="nl-100x30"),
         pytest.param("en", (80, 24), id="en-80x24")]

FRICTION = {
    "nl": ("Huisarts en wijkverpleging spreken elkaar pas bij een crisis; de overdracht na een "
           "ziekenhuisopname loopt nu via de dochter van mevrouw Bos-Verhoeven, die ook nog fulltime werkt"),
    "en": ("The GP and the district nurses only talk during a crisis; the handover after a hospital stay "
           "now runs through Mrs Bos-Verhoeven's daughter, who also works full time"),
}


def _teams(lang: str) -> list:
    sessions = []
    for n, team in enumerate(["Zorgnetwerk mevrouw Bos-Verhoeven (Wijkteam Oost)",
                              "Ketenoverleg dementie Tilburg-Noord en Reeshof",
                              "Sociaal wijkteam Groenewoud"]):
        session = operations.start_session(team, lang, "zorgnetwerk", date=dt.date(2026, 10, 1 + n))
        session.id = f"{n:02d}" * 16
        session.created_at = session.updated_at = "2026-10-01T10:00:00+00:00"
        sessions.append(session)
    return sessions


def _carer(lang: str) -> Participant:
    return Participant("Fatima El Amrani-van den Berghe", "Stichting Mantelzorg en Vrijwilligers Midden-Brabant",
                       "informal_carer", "connector",
                       relation="dochter van mevrouw Bos-Verhoeven" if lang == "nl" else "daughter of Mrs Bos-Verhoeven")


def _dialog(app: TerugblikApp, lang: str, name: str):
    session = full_session(lang)
    if name == "new":
        return NewSessionScreen()
    if name == "participant":
        return ParticipantForm(app.catalog.get("zorgnetwerk", lang), _carer(lang))
    if name == "action":
        people = [*session.participants, _carer(lang)]
        return ActionForm(people, source=FRICTION[lang])
    return ExportDialog(["md", "html"])


def _open(app: TerugblikApp, lang: str, name: str):
    async def run(pilot):
        await pilot.pause(0.2)
        app.push_screen(_dialog(app, lang, name))
        for _ in range(3):
            await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        if name == "new":
            await pilot.press(*"Zorgnetwerk mevrouw Bos-Verhoeven")
        await pilot.pause(0.2)

    return run


@pytest.mark.parametrize(("lang", "size"), CASES)
@pytest.mark.parametrize("name", ["new", "participant", "action", "export"])
def test_dialog(snap_compare, app_factory, name, lang, size):  # noqa: F811
    app = app_factory(lang, _teams(lang))
    assert snap_compare(app, terminal_size=size, run_before=_open(app, lang, name))


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_the_open_role_list_says_typing_jumps(snap_compare, app_factory, lang, size):  # noqa: F811
    """Typing "ouder" on the role opened the list on Ouderenadviseur; its frame says typing jumps."""
    app = app_factory(lang, _teams(lang))

    async def run(pilot):
        await pilot.pause(0.2)
        app.push_screen(ParticipantForm(app.catalog.get("zorgnetwerk", lang)))
        for _ in range(3):
            await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*"Anna de Vries-Bakker", "enter", *"Huisartsenpraktijk De Linde", "enter")
        await pilot.press(*("ouder" if lang == "nl" else "elder"))
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=size, run_before=run)
