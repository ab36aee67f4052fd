"""A small, hand-built history of two teams whose comparison figures are known in advance.

Used by ``tests/core/test_compare.py`` (in memory) and ``tests/cli/test_compare_cli.py``
(saved in records folders, exported and gathered). The expected figures are written out
by hand in the tests; this module only builds the sessions.

Two teams, interleaved in time, so that mixing the teams up would change the figures::

    2025-01-15  Wijkteam Oost     O1      2025-02-05  Zorgnetwerk West  W1
    2025-03-12  Wijkteam Oost     O2      2025-04-02  zorgnetwerk  west W2  (other spelling)
    2025-05-14  Wijkteam Oost     O3      2025-06-04  Zorgnetwerk West  W3
    2025-07-09  Wijkteam Oost     O4  (still in progress)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tui.core.model import (
    Action,
    ActionReview,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
)

OOST = "Wijkteam Oost"
WEST = "Zorgnetwerk West"

GOAL = "We werken aan een gedeeld doel voor de cliënt."
ROLES_OLD = "Het is duidelijk wie waarvoor verantwoordelijk is."
ROLES_NEW = "Iedereen weet wie waarvoor verantwoordelijk is."


def sid(team: str, number: int) -> str:
    """A readable session id: ``a1000…`` for Oost's first session, ``b2000…`` for West's second."""
    return f"{team}{number}".ljust(32, "0")


def F(text: str, category: str | None = None, influence: str | None = None,
      decision: str | None = None) -> FrictionNote:
    """A friction note (its id is given by :func:`session`)."""
    return FrictionNote(text, category=category, influence=influence, decision=decision)


def session(
    team: str,
    date: str,
    session_id: str,
    *,
    frictions: Iterable[FrictionNote] = (),
    keep: int = 0,
    adjust: int = 0,
    stop: int = 0,
    actions: Iterable[str] = (),
    reviews: Iterable[tuple[str, str | None, str | None]] = (),
    health: Iterable[tuple[str, str, int]] = (),
    overall: str | None = None,
    status: str = "closed",
    worth: int | None = None,
) -> Session:
    """One valid session; ``keep``/``adjust``/``stop`` count goes-well notes with that decision,
    ``actions`` are action ids, ``reviews`` are ``(action id, outcome, source session id)``."""
    day = dt.date.fromisoformat(date)
    stamp = f"{date}T10:00:00+00:00"
    people = [
        Participant("Anna de Vries", "Huisartsenpraktijk", "gp", id="p1"),
        Participant("Bram Jansen", "Thuiszorg", "home_care", id="p2"),
        Participant("Carla Smit", "", "informal_carer", present=False, id="p3"),
    ]
    decisions = ["keep"] * keep + ["adjust"] * adjust + ["stop"] * stop
    goes_well = [
        GoesWellNote(f"Goed punt {n}", why="Omdat we elkaar bellen", author="p1", decision=d, id=f"g{n}")
        for n, d in enumerate(decisions, start=1)
    ]
    notes = list(frictions)
    for n, note in enumerate(notes, start=1):
        note.id = f"f{n}"
        note.author = "p2"
    return Session(
        id=session_id,
        team=team,
        date=day,
        title=f"Terugblik {date}",
        status=status,
        participants=people,
        reviews=[
            ActionReview(action_id, f"Actie {action_id}", ["Anna de Vries"], None, source, outcome)
            for action_id, outcome, source in reviews
        ],
        goes_well=goes_well,
        frictions=notes,
        actions=[Action(f"Actie {a}", owners=["p1"], id=a) for a in actions],
        health=[HealthScore(statement, wording, score) for statement, wording, score in health],
        worth_score=worth,
        overall_decision=overall,
        current_phase="close" if status == "closed" else "frictions",
        created_at=stamp,
        updated_at=stamp,
    )


def oost() -> list[Session]:
    """Four sessions of Wijkteam Oost."""
    o1, o2, o3, o4 = (sid("a", n) for n in (1, 2, 3, 4))
    return [
        session(OOST, "2025-01-15", o1, keep=2, worth=3, overall="continue",
                frictions=[
                    F("Terugkoppeling huisartsenpost komt dagen later", "communicatie", "outside", "adjust"),
                    F("Medicatieoverzicht klopt niet na ontslag", "medicatie", "within", "stop"),
                    F("Cliënt wacht lang op dagbesteding", None, "outside"),
                ],
                actions=["o1-a", "o1-b", "o1-c", "o1-d", "o1-e"],
                health=[("shared_goal", GOAL, 3), ("roles", ROLES_OLD, 2)]),
        session(OOST, "2025-03-12", o2, keep=2, worth=3, overall="continue",
                frictions=[
                    # the same friction: case and punctuation differ, category differs only in case
                    F("TERUGKOPPELING: huisartsenpost komt dagen later!", "Communicatie", "outside", "adjust"),
                    # raised twice in one session: still one session
                    F("Terugkoppeling van huisartsenpost komt dagen later", "communicatie"),
                    # the same text as in O1 but another category: NOT the same friction
                    F("Medicatieoverzicht klopt niet na ontslag", "overdracht", "within", "stop"),
                    F("Overleg met gemeente loopt stroef", "samenwerking"),
                ],
                reviews=[("o1-a", "done", o1), ("o1-b", "partly", o1), ("o1-c", "not_done", o1),
                         ("o1-d", "dropped", o1), ("o1-e", None, o1)],
                actions=["o2-a", "o2-b", "o2-c"],
                health=[("shared_goal", GOAL, 4), ("roles", ROLES_OLD, 3)]),
        session(OOST, "2025-05-14", o3, keep=2, worth=4, overall="adjust_plan",
                frictions=[
                    # one word of five changed: the same friction; now within influence
                    F("Terugkoppeling huisartsenpost komt weken later", "communicatie", "within", "adjust"),
                    # accents and punctuation; O1 had no category, so this one matches
                    F("Client wacht láng op dagbésteding.", "financiering", "outside", "adjust"),
                    # shares three of seven words with O2's: NOT the same friction
                    F("Overleg met huisarts loopt prima", "samenwerking"),
                ],
                # o1-e reviewed only now: too late, O2 was O1's next session
                reviews=[("o2-a", "done", o2), ("o2-b", "done", o2), ("o2-c", "not_done", o2),
                         ("o1-e", "done", o1)],
                actions=["o3-a", "o3-b"],
                health=[("shared_goal", GOAL, 4), ("roles", ROLES_OLD, 4)]),
        session(OOST, "2025-07-09", o4, keep=2, status="in_progress",
                frictions=[F("Rooster thuiszorg wisselt elke week")],
                # a review without a source session counts; o3-b is not reviewed at all
                reviews=[("o3-a", "partly", None)],
                actions=["o4-a", "o4-b"],
                health=[("shared_goal", GOAL, 5), ("roles", ROLES_NEW, 4)]),
    ]


def west() -> list[Session]:
    """Three sessions of Zorgnetwerk West, the second with the team name spelled differently."""
    w1, w2, w3 = (sid("b", n) for n in (1, 2, 3))
    return [
        session(WEST, "2025-02-05", w1, keep=1, adjust=1, worth=4, overall="continue",
                frictions=[
                    # Oost's recurring friction, word for word: other team, so no match
                    F("Terugkoppeling huisartsenpost komt dagen later", "communicatie", "within", "stop"),
                    F("Parkeren bij de cliënt is lastig", None, "outside"),
                ],
                actions=["w1-a", "w1-b", "w1-c"],
                health=[("shared_goal", GOAL, 2), ("roles", ROLES_OLD, 5)]),
        session("zorgnetwerk  west", "2025-04-02", w2, keep=1, worth=3, overall="adjust_plan",
                frictions=[F("Huishoudelijke hulp aanvraag loopt vast", "financiering", "outside", "adjust")],
                reviews=[("w1-a", "done", w1), ("w1-b", "done", w1), ("w1-c", "dropped", w1)],
                actions=["w2-a"],
                health=[("shared_goal", GOAL, 3), ("roles", ROLES_OLD, 4)]),
        session(WEST, "2025-06-04", w3, worth=2, overall="stop",
                frictions=[
                    F("huishoudelijke hulp-aanvraag loopt vast", "financiering", "within"),
                    F("Nieuwe collega kent het netwerk niet", "rolverdeling", "within"),
                    F("Verwijzing naar fysiotherapie duurt lang", "overdracht", "within"),
                ],
                reviews=[("w2-a", "not_done", w2)],
                actions=["w3-a"],
                health=[("shared_goal", GOAL, 3)]),
    ]


def history() -> list[Session]:
    """All seven sessions, in an order that is neither by date nor by team."""
    o, w = oost(), west()
    return [w[2], o[1], o[3], w[0], o[0], w[1], o[2]]
