"""What ``terugblik compare`` costs on thousands of sessions gathered from many laptops.

A coordinator who collects the session JSON files of 200 care networks (~25 sessions
each, one folder per team) and runs ``terugblik compare`` on them waits for: walking the
folders, parsing every file, validating every document against the schema, building the
sessions, comparing them and rendering the report. This script puts figures on each of
those next to a plain ``json.load`` of the same files, measured in the same run.

Rows (medians; the ratio is against row a, measured in the same rounds):

* a. baseline: ``json.load`` of every file (the list of files made once, beforehand).
* b. ``gather(None, [folder])``: walking, reading, parsing, validating, building sessions.
* b0. reference: b with ``codec.first_problem`` stubbed out, i.e. what b would cost if
  validating were free (b - b0 is the cost of validation).
* b1. reference: b with the cyclic garbage collector paused (b - b1 is what the collector
  costs while thousands of sessions pile up in memory).
* c. ``compare(sessions)`` on sessions loaded beforehand.
* e. ``layout`` + ``to_text`` of the comparison report made beforehand.
* d. the whole command: ``terugblik --records <empty> compare <folder>`` through
  ``tui.cli.main`` with standard output captured (gather + compare + layout + to_text).

Then the peak memory of b + c (``tracemalloc``) on 1/5, 1/2 and all of the sessions, in
MB per 1,000 sessions, so growth that is not linear shows. With ``--profile`` the whole
command is run once more under ``cProfile`` and the top costs are printed.

The sessions are realistic (~5 KB as written): 4-7 participants, goes-well notes with a
why, frictions with categories, votes and influence -- some recurring from session to
session with small changes to the text --, actions reviewed at the team's next session
(some carried forward), health scores whose wording changes for some teams, and now and
then the team name spelled differently.

Usage: python benchmarks/compare_bench.py [--quick] [--dir FOLDER] [--profile]
Figures depend on the machine, its load and the file system cache (files are read warm:
every path runs once before the timed rounds); the ratios much less so. Nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from tui.cli import main as cli_main
from tui.core import codec, compare_render
from tui.core.compare import compare
from tui.core.model import (
    PERSPECTIVES,
    ROLES,
    Action,
    ActionReview,
    Appreciation,
    Change,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
    slugify,
)
from store_bench import stopwatch  # the benchmarks folder is on the path when run
from tui.store.gather import gather, session_files

KINDS = ["Zorgnetwerk", "Wijkteam", "Netwerk dementie", "Kwetsbare ouderen", "Palliatief netwerk"]
PLACES = [
    "Oost", "West", "Noord", "Zuid", "Centrum", "De Hoven", "Kanaleneiland", "Zuilen", "Overvecht", "Lunetten",
    "Hoograven", "Leidsche Rijn", "Vleuten", "De Meern", "Tuindorp", "Wittevrouwen", "Lombok", "Ondiep",
    "Pijlsweerd", "Votulast", "Terwijde", "Rijnsweerd", "Maarssen", "Nieuwegein", "IJsselstein", "Houten",
    "Bunnik", "Zeist", "De Bilt", "Bilthoven", "Vianen", "Lopik", "Montfoort", "Woerden", "Harmelen",
    "Breukelen", "Loenen", "Baarn", "Soest", "Amersfoort",
]
FIRST_NAMES = ["Anouk", "Bram", "Fatima", "Henk", "Ingrid", "Jeroen", "Mila", "Noor", "Priya", "Sem", "Wim", "Yara",
               "Karim", "Lotte", "Ruud", "Sanne", "Tom", "Esra"]
ORGANISATIONS = ["Huisartsenpraktijk De Linde", "Buurtzorg Oost", "Sociaal wijkteam", "Thuiszorg Vivent",
                 "Gemeente (Wmo)", "Apotheek Centrum", "Ziekenhuis transferbureau", ""]
GOES_WELL = [
    "Korte lijnen tussen huisarts en wijkverpleging",
    "Mantelzorger wordt actief betrokken bij het zorgplan",
    "Overdracht na ziekenhuisopname verliep soepel",
    "Het wekelijkse MDO houdt iedereen op de hoogte",
    "Casemanager dementie is goed bereikbaar",
    "Medicatiebeoordeling met de apotheek is nu vast ingepland",
    "Vrijwilligers bieden de mantelzorger echt ontlasting",
]
WHY = [
    "Iedereen heeft elkaars directe nummer en belt zonder drempel als er iets verandert bij de cliënt.",
    "We vragen vooraf wat de mantelzorger zelf wil en kan, en leggen dat samen vast in het zorgplan.",
    "De transferverpleegkundige belde een dag voor ontslag en stuurde de medicatielijst direct mee.",
    "Vaste tijd, vaste agenda en een korte terugkoppeling per cliënt in het gedeelde dossier.",
    "Er is één aanspreekpunt per cliënt en dat staat bovenaan in het dossier, voor iedereen zichtbaar.",
]
SUBJECTS = [
    "Terugkoppeling van de huisartsenpost", "Het medicatieoverzicht", "De overdracht bij ontslag",
    "De aanvraag voor huishoudelijke hulp", "Afspraken uit het MDO", "Het zorgplan in het dossier",
    "De bereikbaarheid van de casemanager", "Informatie voor de mantelzorger", "Het rooster van de thuiszorg",
    "De indicatie voor dagbesteding", "Overleg met de specialist ouderengeneeskunde", "De inzet van vrijwilligers",
]
PROBLEMS = [
    "komt pas na dagen binnen", "is vaak niet actueel", "loopt vast bij de gemeente", "bereikt de avonddienst niet",
    "wisselt te vaak van eigenaar", "kost veel dubbel werk", "is onduidelijk voor de cliënt",
    "hangt af van één persoon",
]
SWAPS = {"vaak": "regelmatig", "dagen": "weken", "loopt": "raakt", "veel": "erg veel", "één": "een enkele",
         "niet": "nooit", "onduidelijk": "onbekend", "te": "veel te"}
CATEGORIES = ["Communicatie", "Overdracht", "Medicatie", "Organisatie, ICT en geld", "Rollen", "Bereikbaarheid"]
HELPERS = ["praktijkondersteuner", "transferverpleegkundige", "Wmo-consulent", "apotheek", "teamleider wijkzorg", ""]
ACTIONS = [
    "Vast belmoment met de transferverpleegkundige afspreken voor elk ontslag",
    "Medicatieoverzicht na elke wijziging delen via het gezamenlijke dossier",
    "Contactpersoon bij de gemeente vragen voor spoedaanvragen huishoudelijke hulp",
    "Afspraken uit het MDO in het dossier zetten zodat de avonddienst ze ziet",
    "Mantelzorger uitnodigen voor het volgende overleg",
    "Bereikbaarheidslijst van het netwerk bijwerken en rondsturen",
    "Casemanager vragen om een vaste terugkoppeling per maand",
]
CHANGES = [
    "Nieuwe praktijkondersteuner sinds de vorige keer; de wijkverpleegkundige is met verlof.",
    "Cliënt is verhuisd naar een aanleunwoning, dichter bij de dochter.",
    "De gemeente werkt met een nieuw aanvraagformulier voor de Wmo.",
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
NEW_ROLES_WORDING = "Iedereen weet wie waarvoor verantwoordelijk is."
PHASES = ("setup", "checkin", "goes_well", "frictions", "influence", "decide", "actions", "close")
OUTCOMES = ["done", "done", "done", "partly", "partly", "not_done", "not_done", "dropped", None]

MAX_REPS = 50
"""Upper bound on measured rounds."""


# -- data --------------------------------------------------------------------------------


def vary(rng: random.Random, text: str) -> str:
    """The same friction as typed again in a later session: case, punctuation or one word changed."""
    kind = rng.randrange(5)
    if kind == 0:
        return text
    if kind == 1:
        return text.lower()
    if kind == 2:
        return text + rng.choice(["!", ".", " (weer)", "..."])
    words = text.split()
    swappable = [i for i, word in enumerate(words) if word in SWAPS]
    if kind == 3 and swappable:
        index = rng.choice(swappable)
        words[index] = SWAPS[words[index]]
        return " ".join(words)
    return text.replace("cliënt", "client").replace("één", "een").replace(" de ", " ")


def team_history(rng: random.Random, name: str, count: int) -> list[Session]:
    """``count`` consecutive sessions of one team, each reviewing the previous one's actions."""
    roster = [
        Participant(f"{first} {rng.choice('BDJKMRSV')}.", rng.choice(ORGANISATIONS), rng.choice(ROLES),
                    rng.choice((*PERSPECTIVES, None)), id=f"p{n}")
        for n, first in enumerate(rng.sample(FIRST_NAMES, rng.randint(4, 7)), start=1)
    ]
    standing = [(f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}", rng.choice(CATEGORIES)) for _ in range(6)]
    wording_changes_at = rng.randrange(count) if rng.random() < 0.2 else None
    sloppy = rng.random() < 0.1  # now and then types the team name differently
    date = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randrange(365))
    sessions: list[Session] = []
    for number in range(count):
        ids = [p.id for p in roster]
        present = [Participant(p.name, p.organisation, p.role, p.perspective, rng.random() > 0.15, p.id)
                   for p in roster]
        frictions = []
        for n in range(rng.randint(3, 5)):
            if rng.random() < 0.5:
                text, category = rng.choice(standing)
                text = vary(rng, text)
                category = category if rng.random() > 0.1 else None
            else:
                text, category = f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}", rng.choice(CATEGORIES)
            frictions.append(FrictionNote(
                text, category=category, votes=rng.randint(0, 8),
                influence=rng.choice(("within", "within", "outside", None)), who_can_help=rng.choice(HELPERS),
                decision=rng.choice(("adjust", "stop", None)), author=rng.choice(ids), id=f"f{n}"))
        goes_well = [GoesWellNote(rng.choice(GOES_WELL), why=rng.choice(WHY), author=rng.choice(ids),
                                  decision=rng.choice(("keep", "keep", "adjust", None)), id=f"g{n}")
                     for n in range(rng.randint(2, 4))]
        reviews, actions = [], []
        previous = sessions[-1] if sessions else None
        if previous is not None:
            names = {p.id: p.name for p in previous.participants}
            for action in previous.actions:
                outcome = rng.choice(OUTCOMES)
                carry = outcome in ("partly", "not_done") and rng.random() < 0.5
                reviews.append(ActionReview(action.id, action.what, [names[o] for o in action.owners], action.due,
                                            previous.id, outcome, "Besproken bij de check-in." if outcome else "",
                                            carry))
                if carry:
                    actions.append(Action(action.what, list(action.owners), None, None, carried_from=action.id,
                                          id=f"s{number}c{len(actions)}"))
        for what in rng.sample(ACTIONS, rng.randint(2, 3)):
            actions.append(Action(what, rng.sample(ids, rng.randint(1, 2)), date + dt.timedelta(weeks=6),
                                  rng.choice(frictions).id, id=f"s{number}a{len(actions)}"))
        health = [HealthScore(sid, NEW_ROLES_WORDING if sid == "roles" and wording_changes_at is not None
                              and number >= wording_changes_at else wording, rng.randint(2, 5))
                  for sid, wording in HEALTH]
        stamp = dt.datetime.combine(date, dt.time(14, 30), dt.UTC).isoformat()
        last = number == count - 1
        spelled = name if not sloppy or rng.random() > 0.1 else rng.choice((name.lower(), name.replace(" ", "  ")))
        sessions.append(Session(
            team=spelled, date=date, title=f"Terugblik {date:%B %Y}", facilitator=rng.choice(FIRST_NAMES),
            status="in_progress" if last and rng.random() < 0.3 else "closed", participants=present,
            ambition="Cliënten wonen veilig thuis, met zorg die op elkaar aansluit.", reviews=reviews,
            changes=[Change(text, id=f"c{n}") for n, text in enumerate(rng.sample(CHANGES, rng.randint(0, 1)))],
            goes_well=goes_well, frictions=frictions, actions=actions,
            appreciation=[Appreciation(text, author=rng.choice(ids), id=f"t{n}")
                          for n, text in enumerate(rng.sample(THANKS, rng.randint(1, 2)))],
            health=health, worth_score=rng.randint(1, 5),
            overall_decision=rng.choice(("continue", "continue", "continue", "adjust_plan", "stop")),
            decision_rationale="De samenwerking levert de cliënt zichtbaar iets op.",
            next_date=date + dt.timedelta(weeks=6),
            phase_seconds={phase: float(rng.randint(60, 900)) for phase in PHASES[1:6]}, current_phase="close",
            created_at=stamp, updated_at=stamp, id=f"{rng.getrandbits(128):032x}",
        ))
        date += dt.timedelta(days=rng.randint(35, 56))
    return sessions


def team_sizes(rng: random.Random, teams: int) -> list[int]:
    """About 25 sessions per team, in pairs summing to 50: every even number of teams holds 25 each."""
    sizes = []
    for _ in range(teams // 2):
        spread = rng.randint(0, 5)
        sizes += [25 + spread, 25 - spread]
    return sizes


def write_tree(root: Path, teams: int, seed: int = 2024) -> list[Path]:
    """Write the session files, one folder per team, in the format ``terugblik`` writes them.

    Returns the team folders in order. Written with ``json.dumps`` as ``codec.dumps`` does,
    minus its validation (the benchmark's gather checks that every file is valid).
    """
    rng = random.Random(seed)
    names = [f"{kind} {place}" for place in PLACES for kind in KINDS]
    names += [f"{kind} {place} {n}" for n in range(2, teams // len(names) + 2) for place in PLACES for kind in KINDS]
    folders = []
    for index, (name, count) in enumerate(zip(names, team_sizes(rng, teams))):
        folder = root / f"{index:03d}-{slugify(name)}"
        folder.mkdir(parents=True)
        for session in team_history(rng, name, count):
            text = json.dumps(codec.to_document(session), ensure_ascii=False, indent=2) + "\n"
            (folder / f"{session.file_stem}.json").write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


# -- timing ------------------------------------------------------------------------------


def medians_ms(timers: list[Callable[[], float]], min_reps: int, budget_s: float) -> list[float]:
    """Median ms of each timer, run in turn: at least ``min_reps`` rounds, and more while
    under ``budget_s`` seconds. Run every timed path once beforehand (warm caches)."""
    samples: list[list[float]] = [[] for _ in timers]
    start = time.perf_counter()
    rounds = 0
    while rounds < min_reps or (rounds < MAX_REPS and time.perf_counter() - start < budget_s):
        for timer, runs in zip(timers, samples):
            gc.collect()
            runs.append(timer() * 1000)
        rounds += 1
    return [statistics.median(runs) for runs in samples]


def run_command(root: Path) -> str:
    """``terugblik --records <empty> compare <root>``, returning what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli_main(["--lang", "en", "--records", str(root / ".no-records"), "compare", str(root)])
    if code != 0:
        raise SystemExit(f"terugblik compare exited with {code}")
    return out.getvalue()


def peak_mb(folders: list[Path]) -> tuple[int, float]:
    """Sessions and peak traced MB of gather + compare over ``folders``."""
    gc.collect()
    tracemalloc.start()
    try:
        found = gather(None, folders)
        compare(found.sessions)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return len(found.sessions), peak / 1e6


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Print rows as a plain-text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])])

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def profile(root: Path, top: int) -> None:
    """Run the whole command once under cProfile; print the top costs and the main shares."""
    profiler = cProfile.Profile()
    profiler.enable()
    run_command(root)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt

    def cumulative(file_end: str, function: str) -> float:
        return sum(ct for (file, _, name), (_, _, _, ct, _) in stats.stats.items()
                   if file.endswith(file_end) and name == function)

    print(f"cProfile of the whole command ({total:.2f} s under the profiler):")
    for label, file_end, function in [
        ("gather (read + parse + validate + build)", "store/gather.py", "gather"),
        ("  decode + validate (msgspec, one pass)", "core/codec.py", "_decode"),
        ("  rules across fields", "core/validation.py", "rules_problem"),
        ("  building sessions", "core/codec.py", "session_from_typed"),
        ("compare", "core/compare.py", "compare"),
        ("layout", "core/compare_render.py", "layout"),
        ("to_text", "core/compare_render.py", "to_text"),
    ]:
        seconds = cumulative(file_end, function)
        print(f"  {label:<42} {seconds:6.2f} s  {seconds / total:6.1%}")
    print()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    lines = stream.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    print("\n".join(line.replace(str(Path.cwd()) + os.sep, "") for line in lines[start:] if line.strip()))


def time_steps(root: Path, files: list[Path], reps: tuple[int, float]) -> None:
    """Time every step next to the json.load baseline and print the table."""
    found = gather(None, [root])
    if found.skipped or len(found.sessions) != len(files):
        raise SystemExit(f"generated data not valid: {found.skipped[:3]}")
    sessions = found.sessions
    report = compare(sessions)
    text = compare_render.to_text(compare_render.layout(report, "en", found.skipped, found.merged))
    print(f"Report: {len(report.teams)} teams, {len(found.merged)} team names merged, "
          f"{sum(len(t.recurring) for t in report.teams):,} recurring frictions, {len(text) / 1e6:.1f} MB of text")
    print(f"Medians of >= {reps[0]} rounds (the runs above warmed the file cache)")
    print()

    def json_load_all() -> None:
        for file in files:
            with open(file, "rb") as handle:
                json.load(handle)

    def gather_unvalidated() -> None:
        real = codec.rules_problem
        codec.rules_problem = lambda doc: None  # types are checked while decoding; this skips the rest
        try:
            gather(None, [root])
        finally:
            codec.rules_problem = real

    def gather_without_gc() -> None:
        gc.disable()  # the cyclic collector, which rescans the growing heap of sessions
        try:
            gather(None, [root])
        finally:
            gc.enable()

    steps = [
        ("a. json.load every file (baseline)", json_load_all),
        ("b. gather(None, [folder])", lambda: gather(None, [root])),
        ("b0. gather, rules across fields stubbed out (reference)", gather_unvalidated),
        ("b1. gather, cyclic GC paused (reference)", gather_without_gc),
        ("c. compare(sessions)", lambda: compare(sessions)),
        ("e. layout + to_text", lambda: compare_render.to_text(compare_render.layout(report, "en", [], found.merged))),
        ("d. terugblik compare (whole command)", lambda: run_command(root)),
    ]
    timings = medians_ms([stopwatch(action) for _, action in steps], *reps)
    base, whole = timings[0], timings[-1]
    print_table(
        ["step", "sessions", "median ms", "x baseline", "µs/session"],
        [[label, f"{len(files):,}", f"{ms:,.0f}", f"{ms / base:.2f}x", f"{ms * 1000 / len(files):.0f}"]
         for (label, _), ms in zip(steps, timings)],
    )
    print()
    for name, ms in (("Rules across fields (b - b0)", timings[1] - timings[2]),
                     ("Cyclic GC during gather (b - b1)", timings[1] - timings[3])):
        share = f"{ms:,.0f} ms, {ms / whole:.0%} of the whole command" if ms > 0 else "0 (within the noise)"
        print(f"{name} ≈ {share}.")
    print(f"Target: the whole command on 5,000 sessions under 1,000 ms; measured {whole:,.0f} ms on {len(files):,}.")


def memory_growth(folders: list[Path]) -> None:
    """Peak memory of gather + compare on 1/5, 1/2 and all of the team folders."""
    rows = []
    for part in (5, 2, 1):
        count, peak = peak_mb(folders[: len(folders) // part])
        rows.append([f"{count:,}", f"{peak:.1f}", f"{peak / count * 1000:.1f}"])
    print_table(["sessions", "peak MB (b + c, tracemalloc)", "MB per 1,000 sessions"], rows)
    print("\nLinear growth: MB per 1,000 sessions stays about the same from row to row.")


def main(argv: list[str] | None = None) -> None:
    """Parse the options, write the sessions, measure every row and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1,000 instead of 5,000 sessions, fewer repetitions")
    parser.add_argument("--dir", type=Path, help="folder for the temporary session files (default: system temp)")
    parser.add_argument("--profile", action="store_true", help="also profile the whole command with cProfile")
    args = parser.parse_args(argv)
    teams = 40 if args.quick else 200
    reps = (3, 2.0) if args.quick else (5, 5.0)

    begun = time.perf_counter()
    print(f"Terugblik compare benchmark{' (quick)' if args.quick else ''}")
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}")
    print(f"Date {dt.datetime.now().isoformat(timespec='seconds')}, {os.cpu_count()} CPUs")

    with tempfile.TemporaryDirectory(prefix="terugblik-compare-bench-", dir=args.dir) as temp:
        root = Path(temp) / "gathered"
        folders = write_tree(root, teams)
        written = time.perf_counter() - begun
        files = session_files([root])
        size_kb = sum(f.stat().st_size for f in files) / len(files) / 1000
        compact_kb = sum(len(json.dumps(json.loads(f.read_bytes()), ensure_ascii=False, separators=(",", ":"))
                             .encode()) for f in files) / len(files) / 1000
        print(f"Folder {root}: {len(files):,} session files of {teams} teams (one folder each), written in "
              f"{written:.1f} s; ~{compact_kb:.1f} KB of JSON each, {size_kb:.1f} KB as written (indented)")
        time_steps(root, files, reps)
        print()
        memory_growth(folders)
        if args.profile:
            print()
            profile(root, 15)
    print(f"\nRun time {time.perf_counter() - begun:.0f} s")


if __name__ == "__main__":
    main()
