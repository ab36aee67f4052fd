"""The one door to Textual's private parts: each use here, each checked by tests/app/test_compat.py.

Textual is pinned; when an upgrade changes one of these, its test fails with a message naming
what changed, instead of the app failing in a meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

PRIVATE_APP_PARTS = ("_fatal_error", "_exit_renderables", "_close_messages_no_wait")
"""What :func:`fatal_error_without_locals` uses of ``textual.app.App``."""


def fatal_error_without_locals(app: App) -> None:
    """End the app after an unexpected error, printing the traceback WITHOUT local variables.

    Textual's own ``App._fatal_error`` prints every frame's local variables: the notes, names
    and sessions being handled, on a screen that is often a projector. The traceback stays
    (it is what a maintainer needs); the health data in it does not.
    """
    import rich
    from rich.segment import Segments
    from rich.traceback import Traceback

    app.bell()
    traceback = Traceback(show_locals=False, width=None, suppress=[rich])
    app._exit_renderables.append(Segments(app.console.render(traceback, app.console.options)))
    app._close_messages_no_wait()
