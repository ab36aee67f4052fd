"""Phase moves in the order the keys came: keys typed right after a move reach the phase moved to.

A screen asks for another phase by posting :class:`~tui.app.messages.MovePhase` to the app.
That message is queued behind keys that may already be waiting (typed fast, pasted); those
keys are held from the moment the move is posted until the new phase shows, then handled
in order, as if the key that moved had waited for the new phase itself.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.widget import Widget

from tui.app.messages import MovePhase


class KeysFollowMoves(App[None]):
    """The app's part that holds keys behind a pending phase move; the app calls :meth:`moved`."""

    def __init__(self, *args: Any, **kwargs: Any):
        self._moves_waiting: set[MovePhase] = set()
        self._held_keys: deque[events.Key] = deque()
        super().__init__(*args, **kwargs)

    def post_message(self, message: Message) -> bool:
        """Queue a message; a phase move holds the keys that come after it until :meth:`moved`."""
        posted = super().post_message(message)
        if posted and isinstance(message, MovePhase):
            self._moves_waiting.add(message)
        return posted

    async def on_event(self, event: events.Event) -> None:
        """Hold keys while a phase move waits; everything else as Textual does it."""
        if isinstance(event, events.Key) and (self._moves_waiting or self._held_keys):
            self._held_keys.append(event)
            return
        await super().on_event(event)

    async def moved(self, move: MovePhase) -> None:
        """``move`` is done (shown, or nowhere to go): handle the keys held behind it, in order."""
        self._moves_waiting.discard(move)
        while self._held_keys and not self._moves_waiting:  # a held F8 posts the next move: wait for it
            await super().on_event(self._held_keys.popleft())


def pass_on_to_focus(widget: Widget, event: events.Key) -> bool:
    """Send a key that reached ``widget`` after the focus moved on to where the focus went.

    Keys that arrive together (a fast typist, a paste, a terminal sending a burst) are all
    handed to the widget that had the focus when they came; the ones after a key that moved
    the focus belong to the next field. Returns whether the key was passed on.
    """
    focused = widget.screen.focused
    if focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    focused.post_message(events.Key(event.key, event.character))
    return True
