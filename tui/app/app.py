"""The Textual application: the store, the templates and the screens around the running session.

The session itself is run by :class:`~tui.store.running.RunningSession`, made here when a
session starts and handed to the phase screens; they change it through that controller and
post :mod:`tui.app.messages` for the app to switch screens.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.filter import LineFilter
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from tui.app.bindings import TranslatedBindings
from tui.app.commands import PaletteCommands, palette_commands
from tui.app.compat import drop_notifications, fatal_error_without_locals
from tui.app.messages import ExportMinutes, LeaveSession, MovePhase
from tui.app.exports import MinutesExports
from tui.app.moves import KeysFollowMoves
from tui.app.room_control import RoomControl, RoomOptions
from tui.app.safe import VISIBLE_CONTROLS, plain_line
from tui.app.screens.help import HelpScreen
from tui.app.screens.home import HomeScreen
from tui.app.terminal_watch import TerminalWatch
from tui.core.catalog import Catalog
from tui.core.codec import from_document
from tui.core.i18n import t
from tui.core.model import Session
from tui.core.text import visible
from tui.store.autosave import Autosaver, SaveStatus
from tui.store.records import RecordsStore, SessionSummary
from tui.store.running import RunningSession

if TYPE_CHECKING:  # templates are read (tomllib) on first use, not while the app starts
    from tui.core.templates import Template

def _phases() -> ModuleType:
    """The phase screens (:mod:`tui.app.screens.phases`), loaded when a session first runs.

    Loading them takes about 70 ms, which Home's first frame does not wait for.
    """
    from tui.app.screens import phases

    return phases


LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class TerugblikApp(TranslatedBindings, MinutesExports, KeysFollowMoves):
    """Terugblik's terminal interface: Home, the guided phases, the minutes."""

    CSS_PATH = ["styles/app.tcss"]
    """Home, forms, help and minutes; phase and compare screens name their own files (see their CSS_PATH)."""
    TITLE = "Terugblik"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {PaletteCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "app.key.quit", priority=True),
        Binding("f1", "help", "app.key.help"),
        Binding("question_mark", "help", "app.key.help", show=False),  # text fields keep their "?"
        Binding("f9", "toggle_theme", "app.key.theme", show=False),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    save_text: reactive[str] = reactive("")
    """One line on the state of saving, shown by every phase screen."""
    save_failing: reactive[bool] = reactive(False)

    class SaveReported(Message):
        """Posted (from the autosave thread) after every background save attempt."""

        def __init__(self, status: SaveStatus):
            super().__init__()
            self.status = status

    def __init__(self, store: RecordsStore, catalog: Catalog | Callable[[], Catalog], lang: str,
                 clock: Callable[[], float] = time.monotonic, room_options: RoomOptions | None = None):
        """``catalog`` may be a function loading it: then the templates are read on first use
        (New session, resume), not while Home is being shown. ``room_options``: where members'
        phones can join, and whether the room opens as soon as a session runs."""
        # The remembered theme is in place before Textual builds its stylesheet, so the
        # CSS is parsed once with the right colours instead of again after mounting.
        theme = store.setting("theme", LIGHT_THEME)
        self.set_reactive(App.theme, theme if theme in BUILTIN_THEMES else LIGHT_THEME)
        super().__init__()
        self.set_class(True, f"-theme-{self.theme}", update=False)  # as a theme change would
        self.store = store
        self._catalog = catalog
        self.lang = lang
        self.clock = clock
        """Where phase time comes from (a fixed clock makes screenshots repeatable)."""
        self.running: RunningSession | None = None
        """The session being run, handed to the phase screens; None on Home."""
        self._quit_anyway = False
        self.autosaver = Autosaver(store, on_status=lambda status: self.post_message(self.SaveReported(status)))
        """The one writer of the store: session saves, preferences, team profiles."""
        self.room = RoomControl(self, room_options)
        """Members' phones: closed until the lead opens it for the running session."""

    @property
    def live(self) -> RunningSession | None:
        """The running session (another name for :attr:`running`)."""
        return self.running

    @property
    def template(self) -> Template | None:
        """The template the running session follows."""
        return self.running.template if self.running else None

    @property
    def catalog(self) -> Catalog:
        """The templates; loaded on first use, when unusable template files are reported."""
        if not isinstance(self._catalog, Catalog):
            self._catalog = self._catalog()
            for error in self._catalog.errors:
                self.notify(t("cli.templates.skipped", self.lang, problem=error.message(self.lang)),
                            severity="warning", timeout=20)
        return self._catalog

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications often quote what people typed: never read as markup, controls shown visibly."""
        super().notify(visible(message), title=plain_line(title), severity=severity, timeout=timeout,
                       markup=False)

    def _fatal_error(self) -> None:
        """An unexpected error ends the app with a traceback that shows no notes or names."""
        fatal_error_without_locals(self)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the guard that shows any control character left in a line as a symbol."""
        return [*super().get_line_filters(), VISIBLE_CONTROLS]

    def format_title(self, title: str, sub_title: str) -> Content:
        """The Header line: screen titles hold team names and session titles, so controls are shown visibly."""
        return super().format_title(plain_line(title), plain_line(sub_title))

    # -- start, stop, signals ------------------------------------------------------------

    def on_mount(self) -> None:
        """Show Home; report what the store noticed while opening; save on SIGHUP/SIGTERM."""
        self.sub_title = t("app.subtitle", self.lang)
        self.push_screen(HomeScreen())
        for warning in self.store.warnings:
            self.notify(warning.message(self.lang), severity="warning", timeout=20)
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self.save_and_exit)
            if not self.is_headless:
                self._watch_terminal(loop)

    def _watch_terminal(self, loop: asyncio.AbstractEventLoop) -> None:
        """Save and quit when the terminal disappears, even if no SIGHUP comes or the loop is stuck."""
        def last_resort() -> None:  # the event loop did not manage: save and release from here
            self.autosaver.close(timeout=5)
            self.store.close()
            os._exit(0)

        def save_and_exit_soon() -> None:
            with contextlib.suppress(RuntimeError):  # the loop has already ended
                loop.call_soon_threadsafe(self.save_and_exit)

        watch = TerminalWatch.for_stdin(save_and_exit_soon, last_resort)
        if watch is not None:
            watch.start()

    def keep_unfinished(self) -> None:
        """Make every half-typed note (on screen, or kept from another phase) a note, so it is saved.

        Run before quitting or leaving the session: whatever the lead typed is kept, and can
        be deleted after resuming if it was not meant to be a note.
        """
        running = self.running
        if running is None:
            return
        phases = _phases()
        try:
            if isinstance(self.screen, phases.PhaseScreen):
                self.screen.keep_unfinished()
            for phase, (pending, value) in running.take_drafts().items():
                text, why = (pending, value) if pending is not None else (value, "")
                screen_class = phases.PHASE_SCREENS.get(phase)
                if text.strip() and screen_class is not None and issubclass(screen_class, phases.NotesScreen):
                    screen_class.add_draft(running, text.strip(), why.strip())
        except Exception as exc:  # noqa: BLE001 - keeping a draft must never stop the rest from being saved
            self.log.warning("a half-typed note could not be kept", exc)  # developer log (devtools), not shown

    def save_and_exit(self) -> None:
        """Save everything pending at once, release the records folder, then quit."""
        self.keep_unfinished()
        self.autosaver.close(timeout=5)
        self.store.close()
        self.exit()

    async def action_quit(self, confirmed: bool = False) -> None:
        """Quit after everything is saved; when saving fails, warn once and quit on a second press.

        While a session runs, the lead confirms first (Ctrl+Q again, j/y or Enter).
        """
        from tui.app.screens.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog) and self.screen.purpose == "quit":
            self.screen.dismiss(True)  # Ctrl+Q twice quits
            return
        running = self.running
        if not confirmed and not self._quit_anyway and running is not None and running.session.status != "closed":
            self.push_screen(ConfirmDialog(t("confirm.quit.question", self.lang), t("confirm.quit.detail", self.lang),
                                           t("confirm.quit.yes", self.lang), t("confirm.quit.no", self.lang),
                                           purpose="quit"),
                             lambda yes: self.call_later(self.action_quit, True) if yes else None)
            return
        self.keep_unfinished()
        if self.autosaver.flush(timeout=5) or self._quit_anyway:
            self.exit()
            return
        self._quit_anyway = True
        error = self.autosaver.last_error
        self.notify(t("app.quit_unsaved", self.lang, error=error.message(self.lang) if error else ""),
                    title=t("app.save_failed", self.lang), severity="error", timeout=30)

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in text fields); say how to quit."""
        self.notify(t("app.how_to_quit", self.lang), title=t("app.quit_title", self.lang))

    def action_help(self) -> None:
        """Show every key of the current screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        """Switch between the light (projector) and dark theme; remembered for next time."""
        self.theme = DARK_THEME if self.theme == LIGHT_THEME else LIGHT_THEME
        self.autosaver.remember_setting("theme", self.theme)

    # -- saving ----------------------------------------------------------------------------

    def on_terugblik_app_save_reported(self, message: SaveReported) -> None:
        """Show the outcome of a background save; an error is announced once per failure streak."""
        status = message.status
        if self.store.recreated:
            self.store.recreated = False
            self.notify(t("app.folder_recreated", self.lang, folder=self.store.folder.resolve()),
                        severity="warning", timeout=30)
        if status.error is None:
            if self.save_failing:
                self.notify(t("app.save_recovered", self.lang), timeout=5)
            self.save_failing = False
            self.save_text = t("app.saved_at", self.lang, time=time.strftime("%H:%M:%S",
                                                                             time.localtime(status.saved_at)))
        else:
            if not self.save_failing:
                self.notify(status.error.message(self.lang), title=t("app.save_failed", self.lang),
                            severity="error", timeout=30)
            self.save_failing = True
            self.save_text = "⚠ " + t("app.not_saved", self.lang)

    # -- the running session ---------------------------------------------------------------

    def template_for(self, session: Session) -> Template | None:
        """The template a session uses, in its language (or any language as a fallback)."""
        return self.catalog.get(session.template_id, session.language) or next(
            (tpl for (tid, _), tpl in self.catalog.templates.items() if tid == session.template_id), None)

    def run_session(self, session: Session) -> Awaitable[object] | None:
        """Make ``session`` the running one and show the phase it stands at (await to be sure it shows)."""
        template = self.template_for(session)
        if template is None:
            self.notify(t("app.template_missing", self.lang, template_id=session.template_id), severity="error")
            return None
        self.running = RunningSession(session, template, self.store, self.autosaver, self.clock)
        self.running.save()
        if self.room.options.open_at_start and session.status != "closed":
            self.call_after_refresh(self.run_worker, self.room.open(), exclusive=True, group="room")
        return self.show_phase(session.current_phase)

    async def action_open_room(self) -> None:
        """Open the room for members' phones (or show it when it is open)."""
        await self.room.open()

    def show_phase(self, phase: str) -> Awaitable[object]:
        """Go to a phase of the running session (any phase can be revisited).

        Returns an awaitable: awaiting it means keys typed right after the move reach the
        new phase, never the one being left.
        """
        running = self.running
        assert running is not None
        phases = _phases()
        running.enter_phase(phase)
        self._drop_passing_messages()
        screen = phases.PHASE_SCREENS[phase](running, running.template)
        if isinstance(self.screen, phases.PhaseScreen):
            return self.switch_screen(screen)
        return self.push_screen(screen)

    def _drop_passing_messages(self) -> None:
        """Messages about the phase being left ("Deleted … Ctrl+Z") would cover the next one;
        warnings and errors (saving, the folder) stay until they time out."""
        drop_notifications(self, "information")

    def step_phase(self, offset: int) -> Awaitable[object] | None:
        """Move ``offset`` phases forward or back, staying within the flow."""
        assert self.running is not None
        phase = self.running.phase_after(offset)
        return self.show_phase(phase) if phase is not None else None

    async def on_move_phase(self, message: MovePhase) -> None:
        """A screen asks for another phase: show it, then handle the keys typed after the move."""
        try:
            if self.running is not None:
                moving = self.show_phase(message.phase) if message.phase else self.step_phase(message.offset)
                if moving is not None:
                    await moving
        finally:
            await self.moved(message)

    def on_leave_session(self, message: LeaveSession) -> None:
        """A screen asks to go Home."""
        self.leave_session()

    def on_export_minutes(self, message: ExportMinutes) -> None:
        """A screen asks to export minutes."""
        self.export_minutes(message.session)

    def leave_session(self) -> None:
        """Back to Home; the session stays saved and can be resumed.

        Nothing waits for the disk here: the writer saves what is pending, and Home lists
        the sessions as they stand with it (:meth:`list_sessions`).
        """
        self.keep_unfinished()
        self.running = None
        if self.room.is_open:
            self.run_worker(self.room.close(), exclusive=True, group="room")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def list_sessions(self) -> list[SessionSummary]:
        """Every session as it stands, including changes not yet on disk (any thread)."""
        return self.autosaver.list_sessions()

    def saved_session(self, session_id: str) -> Session:
        """A session as last handed to the writer, or as stored (raises ``UserError``, ``DocumentError``)."""
        waiting = self.autosaver.pending_document(session_id)
        return from_document(waiting) if waiting else self.store.get_session(session_id)

    # -- command palette -------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Open the command palette, its search field in the interface language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder", self.lang)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The main actions, in the interface language."""
        yield from palette_commands(screen, self.lang)
