"""The bar under the work area: where we are in the flow, the phase timer and the save state."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.app.safe import plain
from tui.core.i18n import t
from tui.core.model import PHASES
from tui.store.live import LiveSession


def format_clock(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss past an hour)."""
    seconds = int(abs(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Line(Static):
    """A one-line text of the bar whose updates only lay the screen out again when its width changes.

    A layout pass arranges the whole screen (a table of hundreds of notes included); the
    timer changes every second and the save line after every change, mostly to a text of
    the same width, which only needs a repaint.
    """

    def show(self, text: str) -> None:
        """Show ``text``, repainting only when it is as wide as what it replaces."""
        line = plain(text)
        width = line.cell_len
        self.update(line, layout=width != getattr(self, "_shown_width", None))
        self._shown_width = width


class PhaseSteps(Static):
    """The phases as numbers, the current one named and reversed (readable without colour)."""

    def __init__(self, current: str, **kwargs: object):
        super().__init__(**kwargs)
        self.current = current

    def on_mount(self) -> None:
        lang = self.app.lang
        steps = Text()
        for number, phase in enumerate(PHASES, start=1):
            if number > 1:
                steps.append(" ")
            if phase == self.current:
                steps.append(plain(f" {number} {t(f'phase.short.{phase}', lang)} ", "b reverse"))
            else:
                steps.append(f"{number}")
        self.update(steps)


class PhaseTimer(Line):
    """Counts the phase's timebox down; rings the bell once at zero, then counts the overrun."""

    def __init__(self, live: LiveSession, timebox_minutes: int, **kwargs: object):
        super().__init__(**kwargs)
        self.live = live
        self.timebox = timebox_minutes * 60
        self._rang = live.seconds_in_phase() >= self.timebox

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Refresh the display; ring once when the timebox runs out."""
        lang = self.app.lang
        remaining = self.timebox - self.live.seconds_in_phase()
        if remaining >= 0:
            self.show(t("timer.left", lang, clock=format_clock(remaining)))
            self.remove_class("overrun")
        else:
            self.show(t("timer.over", lang, clock=format_clock(remaining)))
            self.add_class("overrun")
            if not self._rang:
                self._rang = True
                self.app.bell()


class SaveState(Line):
    """Mirrors the app's one-line save state ("Saved 10:41:03" / "⚠ Not saved")."""

    def on_mount(self) -> None:
        self.watch(self.app, "save_text", self.show)
        self.watch(self.app, "save_failing", lambda failing: self.set_class(failing, "failing"))


class RoomState(Line):
    """While the room is open: how many phones are in it (empty, taking no room, otherwise)."""

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Show the room's state now."""
        room = getattr(self.app, "room", None)
        text = room.status_line() if room is not None else ""
        self.display = bool(text)
        if text:
            self.show(text)


class PhaseBar(Horizontal):
    """Steps, timer and save state in one line."""

    def __init__(self, live: LiveSession, timebox_minutes: int, **kwargs: object):
        super().__init__(**kwargs)
        self.live = live
        self.timebox_minutes = timebox_minutes

    def compose(self) -> ComposeResult:
        yield PhaseSteps(self.live.session.current_phase, id="steps")
        yield PhaseTimer(self.live, self.timebox_minutes, id="timer")
        yield RoomState(id="room-state")
        yield SaveState(id="save-state")
