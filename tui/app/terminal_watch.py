"""Noticing that the terminal is gone — window closed, connection dropped — even when no SIGHUP comes.

Closing a terminal normally sends SIGHUP, which the app answers by saving and quitting.
But a process without a controlling terminal gets no SIGHUP, and once the terminal is gone
Textual's output thread stops while the screen keeps queueing output, so the event loop
(and with it every signal handler) can block for good: the app would hold the records
folder's lock forever and spin on the dead input. This watch runs in its own thread and
asks the terminal every second whether it is still there; when it is not, it asks the app
to save and quit, and if the app has not managed within a grace period, it saves, releases
the folder and ends the process itself.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable

GONE = {errno.EIO, errno.ENXIO, errno.EBADF}
"""What asking a hung-up terminal for its settings answers (Linux: EIO)."""


def terminal_present(fd: int) -> bool:
    """Whether the terminal on ``fd`` is still there (True for anything that is not a terminal)."""
    import termios

    try:
        termios.tcgetattr(fd)
    except termios.error as exc:
        return exc.args[0] not in GONE
    return True


class TerminalWatch:
    """A daemon thread that calls ``on_lost`` once the terminal is gone, then ``last_resort`` after ``grace``."""

    def __init__(self, fd: int, on_lost: Callable[[], None], last_resort: Callable[[], None],
                 interval: float = 1.0, grace: float = 5.0):
        self.fd = fd
        self.on_lost = on_lost
        self.last_resort = last_resort
        self.interval = interval
        self.grace = grace
        self._stop = threading.Event()

    @classmethod
    def for_stdin(cls, on_lost: Callable[[], None], last_resort: Callable[[], None]) -> TerminalWatch | None:
        """A watch on standard input when it is a terminal on a POSIX system, else None."""
        try:
            fd = 0
            if os.name != "posix" or not os.isatty(fd):
                return None
        except OSError:
            return None
        return cls(fd, on_lost, last_resort)

    def start(self) -> None:
        """Start watching in the background."""
        threading.Thread(target=self._run, name="terugblik-terminal-watch", daemon=True).start()

    def stop(self) -> None:
        """Stop watching (the app is ending by itself)."""
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if not terminal_present(self.fd):
                self.on_lost()
                if not self._stop.wait(self.grace):
                    self.last_resort()
                return
