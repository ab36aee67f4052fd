"""Phase 8: appreciation, health check, worth our time, the decision on the collaboration, next date.

Closing saves the session and writes the minutes in a worker thread, then shows them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static, TextArea

from tui.app.safe import plain
from tui.core.dates import date_feedback, read_date
from tui.app.screens.confirm import ConfirmDialog
from tui.app.screens.phase import PhaseScreen
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.marked_checkbox import MarkedRadioButton
from tui.app.widgets.note_table import ItemTable
from tui.app.widgets.room_waiting import RoomWaiting, waiting_in_phase
from tui.app.widgets.score_field import ScoreField
from tui.core import operations, room_session
from tui.core.errors import UserError
from tui.core.i18n import label, t
from tui.core.minutes import distribution_text
from tui.core.model import OVERALL_DECISIONS, Session
from tui.core.room_session import Distribution, score_distribution, worth_distribution
from tui.core.templates import HealthStatement
from tui.core.text import shorten

class AppreciationTable(ItemTable):
    """The words of appreciation said so far; d deletes one (Ctrl+Z brings it back)."""

    BINDINGS = [Binding("d,delete", "screen.delete_selected", "close.key.delete")]


class CloseScreen(PhaseScreen):
    """One scrollable form that ends the session; F10 closes it and writes the minutes."""

    PHASE = "close"
    BINDINGS = [
        Binding("f10,ctrl+enter", "close_session", "close.key.close", key_display="F10"),
        Binding("f5", "reveal_notes", "notes.key.reveal"),
    ]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.closing = False
        self.statements: dict[str, HealthStatement] = {s.id: s for s in self.template.health_check}

    # -- layout ------------------------------------------------------------------------------

    def compose_work(self) -> ComposeResult:
        lang = self.lang
        session = self.session
        scores = {h.statement_id: h.score for h in session.health}
        with VerticalScroll(id="close-form"):
            yield Static(t("close.appreciation", lang), classes="close-section", id="appreciation-title")
            yield Static("", id="appreciation-prompt", classes="hint")
            with Horizontal(id="appreciation-entry"):
                yield Input(placeholder=t("close.appreciation_placeholder", lang), id="appreciation-text")
                options = [(plain(p.name, one_line=True), p.id) for p in session.participants if p.present]
                yield DialogSelect(options, prompt=t("close.author_prompt", lang), id="appreciation-author",
                             allow_blank=True)
            yield RoomWaiting("close", id="room-waiting")
            yield AppreciationTable([t("minutes.appreciation", lang), t("minutes.by", lang)],
                                    id="appreciation-list")

            yield Static(t("close.health", lang), classes="close-section")
            yield Static(t("close.score_hint", lang), classes="hint")
            for number, statement in enumerate(self.template.health_check, start=1):
                with Vertical(classes="health-row"):
                    yield Static(plain(f"{number}. {statement.statement}"), classes="health-statement")
                    yield ScoreField(scores.get(statement.id), id=f"health-{statement.id}")
                    yield Static("", id=f"spread-{statement.id}", classes="room-spread", markup=False)

            yield Static(t("close.worth", lang), classes="close-section")
            yield ScoreField(session.worth_score, id="worth")
            yield Static("", id="spread-worth", classes="room-spread", markup=False)

            yield Static(t("minutes.overall", lang), classes="close-section")
            yield Static(t("close.overall_hint", lang), classes="hint")
            with RadioSet(id="overall"):
                for decision in OVERALL_DECISIONS:
                    chosen = session.overall_decision == decision
                    yield MarkedRadioButton(self.overall_label(decision, chosen), value=chosen,
                                            id=f"overall-{decision}")
            yield Label(t("close.rationale", lang))
            yield TextArea(session.decision_rationale, id="rationale", soft_wrap=True)

            yield Static(t("minutes.next", lang), classes="close-section")
            yield Input(session.next_date.isoformat() if session.next_date else "",
                        placeholder=t("close.next_placeholder", lang), id="next-date")
            yield Static("", id="next-feedback", markup=False)

            with Horizontal(id="close-actions"):
                yield Button(t("close.button", lang), id="close-session", variant="primary")
                yield Static("", id="close-status", markup=False)

    def on_mount(self) -> None:
        self.refresh_appreciation()
        self.show_room()
        self._show_next(self.query_one("#next-date", Input).value)
        self.show_status()
        self.query_one("#appreciation-text", Input).focus()

    def changed(self) -> None:
        self.refresh_appreciation()
        self.show_room()

    # -- what members' phones sent -------------------------------------------------------------

    def show_room(self) -> None:
        """Members' scores per statement (how many 1s … 5s, and the mean) and their waiting appreciation."""
        session = self.session
        for statement_id in self.statements:
            scored = any(d.statement_id == statement_id for d in session.device_scores)
            self._show_spread(f"#spread-{statement_id}", score_distribution(session, statement_id) if scored else None)
        self._show_spread("#spread-worth", worth_distribution(session) if session.device_worth else None)
        waiting = self.query_one(RoomWaiting)
        before = waiting.shown[0] > 0
        waiting.show_session(session)
        if (waiting.shown[0] > 0) != before:
            self.refresh_bindings()

    def _show_spread(self, selector: str, devices: Distribution | None) -> None:
        line = self.query_one(selector, Static)
        text = t("close.phones_scored", self.lang, spread=distribution_text(devices, self.lang)) if devices else ""
        line.display = bool(text)
        line.update(plain(text))

    def action_reveal_notes(self) -> None:
        """Add the words of appreciation members sent from their phones to the list, all at once."""
        ids = [note.id for note in self.session.incoming if note.phase == "close"]
        if ids:
            revealed = self.live.change(room_session.reveal, ids)
            self.refresh_appreciation(select=revealed[0].id if revealed else None)
            self.show_room()
            self.notify(t("room.revealed", self.lang, count=len(revealed)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Appreciation is deleted, not edited; while closing, nothing moves."""
        if action == "edit_selected":
            return False
        if action == "reveal_notes":
            return waiting_in_phase(self.session, "close")[0] > 0
        if self.closing and action in ("next_phase", "previous_phase", "undo", "home", "close_session",
                                       "delete_selected"):
            return False
        return True

    # -- appreciation ------------------------------------------------------------------------

    def refresh_appreciation(self, select: str | None = None) -> None:
        """Redraw the list of appreciation, and offer the template's next question for the round."""
        prompts = self.template.appreciation_prompts
        if prompts:
            prompt = prompts[len(self.session.appreciation) % len(prompts)]
            self.query_one("#appreciation-prompt", Static).update(plain(t("close.prompt", self.lang, prompt=prompt)))
        rows = []
        for item in self.session.appreciation:
            person = self.session.participant(item.author)
            rows.append((item.id, [shorten(item.text, 60), person.name if person else "—"]))
        self.query_one(AppreciationTable).show(rows, select=select)

    @on(DialogSelect.Submitted, "#appreciation-author")
    def _back_to_appreciation(self) -> None:
        """Enter on "said by" goes back to the words of appreciation."""
        self.query_one("#appreciation-text", Input).focus()

    @on(Input.Submitted, "#appreciation-text")
    def _add_appreciation(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.focus_next()
            return
        author_select = self.query_one("#appreciation-author", Select)
        author = author_select.value if isinstance(author_select.value, str) else None
        item = self.live.change(operations.add_appreciation, text, author)
        event.input.value = ""
        author_select.clear()
        self.refresh_appreciation(select=item.id)

    def keep_unfinished(self) -> None:
        """A word of appreciation typed but not yet entered is added, so quitting loses nothing."""
        entry = self.query_one("#appreciation-text", Input)
        if entry.value.strip():
            author = self.query_one("#appreciation-author", Select).value
            self.live.change(operations.add_appreciation, entry.value.strip(), author if isinstance(author, str) else None)
            entry.value = ""

    def action_delete_selected(self) -> None:
        """Delete the selected word of appreciation (Ctrl+Z brings it back)."""
        selected = self.query_one(AppreciationTable).selected_id
        item = next((a for a in self.session.appreciation if a.id == selected), None)
        if item is not None:
            self.live.change(operations.delete_item, item.id)
            self.notify(t("close.deleted", self.lang, text=shorten(item.text, 40)), markup=False)
            self.refresh_appreciation()

    # -- scores, decision, next date ---------------------------------------------------------

    @on(ScoreField.Changed)
    def _score_changed(self, event: ScoreField.Changed) -> None:
        field_id = event.field.id or ""
        if field_id == "worth":
            self.live.change(operations.set_worth, event.score)
        elif field_id.startswith("health-"):
            statement = self.statements[field_id.removeprefix("health-")]
            self.live.change(operations.set_health, statement.id, statement.statement, event.score)

    def overall_label(self, decision: str, chosen: bool) -> Text:
        """A choice of the overall decision; the chosen one is marked ✓ (and ● in its box)."""
        return plain(("✓ " if chosen else "  ") + label("overall", decision, self.lang))

    @on(RadioSet.Changed, "#overall")
    def _overall_changed(self, event: RadioSet.Changed) -> None:
        decision = (event.pressed.id or "").removeprefix("overall-")
        if decision != self.session.overall_decision:
            self.live.change(operations.set_overall_decision, decision)
        for choice in OVERALL_DECISIONS:
            self.query_one(f"#overall-{choice}", RadioButton).label = self.overall_label(choice, choice == decision)
        self.show_status()

    @on(TextArea.Changed, "#rationale")
    def _rationale_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text.strip() != self.session.decision_rationale:
            self.live.change(operations.set_rationale, text)

    @on(Input.Changed, "#next-date")
    def _next_changed(self, event: Input.Changed) -> None:
        date, ok = self._show_next(event.value)
        if ok and date != self.session.next_date:
            self.live.change(operations.set_next_date, date)
        if not self.closing:
            self.show_status()

    @on(Input.Submitted, "#next-date")
    def _next_submitted(self) -> None:
        self.query_one("#close-session", Button).focus()

    def _show_next(self, text: str) -> tuple[Any, bool]:
        message, ok = date_feedback(text, self.lang, self.session.date)
        feedback = self.query_one("#next-feedback", Static)
        feedback.update(plain(message))
        feedback.set_class(not ok, "error-text")
        return read_date(text, self.session.date)

    def show_status(self, message: str | None = None) -> None:
        """Beside the close button: what is still needed, or what is happening."""
        status = self.query_one("#close-status", Static)
        decision = self.session.overall_decision
        date_ok = read_date(self.query_one("#next-date", Input).value, self.session.date)[1]
        if message is None:
            if decision is None:
                message = t("close.not_ready", self.lang)
            elif not date_ok:
                message = t("close.not_ready_date", self.lang)
            else:
                message = t("close.ready", self.lang, decision=label("overall", decision, self.lang))
        status.update(plain(message))
        status.set_class(decision is None or not date_ok, "error-text")

    # -- closing -----------------------------------------------------------------------------

    @on(Button.Pressed, "#close-session")
    def action_close_session(self) -> None:
        """Close the session and write the minutes, once the decision on the collaboration is taken and the lead confirms."""
        lang = self.lang
        if self.closing:
            return
        if not self.session.overall_decision:
            self.notify(t("close.need_decision", lang), title=t("close.not_closed", lang), severity="error")
            self.query_one("#overall", RadioSet).focus()
            return
        next_input = self.query_one("#next-date", Input)
        if not read_date(next_input.value, self.session.date)[1]:
            self.notify(t("close.bad_next_date", lang, value=next_input.value.strip()),
                        title=t("close.not_closed", lang), severity="error", markup=False)
            next_input.focus()
            return

        def answered(yes: bool | None) -> None:
            if yes and not self.closing:
                self._close_now()

        decision = label("overall", self.session.overall_decision, lang)
        self.app.push_screen(ConfirmDialog(
            t("confirm.close.question", lang), t("confirm.close.detail", lang, decision=decision),
            t("confirm.close.yes", lang), t("confirm.close.no", lang), purpose="close"), answered)

    def _close_now(self) -> None:
        """Mark the session closed and write the minutes in the background (confirmed by the lead)."""
        lang = self.lang
        self.closing = True
        self.query_one("#close-form").disabled = True
        self.show_status(t("close.closing", lang))
        # The session is marked closed here; the worker only reads a copy of it.
        self.close_in_background(self.live.begin_close(), tuple(self.app.minutes_formats()))

    @work(thread=True, exclusive=True, group="close-session")
    def close_in_background(self, snapshot: Session, formats: tuple[str, ...]) -> None:
        """Wait for the save, remember the team and write the minutes (file I/O, so off the UI thread)."""
        try:
            paths = self.live.write_closed(snapshot, formats)
        except UserError as error:
            self.app.call_from_thread(self.close_failed, error.message(self.lang))
        except Exception as error:  # noqa: BLE001 — whatever went wrong, the meeting's work stays on screen
            self.app.call_from_thread(self.close_failed, str(error) or type(error).__name__)
        else:
            self.app.call_from_thread(self.closed, paths)

    def closed(self, paths: list[Path]) -> None:
        """Show the minutes that were written."""
        from tui.app.screens.minutes import MinutesScreen

        self.notify(t("close.closed", self.lang))
        self.app.switch_screen(MinutesScreen(self.session, paths))

    def close_failed(self, message: str) -> None:
        """Say what went wrong and give the form back, everything still in it."""
        if self.session.status == "closed":
            self.live.reopen()
        self.closing = False
        self.query_one("#close-form").disabled = False
        self.show_status(t("close.failed", self.lang, error=message))
        self.notify(t("close.failed", self.lang, error=message), title=t("close.not_closed", self.lang),
                    severity="error", timeout=30, markup=False)
        self.query_one("#close-session", Button).focus()
