"""The command palette (Ctrl+P): the main actions, searchable, in the interface language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from tui.core.i18n import t

if TYPE_CHECKING:
    from tui.app.app import TerugblikApp


def palette_commands(app: TerugblikApp, screen: Screen) -> Iterable[SystemCommand]:
    """Commands for the palette, depending on the screen the palette was opened on."""
    from tui.app.screens.close import CloseScreen
    from tui.app.screens.notes import NotesScreen
    from tui.app.screens.phase import PhaseScreen

    lang = app.lang

    def command(key: str, callback) -> SystemCommand:
        return SystemCommand(t(f"cmd.{key}", lang), t(f"cmd.{key}.help", lang), callback)

    if isinstance(screen, NotesScreen):
        yield command("new_note", screen.action_new_note)
    if isinstance(screen, CloseScreen):
        yield command("close_session", screen.action_close_session)
    if isinstance(screen, PhaseScreen):
        yield command("next_phase", screen.action_next_phase)
        yield command("previous_phase", screen.action_previous_phase)
        yield command("preview", screen.action_preview)
        yield command("export", lambda: app.export_minutes())
        yield command("home", screen.action_home)
    yield command("theme", app.action_toggle_theme)
    yield command("keys", app.action_help)
    yield command("quit", app.action_quit)
