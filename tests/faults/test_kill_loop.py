"""kill -9 of the real app at random moments of a session, again and again: nothing shown for > 0.5 s is lost.

Each round starts the real ``terugblik`` in a pseudo-terminal on the same records folder,
resumes the unfinished session from Home (the first round starts it), adds a note and
waits until it has been on screen for 0.6 s — the README promises every change is saved
within a quarter of a second — then keeps typing notes and kills the app with SIGKILL at
a random moment. After every kill the folder is opened again (for writing: the lock must
be free) and must hold, undamaged, every note that had been on screen for more than half
a second before the kill; notes typed later may be lost, but only from the end, never a
torn or reordered list.

"On screen" is when the note count in the entry's label ("(N in total)") was read back from
the terminal: always a little after the app drew it, so the check errs on the lenient side.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from tests.app.pty_app import PtyApp
from tui.store.atomic import TEMP_PREFIX
from tui.store.records import RecordsStore

from .helpers import drain, poll_saved, pty_start_session

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal and signals"),
    pytest.mark.slow,
]

KILLS = 15
"""How many times the app is killed."""
KILL_WINDOW = 0.8
"""The kill comes at a random moment within this many seconds of typing more."""
ON_SCREEN = 0.5
"""A note on screen for longer than this before the kill must have been saved."""
SETTLE = 0.6
"""How long the first note of each round stays on screen before it must be on disk."""
KEY_PAUSE = 0.02
"""Seconds between keys while typing more (a fast typist)."""
TEAM = "Wijkteam Oost"


def count_marker(count: int) -> str:
    """What the entry's label shows once the phase holds ``count`` notes."""
    return f"({count} in total)"


class Screen:
    """Watches a PtyApp's output for the note count going up, noting when each new count showed."""

    def __init__(self, app: PtyApp, count: int):
        self.app = app
        self.count = count
        self.seen: dict[int, float] = {}
        self.read(0)  # what was already read may hold the next count (never clear it: that would race)

    def read(self, seconds: float) -> None:
        self.app.read(seconds)
        while count_marker(self.count + 1) in self.app.screen:
            text = self.app.screen
            self.app.screen = text[text.index(count_marker(self.count + 1)):]
            self.count += 1
            self.seen[self.count] = time.monotonic()

    def wait_for_count(self, count: int, timeout: float = 10.0) -> float:
        deadline = time.monotonic() + timeout
        while count not in self.seen:
            if time.monotonic() > deadline:
                raise AssertionError(f"{count_marker(count)} did not show; last output {self.app.screen[-300:]!r}")
            self.read(0.02)
        return self.seen[count]


def saved_notes(records) -> tuple[list[str], list]:
    """Open the folder for writing (proves the lock is free): the saved notes and the store's warnings."""
    with RecordsStore.open(records) as store:
        warnings = list(store.warnings)
        sessions = store.list_sessions()
        assert len(sessions) == 1, sessions
        session = store.get_session(sessions[0].id)
        assert session.status == "in_progress" and session.current_phase == "goes_well"
        return [n.text for n in session.goes_well], warnings


def test_sigkill_at_random_moments_never_loses_what_was_on_screen(tmp_path):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    records = tmp_path / "records"
    saved: list[str] = []  # what the store held after the previous kill
    typed_total = 0
    rounds: list[str] = []
    started = time.monotonic()
    for round_no in range(KILLS):
        app = PtyApp(records)
        try:
            if round_no == 0:
                pty_start_session(app, TEAM)
            else:
                app.wait_for(f"Unfinished session of {TEAM}")
                app.type("r")
            screen = Screen(app, len(saved) - 1)
            screen.wait_for_count(len(saved))  # the phase is on screen, with the notes saved so far
            expected = list(saved)

            # One note, on screen for 0.6 s: it must be on disk by then.
            note = f"r{round_no}"
            app.type(*note, "enter", "enter", pause=KEY_PAUSE)
            expected.append(note)
            shown = screen.wait_for_count(len(expected))
            drain(app, SETTLE - (time.monotonic() - shown))
            settled = list(expected)
            on_disk = poll_saved(app, lambda s, settled=settled: [x.text for x in s.goes_well] == settled, timeout=2.0)
            late = time.monotonic() - shown
            assert on_disk == pytest.approx(0, abs=0.3), (
                f"round {round_no}: {note!r} was on screen {late - on_disk:.2f} s and not yet saved "
                f"(saved after {late:.2f} s; seed {seed})")

            # Type more notes, and kill at a random moment while doing so.
            kill_at = time.monotonic() + rng.uniform(0, KILL_WINDOW)
            keys: list[str] = []
            number = 0
            while time.monotonic() < kill_at:
                if not keys:
                    text = f"r{round_no}x{number}"
                    number += 1
                    expected.append(text)
                    keys = [*text, "\r", *(("why", "\r") if number % 2 else ("\r",))]
                os.write(app.master, keys.pop(0).encode())
                screen.read(KEY_PAUSE)
            app.signal(signal.SIGKILL)
            killed = time.monotonic()
            app.wait_exit(5)
        finally:
            app.close()
        typed_total += len(expected) - len(saved)

        leftovers = sorted(p.name for p in records.iterdir() if p.name.startswith(TEMP_PREFIX))
        notes, warnings = saved_notes(records)
        assert warnings == [], f"round {round_no}: damage reported after the kill: {warnings} (seed {seed})"
        assert not [p for p in records.iterdir() if p.name.startswith(TEMP_PREFIX)], "temp files not cleaned"
        assert not [p for p in records.iterdir() if ".damaged-" in p.name]
        must_have = max([count for count, at in screen.seen.items() if killed - at > ON_SCREEN], default=0)
        assert notes == expected[:len(notes)], (
            f"round {round_no}: saved notes are not a prefix of what was typed: {notes} vs {expected} (seed {seed})")
        assert len(notes) >= must_have, (
            f"round {round_no}: {expected[len(notes):must_have]} had been on screen for more than {ON_SCREEN} s "
            f"before the kill and are not saved (seed {seed})")
        rounds.append(f"{len(notes) - len(saved)} saved, {len(expected) - len(notes)} lost"
                      + (f", {len(leftovers)} temp file(s)" if leftovers else ""))
        saved = notes
    loop = time.monotonic() - started

    # Once more: Home offers to resume, and resuming shows every saved note.
    app = PtyApp(records)
    try:
        app.wait_for(f"Unfinished session of {TEAM}")
        app.type("r")
        Screen(app, len(saved) - 1).wait_for_count(len(saved))
        app.type("ctrl+q", "ctrl+q")  # quitting mid-session asks first
        assert app.wait_exit() == 0
    finally:
        app.close()
    assert saved_notes(records)[0] == saved
    assert [note for note in saved if "x" not in note] == [f"r{n}" for n in range(KILLS)]  # every settled note
    print(f"{KILLS} kills in {loop:.1f} s (seed {seed}); {typed_total} notes typed, {len(saved)} saved; "
          + "; ".join(rounds))
