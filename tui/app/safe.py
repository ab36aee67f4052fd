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
safe once, in :class:`tui.app.app.TerugblikApp`, with :func:`plain_line` and :func:`plain`.
"""

from __future__ import annotations

from rich.console import JustifyMethod
from rich.text import Text

from tui.core.text import visible


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
