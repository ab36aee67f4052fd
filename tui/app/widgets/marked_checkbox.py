"""A checkbox whose state shows as a mark (✔ or empty), not by colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    """Checkbox with ✔ when on and an empty box when off — readable on any projector."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✔" if self.value else " "
        return super()._button
