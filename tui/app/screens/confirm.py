"""One way to confirm a destructive or final step (closing the session, quitting mid-session).

A small dialog with the question, what happens, and two buttons; ``j``/``y`` or Enter says
yes, ``n`` or Esc says no, in Dutch and English alike. It returns True or False.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain


class ConfirmDialog(TranslatedBindings, ModalScreen[bool]):
    """Ask before a step that cannot simply be taken back; dismisses with True (yes) or False (no)."""

    CSS_PATH = "../styles/confirm.tcss"
    BINDINGS = [
        Binding("j,y", "answer(True)", "confirm.key.yes", key_display="j/y"),
        Binding("n,escape", "answer(False)", "confirm.key.no", key_display="n/Esc"),
        Binding("left,right", "app.focus_next", "confirm.key.switch", show=False),
        Binding("f1", "app.help", "app.key.help"),  # a dialog hides the app's own keys
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str, *, purpose: str = ""):
        """``yes`` and ``no`` are the button labels; ``purpose`` names what is asked ("quit", "close")."""
        super().__init__(classes="confirm")
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        self.purpose = purpose
        """What the dialog asks about, so the key that opened it can answer it too (Ctrl+Q twice quits)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(plain(self.question), id="confirm-question")
            if self.detail:
                yield Static(plain(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(plain(self.yes), id="confirm-yes", variant="primary")
                yield Button(plain(self.no), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()  # Enter says yes

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with the answer."""
        self.dismiss(yes)
