"""The line where the lead types notes: text, Enter, why, Enter — without ever losing a key.

One Input takes both the note and its "why", one after the other. Moving focus between
two fields on Enter would race with fast typing (keys typed right after Enter can still
be on their way to the first field); staying in one widget keeps every key in order.
The values are captured at the moment Enter is handled and travel in the message.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.message import Message
from textual.widgets import Input

from tui.app.moves import pass_on_to_focus


class NoteEntry(Input):
    """Type a note and Enter; when a why is asked, type it and Enter again."""

    BINDINGS = [Binding("escape", "back", show=False)]

    # Input sets virtual_size to the text width on every key; as a layout reactive that
    # reflows the whole phase screen (a 200-row table included). A repaint is enough for
    # one line of text: this made a typed character ~2.5x cheaper (benchmarks/run.py).
    virtual_size = Reactive(Size(0, 0), repaint=True)

    class Entered(Message):
        """A note was completed: its text and why (empty when not asked)."""

        def __init__(self, entry: NoteEntry, text: str, why: str):
            super().__init__()
            self.entry = entry
            self.text = text
            self.why = why

        @property
        def control(self) -> NoteEntry:
            return self.entry

    class StageChanged(Message):
        """The entry moved between asking the note and asking why."""

        def __init__(self, entry: NoteEntry):
            super().__init__()
            self.entry = entry

    def __init__(self, text_placeholder: str, why_placeholder: str | None, **kwargs: object):
        super().__init__(placeholder=text_placeholder, select_on_focus=False, **kwargs)
        self.text_placeholder = text_placeholder
        self.why_placeholder = why_placeholder
        self.pending_text: str | None = None
        self.pending_why = ""

    @property
    def asking_why(self) -> bool:
        """Whether the note is typed and its why is being asked."""
        return self.pending_text is not None

    def load(self, text: str, why: str = "") -> None:
        """Start editing an existing note: its text now, its why after Enter."""
        self.reset()
        self.value = text
        self.pending_why = why
        self.cursor_position = len(text)

    def draft(self) -> tuple[str | None, str]:
        """What is typed but not yet added, to keep while the lead visits another phase."""
        return self.pending_text, self.value

    def restore(self, draft: tuple[str | None, str]) -> None:
        """Put a kept draft back."""
        self.pending_text, self.value = draft
        self.placeholder = self.why_placeholder if self.pending_text is not None else self.text_placeholder
        self.cursor_position = len(self.value)
        self.post_message(self.StageChanged(self))

    def reset(self) -> None:
        """Back to an empty note."""
        self.pending_text = None
        self.pending_why = ""
        self.value = ""
        self.placeholder = self.text_placeholder
        self.post_message(self.StageChanged(self))

    def post_message(self, message: Message) -> bool:
        """Post a message, except ``Input.Changed``: nothing listens to the entry per key.

        Input posts it on every typed character; it would travel up through every container
        to the screen and the app for nothing. What is typed is read when Enter is handled.
        """
        if type(message) is Input.Changed:
            return True
        return super().post_message(message)

    async def on_key(self, event: events.Key) -> None:
        """Enter and Tab, handled in order with the typed characters; every other key goes on to Input.

        As a binding, Enter would only run after the key bubbled up to the app, by which time
        characters typed right after it may already be in the field. Textual calls this handler
        before Input's own; ``prevent_default`` keeps Input from seeing the key.

        Keys typed right after Tab reach this entry before the focus has moved on; they are
        passed on to where the focus went (the category: "ict" there jumps to its choice).
        """
        if pass_on_to_focus(self, event):
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        if event.key in ("tab", "shift+tab"):  # also in order: the next keys go where Tab went
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

    def on_paste(self, event: events.Paste) -> None:
        """A paste of several lines becomes one line; one line is left to Input's own handler.

        Input keeps only the first line of a paste; a note pasted from an e-mail keeps all of it.
        Textual runs Input's handler after this one, unless the default is prevented.
        """
        if "\n" in event.text or "\r" in event.text:
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(" ".join(event.text.split()))

    async def action_submit(self) -> None:
        """Enter: to the why (when asked), or hand over the finished note."""
        value = self.value.strip()
        if self.pending_text is None:
            if not value:
                self.post_message(self.Entered(self, "", ""))
                return
            if self.why_placeholder is not None:
                self.pending_text = value
                self.value = self.pending_why
                self.cursor_position = len(self.value)
                self.placeholder = self.why_placeholder
                self.post_message(self.StageChanged(self))
                return
            text, why = value, ""
        else:
            text, why = self.pending_text, value
        self.reset()
        self.post_message(self.Entered(self, text, why))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape only belongs to the entry while it asks why; otherwise the screen gets it."""
        if action == "back":
            return self.asking_why
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Escape while asking why: back to the note's text."""
        text, self.pending_why = self.pending_text or "", self.value
        self.pending_text = None
        self.value = text
        self.placeholder = self.text_placeholder
        self.post_message(self.StageChanged(self))
