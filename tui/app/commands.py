"""The command palette (Ctrl+P): the main actions, searchable, in the interface language."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import SystemCommand
from textual.screen import Screen

from tui.app.messages import ExportMinutes
from tui.core.i18n import t


def palette_commands(screen: Screen, lang: str) -> Iterable[SystemCommand]:
    """Commands for the palette, depending on the screen the palette was opened on.

    A screen offers a command by having its action (notes offer a new note, a phase offers
    the phase moves, the close phase closing); the app's own actions are always there.
    """

    def command(key: str, callback: Callable) -> SystemCommand:
        return SystemCommand(t(f"cmd.{key}", lang), t(f"cmd.{key}.help", lang), callback)

    def screen_action(name: str) -> Callable | None:
        return getattr(screen, f"action_{name}", None)

    if (new_note := screen_action("new_note")) is not None:
        yield command("new_note", new_note)
    if (close_session := screen_action("close_session")) is not None:
        yield command("close_session", close_session)
    if getattr(screen, "PHASE", None) is not None:
        yield command("next_phase", screen_action("next_phase"))
        yield command("previous_phase", screen_action("previous_phase"))
        yield command("preview", screen_action("preview"))
        yield command("export", lambda: screen.post_message(ExportMinutes()))
        yield command("room", screen.app.action_open_room)
        yield command("home", screen_action("home"))
    app = screen.app
    yield command("theme", app.action_toggle_theme)
    yield command("keys", app.action_help)
    yield command("quit", app.action_quit)
