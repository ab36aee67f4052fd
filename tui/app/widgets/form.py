"""One behaviour for every dialog form: Enter goes on, and saving is a step of its own.

In a form, Enter in a text field moves to the next field; on a dropdown it opens the list,
and picking a value with Enter moves on; on a checkbox or a list of choices it moves on
(Space ticks). Enter in the last field moves to the form's main button (Save, Start, Write),
where one more Enter saves: what is about to happen is on screen before it happens. Ctrl+S
saves from anywhere, and the form's footer says so. No form saves on Enter in a middle field.

A form is a :class:`FormScreen`: its title is docked at the top of the dialog, its fields
sit in a scrolling body and its buttons are docked at the bottom (``forms.tcss``), so on a
small screen the body scrolls and the title and the buttons stay in view.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static

from tui.app.bindings import TranslatedBindings
from tui.app.moves import pass_on_to_focus
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.marked_checkbox import MarkedCheckbox, MarkedSelectionList


class GoOn(Message):
    """Enter was pressed on a field that is not a text field: the form moves to the next field."""

    def __init__(self, field: Widget):
        super().__init__()
        self.field = field

    @property
    def control(self) -> Widget:
        """The field (for ``@on(..., selector)``)."""
        return self.field


class FormInput(Input):
    """A text field in a form: Enter goes on in order with the keys typed after it.

    As Input's binding, Enter would move the focus only after the keys that arrived with it
    (a fast typist, a terminal sending a burst) were already typed into this field. Here Enter
    moves the focus at once, and keys that still reach this field are passed on to where the
    focus went ("Bram", Enter, "Buurtzorg" fills two fields, not one).
    """

    async def on_key(self, event: events.Key) -> None:
        """Pass on keys meant for the next field; handle Enter before the next key."""
        if pass_on_to_focus(self, event):
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            screen = self.screen
            if isinstance(screen, FormScreen):
                screen.go_on(self)
            else:
                await self.action_submit()


class FormCheckbox(TranslatedBindings, MarkedCheckbox):
    """A checkbox in a form: Space ticks it, Enter goes on (as in a text field)."""

    BINDINGS = [
        Binding("space", "toggle_button", "form.key.toggle"),
        Binding("enter", "go_on", show=False),
    ]

    def action_go_on(self) -> None:
        """Tell the form to move to the next field."""
        self.post_message(GoOn(self))


class FormChoices(MarkedSelectionList):
    """A list of choices in a form: Space picks a line, Enter goes on (as in a text field)."""

    BINDINGS = [Binding("enter", "go_on", show=False)]

    def action_go_on(self) -> None:
        """Tell the form to move to the next field."""
        self.post_message(GoOn(self))


class FormScreen(TranslatedBindings, ModalScreen[Any]):
    """A dialog form: Enter goes on field by field, the main button or Ctrl+S saves, Esc cancels.

    A subclass gives its title (:meth:`form_title`), its fields (:meth:`compose_fields`) and
    its buttons (:meth:`compose_buttons`, the main one with ``variant="primary"``), and defines
    ``action_save`` (check, then dismiss with the values).
    """

    CSS_PATH = ["../styles/forms.tcss"]
    FORM_ID: str | None = None
    """The id of the dialog's frame, for styles of one form."""

    BINDINGS = [
        Binding("escape", "cancel", "form.key.cancel"),
        Binding("ctrl+s", "save_by_key", "form.key.save", key_display="Ctrl+S"),
        Binding("f1", "app.help", "app.key.help"),  # a dialog hides the app's own keys
    ]

    def compose(self) -> ComposeResult:
        """The dialog (title, scrolling fields, buttons), and a footer with its keys."""
        with Vertical(classes="form", id=self.FORM_ID):
            yield Static(self.form_title(), classes="form-title")
            with VerticalScroll(classes="form-body", can_focus=False):  # the fields take the focus
                yield from self.compose_fields()
            with Horizontal(classes="buttons"):
                yield from self.compose_buttons()
        yield Footer()

    def on_mount(self) -> None:
        """Open on the top of the form once it is laid out (focusing the first field before could scroll past its label)."""
        self.call_after_refresh(self._show_top)

    def _show_top(self) -> None:
        fields = self.fields()
        if not fields or self.focused is fields[0]:
            self.query_one(".form-body").scroll_home(animate=False)

    def form_title(self) -> str:
        """The dialog's title (each form defines it)."""
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        """The fields, in the order Enter steps through them (each form defines it)."""
        raise NotImplementedError

    def compose_buttons(self) -> ComposeResult:
        """The buttons, the main one (``variant="primary"``) last (each form defines it)."""
        raise NotImplementedError

    def action_save(self) -> None:
        """Check the form and return its values (each form defines it)."""
        raise NotImplementedError

    def action_save_by_key(self) -> None:
        """Ctrl+S: save from any field; an open dropdown list first takes its highlighted choice."""
        for select in self.query(DialogSelect):
            select.take_highlighted()
        self.action_save()

    def action_cancel(self) -> None:
        """Close the form without changes."""
        self.dismiss(None)

    def main_button(self) -> Button | None:
        """The button that saves: the form's primary one."""
        return next((button for button in self.query(Button) if button.variant == "primary"), None)

    def fields(self) -> list[Widget]:
        """The fields Enter steps through, in the order of the form (buttons are not fields).

        The order is the DOM's: a field shown a moment ago (the relation, once the role is
        chosen) has no place on the screen yet, which the focus chain would sort by.
        """
        focusable = set(self.focus_chain)
        return [widget for widget in self.query("*") if widget in focusable and not isinstance(widget, Button)]

    def go_on(self, field: Widget) -> None:
        """Move from ``field`` to the next field, or from the last field to the main button."""
        fields = self.fields()
        if field in fields and fields.index(field) < len(fields) - 1:
            self.set_focus(fields[fields.index(field) + 1])  # at once: the next key goes there
            return
        button = self.main_button()
        if button is not None:
            self.set_focus(button)

    @on(Input.Submitted)
    def _text_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.go_on(event.input)

    @on(DialogSelect.Submitted)
    def _picked(self, event: DialogSelect.Submitted) -> None:
        event.stop()
        self.go_on(event.select)

    @on(GoOn)
    def _go_on(self, event: GoOn) -> None:
        event.stop()
        self.go_on(event.field)
