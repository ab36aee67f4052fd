"""Small helpers shared by the store tests."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from typing import Any

from pathlib import Path

from tui.core.errors import UserError
from tui.core.model import FrictionNote, GoesWellNote, Participant, Session


def make_session(
    team: str = "Wijkteam Oost",
    date: dt.date = dt.date(2024, 5, 14),
    title: str = "",
    notes: int = 2,
    **fields: Any,
) -> Session:
    """A small, valid session of a care network with a participant and a few notes."""
    return Session(
        team=team,
        date=date,
        title=title,
        participants=fields.pop(
            "participants", [Participant(name="Anna de Vries", organisation="Huisartsenpraktijk", role="gp")]
        ),
        goes_well=fields.pop(
            "goes_well",
            [GoesWellNote(text=f"Korte lijnen {i}", why="we kennen elkaar") for i in range(notes)],
        ),
        frictions=fields.pop(
            "frictions",
            [FrictionNote(text="Overdracht in het weekend", category="overdracht", votes=3, influence="within")],
        ),
        **fields,
    )


def keys(errors: Iterable[UserError]) -> list[str]:
    """The string keys of a list of user errors (e.g. ``store.warnings``)."""
    return [error.key for error in errors]


def wait_until(condition: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.005)


def session_file(folder: Path, session_id: str) -> Path:
    """The file of a session in a records folder."""
    return folder / "sessions" / f"{session_id}.json"
