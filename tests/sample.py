"""A realistic, fully filled-in session used across the test layers."""

from __future__ import annotations

import datetime as dt

from tui.core.model import (
    Action,
    ActionReview,
    Appreciation,
    Change,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
)


def full_session(language: str = "nl") -> Session:
    """A closed session of "Wijkteam Oost" with something in every field."""
    anna = Participant("Anna de Vries", "Huisartsenpraktijk De Linde", "gp", "connector", id="p-anna")
    bram = Participant("Bram Jansen", "Thuiszorg Oost", "home_care", "expert", id="p-bram")
    carla = Participant("Carla Smit", "", "informal_carer", "rebel", id="p-carla")
    dirk = Participant("Dirk Bakker", "Gemeente", "social_district_team", None, present=False, id="p-dirk")
    overdracht = GoesWellNote(
        "Korte lijnen bij ontslag uit het ziekenhuis",
        why="We bellen elkaar dezelfde dag",
        author="p-bram",
        decision="keep",
        id="gw-1",
    )
    mantelzorg = GoesWellNote("Mantelzorger wordt betrokken", why="Vast aanspreekpunt", decision="keep", id="gw-2")
    dossier = FrictionNote(
        "Dossiers sluiten niet op elkaar aan",
        category="Organisatie, ICT en geld",
        votes=5,
        influence="outside",
        who_can_help="ICT-regisseur van de gemeente",
        decision="adjust",
        id="fr-1",
    )
    rollen = FrictionNote(
        "Onduidelijk wie de medicatie regelt",
        category="Rollen",
        votes=3,
        influence="within",
        decision="stop",
        author="p-carla",
        id="fr-2",
    )
    return Session(
        id="0123456789abcdef0123456789abcdef",
        team="Wijkteam Oost",
        title="Najaarsterugblik",
        date=dt.date(2026, 11, 20),
        language=language,
        template_id="zorgnetwerk",
        template_version="3f2a9c",
        facilitator="Fatima El Amrani",
        status="closed",
        participants=[anna, bram, carla, dirk],
        ambition="Ouderen wonen veilig en met plezier thuis",
        reviews=[
            ActionReview("act-old-1", "Overdrachtsformulier testen", ["Bram Jansen"], dt.date(2026, 10, 1),
                         "fedcba9876543210fedcba9876543210", "done", "Werkt goed"),
            ActionReview("act-old-2", "Casusoverleg plannen", ["Anna de Vries"], None,
                         "fedcba9876543210fedcba9876543210", "not_done", "Geen tijd", carried_forward=True),
        ],
        changes=[Change("Nieuwe wijkverpleegkundige sinds oktober", id="ch-1")],
        goes_well=[overdracht, mantelzorg],
        frictions=[rollen, dossier],
        actions=[
            Action("Medicatieafspraken op papier zetten", ["p-anna", "p-carla"], dt.date(2026, 12, 15),
                   source_note_id="fr-2", id="ac-1"),
            Action("ICT-regisseur uitnodigen", ["p-bram"], None, source_note_id="fr-1", id="ac-2"),
            Action("Casusoverleg plannen", ["p-anna"], dt.date(2026, 12, 1), carried_from="act-old-2", id="ac-3"),
        ],
        appreciation=[Appreciation("Dank aan Bram voor het snelle schakelen", author="p-carla", id="ap-1")],
        health=[
            HealthScore("ambition", "We weten waarom we samenwerken", 4),
            HealthScore("trust", "We vertrouwen elkaar", 3),
        ],
        worth_score=4,
        overall_decision="adjust_plan",
        decision_rationale="De samenwerking loont, maar de taakverdeling moet scherper",
        next_date=dt.date(2027, 2, 10),
        phase_seconds={"setup": 120.0, "goes_well": 600.5},
        current_phase="close",
        created_at="2026-11-20T09:00:00+00:00",
        updated_at="2026-11-20T10:15:00+00:00",
    )
