"""Phase 1: who is here (organisation, role, perspective) and the shared ambition."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label, Static, TextArea

from tui.app.safe import plain
from tui.app.screens.participant_form import ParticipantForm
from tui.app.screens.decide import free_width
from tui.app.screens.phase import PhaseScreen
from tui.app.widgets.note_table import ItemTable
from tui.core import operations
from tui.core.i18n import label, t
from tui.core.model import Participant
from tui.core.text import shorten


class ParticipantTable(ItemTable):
    """The roster: a adds, e edits, d removes, space marks present or absent."""

    BINDINGS = [
        Binding("a", "screen.add_participant", "setup.key.add"),
        Binding("space", "screen.toggle_present", "setup.key.present"),
    ]


class SetupScreen(PhaseScreen):
    """Participants (pre-filled from the team's last session) and the shared ambition."""

    PHASE = "setup"
    BINDINGS = [Binding("ctrl+a", "add_participant", "setup.key.add")]

    def compose_work(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("setup.participants", lang), classes="section-title")
        yield Static(t("setup.first_time", lang), id="setup-hint", classes="hint")
        yield ParticipantTable([t(f"setup.col.{c}", lang) for c in
                                ("present", "name", "organisation", "role", "perspective")], id="participants")
        yield Static("", id="participant-detail", markup=False)
        yield Label(t("setup.facilitator", lang))
        yield Input(self.session.facilitator, placeholder=t("setup.facilitator_placeholder", lang), id="facilitator")
        yield Label(t("setup.ambition", lang))
        yield TextArea(self.session.ambition, id="ambition", soft_wrap=True)

    def on_mount(self) -> None:
        self.refresh_participants()
        table = self.query_one(ParticipantTable)
        table.focus()


    def _cells(self, person: Participant) -> list[str]:
        lang = self.lang
        perspective = self._perspective(person) or "—"
        return [t("setup.present_yes" if person.present else "setup.present_no", lang),
                shorten(person.name, 30), shorten(person.organisation, 30) or "—",
                self._role(person), perspective]

    def _perspective(self, person: Participant) -> str:
        names = {p.id: p.name for p in self.template.perspectives}
        return names.get(person.perspective, label("perspective", person.perspective, self.lang)) \
            if person.perspective else ""

    def _role(self, person: Participant, whole: bool = False) -> str:
        """The role, with an informal carer's relation to the client ("Mantelzorger — dochter van mevrouw Bos")."""
        role = label("role", person.role, self.lang)
        relation = person.relation if whole else shorten(person.relation, 30)
        return f"{role} — {relation}" if person.relation.strip() else role

    def show_detail(self) -> None:
        """The selected participant whole, below the roster: a cell may end in "…"."""
        person = self._selected()
        detail = self.query_one("#participant-detail", Static)
        detail.display = person is not None
        if person is not None:
            parts = [person.name, self._role(person, whole=True), person.organisation, self._perspective(person)]
            detail.update(plain(" · ".join(part for part in parts if part.strip()), one_line=True))

    @on(DataTable.RowHighlighted, "#participants")
    def _participant_highlighted(self) -> None:
        self.show_detail()

    def refresh_participants(self, select: str | None = None) -> None:
        """Redraw the roster."""
        self.query_one(ParticipantTable).show(((p.id, self._cells(p)) for p in self.session.participants),
                                              select=select, room=free_width(self, 0))
        self.query_one("#setup-hint").display = not self.session.participants
        self.show_detail()

    def changed(self) -> None:
        self.refresh_participants()

    def _selected(self) -> Participant | None:
        return self.session.participant(self.query_one(ParticipantTable).selected_id)

    def action_add_participant(self) -> None:
        """Add a participant through a small form."""
        def added(fields: dict | None) -> None:
            if fields:
                person = self.live.change(operations.add_participant, fields["name"], fields["organisation"],
                                          fields["role"], fields["perspective"], fields["relation"])
                if not fields["present"]:
                    self.live.change(operations.edit_item, person.id, present=False)
                self.refresh_participants(select=person.id)

        self.app.push_screen(ParticipantForm(self.template), added)

    def action_edit_selected(self) -> None:
        """Edit the selected participant."""
        person = self._selected()
        if person is None:
            return

        def edited(fields: dict | None) -> None:
            if fields:
                self.live.change(operations.edit_item, person.id, **fields)
                self.refresh_participants(select=person.id)

        self.app.push_screen(ParticipantForm(self.template, person), edited)

    def action_delete_selected(self) -> None:
        """Remove the selected participant (Ctrl+Z brings them back)."""
        person = self._selected()
        if person is not None:
            self.live.change(operations.delete_item, person.id)
            self.notify(t("setup.removed", self.lang, name=person.name))
            self.refresh_participants()

    def action_toggle_present(self) -> None:
        """Mark the selected participant present or absent."""
        person = self._selected()
        if person is not None:
            self.live.change(operations.edit_item, person.id, present=not person.present)
            self.refresh_participants(select=person.id)

    @on(Input.Changed, "#facilitator")
    def _facilitator(self, event: Input.Changed) -> None:
        if event.value.strip() != self.session.facilitator:
            self.session.facilitator = event.value.strip()
            self.live.save()

    @on(TextArea.Changed, "#ambition")
    def _ambition(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text.strip() != self.session.ambition.strip():
            self.session.ambition = text.strip()
            self.live.save()
