"""Add or edit one participant: name, organisation, role, relation (informal carers), perspective, present."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Checkbox, Input, Label, Select

from tui.app.safe import plain
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.form import FormCheckbox, FormInput, FormScreen
from tui.core.i18n import label, t
from tui.core.model import PERSPECTIVES, RELATION_ROLES, ROLES, Participant
from tui.core.templates import Template


class ParticipantForm(FormScreen):
    """Returns the participant's fields as a dict, or None when cancelled.

    The relation to the client ("dochter van mevrouw Bos") is asked only for a role that has
    one (an informal carer): it appears when such a role is picked.
    """

    FORM_ID = "participant-form"

    def __init__(self, template: Template, person: Participant | None = None):
        super().__init__()
        self.template = template
        self.person = person

    def form_title(self) -> str:
        """The dialog's title."""
        return t("participant.edit_title" if self.person else "participant.add_title", self.app.lang)

    def compose_fields(self) -> ComposeResult:
        """The fields, in the order Enter steps through them."""
        lang = self.app.lang
        person = self.person
        names = {p.id: f"{p.name} — {p.description}" for p in self.template.perspectives}
        yield Label(t("participant.name", lang))
        yield FormInput(person.name if person else "", id="name")
        yield Label(t("participant.organisation", lang))
        yield FormInput(person.organisation if person else "", id="organisation")
        yield Label(t("participant.role", lang))
        # A new person starts with no role chosen; saved as "other" when none is chosen.
        yield DialogSelect([(label("role", role, lang), role) for role in ROLES],
                           value=person.role if person else Select.NULL,
                           prompt=t("participant.role_prompt", lang), id="role")
        yield Label(t("participant.relation", lang), id="relation-label")
        yield FormInput(person.relation if person else "", placeholder=t("participant.relation_placeholder", lang),
                    id="relation")
        yield Label(t("participant.perspective", lang))
        yield DialogSelect([(plain(names.get(p, label("perspective", p, lang)), one_line=True), p)
                            for p in PERSPECTIVES],
                           value=person.perspective if person and person.perspective else Select.NULL,
                           prompt=t("participant.no_perspective", lang), id="perspective")
        yield FormCheckbox(t("participant.present", lang), value=person.present if person else True, id="present")

    def compose_buttons(self) -> ComposeResult:
        """Cancel, and the main button last."""
        lang = self.app.lang
        yield Button(t("form.cancel", lang), id="cancel")
        yield Button(t("form.save", lang), id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_relation()
        self.query_one("#name", Input).focus()

    @on(Select.Changed, "#role")
    def _show_relation(self) -> None:
        """The relation field is there only for a role with a relation to the client."""
        shown = self.query_one("#role", Select).value in RELATION_ROLES or bool(self.query_one("#relation", Input).value)
        self.query_one("#relation-label").display = shown
        self.query_one("#relation", Input).display = shown

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
        relation = self.query_one("#relation", Input)
        self.dismiss({
            "name": name,
            "organisation": self.query_one("#organisation", Input).value.strip(),
            "role": role if isinstance(role, str) else "other",
            "relation": " ".join(relation.value.split()) if relation.display else "",
            "perspective": perspective if isinstance(perspective, str) else None,
            "present": self.query_one("#present", Checkbox).value,
        })

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
