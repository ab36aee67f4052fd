"""Add or edit one action item: what, who (one or more participants, or nobody yet), by when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label, Static
from textual.widgets.selection_list import Selection

from tui.app.safe import plain
from tui.app.widgets.form import FormChoices, FormInput, FormScreen
from tui.core.text import shorten
from tui.core.dates import date_feedback, date_trouble, read_date
from tui.core.i18n import t
from tui.core.model import Action, Participant


class OwnerList(FormChoices):
    """The participants to choose owners from: Space picks, Enter moves on to the next field.

    A chosen person shows ✔ in the box (the others an empty box) and ✓ in front of the name.
    """

    def __init__(self, people: Sequence[tuple[str, str, bool]], **kwargs: Any):
        """``people``: (label, participant id, chosen) in the order shown."""
        self.labels = {person_id: text for text, person_id, _ in people}
        super().__init__(*(Selection(self.prompt_for(text, chosen), person_id, chosen)
                           for text, person_id, chosen in people), **kwargs)

    @staticmethod
    def prompt_for(text: str, chosen: bool) -> Text:
        """The line for one person: a ✓ when chosen."""
        return plain(("✓ " if chosen else "  ") + text, one_line=True)

    def on_selection_list_selected_changed(self) -> None:
        chosen = set(self.selected)
        for index in range(self.option_count):
            person_id = self.get_option_at_index(index).value
            self.replace_option_prompt_at_index(index, self.prompt_for(self.labels[person_id], person_id in chosen))


class ActionForm(FormScreen):
    """Returns ``{"what", "owners", "due"}`` (owners: participant ids; due: a date or None), or None.

    "What" starts empty, also for an action that comes from a note: the note is shown above
    it as context, so the lead types the action itself instead of first clearing the note.
    """

    FORM_ID = "action-form"

    def __init__(self, participants: Sequence[Participant], action: Action | None = None,
                 suggestion: str = "", source: str | None = None):
        """
        Args:
            participants: The session's participants, to choose owners from.
            action: The action to edit; None for a new one.
            suggestion: The text the action answers, shown for context when ``source`` is not given
                ("what" itself always starts empty for a new action).
            source: The text of the note the action comes from, shown for context.
        """
        super().__init__()
        self.participants = list(participants)
        self.action = action
        self.source = source or suggestion or None

    def form_title(self) -> str:
        """The dialog's title."""
        return t("action_form.edit_title" if self.action else "action_form.add_title", self.app.lang)

    def compose_fields(self) -> ComposeResult:
        """The fields, in the order Enter steps through them."""
        lang = self.app.lang
        action = self.action
        owners = set(action.owners) if action else set()
        ordered = [p for p in self.participants if p.present] + [p for p in self.participants if not p.present]
        if self.source:
            yield Static(plain(t("action_form.from_note", lang, note=shorten(self.source, 300))),
                         classes="hint", id="action-source")
        yield Label(t("action_form.what", lang))
        yield FormInput(action.what if action else "",
                    placeholder=t("action_form.what_placeholder", lang), id="what")
        yield Label(t("action_form.who_keys" if ordered else "action_form.who", lang))
        if ordered:
            yield OwnerList([(self._person(p), p.id, p.id in owners) for p in ordered], id="owners")
        else:
            yield Static(t("action_form.no_participants", lang), classes="hint")
        yield Label(t("action_form.due", lang))
        yield FormInput(action.due.isoformat() if action and action.due else "",
                    placeholder=t("action_form.due_placeholder", lang), id="due")
        yield Static("", id="due-feedback", markup=False)

    def compose_buttons(self) -> ComposeResult:
        """Cancel, and the main button last."""
        lang = self.app.lang
        yield Button(t("action_form.cancel", lang), id="cancel")
        yield Button(t("action_form.save", lang), id="save", variant="primary")

    def _person(self, person: Participant) -> str:
        if person.present:
            return person.name
        return t("action_form.absent", self.app.lang, name=person.name)

    def on_mount(self) -> None:
        self._show_due(self.query_one("#due", Input).value)
        self.query_one("#what", Input).focus()

    # -- the date, read back while typing ----------------------------------------------------

    @property
    def meeting_date(self) -> dt.date | None:
        """The running session's date: relative dates ("vrijdag") count from it."""
        live = getattr(self.app, "live", None)
        return live.session.date if live is not None else None

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self._show_due(event.value)

    def _show_due(self, text: str) -> None:
        message, ok = date_feedback(text, self.app.lang, self.meeting_date)
        feedback = self.query_one("#due-feedback", Static)
        feedback.update(plain(message))
        feedback.set_class(not ok, "error-text")

    # -- moving and saving --------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check what and when, then return the fields."""
        lang = self.app.lang
        what_input = self.query_one("#what", Input)
        what = " ".join(what_input.value.split())
        if not what:
            self.notify(t("action_form.what_missing", lang), severity="error")
            what_input.focus()
            return
        due_input = self.query_one("#due", Input)
        due, ok = read_date(due_input.value, self.meeting_date)
        if not ok:
            key, params = date_trouble(due_input.value)
            self.notify(t(key, lang, **params), severity="error", markup=False)
            due_input.focus()
            return
        owners = self.query(OwnerList)
        chosen = set(owners.first().selected) if owners else set()
        self.dismiss({
            "what": what,
            "owners": [p.id for p in self.participants if p.id in chosen],
            "due": due,
        })

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
