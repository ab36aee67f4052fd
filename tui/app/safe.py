"""The one way the app shows text that people typed or files brought in: as text.

Textual and Rich read a ``str`` handed to ``Static``, ``Label``, ``Button``, an option
list, a dropdown or a ``DataTable`` cell as markup: ``Wijkteam [/Oost]`` ends the app with
a ``MarkupError`` and ``[@click=app.quit]`` becomes a live action. Neither of them stops a
terminal control either: ESC in a note would reach the terminal, a right-to-left override
would reverse the screen text after it.

:func:`plain` turns such text into a Rich ``Text`` that is never parsed, with every terminal
and bidi control shown as a visible symbol (:func:`tui.core.text.visible`). Every widget
that shows user text gets it through here; ``tests/app/test_safe_text.py`` fails on a new
widget fed a string that did not pass through it. Header titles and notifications are made
safe once, in :class:`tui.app.app.TerugblikApp`, with :func:`plain_line` and ``visible``; and
:class:`VisibleControls` shows any control character still in a drawn line (in a field being
edited) as a symbol, so none ever reaches the terminal.
"""

from __future__ import annotations

import re

from rich.console import JustifyMethod
from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter

from tui.core.text import TERMINAL_CONTROL, control_picture, visible


def plain(text: object, style: str = "", *, one_line: bool = False, justify: JustifyMethod | None = None) -> Text:
    """``text`` as Rich ``Text`` shown exactly as typed: no markup, controls made visible.

    ``style`` is the app's own styling of the whole text; ``one_line`` turns line breaks
    into spaces (for one-line places such as cards and table cells); ``justify`` as in ``Text``.
    """
    return Text(shown(text, one_line=one_line), style=style, justify=justify, end="")


def plain_line(text: object) -> str:
    """``text`` as one line with every control made visible, for places that never read markup.

    Header titles are drawn as literal ``Content`` by Textual, so they need no escaping, only
    the terminal controls (and line breaks) taken out of them.
    """
    return shown(text, one_line=True)


def shown(text: object, *, one_line: bool = False) -> str:
    """``text`` with every control made visible, as a ``str`` (for cells drawn only when on screen)."""
    text = str(text)
    # isprintable() is true only when there is no control, line break or bidi control to show.
    return text if text.isprintable() else visible(text, one_line=one_line)


def _one_cell(match: re.Match[str]) -> str:
    return control_picture(match.group(), one_cell=True)


class VisibleControls(LineFilter):
    """The last guard before the terminal: a control character still in a drawn line is shown as a symbol.

    Text the app shows passes through :func:`plain`; text being edited cannot (an ``Input`` or
    ``TextArea`` must keep the value as it is), so a note with ESC opened for editing would
    reach the terminal raw. Here each such character becomes one visible cell (␛, ␇, � for a
    C1 or bidi control). Rich counts them as zero cells wide, so the line is cut back to its
    width; a line holds one only in that rare case, and Textual caches each filtered line.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """``segments`` with every obeyable character replaced, cut to the same number of cells."""
        if not any(not segment.control and TERMINAL_CONTROL.search(segment.text) for segment in segments):
            return segments
        width = Segment.get_line_length(segments)
        shown = [segment if segment.control else segment._replace(text=TERMINAL_CONTROL.sub(_one_cell, segment.text))
                 for segment in segments]
        return list(Segment.adjust_line_length(shown, width))


VISIBLE_CONTROLS = VisibleControls()
"""The one filter the app adds to every drawn line (see :meth:`tui.app.app.TerugblikApp.get_line_filters`)."""
