"""The frame every phase screen shares: work area, guide, phase bar, keys to move through the flow."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.app.bindings import TranslatedBindings
from tui.app.messages import LeaveSession, MovePhase
from tui.app.safe import plain
from tui.app.widgets.guide import GuidePanel
from tui.app.widgets.phasebar import PhaseBar
from tui.core.i18n import t
from tui.core.text import shorten
from tui.core.templates import Template
from tui.store.running import RunningSession

ELSEWHERE_DELAY = 0.15
"""Seconds by which changes made elsewhere (members' phones) are gathered into one redraw."""

NARROW = 110
"""Below this many columns the guide starts hidden, leaving room for the work."""


class PhaseScreen(TranslatedBindings, Screen[None]):
    """Base of the phase screens: subclasses set ``PHASE`` and implement :meth:`compose_work`."""

    PHASE = "setup"
    CSS_PATH = ["../styles/phases.tcss", "../styles/board.tcss", "../styles/forms.tcss"]  # parsed on first use
    BINDINGS = [
        # Priority: phase moves work from anywhere, also from inside a text field.
        Binding("f8,ctrl+right", "next_phase", "phase.key.next", key_display="F8", priority=True),
        Binding("f7,ctrl+left", "previous_phase", "phase.key.previous", key_display="F7", priority=True),
        Binding("ctrl+z", "undo", "phase.key.undo"),
        Binding("f2", "toggle_guide", "phase.key.guide"),
        Binding("f3", "preview", "phase.key.preview"),
        Binding("f6", "app.open_room", "phase.key.room", show=False),  # in help (F1) and the palette
    ]

    Move = MovePhase
    """The message a phase screen posts to show another phase."""

    def __init__(self, live: RunningSession, template: Template):
        super().__init__()
        self.live = live
        """The running session's controller: every change goes through it."""
        self.template = template
        self.guide_phase = template.phase(self.PHASE)
        self._stop_listening = lambda: None
        self._change_pending = False
        self._shown_elsewhere = 0.0

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.app.lang

    @property
    def session(self):
        """The session being run."""
        return self.live.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="phase-body"):
            with Vertical(id="work"):
                yield Static(plain(self.guide_phase.title), id="phase-title")
                yield from self.compose_work()
            guide = GuidePanel(self.guide_phase, id="guide")
            # Hidden from the start, so tables filled on mount are sized without it.
            guide.display = self.app.size.width >= NARROW
            yield guide
        yield PhaseBar(self.live, self.guide_phase.timebox_minutes, id="phase-bar")
        yield Footer()

    def compose_work(self) -> ComposeResult:
        """The phase's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        title = f"{self.session.team} · {self.session.title}" if self.session.title else self.session.team
        self.title = f"Terugblik · {title}"
        self.sub_title = t(f"phase.name.{self.PHASE}", self.lang)
        self._stop_listening = self.live.listen(self._session_changed)

    def on_unmount(self) -> None:
        self._stop_listening()

    def _session_changed(self, origin: object | None) -> None:
        """A change came through the controller: one made elsewhere (not by the lead here) is shown.

        Changes from members' phones come in bursts: the first is shown at once, the rest
        of a burst together a moment later, so the lead's typing never waits for one
        redraw per phone.
        """
        if origin is None or not self.is_mounted or self._change_pending:
            return
        wait = self._shown_elsewhere + ELSEWHERE_DELAY - time.monotonic()
        if wait <= 0:
            self._show_changes_from_elsewhere()
        else:
            self._change_pending = True
            self.set_timer(wait, self._show_changes_from_elsewhere)

    def _show_changes_from_elsewhere(self) -> None:
        self._change_pending = False
        self._shown_elsewhere = time.monotonic()
        if self.is_mounted:
            self.changed()

    def changed(self) -> None:
        """Called after every change to the session; refresh what the screen shows."""

    # -- actions ---------------------------------------------------------------------------

    async def action_next_phase(self) -> None:
        """Go to the next phase."""
        await self._step(+1)

    async def action_previous_phase(self) -> None:
        """Go to the previous phase."""
        await self._step(-1)

    async def _step(self, offset: int) -> None:
        self.app.post_message(self.Move(offset))

    def action_toggle_guide(self) -> None:
        """Show or hide the guide with the phase's questions."""
        guide = self.query_one(GuidePanel)
        guide.display = not guide.display

    def action_undo(self) -> None:
        """Take back the latest deletion or merge."""
        undone = self.live.undo()
        if undone is None:
            self.notify(t("undo.nothing", self.lang))
            return
        self.notify(t(undone.label, self.lang, text=shorten(undone.text, 50)))
        self.changed()

    def action_preview(self) -> None:
        """Show the minutes as they stand now."""
        from tui.app.screens.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(self.live.session, paths=[]))

    def keep_unfinished(self) -> None:
        """Save what is typed on this screen but not yet entered (before quitting or going Home).

        Phases whose fields save as they change have nothing to keep.
        """

    def action_home(self) -> None:
        """Back to Home; the session stays saved and can be resumed."""
        self.post_message(LeaveSession())


class TablePhaseScreen(PhaseScreen):
    """A phase whose table is sized to the work area: redrawn on change, resize and guide toggle.

    Subclasses implement ``refresh_items`` (which records :meth:`table_shape` in
    ``drawn_shape``) and set ``table_ready`` once the table exists.
    """

    table_ready = False
    drawn_shape: tuple[int, bool] | None = None
    """The :meth:`table_shape` the table was last drawn for."""

    def refresh_items(self, select: str | None = None) -> None:
        """Redraw the table from the session."""
        raise NotImplementedError

    def table_shape(self) -> tuple[int, bool]:
        """What the table's column widths follow: the terminal's width and whether the guide shows."""
        guides = self.query(GuidePanel)
        return self.app.size.width, bool(guides) and guides.first().display

    def changed(self) -> None:
        self.refresh_items()

    def on_resize(self) -> None:
        # A screen is also told its size when it is first shown: the table drawn on mount
        # already fits then, and redrawing a table of many notes twice costs seconds.
        if self.table_ready and self.table_shape() != self.drawn_shape:
            self.refresh_items()

    def action_toggle_guide(self) -> None:
        super().action_toggle_guide()
        self.refresh_items()
