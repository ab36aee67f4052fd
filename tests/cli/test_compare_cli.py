"""``terugblik compare`` end to end: sessions from two laptops, bad files among them, every format.

Two records folders are made the way the app makes them (``RecordsStore.open``, save,
JSON minutes, close): laptop A holds Wijkteam Oost, laptop B holds Zorgnetwerk West plus
a later-edited copy of Oost's second session. Both folders are copied, whole, into one
tree together with three files that are not usable sessions. The figures expected below
are hand counts of ``tests/compare_history.py`` (see ``tests/core/test_compare.py``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import msgspec
import pytest

from tests.compare_history import WEST, history, oost, sid, west
from tui.cli import main
from tui.core import codec
from tui.core.i18n import t
from tui.store.records import DB_NAME, RecordsStore
from tui.store.storage import AtomicJSONStorage

O1, O2, O3, O4 = (sid("a", n) for n in (1, 2, 3, 4))
W1, W2, W3 = (sid("b", n) for n in (1, 2, 3))

TOTALS = {"actions": 17, "done": 5, "partly": 2, "not_done": 3, "dropped": 2, "not_reviewed": 5}
"""Follow-through over both teams: Oost 12 actions (3/2/2/1/4), West 5 (2/0/1/1/1)."""


def laptop(folder: Path, sessions) -> Path:
    """A records folder as the app leaves it: sessions saved, JSON minutes written, closed."""
    store = RecordsStore.open(folder)
    try:
        for session in sessions:
            store.save_session(session)
            store.write_minutes(session, ["json"])
    finally:
        store.close()
    return folder


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("compare")
    edited = oost()[1]  # the same session, edited later on laptop B
    edited.worth_score = 5
    edited.updated_at = "2025-03-20T09:00:00+00:00"
    laptop(root / "laptop-a", oost())
    laptop(root / "laptop-b", [*west(), edited])
    gathered = root / "gathered"
    for name in ("laptop-a", "laptop-b"):
        shutil.copytree(root / name, gathered / name)  # each session twice: its own file and its export
    inbox = gathered / "inbox"
    inbox.mkdir()
    (inbox / "notes.json").write_text('{"title": "Agenda MDO", "items": []}', encoding="utf-8")
    text = codec.dumps(oost()[0])
    (inbox / "broken.json").write_text(text[: len(text) // 2], encoding="utf-8")
    future = json.loads(text) | {"schema_version": 4, "id": "f" * 32}
    (inbox / "future.json").write_text(json.dumps(future), encoding="utf-8")
    return root


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def compare_json(capsys, tree: Path, *args: str) -> dict:
    code, out, _ = run(capsys, "--records", str(tree / "own-records"), "compare", *args, "--format", "json")
    assert code == 0
    return json.loads(out)


def compare_json_with(capsys, records: Path, *paths: Path) -> dict:
    code, out, _ = run(capsys, "--records", str(records), "compare", *map(str, paths), "--format", "json")
    assert code == 0
    return json.loads(out)


def minutes(tree: Path, laptop_name: str, session_id: str) -> str:
    (path,) = (tree / "gathered" / laptop_name).glob(f"*-{session_id[:8]}.json")
    return str(path)


# -- two laptops, one report ------------------------------------------------------------


def test_two_laptops_give_one_report_with_both_teams(capsys, tree):
    data = compare_json(capsys, tree, str(tree / "gathered"))
    assert [(t["team"], t["sessions"]) for t in data["teams"]] == [("Wijkteam Oost", 4), ("Zorgnetwerk West", 3)]
    assert [row["session_id"] for row in data["timeline"]] == [O1, W1, O2, W2, O3, W3, O4]
    # laptop B's copy of O2 was changed last, so its worth score (5, not 3) is the one used
    assert [row["worth_score"] for row in data["timeline"]] == [3, 4, 5, 3, 4, 2, None]

    assert data["follow_through"] == TOTALS
    oost_rows, west_rows = ([[r[k] for k in ("actions", "done", "partly", "not_done", "dropped", "not_reviewed")]
                             for r in t["follow_through"]] for t in data["teams"])
    assert oost_rows == [[5, 1, 1, 1, 1, 1], [3, 2, 0, 1, 0, 0], [2, 0, 1, 0, 0, 1], [2, 0, 0, 0, 0, 2]]
    assert west_rows == [[3, 2, 0, 0, 1, 0], [1, 0, 0, 1, 0, 0], [1, 0, 0, 0, 0, 1]]

    assert [(r["team"], r["category"], r["sessions"], r["ever_within_influence"])
            for t in data["teams"] for r in t["recurring"]] == [
        ("Wijkteam Oost", "communicatie", 3, True),
        ("Wijkteam Oost", "financiering", 2, False),
        ("Zorgnetwerk West", "financiering", 2, True),
    ]
    assert data["influence_share"] == pytest.approx(7 / 13)  # 7 within, 6 outside
    assert [share for _, share in data["teams"][1]["influence_share"]] == [0.5, 0.0, 1.0]
    assert data["health_means"] == {"roles": 3.67, "shared_goal": 3.43}
    assert [t["wording_changed"] for t in data["teams"]] == [["roles"], []]
    assert data["decisions"] == {"keep": 10, "adjust": 6, "stop": 3}
    assert data["overall_decisions"] == {"continue": 3, "adjust_plan": 2, "stop": 1}


def test_unusable_files_are_each_skipped_once_with_their_reason(capsys, tree):
    data = compare_json(capsys, tree, str(tree / "gathered"))
    inbox = tree / "gathered" / "inbox"
    skipped = {item["source"]: item["reason"] for item in data["skipped"]}
    assert len(data["skipped"]) == len(skipped) == 4
    assert skipped[str(inbox / "notes.json")].startswith("not a Terugblik session")
    assert skipped[str(inbox / "broken.json")].startswith("not valid JSON (line ")
    assert skipped[str(inbox / "future.json")].startswith("made by a newer Terugblik (schema version 4;")
    older = minutes(tree, "laptop-a", O2)
    assert skipped[older] == (f"the same session (a2000000) as {minutes(tree, 'laptop-b', O2)}; "
                              "the most recently changed copy is used")
    assert [item["names"] for item in data["merged"]] == ["'Zorgnetwerk West' / 'zorgnetwerk  west'"]


def test_skips_and_merges_are_listed_once_in_the_report_and_on_stderr(capsys, tree):
    code, out, err = run(capsys, "--records", str(tree / "own-records"), "compare", str(tree / "gathered"))
    assert code == 0
    sources = [str(tree / "gathered" / "inbox" / name) for name in ("broken.json", "future.json", "notes.json")]
    sources.append(minutes(tree, "laptop-a", O2))
    report_lines = [line for line in out.splitlines() if line.startswith("- Skipped ")]
    stderr_lines = [line for line in err.splitlines() if line.startswith("terugblik: Skipped ")]
    assert len(report_lines) == len(stderr_lines) == 4
    for source in sources:
        assert sum(line.startswith(f"- Skipped {source}: ") for line in report_lines) == 1
        assert sum(line.startswith(f"terugblik: Skipped {source}: ") for line in stderr_lines) == 1
    assert out.count("Merged: team names 'Zorgnetwerk West', 'zorgnetwerk  west'") == 1
    assert t("compare.summary", "en", sessions=7, teams=2) in out  # and the report was still made


# -- every format, the same figures -----------------------------------------------------


FIGURES = [
    t("compare.summary", "en", sessions=7, teams=2),
    "17 actions — Done: 5, Partly done: 2, Not done: 3, Dropped: 2, Not reviewed yet: 5",
    "12 actions — Done: 3, Partly done: 2, Not done: 2, Dropped: 1, Not reviewed yet: 4",
    "5 actions — Done: 2, Partly done: 0, Not done: 1, Dropped: 1, Not reviewed yet: 1",
    "within our own influence: 54%",
    "Keep: 10, Adjust: 6, Stop: 3",
    "Keep: 8, Adjust: 4, Stop: 2",
    "Keep: 2, Adjust: 2, Stop: 1",
    "Adjust the plan: 2, Continue: 3, Stop: 1",
    "2025-01-15 33%, 2025-03-12 50%, 2025-05-14 50%, 2025-07-09 —",
    "3.67",
    "3.43",
    "wording changed",
]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_carries_the_same_figures(capsys, tree, fmt):
    code, out, _ = run(capsys, "--records", str(tree / "own-records"), "compare", str(tree / "gathered"),
                       "--format", fmt)
    assert code == 0
    if fmt == "md":
        out = re.sub(r"\\(.)", r"\1", out)  # as read: Markdown escapes cells such as 3\.67
    assert "Wijkteam Oost" in out and "Zorgnetwerk West" in out
    assert [figure for figure in FIGURES if figure not in out] == []
    assert out.count("broken.json") == 1 and out.count("notes.json") == 1
    if fmt == "html":
        assert out.lstrip().lower().startswith("<!doctype html")


def test_json_figures_match_the_text_report(capsys, tree):
    data = compare_json(capsys, tree, str(tree / "gathered"))
    _, text, _ = run(capsys, "--records", str(tree / "own-records"), "compare", str(tree / "gathered"))
    totals = data["follow_through"]
    assert f"{totals['actions']} actions — Done: {totals['done']}, Partly done: {totals['partly']}" in text
    assert f"{round(data['influence_share'] * 100)}%" in text
    for statement, mean in data["health_means"].items():
        # shown with the wording last asked (the id is an internal name), e.g. "Iedereen weet … 4.5"
        wording = data["health_wordings"][statement]
        assert any(line.split() == [*wording.split(), f"{mean:g}"] for line in text.splitlines())


# -- narrowing the selection ------------------------------------------------------------


@pytest.mark.parametrize("asked", ["zorgnetwerk west", "  ZORGNETWERK   West "])
def test_team_option_ignores_case_and_spacing(capsys, tree, asked):
    data = compare_json(capsys, tree, str(tree / "gathered"), "--team", asked)
    assert [(t["team"], t["sessions"]) for t in data["teams"]] == [(WEST, 3)]
    assert data["follow_through"] == {
        "actions": 5, "done": 2, "partly": 0, "not_done": 1, "dropped": 1, "not_reviewed": 1}
    assert data["influence_share"] == pytest.approx(4 / 6)


def test_team_option_may_be_repeated(capsys, tree):
    data = compare_json(capsys, tree, str(tree / "gathered"), "--team", "wijkteam oost", "--team", WEST)
    assert data["follow_through"] == TOTALS


def test_since_and_until_include_both_days(capsys, tree):
    data = compare_json(capsys, tree, str(tree / "gathered"), "--since", "2025-03-12", "--until", " 2025-06-04 ")
    assert [row["session_id"] for row in data["timeline"]] == [O2, W2, O3, W3]
    assert (data["since"], data["until"]) == ("2025-03-12", "2025-06-04")
    # O3's next session O4 lies after the period and still counts: it reviewed one of O3's
    # two actions as partly done (the other stays not reviewed, as does W3's, the last of West)
    assert data["follow_through"] == {
        "actions": 7, "done": 2, "partly": 1, "not_done": 2, "dropped": 0, "not_reviewed": 2}
    data = compare_json(capsys, tree, str(tree / "gathered"), "--since", "2025-03-13", "--until", "2025-06-03")
    assert [row["session_id"] for row in data["timeline"]] == [W2, O3]


def test_nothing_selected_still_gives_a_report(capsys, tree):
    code, out, err = run(capsys, "--records", str(tree / "own-records"), "compare", str(tree / "gathered"),
                         "--team", "Nobody")
    assert code == 0
    assert t("compare.summary", "en", sessions=0, teams=0) in out
    assert "No sessions match" in err


def test_bad_date_is_one_line_and_exit_1(capsys, tree):
    code, out, err = run(capsys, "--records", str(tree / "own-records"), "compare", "--since", "31-02-2025")
    assert (code, out) == (1, "")
    assert err.startswith("terugblik: ") and "31-02-2025" in err and "does not exist" in err
    assert len(err.splitlines()) == 1


def test_period_dates_are_read_like_in_the_app(capsys, tree):
    typed = compare_json(capsys, tree, str(tree / "gathered"), "--since", "12-3-2025", "--until", "4/6/2025")
    iso = compare_json(capsys, tree, str(tree / "gathered"), "--since", "2025-03-12", "--until", "2025-06-04")
    assert typed["timeline"] == iso["timeline"] and (typed["since"], typed["until"]) == ("2025-03-12", "2025-06-04")


# -- the records folder together with files ---------------------------------------------


def test_records_database_and_files_from_another_laptop(capsys, tree):
    # Laptop A's own records (its database) plus laptop B's folder: O2 is in both, B's is newer.
    code, out, _ = run(capsys, "--records", str(tree / "laptop-a"), "compare", str(tree / "gathered" / "laptop-b"),
                       "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["follow_through"] == TOTALS
    assert [(s["source"], s["reason"][:31]) for s in data["skipped"]] == [
        (str(tree / "laptop-a" / "sessions" / f"{O2}.json"), "the same session (a2000000) as ")]


def test_a_damaged_records_database_is_skipped_and_the_files_still_count(capsys, tree, tmp_path):
    records = tmp_path / "records"
    records.mkdir(mode=0o700)
    (records / DB_NAME).write_text('{"sessions": {"1": {"id": ', encoding="utf-8")
    data = compare_json_with(capsys, records, tree / "gathered")
    assert data["follow_through"] == TOTALS
    assert [s["source"] for s in data["skipped"]].count(str(records / DB_NAME)) == 1


def test_one_unreadable_session_in_the_records_database_does_not_hide_the_others(capsys, tmp_path):
    # Was a bug in gather() (commit 17d1f03): the whole database was skipped with one reason.
    # A database in which a newer Terugblik saved one session (here: the latest, listed first).
    documents = [codec.to_document(s) for s in history()]
    newest = next(doc for doc in documents if doc["id"] == O4)
    newest["schema_version"] = 4
    records = tmp_path / "records"
    records.mkdir(mode=0o700)
    AtomicJSONStorage(records / DB_NAME).write(
        {"sessions": {str(n): doc for n, doc in enumerate(documents, start=1)}, "teams": {}})
    data = compare_json_with(capsys, records)
    assert len(data["timeline"]) == 6
    (skipped,) = data["skipped"]
    assert O4[:8] in skipped["source"] + skipped["reason"]  # names the session that was left out


def test_the_most_recently_changed_copy_wins_whatever_its_time_zone(capsys, tmp_path):
    first, second = oost()[0], oost()[0]
    first.updated_at, first.worth_score = "2025-03-20T16:00:00+02:00", 2  # 14:00 UTC
    second.updated_at, second.worth_score = "2025-03-20T15:00:00+00:00", 5  # 15:00 UTC: the newer copy
    for name, copy in (("a", first), ("b", second)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "session.json").write_text(codec.dumps(copy), encoding="utf-8")
    data = compare_json_with(capsys, tmp_path / "none", tmp_path / "a", tmp_path / "b")
    assert [row["worth_score"] for row in data["timeline"]] == [5]
    assert [s["source"] for s in data["skipped"]] == [str(tmp_path / "a" / "session.json")]


def test_history_round_trips_through_the_interchange_format():
    # The CLI tests rely on the history surviving save and export unchanged.
    for session in history():
        assert msgspec.to_builtins(codec.parse_bytes(codec.dumps(session).encode(), "test")) == \
            msgspec.to_builtins(session)


def test_output_dash_prints_the_report_as_export_does(capsys, tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--records", str(tree / "own-records"), "compare", str(tree / "gathered"),
                       "--format", "md", "-o", "-")
    assert code == 0
    assert out.startswith("# Comparison of retrospectives")
    assert not (tmp_path / "-").exists()
