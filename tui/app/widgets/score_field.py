"""A score from 1 to 5 chosen by one key: the closing round's health check and worth-our-time."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain
from tui.core.i18n import t

SCORES = range(1, 6)


class ScoreField(TranslatedBindings, Widget, can_focus=True):
    """A score from 1 to 5, or none: keys 1–5 choose, 0 skips, ← → step; a click chooses too.

    The chosen score shows in brackets and as "n/5", not by colour alone.
    """

    BINDINGS = [
        Binding("1", "choose(1)", "close.key.score", key_display="1–5"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(2, 6)),
        Binding("0,backspace,delete", "choose(None)", "close.key.skip", key_display="0"),
        Binding("right,plus", "step(1)", show=False),
        Binding("left,minus", "step(-1)", show=False),
    ]

    score: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The user chose another score (None: skipped)."""

        def __init__(self, field: ScoreField, score: int | None):
            super().__init__()
            self.field = field
            self.score = score

        @property
        def control(self) -> ScoreField:
            """The score field that changed."""
            return self.field

    def __init__(self, score: int | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.set_reactive(ScoreField.score, score)

    def render(self) -> Text:
        text = Text("▸ " if self.has_focus else "  ")
        for number in SCORES:
            if number == self.score:
                text.append(f"[{number}]", style="bold reverse")
            else:
                text.append(f" {number} ")
            text.append(" ")
        if self.score is None:
            text.append(" " + t("close.no_score", self.app.lang), style="italic")
        else:
            text.append(plain(f" {self.score}/5", "bold"))
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = (event.x - 2) // 4
        if 0 <= index < len(SCORES) and event.x >= 2:
            self.action_choose(index + 1)

    def action_choose(self, score: int | None) -> None:
        """Set the score (None: no score) and tell the screen."""
        if score != self.score:
            self.score = score
            self.post_message(self.Changed(self, score))

    def action_step(self, delta: int) -> None:
        """One point up or down, within 1–5."""
        self.action_choose(min(5, max(1, (self.score or (0 if delta > 0 else 6)) + delta)))
