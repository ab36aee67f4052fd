"""Helpers shared by the fault tests: an app on a temporary records folder, waiting, reading the disk."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.app.app import TerugblikApp
from tui.core import operations
from tui.core.catalog import load_catalog
from tui.core.model import Session
from tui.store.records import RecordsStore
from tui.store.sessionfiles import SESSIONS_DIR


def make_app(tmp_path: Path, lang: str = "en") -> tuple[RecordsStore, TerugblikApp]:
    """A store on ``tmp_path/records`` and an app on it (shipped templates only)."""
    store = RecordsStore.open(tmp_path / "records")
    return store, TerugblikApp(store, load_catalog(tmp_path / "no-user-templates"), lang)


def new_session(team: str = "Wijkteam Oost", template: str = "kort") -> Session:
    """A fresh English session of the short template."""
    return operations.start_session(team, "en", template)


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
    """Let the app run until ``condition`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await pilot.pause(0.05)


def notifications(app: TerugblikApp) -> list[tuple[str, str, str]]:
    """The notifications currently shown: (title, message, severity)."""
    return [(n.title, n.message, n.severity) for n in app._notifications]


def db_sessions(folder: Path) -> dict[str, dict[str, Any]]:
    """The sessions in the folder's session files, read straight from the disk (not through the store)."""
    found = {}
    for path in sorted((folder / SESSIONS_DIR).glob("*.json")):
        doc = json.loads(path.read_bytes().decode("utf-8"))
        found[doc["id"]] = doc
    return found


def saved_texts(folder: Path, session_id: str, kind: str = "goes_well") -> list[str]:
    """The texts of one kind of note of a session, as on disk ([] when the session is not there)."""
    doc = db_sessions(folder).get(session_id)
    return [note["text"] for note in doc[kind]] if doc else []


def failing_write(code: int) -> Callable[[Path, bytes], None]:
    """A stand-in for ``write_atomic`` that fails like the OS would with ``code``."""
    def write_atomic(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    return write_atomic



# -- the real app in a pseudo-terminal ------------------------------------------------------------


def drain(app, seconds: float) -> None:
    """Keep reading a PtyApp's output for ``seconds`` (a full pty would stop it from reading keys)."""
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        app.read(min(0.05, remaining))


def stored_session(folder: Path) -> Session | None:
    """The most recent session of a records folder, read-only (as another process may), or None."""
    if not (folder / SESSIONS_DIR).exists():
        return None
    with RecordsStore.open(folder, read_only=True) as store:
        summaries = store.list_sessions()
        return store.get_session(summaries[0].id) if summaries else None


def poll_saved(app, condition: Callable[[Session], bool], timeout: float = 5.0) -> float:
    """Poll the store read-only, draining the app's output, until the saved session satisfies ``condition``.

    Returns how long it took; fails after ``timeout`` seconds.
    """
    start = time.monotonic()
    while True:
        session = stored_session(app.records)
        if session is not None and condition(session):
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"the expected state was not saved within {timeout} s "
                                 f"(saved: {session and [n.text for n in session.goes_well]}; "
                                 f"the app's latest output: {app.screen[-1500:]!r})")
        if app.process.poll() is not None:
            raise AssertionError(f"the app exited ({app.process.returncode}) before saving")
        drain(app, 0.05)


def pty_start_session(app, team: str = "Wijkteam Oost") -> None:
    """From Home: a new session for ``team``, then on to "what goes well"."""
    app.wait_for("New session")
    app.type("n")
    app.wait_for("Team or care network")
    app.type(team, "ctrl+s")  # Ctrl+S starts from the first field
    app.wait_for("Who is here")
    app.type("f8", "f8")
    app.wait_for("What goes well")
