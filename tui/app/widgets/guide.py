"""The guide beside the work area: the phase's purpose and the questions to put to the group."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.safe import plain
from tui.core.i18n import t
from tui.core.templates import Phase


class GuidePanel(VerticalScroll):
    """Shows one template phase; hidden with F2 or automatically on narrow terminals."""

    def __init__(self, phase: Phase, **kwargs: object):
        super().__init__(**kwargs)
        self.phase = phase

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Static(t("guide.purpose", lang), classes="guide-heading")
        yield Static(plain(self.phase.purpose), classes="guide-purpose")
        yield Static(t("guide.questions", lang), classes="guide-heading")
        for number, question in enumerate(self.phase.questions, start=1):
            yield Static(plain(f"{number}. {question}"), classes="guide-question")
        yield Static(plain(t("guide.timebox", lang, minutes=self.phase.timebox_minutes)), classes="guide-timebox")
