"""The one dropdown of the app: Enter opens the list, typing jumps, picking with Enter goes on."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select

from tui.app.bindings import TranslatedBindings
from tui.app.compat import SelectOverlay, select_parts
from tui.core.i18n import t

if TYPE_CHECKING:
    from textual.app import ComposeResult

ValueType = TypeVar("ValueType", bound=Hashable)


class ChoiceList(TranslatedBindings, SelectOverlay):
    """The open list of a :class:`DialogSelect`.

    Its frame says that typing jumps to a choice; Esc is described in the user's language;
    and the cursor stops at the first and the last option instead of jumping round to the
    other end (where the blank choice is).
    """

    BINDINGS = [Binding("escape", "dismiss", "select.key.close")]

    def on_mount(self) -> None:
        """Say in the list's frame how to pick from it (Textual runs each class's own on_mount)."""
        self.border_subtitle = t("select.type_to_jump", self.app.lang)  # type: ignore[attr-defined]

    def action_cursor_down(self) -> None:
        """Move down one option; stay on the last one."""
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up one option; stay on the first one."""
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


class DialogSelect(TranslatedBindings, Select[ValueType]):
    """The app's dropdown: Enter, Space or ↓ opens the list, a letter opens it and jumps there.

    In the open list, typing jumps to the first choice that holds the typed letters
    ("hui" → Huisarts), Enter picks and Esc closes without a change. Picking posts
    :class:`DialogSelect.Submitted`, so the form moves on to its next field as it does after
    Enter in a text field: choosing never takes a second Enter.
    """

    BINDINGS = [
        Binding("enter,space,down,up", "show_overlay", "select.key.open", key_display="Enter"),
    ]

    @dataclass
    class Submitted(Message):
        """A value was picked from the open list: the form goes on."""

        select: DialogSelect
        """The dropdown."""

        @property
        def control(self) -> DialogSelect:
            """The dropdown (for ``@on(..., selector)``)."""
            return self.select

    def compose(self) -> ComposeResult:
        """The current choice and the (hidden) list, which is a :class:`ChoiceList`."""
        yield from select_parts(self, ChoiceList)

    def action_show_overlay(self) -> None:
        """Open the list; with nothing chosen yet, on the first real option rather than the blank one."""
        blank = self.is_blank()  # only a Select that allows a blank can be blank
        super().action_show_overlay()
        choices = self.query_one(ChoiceList)
        if blank and choices.option_count > 1:  # the blank choice and at least one real option
            choices.select(1)

    def on_key(self, event: events.Key) -> None:
        """A letter or digit on the closed dropdown opens the list and jumps, as typing in the list does."""
        if self.expanded or event.character is None or not event.character.isalnum():
            return
        event.stop()
        event.prevent_default()
        self.action_show_overlay()
        choices = self.query_one(ChoiceList)
        choices.post_message(events.Key(event.key, event.character))

    @on(SelectOverlay.UpdateSelection)
    def _picked(self) -> None:
        # Select takes the value (posting Changed) and then closes the list after this handler;
        # Submitted is posted when the list closes, so the form sees the new value before it moves on.
        self._just_picked = True

    def watch_expanded(self, expanded: bool) -> None:
        """When the list closes after a pick, tell the form to go on."""
        if not expanded and getattr(self, "_just_picked", False):
            self._just_picked = False
            self.post_message(self.Submitted(self))
