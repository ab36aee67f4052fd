"""Choices whose state shows as a mark (✔, ● or an empty box), not by colour alone."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class MarkedCheckbox(Checkbox):
    """Checkbox with ✔ when on and an empty box when off — readable on any projector."""

    def render(self) -> Content:
        """Draw the box with its mark for the current value."""
        self.BUTTON_INNER = "✔" if self.value else " "
        return super().render()


class MarkedRadioButton(RadioButton):
    """Radio button with ● when chosen and an empty box when not (Textual shows ● in both)."""

    def render(self) -> Content:
        """Draw the box with its mark for the current value."""
        self.BUTTON_INNER = "●" if self.value else " "
        return super().render()


class MarkedSelectionList(SelectionList):
    """A selection list whose chosen lines show ✔ in the box and the others an empty box.

    Textual draws the same box with an X in front of every line, chosen or not.
    """

    def render_line(self, y: int) -> Strip:
        """Draw a line as Textual does, then put the mark in its box."""
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        mark = "✔" if selection.value in self.selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)
