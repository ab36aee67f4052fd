"""What saving and listing cost in the records store of earlier versions (one database file).

Records folders now keep one file per session (see ``scale_bench.py`` for how that scales);
this script still writes folders in the earlier layout, which a store opened for writing
migrates first, so its save rows now measure one session's file against the old baseline.

TinyDB keeps a whole records folder in one JSON file and rewrites all of it on every
change. Saving one edited note therefore costs about as much as serialising and fsyncing
*every* session in the folder, and listing sessions parses the whole file. This script
puts figures on that: each store operation is timed next to a plain ``json`` baseline
doing the same work on the same data in the same run, and the table shows the ratio.

Rows:

* save: one note of a 500-note session changed, then ``RecordsStore.save_session`` on a
  store opened once, with 0, 200 and 5,000 other sessions (~5 KB each) in the folder.
  Baseline: the whole database dumped as JSON to a file + flush + ``os.fsync``. The
  last column dumps only the 500-note session, so the part due to store size shows.
  With few sessions the store's own fixed cost dominates: it validates the document
  against the schema before every save, and its atomic write fsyncs twice.
* list: ``list_sessions()`` on a read-only store opened fresh each repetition (a
  read-only store re-reads the file on every read), against ``json.load`` of the file.
* open + list: the same, timing ``RecordsStore.open(read_only=True)`` too; opening
  parses the file once more to check it is not damaged.

Big databases are written once, in exactly the layout and encoding the store uses,
instead of through thousands of saves that would each rewrite the whole file.

Usage: python benchmarks/store_bench.py [--quick] [--dir FOLDER]
Figures are medians in milliseconds; they depend on the machine and file system (fsync
on a real disk can dominate), the ratios much less so. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.codec import to_document
from tui.core.model import (
    INFLUENCE,
    PERSPECTIVES,
    ROLES,
    Action,
    Appreciation,
    Change,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
)
from tui.core.validation import validate_document
from tui.store.records import DB_NAME, RecordsStore
from tui.store.storage import AtomicJSONStorage

JSON_OPTIONS: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
"""The encoding :class:`AtomicJSONStorage` writes with; the baselines use it too."""

MAX_REPS = 200
"""Upper bound on repetitions of a fast operation."""

NAMES = ["Anouk", "Bram", "Fatima", "Henk", "Ingrid", "Jeroen", "Mila", "Noor", "Priya", "Sem", "Wim", "Yara"]
ORGANISATIONS = ["Huisartsenpraktijk De Linde", "Buurtzorg Oost", "Sociaal wijkteam", "Thuiszorg Vivent"]
PLACES = ["Oost", "West", "Noord", "Centrum", "De Hoven", "Kanaleneiland", "Zuilen", "Overvecht"]
GOES_WELL = [
    "Korte lijnen tussen huisarts en wijkverpleging",
    "Mantelzorger wordt actief betrokken bij het zorgplan",
    "Overdracht na ziekenhuisopname verliep soepel",
    "Het wekelijkse MDO houdt iedereen op de hoogte",
    "Casemanager dementie is goed bereikbaar",
]
WHY = [
    "Iedereen heeft elkaars directe nummer en belt zonder drempel als er iets verandert.",
    "We vragen vooraf wat de mantelzorger zelf wil en kan, en leggen dat samen vast.",
    "De transferverpleegkundige belde een dag voor ontslag en stuurde de medicatielijst mee.",
    "Vaste tijd, vaste agenda en een korte terugkoppeling per cliënt in het dossier.",
]
FRICTIONS = [
    "Terugkoppeling van de huisartsenpost komt pas na dagen binnen",
    "Onduidelijk wie het medicatieoverzicht bijhoudt na een wijziging",
    "Thuiszorg hoort te laat over ontslag uit het ziekenhuis",
    "Aanvraag voor huishoudelijke hulp loopt vast bij de gemeente",
    "Afspraken uit het MDO komen niet bij de avonddienst terecht",
]
CATEGORIES = ["communicatie", "overdracht", "medicatie", "financiering", "rolverdeling", "bereikbaarheid"]
HELPERS = ["praktijkondersteuner", "transferverpleegkundige", "Wmo-consulent", "apotheek", "teamleider wijkzorg"]
ACTIONS = [
    "Vast belmoment met de transferverpleegkundige afspreken voor elk ontslag",
    "Medicatieoverzicht na elke wijziging delen via het gezamenlijke dossier",
    "Contactpersoon bij de gemeente vragen voor spoedaanvragen huishoudelijke hulp",
]
CHANGES = [
    "Nieuwe praktijkondersteuner sinds de vorige keer; de wijkverpleegkundige is met verlof.",
    "Cliënt is verhuisd naar een aanleunwoning, dichter bij de dochter.",
]
THANKS = [
    "Dank aan de wijkverpleging voor het snelle schakelen na de val van vorige maand.",
    "Fijn dat de huisarts zelf langskwam bij het gesprek met de familie.",
    "Compliment voor de mantelzorger, die alles zo goed bijhoudt.",
]
HEALTH = [
    ("shared_goal", "We werken aan een gedeeld doel voor de cliënt."),
    ("reachable", "Ik weet wie ik moet bellen en die persoon is bereikbaar."),
    ("roles", "Het is duidelijk wie waarvoor verantwoordelijk is."),
    ("carer", "De mantelzorger voelt zich gehoord."),
    ("worth", "Deze samenwerking is de moeite waard."),
]


# -- data --------------------------------------------------------------------------------


def make_session(rng: random.Random, goes_well: int, frictions: int) -> Session:
    """A closed, realistic retrospective with the given numbers of notes."""
    date = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1200))
    people = [
        Participant(
            name=f"{name} {rng.choice('BDJKMRSV')}.",
            organisation=rng.choice(ORGANISATIONS),
            role=rng.choice(ROLES),
            perspective=rng.choice(PERSPECTIVES),
        )
        for name in rng.sample(NAMES, rng.randint(4, 6))
    ]
    ids = [p.id for p in people]
    good = [
        GoesWellNote(text=rng.choice(GOES_WELL), why=rng.choice(WHY), author=rng.choice(ids), decision="keep")
        for _ in range(goes_well)
    ]
    bad = [
        FrictionNote(
            text=rng.choice(FRICTIONS),
            category=rng.choice(CATEGORIES),
            votes=rng.randint(0, 6),
            influence=rng.choice(INFLUENCE),
            who_can_help=rng.choice(HELPERS),
            decision=rng.choice(("adjust", "stop", None)),
            author=rng.choice(ids),
        )
        for _ in range(frictions)
    ]
    actions = [
        Action(
            what=what,
            owners=rng.sample(ids, 2),
            due=date + dt.timedelta(weeks=6),
            source_note_id=rng.choice(bad).id,
        )
        for what in rng.sample(ACTIONS, rng.randint(2, 3))
    ]
    stamp = dt.datetime.combine(date, dt.time(14, 30), dt.timezone.utc).isoformat()
    return Session(
        team=f"Zorgnetwerk {rng.choice(PLACES)}",
        date=date,
        title=f"Terugblik {date:%B %Y}",
        facilitator=rng.choice(NAMES),
        status="closed",
        participants=people,
        ambition="Cliënten wonen veilig thuis, met zorg die op elkaar aansluit.",
        changes=[Change(rng.choice(CHANGES))],
        goes_well=good,
        frictions=bad,
        actions=actions,
        appreciation=[Appreciation(text, author=rng.choice(ids)) for text in rng.sample(THANKS, 2)],
        health=[HealthScore(sid, wording, rng.randint(2, 5)) for sid, wording in HEALTH],
        worth_score=rng.randint(3, 5),
        overall_decision="continue",
        decision_rationale="De samenwerking levert de cliënt zichtbaar iets op.",
        next_date=date + dt.timedelta(weeks=8),
        phase_seconds={phase: float(rng.randint(120, 900)) for phase in ("checkin", "goes_well", "frictions")},
        current_phase="close",
        created_at=stamp,
        updated_at=stamp,
        id=f"{rng.getrandbits(128):032x}",
    )


def database(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The TinyDB tables the store would hold after saving these documents in order."""
    return {"sessions": {str(n): doc for n, doc in enumerate(documents, start=1)}, "teams": {}}


def write_database(folder: Path, tables: dict[str, Any]) -> Path:
    """Create a records folder whose database file holds ``tables``, written as the store writes it."""
    folder.mkdir(mode=0o700)
    AtomicJSONStorage(folder / DB_NAME).write(tables)
    return folder


def megabytes(path: Path) -> str:
    """A file's size in MB (a records folder: its session files), for the table."""
    if path.is_dir():
        return f"{sum(p.stat().st_size for p in (path / 'sessions').glob('*.json')) / 1e6:.2f}"
    return f"{path.stat().st_size / 1e6:.2f}"


# -- timing ------------------------------------------------------------------------------


def stopwatch(action: Callable[[], object]) -> Callable[[], float]:
    """Wrap ``action`` so that calling it returns how many seconds it took."""

    def timed() -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return timed


def medians_ms(timers: list[Callable[[], float]], min_reps: int, budget_s: float) -> list[float]:
    """Median ms of each timer, run in turn: one warm-up round, then at least ``min_reps``
    rounds and more while under ``budget_s`` seconds (so fast operations get more)."""
    for timer in timers:
        timer()
    samples: list[list[float]] = [[] for _ in timers]
    start = time.perf_counter()
    rounds = 0
    while rounds < min_reps or (rounds < MAX_REPS and time.perf_counter() - start < budget_s):
        for timer, runs in zip(timers, samples):
            runs.append(timer() * 1000)
        rounds += 1
    return [statistics.median(runs) for runs in samples]


def dump_fsync(data: Any, path: Path) -> Callable[[], float]:
    """Baseline timer: dump ``data`` as JSON to a file + flush + fsync.

    Encoded in one piece with ``json.dumps``, as the store does: ``json.dump`` streams
    thousands of small writes and is several times slower, which would flatter the store.
    """

    def dump() -> None:
        with open(path, "wb") as handle:
            handle.write(json.dumps(data, **JSON_OPTIONS).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())

    return stopwatch(dump)


def load(path: Path) -> Callable[[], float]:
    """Baseline timer: ``json.load`` of a file."""

    def read() -> None:
        with open(path, encoding="utf-8") as handle:
            json.load(handle)

    return stopwatch(read)


# -- rows --------------------------------------------------------------------------------


def row(
    label: str, path: Path, store_ms: float, baseline: str, base_ms: float, one_ms: float | None = None
) -> list[str]:
    """One table row: the operation, the database size, both medians, their ratio."""
    one = "-" if one_ms is None else f"{one_ms:.1f}"
    ratio = f"{store_ms / base_ms:.2f}x"
    return [label, megabytes(path), f"{store_ms:.1f}", baseline, f"{base_ms:.1f}", ratio, one]


def save_row(root: Path, others: list[dict[str, Any]], reps: tuple[int, float]) -> list[str]:
    """Time saving one changed note of a 500-note session with ``others`` in the store."""
    big = make_session(random.Random(500), 250, 250)
    big_doc = to_document(big)
    tables = database([*others, big_doc])
    folder = write_database(root / f"save-{len(others)}", tables)
    edits = itertools.count()

    def save() -> None:
        edit = next(edits)
        big.goes_well[edit % len(big.goes_well)].text = f"{GOES_WELL[0]} (bewerking {edit})"
        store.save_session(big)

    with RecordsStore.open(folder) as store:
        store_ms, whole_ms, one_ms = medians_ms(
            [stopwatch(save), dump_fsync(tables, root / "whole.json"), dump_fsync(big_doc, root / "one.json")],
            *reps,
        )
    label = f"save 1 change, 500-note session + {len(others):,} others"
    return row(label, folder, store_ms, "dump+fsync db", whole_ms, one_ms)


def list_rows(root: Path, others: list[dict[str, Any]], reps: tuple[int, float]) -> list[list[str]]:
    """Time listing the sessions of a read-only store opened fresh each time, without and with the open."""
    folder = write_database(root / "list", database(others))
    path = folder / DB_NAME

    def list_only() -> float:
        with RecordsStore.open(folder, read_only=True) as store:
            return stopwatch(store.list_sessions)()

    def open_and_list() -> None:
        with RecordsStore.open(folder, read_only=True) as store:
            store.list_sessions()

    list_ms, open_ms, load_ms = medians_ms([list_only, stopwatch(open_and_list), load(path)], *reps)
    return [
        row(f"list {len(others):,} sessions (fresh read-only store)", path, list_ms, "json.load db", load_ms),
        row(f"open + list {len(others):,} sessions (fresh store)", path, open_ms, "json.load db", load_ms),
    ]


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Print rows as a plain-text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]
        return "  ".join(cells)

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def main(argv: list[str] | None = None) -> None:
    """Parse the options, build the data, measure every row and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 1,000 instead of 5,000 sessions")
    parser.add_argument("--dir", type=Path, help="folder for the temporary stores (default: system temp)")
    args = parser.parse_args(argv)
    size = 1_000 if args.quick else 5_000
    reps = (3, 0.2) if args.quick else (7, 1.5)

    print(f"Terugblik store benchmark{' (quick)' if args.quick else ''}")
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}")
    print(f"Date {dt.datetime.now().isoformat(timespec='seconds')}, {os.cpu_count()} CPUs")

    rng = random.Random(2024)
    others = [to_document(make_session(rng, rng.randint(4, 6), rng.randint(4, 6))) for _ in range(size)]
    for doc in others:
        validate_document(doc)
    average_kb = sum(len(json.dumps(doc, **JSON_OPTIONS).encode()) for doc in others) / len(others) / 1000
    with tempfile.TemporaryDirectory(prefix="terugblik-bench-", dir=args.dir) as temp:
        root = Path(temp)
        print(f"Folder {root}; other sessions ~{average_kb:.1f} KB each; medians of >= {reps[0]} runs")
        print()
        rows = [save_row(root, others[:count], reps) for count in (0, 200, size)]
        rows += list_rows(root, others, reps)
    print_table(["operation", "db MB", "store ms", "baseline", "base ms", "ratio", "1-session dump ms"], rows)
    print()
    print("ratio = store ms / base ms. dump+fsync db: the whole database file, as the store encodes it;")
    print("1-session dump ms: the same for the 500-note session alone. All figures are medians.")


if __name__ == "__main__":
    main()
