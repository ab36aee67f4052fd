"""The whole ``terugblik compare`` command as a user runs it, over a records folder of thousands.

A coordinator whose records folder holds the sessions of 200 care networks (~25 each, 5,000
in all; 20,000 with ``--full``) runs ``terugblik --records DIR compare --format F -o FILE``.
That is a process: Python starting, imports, opening the folder, reading every session
file, comparing, laying out and writing the report. This script times exactly that, for
every output format (text, md, html, json), next to the plainest process that touches the
same files, measured in the same run and alternating with it:

* time baseline: ``python -c`` that ``json.loads`` every file of the folder's ``sessions/``
  (each parsed and dropped);
* memory baseline: the same process keeping every parsed file in a list (the smallest
  form in which all the sessions can be held in Python).

Time is wall time from spawn to exit (medians); memory is the process's peak resident set
(``ru_maxrss`` from ``os.wait4`` of that very child). The goals (issue 15): the command
under 1 s and within 1.5x of the time baseline at 5,000 sessions; its peak RSS at most that
of the memory baseline.

The sessions are ``compare_bench``'s realistic team histories (recurring frictions,
reviewed actions, changing wordings), put into a records folder the way ``scale_bench``
makes one: the database layout of earlier versions written directly, then opened once for
writing (migrated to one file per session, the index written), untimed.

Usage: python benchmarks/command_bench.py [--quick] [--full] [--dir FOLDER] [--format F ...]
Nothing here asserts a time; figures depend on the machine and its load, ratios much less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

SESSIONS_DIR = "sessions"
"""``tui.store.sessionfiles.SESSIONS_DIR``; this process imports nothing of Terugblik (see ``run``)."""

FORMATS = ("text", "md", "html", "json")

LOAD_ALL = """\
import json, os, sys
folder = sys.argv[1]
for name in os.listdir(folder):
    with open(os.path.join(folder, name), "rb") as handle:
        json.loads(handle.read())
"""
"""Time baseline: parse every session file, keep none."""

KEEP_ALL = """\
import json, os, sys
folder = sys.argv[1]
kept = []
for name in os.listdir(folder):
    with open(os.path.join(folder, name), "rb") as handle:
        kept.append(json.loads(handle.read()))
"""
"""Memory baseline: parse every session file and keep them all."""


def documents(sessions: int, seed: int = 2024) -> list[dict[str, Any]]:
    """About ``sessions`` realistic sessions (teams of ~25 consecutive ones) as documents."""
    import compare_bench

    from tui.core.codec import to_document

    rng = random.Random(seed)
    teams = max(2, sessions // 25)
    names = [f"{kind} {place}" for place in compare_bench.PLACES for kind in compare_bench.KINDS]
    names += [f"{kind} {place} {n}" for n in range(2, teams // len(names) + 2)
              for place in compare_bench.PLACES for kind in compare_bench.KINDS]
    docs = []
    for name, count in zip(names, compare_bench.team_sizes(rng, teams)):
        docs += [to_document(session) for session in compare_bench.team_history(rng, name, count)]
    return docs


def run(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Run a process to its end: wall ms from spawn to exit, and its peak RSS in MB.

    Linux counts the parent's resident set at the moment of spawning into the child's
    ``ru_maxrss`` (it is carried across ``exec``), so this process stays small: it imports
    nothing of Terugblik and makes the folders in a child process (``--make``). Its own
    peak is printed as the floor under every RSS figure. The children run in the temporary
    folder, so ``tui`` is the one that ``PYTHONPATH`` or the installed package names.
    """
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    took = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{argv[1:6]} exited with {process.returncode}: {errors[-500:]!r}")
    return took, usage.ru_maxrss / 1024  # kB on Linux


def compare_argv(records: Path, fmt: str, output: Path) -> list[str]:
    """``terugblik --records DIR compare --format F -o FILE`` as the user types it."""
    return [sys.executable, "-m", "tui", "--lang", "en", "--records", str(records), "compare",
            "--format", fmt, "-o", str(output)]


def measure(records: Path, formats: tuple[str, ...], reps: int) -> dict[str, dict[str, float]]:
    """Median wall ms and peak RSS MB of every format's command and of both baselines, alternating."""
    sessions = records / SESSIONS_DIR
    out = records.parent / "report"
    argvs = {f: compare_argv(records, f, out.with_suffix(f".{f}")) for f in formats}
    argvs["load"] = [sys.executable, "-c", LOAD_ALL, str(sessions)]
    argvs["keep"] = [sys.executable, "-c", KEEP_ALL, str(sessions)]
    for argv in argvs.values():  # warm-up: byte code and the file cache
        run(argv, records.parent)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
    for rep in range(reps):
        names = list(argvs) if rep % 2 == 0 else list(reversed(argvs))
        for name in names:
            samples[name].append(run(argvs[name], records.parent))
    return {name: {"ms": statistics.median(ms for ms, _ in runs), "rss": statistics.median(rss for _, rss in runs),
                   "size": (out.with_suffix(f".{name}").stat().st_size / 1e6 if name in formats else 0.0)}
            for name, runs in samples.items()}


def make_records(folder: Path, count: int) -> None:
    """Write a records folder of ``count`` sessions in the current layout (index written)."""
    import scale_bench

    folder.parent.mkdir(parents=True, exist_ok=True)
    scale_bench.make_folder(folder, documents(count))


def made_records(root: Path, count: int) -> Path:
    """A records folder of ``count`` sessions, made by a child process (see ``run``)."""
    folder = root / f"records-{count}"
    subprocess.run([sys.executable, __file__, "--make", str(folder), str(count)], check=True, cwd=root)
    return folder


def print_table(count: int, result: dict[str, dict[str, float]], formats: tuple[str, ...]) -> None:
    """One line per format: time and ratio against the load baseline, RSS against the keep baseline."""
    load, keep = result["load"], result["keep"]
    rows = []
    for fmt in formats:
        m = result[fmt]
        rows.append([f"compare --format {fmt}, {count:,} sessions", f"{m['ms']:,.0f}", f"{m['ms'] / load['ms']:.2f}x",
                     "yes" if m["ms"] < 1000 * count / 5000 and m["ms"] / load["ms"] <= 1.5 else "no",
                     f"{m['rss']:,.0f}", f"{m['rss'] / keep['rss']:.2f}x", f"{m['size']:.1f}"])
    rows.append([f"baseline: json.loads every file, {count:,}", f"{load['ms']:,.0f}", "1.00x", "",
                 f"{load['rss']:,.0f}", "", ""])
    rows.append([f"baseline: json.loads and keep every file, {count:,}", f"{keep['ms']:,.0f}", "", "",
                 f"{keep['rss']:,.0f}", "1.00x", ""])
    print_rows(["process", "wall ms", "x load", "time goal met", "peak RSS MB", "x keep",
                               "report MB"], rows)


def print_rows(header: list[str], rows: list[list[str]]) -> None:
    """Rows as a plain-text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]).rstrip()

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def own_peak_mb() -> float:
    """This process's own peak RSS: the floor under every child's figure (see ``run``)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Parse the options, make the folders, measure and print one table per folder size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1,000 sessions, 3 rounds")
    parser.add_argument("--full", action="store_true", help="also 20,000 sessions (slow to generate)")
    parser.add_argument("--dir", type=Path, help="folder for the temporary records (default: system temp)")
    parser.add_argument("--format", choices=FORMATS, action="append", help="only these formats (repeatable)")
    parser.add_argument("--emit", type=Path, help="also write the figures as JSON to this file (for run.py)")
    parser.add_argument("--make", nargs=2, metavar=("FOLDER", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make:
        make_records(Path(args.make[0]), int(args.make[1]))
        return
    formats = tuple(args.format or FORMATS)
    counts = [1000] if args.quick else [5000] + ([20000] if args.full else [])
    print(f"terugblik compare, whole process; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{dt.datetime.now().isoformat(timespec='seconds')}, load {os.getloadavg()[0]:.2f}", flush=True)
    emitted: dict[str, Any] = {"floor_mb": 0.0, "results": {}}
    with tempfile.TemporaryDirectory(prefix="terugblik-command-", dir=args.dir) as temp:
        for count in counts:
            print(f"  making {count:,} sessions", file=sys.stderr, flush=True)
            records = made_records(Path(temp), count)
            print(f"  measuring {count:,}", file=sys.stderr, flush=True)
            result = measure(records, formats, 3 if args.quick or count > 5000 else 5)
            emitted["results"][str(count)] = result
            emitted["floor_mb"] = own_peak_mb()
            print_table(count, result, formats)
            print(f"(RSS floor: this process's own peak, {own_peak_mb():.0f} MB, counts into each child's)")
            print()
    if args.emit:
        args.emit.write_text(json.dumps(emitted), encoding="utf-8")
    print(f"Goals: under 1 s and <= 1.5x the json.loads process at 5,000 sessions; peak RSS <= keeping every "
          f"parsed file. Load at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
