"""Add or edit one participant: name, organisation, role, perspective, present."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.marked_checkbox import MarkedCheckbox
from tui.core.i18n import label, t
from tui.core.model import PERSPECTIVES, ROLES, Participant
from tui.core.templates import Template


class ParticipantForm(TranslatedBindings, ModalScreen[dict | None]):
    """Returns the participant's fields as a dict, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "form.key.cancel"),
        Binding("f1", "app.help", "app.key.help"),  # a dialog hides the app's own keys
    ]

    def __init__(self, template: Template, person: Participant | None = None):
        super().__init__()
        self.template = template
        self.person = person

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        person = self.person
        names = {p.id: f"{p.name} — {p.description}" for p in self.template.perspectives}
        with VerticalScroll(classes="form"):
            yield Static(t("participant.edit_title" if person else "participant.add_title", lang),
                         classes="form-title")
            yield Label(t("participant.name", lang))
            yield Input(person.name if person else "", id="name")
            yield Label(t("participant.organisation", lang))
            yield Input(person.organisation if person else "", id="organisation")
            yield Label(t("participant.role", lang))
            # A new person starts with no role chosen (the first, Huisarts, is one ↓ away);
            # saved as "other" when none is chosen.
            yield DialogSelect([(label("role", role, lang), role) for role in ROLES],
                               value=person.role if person else Select.NULL,
                               prompt=t("participant.role_prompt", lang), id="role")
            yield Label(t("participant.perspective", lang))
            yield DialogSelect([(plain(names.get(p, label("perspective", p, lang)), one_line=True), p)
                                for p in PERSPECTIVES],
                               value=person.perspective if person and person.perspective else Select.NULL,
                               prompt=t("participant.no_perspective", lang), id="perspective")
            yield MarkedCheckbox(t("participant.present", lang), value=person.present if person else True, id="present")
            with Horizontal(classes="buttons"):
                yield Button(t("form.save", lang), id="save", variant="primary")
                yield Button(t("form.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "organisation":
            self.action_save()
        else:
            self.focus_next()

    @on(DialogSelect.Submitted)
    def _select_submitted(self) -> None:
        # Enter on a closed dropdown saves, as Enter in the last text field does.
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the name and return the fields."""
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            self.notify(t("participant.name_missing", self.app.lang), severity="error")
            self.query_one("#name", Input).focus()
            return
        perspective = self.query_one("#perspective", Select).value
        role = self.query_one("#role", Select).value
        self.dismiss({
            "name": name,
            "organisation": self.query_one("#organisation", Input).value.strip(),
            "role": role if isinstance(role, str) else "other",
            "perspective": perspective if isinstance(perspective, str) else None,
            "present": self.query_one("#present", Checkbox).value,
        })

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
