"""A whole Dutch retrospective by keys, counting the keys that are not text.

The scenario of a real meeting: 5 participants with their roles (one informal carer with her
relation to the client), 3 goes-well notes with their why, 4 frictions
with categories and dot votes, the influence board, 3 actions from the decisions, and the
closing round (appreciation, health check, worth our time, the decision, the next date),
closed with the minutes written. Typed text costs nothing here (letters typed on a dropdown to
jump to a choice count as text: they are words the lead reads); every other key counts. The
count is a budget: a change that makes the lead press more keys for the same meeting fails
this test, and the count is printed (``-s``) for the record.
"""

from __future__ import annotations

from tui.app.screens.minutes import MinutesScreen

BUDGET = 135
"""The most keys besides text the whole meeting may take (129 when this was written)."""


class Keys:
    """Presses keys through the pilot and counts those that are not text."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.count = 0
        self.by_phase: dict[str, int] = {}
        self.phase = "home"

    async def text(self, value: str) -> None:
        """Type text (not counted)."""
        await self.pilot.press(*value)

    async def keys(self, *names: str) -> None:
        """Press keys that are not text (counted)."""
        self.count += len(names)
        self.by_phase[self.phase] = self.by_phase.get(self.phase, 0) + len(names)
        await self.pilot.press(*names)
        await self.pilot.pause()


PARTICIPANTS = [  # name, organisation, the letters typed on the role dropdown to jump to the role, role
    ("Anna de Vries", "Huisartsenpraktijk De Linde", "hui", "gp"),
    ("Bram Jansen", "Buurtzorg Oost", "wijkv", "district_nurse"),
    ("Carla Smit", "Gemeente Oost", "soc", "social_district_team"),
    ("Dewi Pranoto", "Welzijn Oost", "wel", "welfare"),
    ("Els Bos", "", "man", "informal_carer"),
]
RELATION = "dochter van mevrouw Bos"
GOES_WELL = [
    ("Korte lijnen met de huisarts", "We bellen elkaar direct"),
    ("Vaste contactpersoon bij de thuiszorg", "Iedereen weet wie te bellen"),
    ("Mantelzorger wordt gehoord", "Els zit bij elk overleg"),
]
FRICTIONS = [  # text, the letters typed on the category to jump to it, the category, votes
    ("Dossiers sluiten niet aan", "ict", "Organisatie en ICT", 5),
    ("Wie regelt de medicatie", "rol", "Rollen en taken", 3),
    ("Wachtlijst dagbesteding", "tijd", "Tijd en geld", 2),
    ("Niemand belt de mantelzorger terug", "inf", "Informatie en overleg", 1),
]


async def test_a_whole_meeting_stays_within_the_keystroke_budget(open_app, capsys):
    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        k = Keys(pilot)
        await pilot.pause()
        # Home: a new session; Ctrl+S in the team field starts it with the defaults.
        await k.keys("n")
        await k.text("Wijkteam Oost")
        await k.keys("ctrl+s")
        assert app.live is not None and app.screen.PHASE == "setup"

        k.phase = "setup"
        for name, organisation, letters, _ in PARTICIPANTS:
            await k.keys("a")
            await k.text(name)
            await k.keys("enter")  # Enter goes on: to the organisation
            await k.text(organisation)
            await k.keys("enter")  # to the role, where typing jumps (typed letters count as text)
            await k.text(letters)
            if name == "Els Bos":  # an informal carer's relation to the client has a field of its own
                await k.keys("enter")  # picks the role and goes on to the relation
                await k.text(RELATION)
            await k.keys("ctrl+s")
        session = app.live.session
        assert [(p.name, p.role) for p in session.participants] == [(n, role) for n, _, _, role in PARTICIPANTS]
        assert session.participants[-1].relation == RELATION

        k.phase = "checkin"
        await k.keys("ctrl+right")  # a first session: nothing to check in
        await k.keys("ctrl+right")
        assert app.screen.PHASE == "goes_well"

        k.phase = "goes_well"
        for text, why in GOES_WELL:
            await k.text(text)
            await k.keys("enter")
            await k.text(why)
            await k.keys("enter")
        assert [(n.text, n.why) for n in session.goes_well] == GOES_WELL

        await k.keys("ctrl+right")
        k.phase = "frictions"
        for text, letters, _, _ in FRICTIONS:
            await k.text(text)
            await k.keys("tab")  # to the category, where typing jumps (typed letters count as text)
            await k.text(letters)
            await k.keys("enter", "enter")  # picks it and goes back to the note; adds the note
        assert [(n.text, n.category) for n in session.frictions] == [
            (text, category) for text, _, category, _ in FRICTIONS]
        await k.keys("tab", "tab")  # into the table: on the first friction
        for index, (_, _, _, votes) in enumerate(FRICTIONS):
            if index:
                await k.keys("down")
            await k.keys(*["plus"] * votes)
        assert [n.votes for n in session.frictions] == [votes for _, _, _, votes in FRICTIONS]

        await k.keys("ctrl+right")
        k.phase = "influence"
        # The board lists the unsorted frictions by votes: → within, → → outside (w: who can help).
        await k.keys("right")  # Dossiers (5): within... moved; the cursor follows it
        await k.keys("shift+tab")  # back to the unsorted column: Medicatie (3)
        await k.keys("right", "right", "w")
        await k.text("Apotheek Oost")
        await k.keys("enter")
        await k.keys("shift+tab", "shift+tab")  # Wachtlijst (2)
        await k.keys("right", "right", "w")
        await k.text("Gemeente")
        await k.keys("enter")
        await k.keys("shift+tab", "shift+tab")  # Mantelzorger (1)
        await k.keys("right")
        influence = {n.text: n.influence for n in session.frictions}
        assert influence == {"Dossiers sluiten niet aan": "within", "Wie regelt de medicatie": "outside",
                             "Wachtlijst dagbesteding": "outside", "Niemand belt de mantelzorger terug": "within"}

        await k.keys("ctrl+right")
        k.phase = "decide"
        # Goes well first (three: keep), then the frictions by votes.
        await k.keys("k", "down", "k", "down", "k", "down")
        for what, owner_downs, due in [("Dossierafspraken maken", 0, "over 2 weken"),
                                       ("Medicatie bespreken met apotheek", 1, "vrijdag"),
                                       ("Wachtlijst aankaarten", 2, "over 1 maand")]:
            await k.keys("a")  # adjust: the action form opens with an empty "what", the friction above it
            await k.text(what)
            await k.keys("enter", *["down"] * owner_downs, "space", "enter")
            await k.text(due)
            await k.keys("ctrl+s", "down")
        await k.keys("k")
        decided = [n.decision for n in (*session.goes_well, *session.frictions)]
        assert None not in decided
        assert len(session.actions) == 3 and all(a.owners and a.due for a in session.actions)

        await k.keys("ctrl+right")  # the actions: checked, nothing to change
        await k.keys("ctrl+right")
        k.phase = "close"
        assert app.screen.PHASE == "close"
        for words in ("Dank aan Els voor haar eerlijkheid", "Fijn dat de apotheek meedacht"):
            await k.text(words)
            await k.keys("enter")
        await k.keys("enter")  # an empty line moves on
        await k.keys("tab", "tab")  # past "said by" and the list of appreciation: the first statement
        for score in ("4", "3", "4", "2", "3"):
            await k.keys(score, "tab")
        await k.keys("4", "tab")  # worth our time
        await k.keys("enter")  # continue
        await k.keys("tab")
        await k.text("De lijnen zijn kort, de dossiers nog niet")
        await k.keys("tab")
        await k.text("over 6 weken")
        await k.keys("f10", "j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)

    saved = store.get_session(session.id)
    assert saved.status == "closed" and saved.overall_decision == "continue"
    assert [h.score for h in saved.health] == [4, 3, 4, 2, 3] and saved.worth_score == 4
    assert [a.text for a in saved.appreciation] == ["Dank aan Els voor haar eerlijkheid",
                                                    "Fijn dat de apotheek meedacht"]
    with capsys.disabled():
        print(f"\nkeys besides text for the whole meeting: {k.count} {k.by_phase}")
    assert k.count <= BUDGET, k.by_phase
