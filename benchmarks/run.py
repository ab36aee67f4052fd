"""Terugblik's performance in one table: every figure a ratio against a baseline measured in the same run.

Each row times something Terugblik does next to the plainest way to do the same work,
both measured in this run on this machine, so the ratio says what Terugblik adds. Figures
are medians over repetitions; nothing here asserts a time and this is not a test (the
``met`` column only compares the median with the row's target).

Rows:

1. Cold start: ``python -m tui`` spawned in a pseudo-terminal (``os.openpty``, 100x30,
   ``--lang en``, a records folder holding 200 sessions), timed from spawn until the
   first output whose text (escape codes removed) shows the date of Home's first row, i.e.
   the list of sessions is drawn (the footer comes earlier: Home reads the list after its
   first frame). Baseline: a bare Textual app (Header, a ``DataTable`` of 200 rows filled
   on mount, Footer) started the same way with ``python -c``, until its first row shows.
   Both run with byte code, as after ``pip install`` (one warm-up each writes it, into a
   folder of this run: ``PYTHONPYCACHEPREFIX``), then the two alternate. This is what the
   lead waits for with the projector on. Row 1b: the CPU time both processes had used by
   then (all threads, from ``/proc``), which other load on the machine skews far less.
2. Typing: CPU time (``time.process_time``, all threads, nothing subtracted) per key
   press that adds a character to a note, in the goes-well phase of a running session
   with 200 notes (its own records folder, 100x30, so the guide panel is hidden), driven
   by Textual's Pilot (``App.run_test``, headless: everything is computed except the
   final write to a terminal). Baseline: the same presses in a bare
   app holding one ``Input``. Then the CPU per note added (note text, Enter, why, Enter)
   against the same keys in the bare app (whose Enter clears the field); this includes
   the background save each note triggers (the clock stops after ``Autosaver.flush``).
   Typing is what happens most; a press must never be noticeably heavier than in any
   Textual app.
3. Autosave: one note of a 500-note session changed, then the document saved through the
   ``Autosaver`` (``submit`` + ``flush``, i.e. ``RecordsStore.save_document`` on the
   autosave thread) in a store holding 200 other sessions. Baseline: ``json.dumps`` of that
   one session + write + ``fsync`` (``store_bench.dump_fsync``): the least any save of it
   costs (the store's atomic write adds a temp file, a rename and a flush of the folder). This runs on the autosave thread, never on the UI
   thread; what the UI thread pays per change is the next row.
3b. UI-thread cost of a change: ``LiveSession.save()`` with the 500-note session (phase
   time, ``touch``, ``to_document``, ``Autosaver.submit``; the saver's delay is set so
   long that it never writes during the measurement). Baseline: ``msgspec.to_builtins``
   of the same session, the generic conversion of the same Structs to dicts.
4. Compare: the whole ``terugblik --records DIR compare --format F -o FILE`` process, for
   every format (text, md, html, json), over a records folder of 5,000 sessions of 200 teams
   (20,000 too with ``--full``; 1,000 with ``--quick``): Python starting, reading every
   session, comparing, laying out and writing the report. Baseline: a ``python -c`` process
   that ``json.loads`` every session file of the same folder. Target: under a second and
   within 1.5x. Measured by ``command_bench.py`` in a process of its own (see row 6).
5. HTML export of the 500-note session (``tui.render.export.render(session, "html")``:
   Markdown minutes, then the page). Baseline: a bare ``MarkdownIt().render`` of the same
   Markdown (made beforehand), so the ratio shows what the minutes and the page add.
   That preset also parses raw HTML, which the minutes' own parser turns off (and which
   saves about as much as writing the Markdown and the page costs), so ~1x is expected.
6. Peak memory of each row 4 process: its peak resident set (``ru_maxrss`` from ``os.wait4``
   of that very child), against the same of a process that ``json.loads`` every session file
   and keeps them all (the smallest form in which all of them can be held in Python). Linux
   counts a parent's resident set into its child's peak, so ``command_bench.py`` spawns them
   from a small process of its own, not from this one.

7. Autosave as the records folder grows (0, 1,000, 5,000 sessions; 20,000 with ``--full``):
   a typical session saved through the ``Autosaver``, against ``json.dumps`` + write +
   ``fsync`` of that one session. 7b: the longest time the UI thread could not run during
   those saves (a thread sleeping 1 ms in a loop records how late it wakes), against the
   same with an empty folder. See ``scale_bench.py``.
8. Opening a folder of 5,000 sessions read-only and listing them (what Home and
   ``terugblik list`` do), and listing again on an open store (Home shown again: files
   changed elsewhere are picked up), against ``json.loads`` of a file holding exactly the
   listed fields of every session.
9. ``terugblik import`` of 5,000 session files into an empty folder, against reading,
   ``json.loads``-ing, ``json.dumps``-ing and writing each file plainly.
10. The room under a burst (``room_burst.py``, which says how): 30 phones, in a process of
   their own, each write 10 notes (some sent three times with the same key), place their
   dots and score, while the lead types. Row 10: a key press (posted until the screen was
   refreshed after it) during the burst against the same presses with no phone sending,
   medians (all presses of all rounds). Row 10b: the UI thread's CPU per incoming note
   (``time.thread_time``, an idle stretch of the same length taken off) against the same
   notes applied straight through the session controller (no network, no screen). The
   saved file is counted each round: a note lost or kept twice stops the run.

Usage: python benchmarks/run.py [--quick] [--full] [--dir FOLDER] [--only start|typing|autosave|export|compare|scale|room ...]
``--quick`` is a smoke run (fewer repetitions, 1,000 sessions from 40 teams, 10 phones, under a
minute); the default takes a few minutes. Data generators and the timing helpers come
from ``store_bench.py``, ``scale_bench.py`` and ``command_bench.py``. Times depend on the machine, its load
and its file system (fsync); the ratios much less so.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import fcntl
import itertools
import json
import os
import platform
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(HERE), str(ROOT)):  # the sibling benchmarks, and tests.app.pty_app
    if entry not in sys.path:
        sys.path.insert(0, entry)

import msgspec
import scale_bench
import room_burst
import store_bench

from tests.app.pty_app import ANSI
from tui.core.codec import to_document
from tui.core.minutes import render_markdown
from tui.core.model import Session
from tui.render import export
from tui.store.autosave import Autosaver
from tui.store.live import LiveSession
from tui.store.records import RecordsStore

COLUMNS, LINES = 100, 30
"""Terminal size for the pseudo-terminal and Pilot rows."""

BARE_APP = """\
from textual.app import App
from textual.widgets import DataTable, Footer, Header
class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Date", "Team", "Title", "Status", "Notes")
        table.add_rows([(f"2099-01-{n % 28 + 1:02d}", f"Team {n}", f"Session {n}", "closed", str(n))
                        for n in range(200)])
Bare().run()
"""
BARE_MARKER = "2099-01-01"
"""The bare app's first row: its list of 200 rows is drawn."""

NOTE_KEYS = [*"Korte lijnen", "enter", *"Bellen", "enter"]
"""One note typed in full: text, Enter, why, Enter."""

CHARS = "Overdracht na opname soepel"
"""The characters typed per measured batch (the field is emptied between batches)."""


# -- helpers -----------------------------------------------------------------------------


def fmt_ms(ms: float) -> str:
    """Milliseconds with sensible precision."""
    if ms >= 100:
        return f"{ms:,.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


_last_progress = [time.perf_counter()]


def progress(text: str) -> None:
    """A progress line on standard error (with the time the previous step took); stdout holds the report."""
    now = time.perf_counter()
    print(f"  … {text} (previous step {now - _last_progress[0]:.1f} s)", file=sys.stderr, flush=True)
    _last_progress[0] = now


@dataclasses.dataclass
class Row:
    """One measurement next to its baseline, and an optional target on value or ratio."""

    label: str
    value: float
    base: float
    unit: str = "ms"
    target: str = "—"
    check: Callable[[float, float], bool] | None = None
    """Called with (value, ratio); None when the row has no target."""

    def cells(self) -> list[str]:
        show = fmt_ms if self.unit == "ms" else (lambda v: f"{v:,.1f} {self.unit}")
        ratio = self.value / self.base
        met = "—" if self.check is None else ("yes" if self.check(self.value, ratio) else "no")
        return [self.label, show(self.value), show(self.base), f"{ratio:.2f}x", self.target, met]


def big_session() -> Session:
    """The 500-note session of ``store_bench`` (250 goes-well notes, 250 frictions)."""
    return store_bench.make_session(random.Random(500), 250, 250)


def other_documents(count: int) -> list[dict]:
    """``count`` ordinary sessions (~5 KB) as documents, as ``store_bench`` makes them."""
    rng = random.Random(2024)
    return [to_document(store_bench.make_session(rng, rng.randint(4, 6), rng.randint(4, 6))) for _ in range(count)]


# -- 1. cold start -----------------------------------------------------------------------


def cpu_ms_of(pid: int) -> float:
    """CPU time used so far by all threads of a running process (Linux ``schedstat``), or NaN."""
    try:
        return sum(int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
                   for task in os.listdir(f"/proc/{pid}/task")) / 1e6
    except (OSError, ValueError, IndexError):
        return float("nan")


def first_paint(argv: list[str], env: dict[str, str], marker: str, timeout: float = 60.0) -> tuple[float, float]:
    """Spawn ``argv`` on a fresh pty; ms until its output (escape codes removed) shows ``marker``,
    and the CPU ms the process had used by then."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    raw = b""
    try:
        while (remaining := start + timeout - time.perf_counter()) > 0:
            if not select.select([master], [], [], remaining)[0]:
                break
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if not data:
                break
            raw += data
            if marker in ANSI.sub("", raw.decode("utf-8", "replace")):
                return (time.perf_counter() - start) * 1000, cpu_ms_of(process.pid)
        raise RuntimeError(f"{argv[1:3]} never showed {marker!r}; output: {raw[-300:]!r}")
    finally:
        process.kill()  # only the child spawned above
        process.wait()
        os.close(master)


def cold_start_rows(root: Path, reps: int) -> list[Row]:
    """Terugblik's Home vs a bare Textual app, both fresh processes on a pty, alternating."""
    records = store_bench.write_database(root / "start-records", store_bench.database(other_documents(200)))
    with RecordsStore.open(records) as store:  # written in the layout of earlier versions: migrated before timing
        newest = store.list_sessions()[0].date  # Home's first row: when it shows, the list is drawn
    env = os.environ | {"TERUGBLIK_RECORDS": str(records), "LANG": "en_NL.UTF-8", "TERM": "xterm-256color",
                        "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    env.pop("LC_ALL", None)
    # Byte code as after `pip install` (which compiles it), for both apps alike: kept in a
    # folder of this run rather than in __pycache__ folders of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    app = ([sys.executable, "-m", "tui", "--lang", "en"], newest)
    bare = ([sys.executable, "-c", BARE_APP], BARE_MARKER)
    samples: dict[str, list[tuple[float, float]]] = {"app": [], "bare": []}
    first_paint(app[0], env, app[1])  # warm-up: byte code written, files in the page cache
    first_paint(bare[0], env, bare[1])
    for rep in range(reps):
        for name in ("app", "bare") if rep % 2 == 0 else ("bare", "app"):
            argv, marker = app if name == "app" else bare
            samples[name].append(first_paint(argv, env, marker))
    wall = {name: statistics.median(wall for wall, _ in runs) for name, runs in samples.items()}
    cpu = {name: statistics.median(cpu for _, cpu in runs) for name, runs in samples.items()}
    return [
        Row("1. cold start to Home's list drawn, 200 sessions (vs bare Textual app, table of 200)", wall["app"],
            wall["bare"],
            target="≤ 1.2x", check=lambda v, r: r <= 1.2),
        Row("1b. CPU used by that start, until the list is drawn (vs bare)", cpu["app"], cpu["bare"]),
    ]


# -- 2. typing ---------------------------------------------------------------------------


def typing_session() -> Session:
    """A running session standing in the goes-well phase, with 200 goes-well notes on screen."""
    session = store_bench.make_session(random.Random(200), 200, 5)
    session.status = "in_progress"
    session.current_phase = "goes_well"
    return session


async def measure_typing(kind: str, root: Path, batches: int, note_batches: int, notes: int) -> tuple[list, list]:
    """CPU ms per character press and per note, in one run of Terugblik (``kind="app"``) or the bare app."""
    from textual.app import App
    from textual.widgets import Input

    from tui.app.app import TerugblikApp
    from tui.app.widgets.note_entry import NoteEntry
    from tui.core.catalog import load_catalog

    class BareInput(App[None]):
        def compose(self):
            yield Input(id="text")

        def on_input_submitted(self, event: Input.Submitted) -> None:
            event.input.value = ""

    store = None
    if kind == "app":
        store = RecordsStore.open(Path(tempfile.mkdtemp(prefix="typing-", dir=root)) / "records")
        app = TerugblikApp(store, load_catalog(root / "no-user-templates"), "en")
    else:
        app = BareInput()
    per_char: list[float] = []
    per_note: list[float] = []
    try:
        async with app.run_test(size=(COLUMNS, LINES)) as pilot:
            if kind == "app":
                await app.run_session(typing_session())
                await pilot.pause()
                assert app.screen.PHASE == "goes_well" and len(app.live.session.goes_well) == 200
                entry = app.screen.query_one(NoteEntry)

                def settle() -> None:
                    app.autosaver.flush()

                def reset() -> None:
                    del app.live.session.goes_well[200:]
                    entry.reset()
                    app.screen.refresh_items()
                    app.autosaver.flush()
            else:
                entry = app.query_one(Input)

                def settle() -> None:
                    pass

                def reset() -> None:
                    entry.value = ""

            async def cpu_ms(keys: list[str]) -> float:
                reset()
                await pilot.pause()
                start = time.process_time()
                await pilot.press(*keys)
                settle()
                return (time.process_time() - start) * 1000

            await cpu_ms(list(CHARS))  # warm-up
            await cpu_ms(NOTE_KEYS)
            for _ in range(batches):
                per_char.append(await cpu_ms(list(CHARS)) / len(CHARS))
            for _ in range(note_batches):
                per_note.append(await cpu_ms(NOTE_KEYS * notes) / notes)
            if kind == "app":
                assert len(app.live.session.goes_well) == 200 + notes, "notes were not added"
    finally:
        if store is not None:
            app.autosaver.close(timeout=10)
            store.close()
    return per_char, per_note


def typing_rows(root: Path, rounds: int, batches: int, note_batches: int, notes: int) -> list[Row]:
    """Rounds alternate which app runs first; every batch is one sample."""
    (root / "no-user-templates").mkdir(exist_ok=True)
    chars: dict[str, list[float]] = {"app": [], "bare": []}
    note: dict[str, list[float]] = {"app": [], "bare": []}
    for number in range(rounds):
        for kind in ("app", "bare") if number % 2 == 0 else ("bare", "app"):
            per_char, per_note = asyncio.run(measure_typing(kind, root, batches, note_batches, notes))
            chars[kind] += per_char
            note[kind] += per_note
    return [
        Row("2. CPU per character typed, 200 notes (vs bare Input)", statistics.median(chars["app"]),
            statistics.median(chars["bare"]), target="≤ 1.5x", check=lambda v, r: r <= 1.5),
        Row("2b. CPU per note added, 200 notes (vs same keys, bare)", statistics.median(note["app"]),
            statistics.median(note["bare"])),
    ]


# -- 3. autosave -------------------------------------------------------------------------


def autosave_rows(root: Path, reps: tuple[int, float]) -> list[Row]:
    """Autosave of the 500-note session in a 200-session store; then the UI thread's share."""
    one = root / "one-session.json"
    big = big_session()
    tables = store_bench.database([*other_documents(200), to_document(big)])
    folder = store_bench.write_database(root / "autosave-records", tables)
    edits = itertools.count()

    def edit() -> None:
        number = next(edits)
        big.goes_well[number % len(big.goes_well)].text = f"{store_bench.GOES_WELL[0]} (bewerking {number})"

    with RecordsStore.open(folder) as store:
        saver = Autosaver(store)

        def autosave() -> float:
            edit()
            doc = to_document(big)  # the UI thread's part: measured in row 3b
            start = time.perf_counter()
            saver.submit(doc)
            if not saver.flush():
                raise RuntimeError(f"autosave failed: {saver.last_error}")
            return time.perf_counter() - start

        save_ms, dump_ms = store_bench.medians_ms([autosave, store_bench.dump_fsync(to_document(big), one)], *reps)
        saver.close()

        idle = Autosaver(store, delay=3600)  # never writes while the UI-thread cost is measured
        live = LiveSession(big, store, idle)
        live_ms, asdict_ms = store_bench.medians_ms(
            [store_bench.stopwatch(live.save), store_bench.stopwatch(lambda: msgspec.to_builtins(big))], *reps)
        idle.close()
    return [
        Row("3. autosave 500-note session, 200 in store (vs dump+fsync of that session)", save_ms, dump_ms,
            target="≤ 2x", check=lambda v, r: r <= 2),
        Row("3b. UI-thread cost of a change, 500 notes (vs to_builtins)", live_ms, asdict_ms),
    ]


# -- 7-9. a records folder of thousands --------------------------------------------------


def scale_rows(root: Path, quick: bool, full: bool) -> list[Row]:
    """Autosave and its UI stall as the folder grows; Home and import with thousands (``scale_bench``)."""
    counts = [0, 1000] if quick else [0, 1000, 5000] + ([20000] if full else [])
    big = 1000 if quick else 5000
    reps = 3 if quick else 7
    documents = scale_bench.others(max(counts + [big]))
    rows: list[Row] = []
    measured = {}
    for count in counts:
        progress(f"7. autosave with {count:,} sessions")
        measured[count] = m = scale_bench.autosave_measure(root, count, documents, reps if count < 20000 else 3)
        rows.append(Row(f"7. autosave, {count:,} sessions in the folder (vs dump+fsync of that session)",
                        m["save"], m["base"], target="≤ 2x", check=lambda v, r: r <= 2))
    zero = max(measured[0]["stall"], 0.05)  # a stall under 50 µs is no stall: do not divide by noise
    for count in counts[1:]:
        rows.append(Row(f"7b. longest UI-thread stall in an autosave, {count:,} sessions (vs 0 sessions)",
                        measured[count]["stall"], zero, target="≤ 1.5x", check=lambda v, r: r <= 1.5))
    progress(f"8. Home with {big:,} sessions")
    open_ms, again_ms, base_ms = scale_bench.home_measure(root, documents[:big], reps)
    rows.append(Row(f"8. open + list {big:,} sessions (vs json.loads of an index of the listed fields)",
                    open_ms, base_ms))
    rows.append(Row(f"8b. list again, {big:,} sessions: Home shown again (vs the same)", again_ms, base_ms))
    progress(f"9. import {big:,} files")
    took, plain = scale_bench.import_measure(root, documents[:big])
    rows.append(Row(f"9. import {big:,} session files (vs read, parse, write each)", took, plain,
                    target="≤ 2x", check=lambda v, r: r <= 2))
    return rows


# -- 5. HTML export ----------------------------------------------------------------------


def export_row(reps: tuple[int, float]) -> Row:
    """HTML minutes of the 500-note session against a bare markdown-it render of the same Markdown."""
    from markdown_it import MarkdownIt

    big = big_session()
    markdown = render_markdown(big)
    bare = MarkdownIt()
    html_ms, bare_ms = store_bench.medians_ms([store_bench.stopwatch(lambda: export.render(big, "html")),
                                               store_bench.stopwatch(lambda: bare.render(markdown))], *reps)
    return Row("5. HTML export, 500 notes (vs MarkdownIt().render)", html_ms, bare_ms)


# -- 4 and 6. compare --------------------------------------------------------------------


def compare_rows(root: Path, quick: bool, full: bool) -> list[Row]:
    """The whole ``terugblik compare`` process, every format, against a json.loads process (time)
    and a process keeping every parsed file (peak RSS); measured by ``command_bench.py``.

    It runs as a process of its own: Linux counts a parent's resident set into a child's peak
    (``ru_maxrss`` is carried across ``exec``), and this process holds thousands of sessions.
    """
    emitted = root / "command-bench.json"
    argv = [sys.executable, str(HERE / "command_bench.py"), "--dir", str(root), "--emit", str(emitted)]
    subprocess.run(argv + (["--quick"] if quick else []) + (["--full"] if full else []), check=True,
                   stdout=subprocess.DEVNULL)
    figures = json.loads(emitted.read_text(encoding="utf-8"))
    rows: list[Row] = []
    memory: list[Row] = []
    for count, result in figures["results"].items():
        count = int(count)
        limit = 1000 * count / 5000
        target = "< 1 s, ≤ 1.5x" if count == 5000 else f"< {limit:,.0f} ms, ≤ 1.5x"
        load, keep = result.pop("load"), result.pop("keep")
        for fmt, m in result.items():
            rows.append(Row(f"4. terugblik compare --format {fmt} -o FILE, {count:,} sessions (vs json.loads process)",
                            m["ms"], load["ms"], target=target,
                            check=lambda v, r, limit=limit: v < limit and r <= 1.5))
            memory.append(Row(f"6. peak RSS of that process, {fmt}, {count:,} (vs keeping every parsed file)",
                              m["rss"], keep["rss"], unit="MB", target="≤ 1x", check=lambda v, r: r <= 1))
    return rows + memory


# -- 7. the room -------------------------------------------------------------------------


def room_rows(root: Path, quick: bool) -> list[Row]:
    """A burst of phones while the lead types: key press against idle, UI-thread CPU per note."""
    phones, notes, rounds = (10, 5, 1) if quick else (30, 10, 3)
    figures = room_burst.measure(phones, notes, rounds, root)
    if not figures.complete:
        room_burst.print_report(figures)
        raise SystemExit("the room lost a note, kept one twice or refused a change: see above")
    return [
        Row(f"10. key press during a burst of {phones} phones (vs idle)", figures.key_ms("burst"),
            figures.key_ms("idle"), target="≤ 1.5x", check=lambda v, r: r <= 1.5),
        Row("10b. UI-thread CPU per incoming note (vs controller only)", figures.cpu_per_note_ms,
            figures.controller_ms),
    ]


# -- main --------------------------------------------------------------------------------


def load_average() -> str:
    """The 1-minute load average (other work on the machine skews wall times), or "?"."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> None:
    """Parse the options, measure every row and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer repetitions, 1,000 sessions")
    parser.add_argument("--dir", type=Path, help="folder for temporary records and files (default: system temp)")
    parser.add_argument("--full", action="store_true", help="rows 4, 6 and 7: also 20,000 sessions (slow to generate)")
    parser.add_argument("--only", choices=("start", "typing", "autosave", "export", "compare", "scale", "room"),
                        action="append",
                        help="measure only these rows (repeatable); default: all")
    args = parser.parse_args(argv)
    quick = args.quick
    wanted = set(args.only or ("start", "typing", "autosave", "export", "compare", "scale", "room"))
    reps = (3, 0.3) if quick else (7, 1.5)
    started = time.perf_counter()

    print(f"Terugblik benchmarks{' (quick)' if quick else ''}")
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}, "
          f"{os.cpu_count()} CPUs")
    print(f"Date {dt.datetime.now().isoformat(timespec='seconds')}, load average {load_average()}")
    print(flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="terugblik-run-", dir=args.dir) as temp:
        root = Path(temp)
        if "start" in wanted:
            progress("1. cold start (pty)")
            rows += cold_start_rows(root, 3 if quick else 7)
        if "typing" in wanted:
            progress("2. typing (Pilot)")
            rows += typing_rows(root, *((1, 2, 1, 2) if quick else (2, 4, 2, 3)))
        if "autosave" in wanted:
            progress("3. autosave")
            rows += autosave_rows(root, reps)
        if "export" in wanted:
            progress("5. HTML export")
            rows.append(export_row(reps))
        if "compare" in wanted:
            progress(f"4, 6. the whole compare command ({1000 if quick else 5000:,} sessions"
                     f"{', 20,000' if args.full else ''})")
            rows += compare_rows(root, quick, args.full)
        if "scale" in wanted:
            rows += scale_rows(root, quick, args.full)
        if "room" in wanted:
            progress("10. the room under a burst of phones")
            rows += room_rows(root, quick)
        progress("done")
    store_bench.print_table(["measurement", "value", "baseline", "ratio", "target", "met"],
                            [row.cells() for row in rows])
    print()
    print("ratio = value / baseline, both medians measured in this run. Rows 1, 3, 3b, 4, 5, 7, 8, 9, 10: wall time;")
    print("row 2: CPU time of the whole process. Row 3 runs on the autosave thread; row 3b is what the")
    print("UI thread pays per change. Row 6 in MB (peak RSS of the process). 1b: CPU of all the child's threads")
    print("(/proc schedstat), less sensitive than 1 to other load. Row 10b: CPU of the UI thread only.")
    print(f"Whole run {time.perf_counter() - started:.0f} s; load average at the end {load_average()}.")


if __name__ == "__main__":
    main()
