"""The small form that starts a session: team, title, language, template, date."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from tui.app.safe import plain
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.form import FormInput, FormScreen
from tui.core.catalog import DEFAULT_TEMPLATE
from tui.core.dates import date_trouble, parse_date
from tui.core.i18n import DEFAULT_LANGUAGE, t
from tui.core.model import LANGUAGES


class NewSessionScreen(FormScreen):
    """Returns ``{"team", "title", "template", "date"}``, or None when cancelled.

    Enter goes from field to field and on to Start; Ctrl+S starts from any field.
    """

    BINDINGS = [Binding("ctrl+s", "save_by_key", "new.key.start", key_display="Ctrl+S")]

    FORM_ID = "new-session-form"

    def form_title(self) -> str:
        """The dialog's title."""
        return t("new.title", self.app.lang)

    def compose_fields(self) -> ComposeResult:
        """The fields, in the order Enter steps through them."""
        lang = self.app.lang
        teams = self.app.store.team_names()
        yield Label(t("new.team", lang))
        yield FormInput(placeholder=t("new.team_placeholder", lang), id="team",
                    suggester=SuggestFromList(teams, case_sensitive=False))
        if teams:
            yield Static(plain(t("new.known_teams", lang, teams=", ".join(teams[:8]))), classes="hint")
        yield Label(t("new.session_title", lang))
        yield FormInput(placeholder=t("new.session_title_placeholder", lang), id="title")
        yield Label(t("new.language", lang))
        yield DialogSelect([(t(f"language.{code}", lang), code) for code in LANGUAGES],
                           value=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
                           allow_blank=False, id="language")
        yield Label(t("new.template", lang))
        yield DialogSelect(self._template_options(lang), id="template", prompt=t("new.no_template", lang))
        yield Label(t("new.date", lang))
        yield FormInput(placeholder=t("new.date_placeholder", lang), id="date")

    def compose_buttons(self) -> ComposeResult:
        """Cancel, and the main button last."""
        lang = self.app.lang
        yield Button(t("form.cancel", lang), id="cancel")
        yield Button(t("new.start", lang), id="start", variant="primary")

    def on_mount(self) -> None:
        self._fill_templates(self.app.lang)
        self.query_one("#team", Input).focus()

    def _template_options(self, language: str) -> list[tuple[Text, str]]:
        templates = self.app.catalog.for_language(language)
        return [(plain(f"{tpl.title} ({tpl.duration_minutes} min)", one_line=True), tpl.id) for tpl in templates]

    @on(Select.Changed, "#language")
    def _language_changed(self, event: Select.Changed) -> None:
        self._fill_templates(event.value)

    def _fill_templates(self, language: object) -> None:
        options = self._template_options(str(language))
        select = self.query_one("#template", Select)
        select.set_options(options)
        if not options:
            return
        ids = [template_id for _, template_id in options]
        select.value = DEFAULT_TEMPLATE if DEFAULT_TEMPLATE in ids else ids[0]

    @on(Button.Pressed, "#start")
    def action_save(self) -> None:
        """Check the form and start the session."""
        lang = self.app.lang
        team = " ".join(self.query_one("#team", Input).value.split())
        if not team:
            self.notify(t("new.team_missing", lang), severity="error")
            self.query_one("#team", Input).focus()
            return
        language = str(self.query_one("#language", Select).value)
        template = self.app.catalog.get(str(self.query_one("#template", Select).value), language)
        if template is None:
            self.notify(t("new.no_template", lang), severity="error")
            return
        date_text = self.query_one("#date", Input).value
        try:
            date = parse_date(date_text)
        except ValueError:
            key, params = date_trouble(date_text)
            self.notify(t(key, lang, **params), severity="error")
            self.query_one("#date", Input).focus()
            return
        self.dismiss({"team": team, "title": self.query_one("#title", Input).value.strip(),
                      "template": template, "date": date})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close the form without starting anything."""
        self.dismiss(None)
