"""kill -9 at random moments while a process saves: every acknowledged save survives.

A forked child opens the store and saves sessions in a loop (new ones and updates, from
one note to ~500), writing "<session id> <revision>" to a pipe only after
``save_session()`` returned. The parent kills it with SIGKILL 0-60 ms after the start,
so kills land while the database is being written, then reopens the folder and checks
that the store is whole, unlocked and free of temp files, and that it holds every
acknowledged revision (plus at most the one save that was in flight).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from tui.core.errors import UserError
from tui.core.model import FrictionNote, GoesWellNote, Session
from tui.store.atomic import TEMP_PREFIX
from tui.store.records import RecordsStore

from .helpers import keys

pytestmark = [
    pytest.mark.skipif(
        os.name != "posix" or "fork" not in multiprocessing.get_all_start_methods(),
        reason="the kill test needs POSIX SIGKILL and the fork start method",
    ),
    pytest.mark.slow,
]

KILLS = 200
"""How many times the saving child is killed."""

MAX_DELAY = 0.060
"""The kill lands a random 0..MAX_DELAY seconds after the child was started."""

MAX_SESSIONS = 12
"""The child creates new sessions until the store holds this many, then only updates."""

SEED = 20240514
STAMP = "2024-05-14T09:00:00+00:00"


def revision(session_title: str) -> int:
    """The revision counter a saved session carries in its title ("rev 7")."""
    return int(session_title.removeprefix("rev "))


def build_session(session_id: str, rev: int) -> Session:
    """Revision ``rev`` of a session: deterministic, so the parent can rebuild and compare it."""
    rng = random.Random(f"{session_id}/{rev}")
    notes = 500 if rng.random() < 0.1 else rng.randint(1, 6)
    why = "omdat " + "x" * rng.randint(0, 300)
    return Session(
        id=session_id,
        team=f"Netwerk {session_id[:4]}",
        date=dt.date(2024, 1, 1) + dt.timedelta(days=int(session_id[:2], 16)),
        title=f"rev {rev}",
        created_at=STAMP,
        updated_at=STAMP,
        goes_well=[GoesWellNote(id=f"g{i}", text=f"rev {rev}: goed {i}", why=why) for i in range(notes - notes // 2)],
        frictions=[FrictionNote(id=f"f{i}", text=f"rev {rev}: wrijving {i}", votes=i % 7) for i in range(notes // 2)],
    )


def save_forever(folder: Path, ack_fd: int, seed: int) -> None:
    """The child: save sessions until killed, acknowledging each save after it returned."""
    rng = random.Random(seed)
    try:
        store = RecordsStore.open(folder)
        revs = {s.id: revision(s.title) for s in store.list_sessions()}
        deadline = time.monotonic() + 10  # a safety net; the parent kills long before
        while time.monotonic() < deadline:
            if len(revs) < MAX_SESSIONS and (not revs or rng.random() < 0.25):
                session_id, rev = f"{rng.getrandbits(128):032x}", 1
            else:
                session_id = rng.choice(sorted(revs))
                rev = revs[session_id] + 1
            store.save_session(build_session(session_id, rev))
            revs[session_id] = rev
            os.write(ack_fd, f"{session_id} {rev}\n".encode())  # < PIPE_BUF: written whole or not at all
    except BaseException as exc:
        os.write(ack_fd, f"error {exc!r}\n".encode())
        raise


def run_and_kill(ctx, folder: Path, seed: int, delay: float, where: str) -> dict[str, int]:
    """Start a saving child, SIGKILL it after ``delay`` seconds; return its acknowledgements."""
    read_fd, write_fd = os.pipe()
    try:
        child = ctx.Process(target=save_forever, args=(folder, write_fd, seed), daemon=True)
        child.start()
        os.close(write_fd)
        write_fd = -1
        time.sleep(delay)
        child.kill()
        child.join(10)
        output = b""
        while chunk := os.read(read_fd, 65536):
            output += chunk
    finally:
        os.close(read_fd)
        if write_fd >= 0:
            os.close(write_fd)
    lines = output.decode().splitlines(keepends=True)
    errors = [line for line in lines if line.startswith("error")]
    assert not errors, f"{where}: the child failed: {errors[0]}"
    assert child.exitcode == -signal.SIGKILL, f"{where}: the child ended with {child.exitcode}"
    acked: dict[str, int] = {}
    for line in lines:
        if line.endswith("\n"):  # a line cut by the kill was never acknowledged
            session_id, rev = line.split()
            acked[session_id] = max(acked.get(session_id, 0), int(rev))
    return acked


def temp_files(folder: Path) -> list[Path]:
    return list(folder.rglob(TEMP_PREFIX + "*")) if folder.exists() else []


def test_acknowledged_saves_survive_kill_9(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    folder = tmp_path / "records"
    rng = random.Random(SEED)
    stored: dict[str, int] = {}  # session id -> revision found in the store after the last kill
    acks_total = kills_mid_write = 0

    for kill in range(KILLS):
        seed, delay = rng.randrange(2**32), rng.uniform(0, MAX_DELAY)
        where = f"kill {kill} (child seed {seed}, delay {delay * 1000:.1f} ms)"
        acked = run_and_kill(ctx, folder, seed, delay, where)
        acks_total += len(acked)
        kills_mid_write += bool(temp_files(folder))
        must_hold = {sid: max(stored.get(sid, 0), acked.get(sid, 0)) for sid in stored.keys() | acked.keys()}

        try:
            store = RecordsStore.open(folder)  # raises store.locked if the kill left the lock held
        except UserError as exc:
            pytest.fail(f"{where}: reopening failed: {exc.key}: {exc}")
        with store:
            assert not store.read_only, where
            assert keys(store.warnings) == [], f"{where}: {[str(w) for w in store.warnings]}"
            assert temp_files(folder) == [], f"{where}: temp files left after reopening"
            now = {s.id: revision(s.title) for s in store.list_sessions()}

            lost = {sid: (rev, now.get(sid)) for sid, rev in must_hold.items() if now.get(sid, 0) < rev}
            assert not lost, f"{where}: acknowledged saves lost (expected, found): {lost}"
            # Only the one save in flight at the kill may be there without an acknowledgement.
            extra = {sid: rev for sid, rev in now.items() if rev > must_hold.get(sid, 0)}
            assert len(extra) <= 1, f"{where}: unexpected revisions {extra}"
            assert all(rev == must_hold.get(sid, 0) + 1 for sid, rev in extra.items()), where

            for sid, rev in now.items():
                if stored.get(sid) != rev:  # written during this run: check the whole session
                    assert store.get_session(sid) == build_session(sid, rev), f"{where}: {sid} rev {rev} differs"
        stored = now

    assert acks_total > 0, "the child never completed a save: the test proved nothing"
    assert kills_mid_write > 0, "no kill landed during a write (no temp file was ever left behind)"
