"""The footer of the phase screens: the keys that move through the phases come first.

Textual's Footer lists the focused widget's keys before the screen's, so on an 80-column
screen a table with six keys of its own pushed "F8 Next phase" off the edge. Here the phase
moves are listed first, whatever has the focus; the rest follows in Textual's order.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

FIRST_ACTIONS = ("next_phase", "previous_phase")
"""Actions whose keys the footer always shows first, in this order."""


class PhaseFooter(Footer):
    """A Footer that puts the phase keys (F8, F7) before every other key."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        rank = {action: index for index, action in enumerate(FIRST_ACTIONS)}

        def order(item: object) -> int:
            return rank.get(str(getattr(item, "action", "")), len(rank))

        first = sorted((k for k in keys if order(k) < len(rank)), key=order)
        yield from first
        yield from (k for k in keys if order(k) == len(rank))
