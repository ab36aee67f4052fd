"""The hidden cards of a phase: notes members sent from their phones, waiting for the lead to reveal them."""

from __future__ import annotations

from textual.widgets import Static

from tui.app.safe import plain
from tui.core.i18n import t
from tui.core.model import Session


def waiting_in_phase(session: Session, phase: str) -> tuple[int, int]:
    """How many hidden notes of ``phase`` wait, and from how many phones."""
    notes = [note for note in session.incoming if note.phase == phase]
    return len(notes), len({note.device for note in notes})


class RoomWaiting(Static):
    """One line, "5 notes waiting, from 3 people — F5 reveals"; hidden while nothing waits.

    Says how many and from how many phones, never what they say or who sent them: the
    notes stay face down until the lead reveals them, all at once.
    """

    def __init__(self, phase: str, **kwargs: object):
        super().__init__("", markup=False, **kwargs)
        self.phase = phase
        self.shown: tuple[int, int] = (-1, -1)
        self.display = False

    def show_session(self, session: Session) -> None:
        """Show what waits in ``session`` now."""
        counts = waiting_in_phase(session, self.phase)
        if counts == self.shown:
            return
        self.shown = counts
        notes, people = counts
        self.display = notes > 0
        if notes:
            lang = self.app.lang
            # One line of fixed height and full width: a repaint is enough (showing or hiding it
            # lays the screen out by itself); a layout on every phone's note held the lead's keys.
            text = t("room.waiting_cards", lang, count=notes, notes=t("room.notes_count", lang, count=notes),
                     people=t("room.people_count", lang, count=people))
            self.update(plain(text), layout=False)
