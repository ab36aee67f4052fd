"""How long the UI thread is held by writes: toggling the theme, going Home, with a big records folder.

TinyDB rewrites the whole database (with fsync) on every write, so a write made on the UI
thread holds every key press for as long as it takes to dump all sessions. The app hands
all writes to its writer thread (:class:`tui.store.autosave.Autosaver`); this script puts
figures on what the UI thread still spends, against what it spent writing itself.

Rows (each in a running app, headless, on a records folder of ``--sessions`` sessions):

* theme, no write: the theme toggled in a read-only folder (nothing to remember): the
  plain in-memory work of the toggle, the baseline of the other theme rows.
* theme, written on the UI thread: the toggle followed by ``store.remember_setting``
  (how the app remembered the theme before).
* theme, through the writer: ``action_toggle_theme`` as the app does it now.
* Home, flush on the UI thread: leaving a session just changed, waiting (as before) up to
  2 s for the save to reach the disk.
* Home, no wait: ``leave_session`` as the app does it now.
* Home, listing: reading the list Home shows (in its worker, not on the UI thread), with
  the just-left session as handed to the writer.

Usage: python benchmarks/ui_writes.py [--sessions N] [--reps N] [--dir FOLDER]
Figures are medians in milliseconds of the synchronous call on the UI thread; they depend
on the machine and file system, the ratios much less so. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import database, make_session, write_database  # noqa: E402

from tui.app.app import DARK_THEME, LIGHT_THEME, TerugblikApp  # noqa: E402
from tui.core import operations  # noqa: E402
from tui.core.catalog import load_catalog  # noqa: E402
from tui.core.codec import to_document  # noqa: E402
from tui.store.records import RecordsStore  # noqa: E402


def make_folder(folder: Path, sessions: int) -> None:
    """A records folder holding ``sessions`` closed, realistic sessions."""
    rng = random.Random(12)
    write_database(folder, database([to_document(make_session(rng, 8, 8)) for _ in range(sessions)]))
    RecordsStore.open(folder).close()  # the layout of earlier versions, migrated to one file per session


def new_app(folder: Path, read_only: bool = False) -> tuple[RecordsStore, TerugblikApp]:
    """A store on ``folder`` and the app on it, animations off."""
    store = RecordsStore.open(folder, read_only=read_only)
    app = TerugblikApp(store, load_catalog(folder.parent / "no-user-templates"), "en")
    app.animation_level = "none"
    return store, app


def timed(action: Callable[[], object]) -> float:
    """Milliseconds ``action`` holds the calling (UI) thread."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


async def theme_times(folder: Path, reps: int, how: str) -> list[float]:
    """UI-thread time of toggling the theme: ``none`` (read-only), ``sync`` (old) or ``writer`` (now)."""
    store, app = new_app(folder, read_only=how == "none")

    def toggle_and_write_here() -> None:
        app.theme = DARK_THEME if app.theme == LIGHT_THEME else LIGHT_THEME
        store.remember_setting("theme", app.theme)

    action = toggle_and_write_here if how == "sync" else app.action_toggle_theme
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(reps):
            times.append(timed(action))
            await pilot.pause()
            app.autosaver.flush()  # the writer's work is not the UI thread's: let it finish between rounds
    app.autosaver.close()
    store.close()
    return times


async def home_times(folder: Path, reps: int, flush_first: bool) -> tuple[list[float], list[float]]:
    """UI-thread time of going Home right after a change, and the time to read Home's list."""
    store, app = new_app(folder)
    leave, listing = [], []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for rep in range(reps):
            session = operations.start_session(f"Bench {rep}", "en", "kort")
            session.current_phase = "goes_well"
            await app.run_session(session)
            await pilot.pause()
            app.running.change(operations.add_goes_well, "Net getypt", "", None)

            def go_home() -> None:
                if flush_first:
                    app.keep_unfinished()
                    app.autosaver.flush(timeout=2)
                app.leave_session()

            leave.append(timed(go_home))
            listing.append(timed(app.list_sessions if not flush_first else app.store.list_sessions))
            await pilot.pause()
            await app.workers.wait_for_complete()
            app.autosaver.flush()
    app.autosaver.close()
    store.close()
    return leave, listing


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sessions", type=int, default=2000, help="sessions in the records folder (default 2000)")
    parser.add_argument("--reps", type=int, default=7, help="repetitions per row (default 7)")
    parser.add_argument("--dir", type=Path, help="folder for the temporary records (default: system temp)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp) / "records"
        make_folder(folder, args.sessions)
        size = sum(path.stat().st_size for path in (folder / "sessions").iterdir())
        print(f"{args.sessions} sessions, {args.reps} repetitions, session files {size / 1e6:.1f} MB")
        base = statistics.median(asyncio.run(theme_times(folder, args.reps, "none")))
        rows = [("theme, no write (baseline)", base)]
        rows.append(("theme, written on the UI thread (before)",
                     statistics.median(asyncio.run(theme_times(folder, args.reps, "sync")))))
        rows.append(("theme, through the writer (now)",
                     statistics.median(asyncio.run(theme_times(folder, args.reps, "writer")))))
        leave, listing = asyncio.run(home_times(folder, args.reps, flush_first=True))
        rows.append(("Home, flush on the UI thread (before)", statistics.median(leave)))
        rows.append(("Home listing, store only (worker)", statistics.median(listing)))
        leave, listing = asyncio.run(home_times(folder, args.reps, flush_first=False))
        rows.append(("Home, no wait (now)", statistics.median(leave)))
        rows.append(("Home listing, with the writer's snapshots (worker)", statistics.median(listing)))
    width = max(len(name) for name, _ in rows)
    print(f"{'':{width}}  {'ms':>9}  {'x theme baseline':>16}")
    for name, ms in rows:
        print(f"{name:{width}}  {ms:9.2f}  {ms / base if base else float('nan'):16.1f}")


if __name__ == "__main__":
    main()
