"""Run the real ``terugblik`` app in a pseudo-terminal, as a user's terminal would."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")

KEYS = {"enter": "\r", "f8": "\x1b[19~", "f7": "\x1b[18~", "f6": "\x1b[17~", "f5": "\x1b[15~", "tab": "\t",
        "ctrl+q": "\x11", "ctrl+s": "\x13", "escape": "\x1b"}


class PtyApp:
    """The app as a child process on a pty; type into it and read what it shows."""

    def __init__(self, records: Path, lang: str = "en", columns: int = 100, rows: int = 30,
                 args: tuple[str, ...] = ()):
        import fcntl
        import struct
        import termios

        self.records = records
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = os.environ | {"TERUGBLIK_RECORDS": str(records), "LANG": f"{lang}_NL.UTF-8",
                            "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        env.pop("LC_ALL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "--lang", lang, *args], stdin=slave, stdout=slave, stderr=slave,
            env=env, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.screen = ""

    def read(self, seconds: float = 0.1) -> str:
        """Collect output for a moment; returns the text seen so far (escape codes removed)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], remaining)
            if not ready:
                break
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            self.screen += ANSI.sub("", data.decode("utf-8", "replace"))
        return self.screen

    def wait_for(self, text: str, timeout: float = 15.0) -> None:
        """Read until ``text`` has appeared since the last wait, or fail."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.read(0.1):
                self.screen = self.screen[self.screen.index(text) + len(text):]
                return
            if self.process.poll() is not None:
                raise AssertionError(f"app exited ({self.process.returncode}) before showing {text!r}")
        raise AssertionError(f"{text!r} did not appear; last output: {self.screen[-500:]!r}")

    def type(self, *keys: str, pause: float = 0.05) -> None:
        """Send keys: names from KEYS, or literal text."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            time.sleep(pause)
            self.read(0.01)

    def signal(self, sig: int) -> None:
        """Send a signal to the app."""
        self.process.send_signal(sig)

    def wait_exit(self, timeout: float = 15.0) -> int:
        """Wait for the app to end, draining its output so it never blocks on a full pty."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        if self.process.poll() is None:
            self.process.kill()
            raise AssertionError("the app did not exit")
        return self.process.returncode

    def close(self) -> None:
        """Make sure the child is gone and the pty closed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(5)
        try:
            os.close(self.master)
        except OSError:
            pass
