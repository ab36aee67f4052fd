"""The one dropdown of the app: Enter opens the list, typing jumps, picking with Enter goes on."""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select

from tui.app.bindings import TranslatedBindings
from tui.app.compat import SelectOverlay, select_parts, select_value_at
from tui.core.i18n import t

if TYPE_CHECKING:
    from textual.app import ComposeResult

ValueType = TypeVar("ValueType", bound=Hashable)

TYPING_PAUSE = 1.0
"""Seconds after which the next typed letter starts a new search instead of adding to it."""


def best_match(labels: Sequence[str], typed: str) -> int | None:
    """The index of the label that ``typed`` jumps to, or None.

    A label that starts with the typed letters comes first ("hui" → Huisarts), then one with a
    word that starts with them ("ict" → Organisatie en ICT), then one that holds them anywhere;
    within each, the first in the list. Case does not count.
    """
    typed = typed.casefold()
    if not typed:
        return None
    folded = [label.casefold() for label in labels]
    for found in (
        lambda text: text.startswith(typed),
        lambda text: any(word.startswith(typed) for word in text.replace("-", " ").split()),
        lambda text: typed in text,
    ):
        for index, text in enumerate(folded):
            if found(text):
                return index
    return None


class ChoiceList(TranslatedBindings, SelectOverlay):
    """The open list of a :class:`DialogSelect`.

    Its frame says that typing jumps to a choice (:meth:`jump`); Esc is described in the
    user's language; and the cursor stops at the first and the last option instead of jumping
    round to the other end (where the blank choice is).
    """

    BINDINGS = [Binding("escape", "dismiss", "select.key.close")]

    typed = ""
    """The letters typed since the list opened (or since a pause)."""
    typed_at = 0.0

    def on_mount(self) -> None:
        """Say in the list's frame how to pick from it (Textual runs each class's own on_mount)."""
        self.border_subtitle = t("select.type_to_jump", self.app.lang)  # type: ignore[attr-defined]

    def jump(self, character: str) -> None:
        """Add a typed letter to the search and move to the best match (see :func:`best_match`)."""
        now = time.monotonic()
        if now - self.typed_at > TYPING_PAUSE:
            self.typed = ""
        self.typed, self.typed_at = self.typed + character, now
        labels = [_plain(self.get_option_at_index(index).prompt) for index in range(self.option_count)]
        index = best_match(labels, self.typed)
        if index is not None:
            self.select(index)

    def on_key(self, event: events.Key) -> None:
        """A printable key jumps (a space only inside a search: "sociaal w")."""
        if event.character and event.is_printable and (event.character != " " or self.typed):
            event.stop()
            event.prevent_default()
            self.jump(event.character)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Typed letters belong to the list while it is open, not to the screen's keys."""
        return character is not None and character.isprintable()

    def action_cursor_down(self) -> None:
        """Move down one option; stay on the last one."""
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up one option; stay on the first one."""
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


def _plain(prompt: Any) -> str:
    return prompt.plain if hasattr(prompt, "plain") else str(prompt)


class DialogSelect(TranslatedBindings, Select[ValueType]):
    """The app's dropdown: Enter, Space or ↓ opens the list, a letter opens it and jumps there.

    In the open list, typing jumps to a choice ("hui" → Huisarts, "ict" → Organisatie en
    ICT), Enter picks and Esc closes without a change. Picking posts
    :class:`DialogSelect.Submitted`, so the form moves on to its next field as it does after
    Enter in a text field: choosing never takes a second Enter. Keys typed quickly, before
    the open list has the focus, go to the list all the same.
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

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs["type_to_search"] = False  # the list searches by itself (ChoiceList.jump)
        super().__init__(*args, **kwargs)
        self.just_picked = False

    def compose(self) -> ComposeResult:
        """The current choice and the (hidden) list, which is a :class:`ChoiceList`."""
        yield from select_parts(self, ChoiceList)

    def action_show_overlay(self) -> None:
        """Open the list; with nothing chosen yet, on the first real option rather than the blank one."""
        blank = self.is_blank()  # only a Select that allows a blank can be blank
        super().action_show_overlay()
        choices = self.query_one(ChoiceList)
        choices.typed = ""
        if blank and choices.option_count > 1:  # the blank choice and at least one real option
            choices.select(1)

    def on_key(self, event: events.Key) -> None:
        """A letter opens the list and jumps; keys that arrive before the open list has the focus go to it."""
        choices = self.query_one(ChoiceList)
        typing = self.expanded and (event.character != " " or bool(choices.typed))
        if event.character and event.is_printable and (event.character.isalnum() or typing):
            if not self.expanded:
                self.action_show_overlay()
            choices.jump(event.character)
        elif self.expanded and event.key in ("enter", "down", "up", "escape"):
            {"enter": choices.action_select, "down": choices.action_cursor_down,
             "up": choices.action_cursor_up, "escape": choices.action_dismiss}[event.key]()
        else:
            return
        event.stop()
        event.prevent_default()

    def take_highlighted(self) -> None:
        """With the list open, choose its highlighted line at once and close it (Ctrl+S saving from the list).

        Someone who typed "hui" sees Huisarts highlighted and saves: that is the choice they
        made. The form does not move on, as it is about to close.
        """
        choices = self.query_one(ChoiceList)
        if self.expanded and choices.highlighted is not None:
            value = select_value_at(self, choices.highlighted)
            if value != self.value:
                self.value = value
            self.expanded = False

    @on(SelectOverlay.UpdateSelection)
    def _picked(self) -> None:
        # Select takes the value (posting Changed) and then closes the list after this handler;
        # Submitted is posted when the list closes, so the form sees the new value before it moves on.
        self.just_picked = True

    def watch_expanded(self, expanded: bool) -> None:
        """When the list closes after a pick, tell the form to go on."""
        if not expanded and self.just_picked:
            self.just_picked = False
            self.post_message(self.Submitted(self))
