"""The room under a burst: 30 phones write, vote and score at once while the lead types.

A headless Terugblik (``App.run_test``, records in a temporary folder, 100x30) runs a
session and opens its room on 127.0.0.1 (a free port). The phones
(``tests/room/phones.py``: aiohttp clients, each from its own 127.0.0.N) run in a
process of their own, with their own event loop: real phones are other machines, so
their work (encoding forms, parsing answers) must neither count as the app's CPU nor
hold the app's interpreter lock (a thread of the app's process would do both and make
the lead's keys look slower than in a real room). Each phone sends one change after
another, as fast as the answers come (an answer comes only once the autosave wrote the
change to disk), all phones at once:

1. goes well: each phone writes ``--notes`` notes, every third one sent three times with
   the same key (the Wi-Fi dropped before the answer came), while the lead types into
   the note line. Each key press is timed from the moment the key event is posted (as
   the terminal driver posts it) until the note line holds the character *and* the
   screen has been refreshed after it (``call_after_refresh``: layout and rendering
   done; headless, only the final write to a terminal is skipped). Baseline: the same
   presses with no phone sending, before and after the burst, on the same screen.
   ``pilot.press`` is not used for this: it waits until the whole process is idle,
   which during a burst is the burst's end, not the key's.
2. frictions: each phone writes ``--notes`` frictions while the lead does nothing. The
   UI (event-loop) thread's CPU (``time.thread_time`` on that thread) from the first
   request until the burst is answered and the screen has shown it, minus the same
   thread's CPU over an idle stretch of the same length, divided by the notes received:
   the UI thread's CPU per incoming note (HTTP, checks, the change, the snapshot for
   the autosave, the lead's screen following).
3. the lead reveals the frictions; on the influence board each phone places its dots
   (its first dot sent three times); then the closing round: each phone scores every
   statement and worth-our-time (sent three times).
4. after a flush, the saved session (``store.get_session``) is counted: every note once
   (lost, twice), the dots (= phones × budget), one score per phone and statement.

Usage: python benchmarks/room_burst.py [--quick] [--phones N] [--notes N] [--rounds N]
       [--on-screen N] [--profile] [--dir FOLDER]
``--quick`` is a smoke run (10 phones × 5 notes, one round); the default is 30 phones ×
10 notes, three rounds (each a fresh app); key presses are pooled over the rounds, the CPU
figure is the median of the rounds. ``--on-screen N`` starts with N notes typed by the lead
in the goes-well and frictions tables (what a member's change may redraw). ``--profile`` prints
where the UI thread spent its time during the frictions burst (cProfile, that thread
only). Figures depend on the machine and its load; the ratio much less so. Nothing here
asserts a time; ``benchmarks/run.py --only room`` puts the same figures in its table.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import multiprocessing
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(HERE), str(ROOT)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from tests.room.phones import Phones, Tally, expected_notes, lost_and_twice  # noqa: E402

COLUMNS, LINES = 100, 30
KEYS = "overdrachtwerktgoed"
"""What the lead types, one character a press (the line is emptied every 40 characters)."""
KEY_PAUSE = (0.015, 0.045)
"""Between two presses, drawn at random (seeded): a fast typist, never in step with the screen's frames."""
IDLE_PRESSES = 120
"""Presses timed with no phone sending, before and again after the burst."""
SETTLE = 0.4
"""After the last answer: the screen shows the burst (members' changes are shown 0.15 s apart)."""


# -- the phones' process ---------------------------------------------------------------


def serve_phones(conn, count: int) -> None:
    """The phones' process: run what the app's process asks (join, notes, votes, scores) until "stop"."""
    asyncio.run(_serve_phones(conn, count))


async def _serve_phones(conn, count: int) -> None:
    phones = Phones(count)
    loop = asyncio.get_running_loop()
    try:
        while True:
            command, args = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                break
            try:
                conn.send(await getattr(phones, command)(*args))
            except Exception as exc:  # noqa: BLE001 - reported in the app's process
                conn.send(exc)
    finally:
        await phones.close()


class PhonesProcess:
    """The phones in their own process; :meth:`ask` runs a round there and awaits its answer."""

    def __init__(self, count: int):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve_phones, args=(child, count), daemon=True)
        self.process.start()
        child.close()
        self._pending: asyncio.Future | None = None

    def send(self, command: str, *args: object) -> None:
        """Start a round in the phones' process."""
        self.conn.send((command, args))

    async def answer(self):
        """The answer of the round started last, awaited without holding any thread of the app."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        loop.add_reader(self.conn.fileno(), lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            loop.remove_reader(self.conn.fileno())
        result = self.conn.recv()
        if isinstance(result, Exception):
            raise result
        return result

    async def ask(self, command: str, *args: object):
        """Run a round in the phones' process and return its answer."""
        self.send(command, *args)
        return await self.answer()

    def stop(self) -> None:
        """Close the phones and end their process (only the one started here)."""
        try:
            self.conn.send(("stop", ()))
        except OSError:
            pass
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


# -- timing a key press ----------------------------------------------------------------------


class KeyClock:
    """Times one key press into an Input: posted → the field holds it → the screen was refreshed after it."""

    def __init__(self, app, entry):
        self.app, self.entry = app, entry
        self._shown: asyncio.Future | None = None
        self._pauses = random.Random(7)
        entry.watch(entry, "value", self._changed, init=False)

    def _changed(self, value: str) -> None:
        shown = self._shown
        if shown is not None and not shown.done() and not hasattr(shown, "handled"):
            shown.handled = time.perf_counter()  # type: ignore[attr-defined]
            self.entry.call_after_refresh(lambda: shown.done() or shown.set_result(time.perf_counter()))

    async def press(self, char: str) -> tuple[float, float]:
        """Press ``char``; milliseconds until the field held it, and until the screen was refreshed after it."""
        from textual import events

        if len(self.entry.value) >= 40:
            self.entry.value = ""
            await asyncio.sleep(KEY_PAUSE[1])
        self._shown = shown = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        self.app.post_message(events.Key(char, char))
        end = await asyncio.wait_for(shown, 10)
        self._shown = None
        return (shown.handled - start) * 1000, (end - start) * 1000  # type: ignore[attr-defined]

    async def presses(self, count: int | None = None, until: asyncio.Future | None = None) -> list[tuple[float, float]]:
        """``count`` presses, or presses until ``until`` is done, ``KEY_PAUSE`` apart."""
        times = []
        number = 0
        while (count is None or number < count) and (until is None or not until.done()):
            times.append(await self.press(KEYS[number % len(KEYS)]))
            number += 1
            await asyncio.sleep(self._pauses.uniform(*KEY_PAUSE))
        return times


# -- one round ------------------------------------------------------------------------------


@dataclass
class Round:
    """What one round measured."""

    phones: int
    notes: int
    idle_keys: list[tuple[float, float]] = field(default_factory=list)
    burst_keys: list[tuple[float, float]] = field(default_factory=list)
    burst_seconds: float = 0.0
    """The goes-well burst: first request to last answer."""
    cpu_burst_ms: float = 0.0
    cpu_idle_ms: float = 0.0
    cpu_window_s: float = 0.0
    frictions_seconds: float = 0.0
    controller_ms: float = 0.0
    """The same notes applied straight through the session controller: CPU per note (the baseline)."""
    tallies: dict[str, Tally] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """What -> (lost, twice) in the saved file."""
    checks: dict[str, tuple[int, int]] = field(default_factory=dict)
    """What -> (found, expected) in the saved file."""

    @property
    def received(self) -> int:
        """Notes the frictions burst delivered (one per phone and note)."""
        return self.phones * self.notes

    @property
    def cpu_per_note_ms(self) -> float:
        """The UI thread's CPU per incoming note, idle subtracted."""
        return (self.cpu_burst_ms - self.cpu_idle_ms) / self.received


async def one_round(root: Path, phones_count: int, notes: int, profile: cProfile.Profile | None = None,
                    on_screen: int = 0) -> Round:
    """Run the whole scenario once in a fresh app and records folder (``on_screen``: notes the lead
    typed before, shown in the goes-well and frictions tables)."""
    from tui.app.app import TerugblikApp
    from tui.app.room_control import RoomOptions
    from tui.app.widgets.note_entry import NoteEntry
    from tui.core import operations
    from tui.core.catalog import load_catalog
    from tui.store.records import RecordsStore

    folder = Path(tempfile.mkdtemp(prefix="room-", dir=root))
    (folder / "no-user-templates").mkdir()
    store = RecordsStore.open(folder / "records")
    app = TerugblikApp(store, load_catalog(folder / "no-user-templates"), "en")
    app.animation_level = "none"
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    session = operations.start_session("Wijkteam Oost", "en", "zorgnetwerk")
    session.current_phase = "goes_well"
    for number in range(on_screen):
        operations.add_goes_well(session, f"Getypt door de voorzitter, {number}", "omdat het werkt", None)
        operations.add_friction(session, f"Getypte frictie {number}", None, None)
    template = app.catalog.get("zorgnetwerk", "en")
    statements = [h.id for h in template.health_check]
    result = Round(phones_count, notes)
    phones = PhonesProcess(phones_count)
    try:
        async with app.run_test(size=(COLUMNS, LINES)) as pilot:
            await app.run_session(session)
            await pilot.pause()
            if not await app.room.open():
                raise RuntimeError("the room did not open")
            server = app.room.server
            await pilot.press("escape")  # from the room's screen back to the phase
            await pilot.pause()
            joined = await phones.ask("join", server.join_url, server.access.join_code)
            assert joined == phones_count, joined
            entry = app.screen.query_one(NoteEntry)
            entry.focus()
            await pilot.pause()
            clock = KeyClock(app, entry)
            await clock.presses(20)  # warm-up

            # 1. goes well: the lead types while the phones write.
            result.idle_keys += await clock.presses(IDLE_PRESSES)
            phones.send("notes", "goes_well", notes)
            answered = asyncio.ensure_future(phones.answer())
            result.burst_keys = await clock.presses(until=answered)
            result.tallies["goes well"] = tally = await answered
            result.burst_seconds = tally.seconds
            await asyncio.sleep(SETTLE)
            result.idle_keys += await clock.presses(IDLE_PRESSES)
            assert len(session.incoming) == phones_count * notes, len(session.incoming)
            await pilot.press("f5", "f8")  # reveal; on to the frictions
            await pilot.pause()
            assert app.screen.PHASE == "frictions"

            # 2. frictions: the lead waits; the UI thread's CPU per incoming note.
            before = app.running.snapshot()
            await asyncio.sleep(0.5)
            cpu, wall = time.thread_time(), time.perf_counter()
            if profile is not None:
                profile.enable()
            result.tallies["frictions"] = await phones.ask("notes", "frictions", notes, "0")
            await asyncio.sleep(SETTLE)
            if profile is not None:
                profile.disable()
            result.cpu_burst_ms = (time.thread_time() - cpu) * 1000
            result.cpu_window_s = time.perf_counter() - wall
            result.frictions_seconds = result.tallies["frictions"].seconds
            cpu = time.thread_time()
            await asyncio.sleep(result.cpu_window_s)
            result.cpu_idle_ms = (time.thread_time() - cpu) * 1000
            result.controller_ms = controller_cpu_ms(before, template, folder, phones_count, notes)

            # 3. reveal, vote, score.
            await pilot.press("f5", "f8")
            await pilot.pause()
            result.tallies["dots"] = await phones.ask("votes", [n.id for n in session.frictions], template.dot_budget)
            await app.show_phase("close")
            await pilot.pause()
            result.tallies["scores"] = await phones.ask("scores", statements)
            await app.room.close()
            if not app.autosaver.flush():
                raise RuntimeError("the session could not be saved")
    finally:
        phones.stop()
        app.autosaver.close()

    # 4. the saved file.
    saved = store.get_session(session.id)
    store.close()
    for phase, notes_saved in (("goes_well", saved.goes_well), ("frictions", saved.frictions)):
        result.counts[f"{phase} notes"] = lost_and_twice([n.text for n in notes_saved],
                                                          expected_notes(phones_count, notes, phase))
        result.checks[f"{phase} notes"] = (len(notes_saved), phones_count * notes + on_screen)
    budget = phones_count * template.dot_budget
    result.checks["dots on frictions"] = (sum(n.votes for n in saved.frictions), budget)
    result.checks["dots per device"] = (sum(d.dots for d in saved.device_dots), budget)
    result.checks["scores"] = (len({(s.device, s.statement_id) for s in saved.device_scores}),
                               phones_count * len(statements))
    result.checks["score rows"] = (len(saved.device_scores), phones_count * len(statements))
    result.checks["worth"] = (len(saved.device_worth), phones_count)
    result.checks["hidden notes left"] = (len(saved.incoming), 0)
    return result


def controller_cpu_ms(session, template, folder: Path, phones_count: int, notes: int) -> float:
    """CPU per note of the frictions burst's changes applied straight through a session controller.

    On ``session`` as it stood before the burst, in the same order (phone by phone); the
    checks, the change and the snapshot handed to the autosave, without the network and
    without a screen: what an incoming note costs at the least. The controller's saver
    writes into a store of its own, after the clock stopped.
    """
    from tui.core.room_session import apply_member_change
    from tui.core.room_view import MemberChange
    from tui.room.session_port import MemberOrigin
    from tui.store.autosave import Autosaver
    from tui.store.records import RecordsStore
    from tui.store.running import RunningSession
    from tests.room.phones import note_text

    with RecordsStore.open(folder / "controller-only") as store:
        saver = Autosaver(store, delay=3600)  # writes nothing while the clock runs
        running = RunningSession(session, template, store, saver)
        changes = [(f"{phone:016x}", MemberChange(kind="note", key=f"k{phone:03d}n{number:03d}x", phase="frictions",
                                                  text=note_text(phone, number, "frictions"), extra="0"))
                   for number in range(notes) for phone in range(phones_count)]
        start = time.thread_time()
        for device, change in changes:
            running.apply(MemberOrigin(device), apply_member_change, template, device, change)
        spent = (time.thread_time() - start) * 1000
        saver.close()
    return spent / len(changes)


# -- figures --------------------------------------------------------------------------------


@dataclass
class Figures:
    """The figures over all rounds (key presses pooled), and whether every round's file was complete."""

    rounds: list[Round]

    def presses(self, during: str, part: int = 1) -> list[float]:
        """Every press timed ``during`` "burst" or "idle" in all rounds: ``part`` 0 until the field
        held the key, 1 until the screen was refreshed after it."""
        return [times[part] for r in self.rounds for times in (r.burst_keys if during == "burst" else r.idle_keys)]

    def key_ms(self, during: str, how: str = "median", part: int = 1) -> float:
        """The median, mean or 90th percentile of the presses ``during`` the burst or idle."""
        times = self.presses(during, part)
        if how == "p90":
            return statistics.quantiles(times, n=10)[-1]
        return statistics.mean(times) if how == "mean" else statistics.median(times)

    def key_ratio(self, how: str = "median", part: int = 1) -> float:
        """A key press during the burst as a ratio to one while idle."""
        return self.key_ms("burst", how, part) / self.key_ms("idle", how, part)

    @property
    def cpu_per_note_ms(self) -> float:
        """The UI thread's CPU per incoming note (idle taken off), median over the rounds."""
        return statistics.median(r.cpu_per_note_ms for r in self.rounds)

    @property
    def controller_ms(self) -> float:
        """CPU per note straight through the session controller (no network, no screen), median over the rounds."""
        return statistics.median(r.controller_ms for r in self.rounds)

    @property
    def complete(self) -> bool:
        """Nothing lost, nothing twice, every count as expected, every change answered 200, in every round."""
        return all(all(c == (0, 0) for c in r.counts.values())
                   and all(found == expected for found, expected in r.checks.values())
                   and all(t.refused == 0 for t in r.tallies.values()) for r in self.rounds)


def measure(phones: int, notes: int, rounds: int, root: Path, profile: cProfile.Profile | None = None,
            on_screen: int = 0) -> Figures:
    """Run ``rounds`` fresh rounds and collect their figures."""
    return Figures([asyncio.run(one_round(root, phones, notes, profile, on_screen)) for _ in range(rounds)])


def print_report(figures: Figures, on_screen: int = 0) -> None:
    """The counts of the last round and the timing table (medians over the rounds)."""
    last = figures.rounds[-1]
    print(f"{last.phones} phones × {last.notes} notes, {len(figures.rounds)} round(s)"
          + (f", {on_screen} notes typed by the lead on screen" if on_screen else ""))
    print()
    print(f"{'round':<12}{'changes':>9}{'requests':>10}{'resent':>8}{'503 again':>10}{'not 200':>9}{'seconds':>9}")
    for name, tally in last.tallies.items():
        print(f"{name:<12}{tally.changes:>9}{tally.requests:>10}{tally.resends:>8}{tally.retries:>10}"
              f"{tally.refused:>9}{tally.seconds:>9.2f}")
    print()
    print(f"{'in the saved file':<22}{'found':>7}{'expected':>10}{'lost':>6}{'twice':>7}")
    for name, (found, expected) in last.checks.items():
        lost, twice = last.counts.get(name, (max(0, expected - found), max(0, found - expected)))
        print(f"{name:<22}{found:>7}{expected:>10}{lost:>6}{twice:>7}")
    print()
    rows = [
        ("key press → screen refreshed, median", "median", 1, "≤ 1.5x"),
        ("  mean", "mean", 1, "—"),
        ("  90th percentile", "p90", 1, "—"),
        ("key press → field holds it, median", "median", 0, "—"),
    ]
    print(f"{'measurement (burst vs idle)':<46}{'burst':>10}{'idle':>10}{'ratio':>8}  target")
    for label, how, part, target in rows:
        value, base = figures.key_ms("burst", how, part), figures.key_ms("idle", how, part)
        print(f"{label:<46}{value:>7.2f} ms{base:>7.2f} ms{value / base:>7.2f}x  {target}")
    if len(figures.rounds) > 1:
        print("  per round, median: " + ", ".join(
            f"{statistics.median(s for _, s in r.burst_keys) / statistics.median(s for _, s in r.idle_keys):.2f}x"
            for r in figures.rounds))
    cpu = figures.cpu_per_note_ms
    print(f"{'UI-thread CPU per incoming note (idle taken off)':<46}{cpu:>7.2f} ms"
          + (f"   per round: {', '.join(f'{r.cpu_per_note_ms:.2f}' for r in figures.rounds)}"
             if len(figures.rounds) > 1 else ""))
    base = figures.controller_ms
    print(f"{'  the same, straight through the controller':<46}{base:>7.2f} ms  ({cpu / base:.2f}x: what the"
          " network and the screen add)")
    r = last
    print(f"  last round: {r.cpu_burst_ms:.0f} ms CPU over {r.cpu_window_s:.2f} s, idle {r.cpu_idle_ms:.0f} ms, "
          f"{r.received} notes answered in {r.frictions_seconds:.2f} s; "
          f"goes-well burst {r.burst_seconds:.2f} s, {len(r.burst_keys)} presses timed in it "
          f"({len(r.idle_keys)} idle)")
    print()
    print(f"Nothing lost, nothing twice, every change answered: {'yes' if figures.complete else 'NO'}")


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run the rounds, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 10 phones × 5 notes, one round")
    parser.add_argument("--phones", type=int, help="phones (default 30; 10 with --quick)")
    parser.add_argument("--notes", type=int, help="notes per phone and phase (default 10; 5 with --quick)")
    parser.add_argument("--rounds", type=int, help="rounds, each in a fresh app (default 3; 1 with --quick)")
    parser.add_argument("--on-screen", type=int, default=0,
                        help="notes the lead typed before the burst, in the goes-well and frictions tables (default 0)")
    parser.add_argument("--profile", action="store_true", help="profile the UI thread during the frictions burst")
    parser.add_argument("--dir", type=Path, help="folder for the temporary records (default: system temp)")
    args = parser.parse_args(argv)
    phones = args.phones or (10 if args.quick else 30)
    notes = args.notes or (5 if args.quick else 10)
    rounds = args.rounds or (1 if args.quick else 3)
    profile = cProfile.Profile() if args.profile else None
    print(f"Terugblik room burst{' (quick)' if args.quick else ''}: Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="terugblik-room-", dir=args.dir) as temp:
        figures = measure(phones, notes, rounds, Path(temp), profile, args.on_screen)
    print_report(figures, args.on_screen)
    if profile is not None:
        print()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
