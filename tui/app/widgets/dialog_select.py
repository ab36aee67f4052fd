"""A dropdown for dialogs: Enter goes on like Enter in a text field; Space or ↓ opens the list."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select

from tui.app.bindings import TranslatedBindings
from tui.app.compat import SelectOverlay, select_parts

if TYPE_CHECKING:
    from textual.app import ComposeResult

ValueType = TypeVar("ValueType", bound=Hashable)


class ChoiceList(TranslatedBindings, SelectOverlay):
    """The open list of a :class:`DialogSelect`.

    Esc is described in the user's language, and the cursor stops at the first and the last
    option instead of jumping round to the other end (where the blank choice is).
    """

    BINDINGS = [Binding("escape", "dismiss", "select.key.close")]

    def action_cursor_down(self) -> None:
        """Move down one option; stay on the last one."""
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up one option; stay on the first one."""
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


class DialogSelect(TranslatedBindings, Select[ValueType]):
    """A Select on which Enter confirms (posts :class:`DialogSelect.Submitted`) instead of opening the list.

    Space, ↓ and ↑ open the list; in the list Enter picks and Esc closes it. The form
    decides what Enter does, as for an Input: go to the next field or save.
    """

    BINDINGS = [
        Binding("enter", "submit", "select.key.submit", show=False),
        Binding("space,down,up", "show_overlay", "select.key.open"),
    ]

    @dataclass
    class Submitted(Message):
        """Enter was pressed on the closed dropdown."""

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

    def action_submit(self) -> None:
        """Tell the form that Enter was pressed here."""
        self.post_message(self.Submitted(self))
