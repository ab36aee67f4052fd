"""How the records store scales with the number of sessions in the folder.

Each row times something the store does next to the plainest way to do the same work,
both measured in this run on this machine; nothing here asserts a time.

Rows:

* autosave N: a typical session (12 notes) in a records folder holding N other sessions
  (0, 1,000, 5,000; 20,000 with ``--full``) is changed and handed to the ``Autosaver``
  (``submit`` + ``flush``: the save on the autosave thread). Baseline: ``json.dumps`` of
  that one session + write + ``fsync``, the least any save of it must do. Alongside, a
  stand-in for the UI thread sleeps 1 ms in a loop during the saves and records how late
  it wakes: the longest lateness is the longest the UI thread could not run (the
  autosave thread holding the interpreter lock), reported as "stall".
* Home N: opening the records folder read-only and listing its sessions (what Home and
  ``terugblik list`` need), and listing again on a store already open (Home shown
  again). Baseline: ``json.loads`` of a file holding exactly the listed fields of every
  session, i.e. reading a perfect index.
* import N: ``RecordsStore.import_paths`` of N session files into an empty folder.
  Baseline: read, ``json.loads``, ``json.dumps`` and write each file into another folder.

Folders of N sessions are made by writing the database layout of earlier versions
directly (``store_bench.write_database``) and opening it once for writing, untimed:
current versions migrate it to one file per session on that first open.

Usage: python benchmarks/scale_bench.py [--quick] [--full] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import store_bench  # noqa: E402

from tui.core.codec import to_document  # noqa: E402
from tui.store.autosave import Autosaver  # noqa: E402
from tui.store.records import RecordsStore  # noqa: E402


class StallMeter:
    """A stand-in for an idle UI thread: sleeps 1 ms in a loop and records how late it wakes."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            before = time.perf_counter()
            time.sleep(0.001)
            late = time.perf_counter() - before - 0.001
            self.worst = max(self.worst, late)

    def __enter__(self) -> StallMeter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def others(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` realistic closed sessions as documents (teams and dates spread out)."""
    rng = random.Random(seed)
    return [to_document(store_bench.make_session(rng, rng.randint(3, 8), rng.randint(3, 8))) for _ in range(count)]


def make_folder(folder: Path, documents: list[dict[str, Any]]) -> Path:
    """A records folder holding ``documents``, opened once for writing (migrated when needed)."""
    store_bench.write_database(folder, store_bench.database(documents))
    RecordsStore.open(folder).close()
    return folder


def autosave_measure(root: Path, count: int, documents: list[dict[str, Any]], reps: int) -> dict[str, float]:
    """Autosave of a typical session among ``count`` others (median ms), the UI stalls, and the baseline."""
    folder = make_folder(root / f"autosave-{count}", documents[:count])
    session = store_bench.make_session(random.Random(99), 6, 6)
    session.status = "in_progress"
    edits = itertools.count()
    save_ms: list[float] = []
    stalls: list[float] = []
    base_ms: list[float] = []
    one = store_bench.dump_fsync(to_document(session), root / "one.json")
    with RecordsStore.open(folder) as store:
        saver = Autosaver(store)
        for _ in range(reps + 1):
            session.goes_well[0].text = f"{store_bench.GOES_WELL[0]} ({next(edits)})"
            doc = to_document(session)
            base_ms.append(one() * 1000)  # in turn with the saves: the disk's mood applies to both
            with StallMeter() as meter:
                time.sleep(0.01)
                start = time.perf_counter()
                saver.submit(doc)
                if not saver.flush():
                    raise RuntimeError(f"autosave failed: {saver.last_error}")
                save_ms.append((time.perf_counter() - start) * 1000)
                time.sleep(0.01)
            stalls.append(meter.worst * 1000)
        saver.close()
    save_ms, stalls, base_ms = save_ms[1:], stalls[1:], base_ms[1:]  # the first save warms caches
    base = statistics.median(base_ms)
    return {"save": statistics.median(save_ms), "stall": statistics.median(stalls), "stall_max": max(stalls),
            "base": base}


def autosave_row(root: Path, count: int, documents: list[dict[str, Any]], reps: int) -> list[str]:
    """The autosave measurement as a table row."""
    m = autosave_measure(root, count, documents, reps)
    return [f"autosave, {count:,} others", f"{m['save']:.1f}", f"stall {m['stall']:.1f} (max {m['stall_max']:.1f})",
            f"dump+fsync 1 session {m['base']:.2f}", f"{m['save'] / m['base']:.1f}x"]


def home_measure(root: Path, documents: list[dict[str, Any]], reps: int) -> tuple[float, float, float]:
    """Open + list, and list again (median ms), and loading a perfect index of the listed fields."""
    count = len(documents)
    folder = make_folder(root / f"home-{count}", documents)
    with RecordsStore.open(folder, read_only=True) as store:
        listed = [dataclasses.asdict(s) for s in store.list_sessions()]
    index = root / "index.json"
    index.write_text(json.dumps(listed, ensure_ascii=False), encoding="utf-8")

    def open_list() -> None:
        with RecordsStore.open(folder, read_only=True) as store:
            store.list_sessions()

    def load_index() -> None:
        json.loads(index.read_text(encoding="utf-8"))

    open_ms, base_ms = store_bench.medians_ms([store_bench.stopwatch(open_list), store_bench.stopwatch(load_index)],
                                              reps, 2.0)
    with RecordsStore.open(folder) as store:
        again_ms, = store_bench.medians_ms([store_bench.stopwatch(store.list_sessions)], reps, 2.0)
    return open_ms, again_ms, base_ms


def home_rows(root: Path, documents: list[dict[str, Any]], reps: int) -> list[list[str]]:
    """The Home measurements as table rows."""
    count = len(documents)
    open_ms, again_ms, base_ms = home_measure(root, documents, reps)
    return [[f"Home: open + list, {count:,}", f"{open_ms:.1f}", "", f"json.loads index {base_ms:.1f}",
             f"{open_ms / base_ms:.1f}x"],
            [f"Home again: list, {count:,}", f"{again_ms:.1f}", "", f"json.loads index {base_ms:.1f}",
             f"{again_ms / base_ms:.1f}x"]]


def import_measure(root: Path, documents: list[dict[str, Any]]) -> tuple[float, float]:
    """Import ``documents`` as files into an empty folder (ms), and parsing and writing them plainly."""
    count = len(documents)
    source = root / f"import-files-{count}"
    source.mkdir()
    for number, doc in enumerate(documents):
        (source / f"s{number:05d}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    plain = root / f"import-plain-{count}"
    plain.mkdir()

    def parse_and_write() -> None:
        for file in sorted(source.iterdir()):
            doc = json.loads(file.read_text(encoding="utf-8"))
            (plain / file.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    base = store_bench.stopwatch(parse_and_write)() * 1000
    start = time.perf_counter()
    with RecordsStore.open(root / f"import-{count}") as store:
        report = store.import_paths([source])
    took = (time.perf_counter() - start) * 1000
    assert len(report.imported) == count, (len(report.imported), report.skipped[:3])
    return took, base


def import_row(root: Path, documents: list[dict[str, Any]]) -> list[str]:
    """The import measurement as a table row."""
    took, base = import_measure(root, documents)
    return [f"import {len(documents):,} files", f"{took:.0f}", "", f"parse+write {base:.0f}", f"{took / base:.1f}x"]


def main(argv: list[str] | None = None) -> None:
    """Parse the options, measure every row and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 0 and 1,000 sessions only")
    parser.add_argument("--full", action="store_true", help="also 20,000 sessions (slow to generate)")
    parser.add_argument("--dir", type=Path, help="folder for the temporary records (default: system temp)")
    parser.add_argument("--only", choices=("autosave", "home", "import"), action="append")
    args = parser.parse_args(argv)
    wanted = set(args.only or ("autosave", "home", "import"))
    counts = [0, 1000] if args.quick else [0, 1000, 5000] + ([20000] if args.full else [])
    big = counts[-1] if args.quick else 5000
    reps = 3 if args.quick else 7
    print(f"Terugblik scale benchmarks; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{dt.datetime.now().isoformat(timespec='seconds')}, load {os.getloadavg()[0]:.2f}", flush=True)
    documents = others(max(counts + [big]))
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="terugblik-scale-", dir=args.dir) as temp:
        root = Path(temp)
        if "autosave" in wanted:
            for count in counts:
                print(f"  autosave {count:,}", file=sys.stderr, flush=True)
                rows.append(autosave_row(root, count, documents, reps if count < 20000 else 3))
        if "home" in wanted:
            print(f"  home {big:,}", file=sys.stderr, flush=True)
            rows += home_rows(root, documents[:big], reps)
        if "import" in wanted:
            print(f"  import {big:,}", file=sys.stderr, flush=True)
            rows.append(import_row(root, documents[:big]))
    store_bench.print_table(["measurement", "ms", "UI stall ms", "baseline ms", "ratio"], rows)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
