"""Big and odd inputs: a 10,000-character note, and `terugblik import` of bad, huge and very long files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc

import pytest
from textual import events
from textual.widgets import Markdown

from tui.app.widgets.note_entry import NoteEntry
from tui.cli import main
from tui.core.codec import MAX_DOCUMENT_BYTES, dumps, to_document
from tui.core.minutes import render_markdown
from tui.core.model import GoesWellNote
from tui.store.records import RecordsStore

from .helpers import db_sessions, make_app, new_session, wait_until

UNIT = "Zoë belt de huisarts ☎ en dan de wijkverpleging, zo gaat de overdracht goed; "
BIG_NOTE = (UNIT * (10_000 // len(UNIT) + 1))[:9_999] + "!"


def test_big_note_is_10000_characters_of_plain_text():
    assert len(BIG_NOTE) == 10_000 and BIG_NOTE == BIG_NOTE.strip()


async def enter_big_note(pilot, app, how: str) -> None:
    entry = app.screen.query_one(NoteEntry)
    if how == "typed":
        entry.value = BIG_NOTE  # what typing it would leave in the field, without 10,000 key events
        entry.cursor_position = len(BIG_NOTE)
    else:
        app.post_message(events.Paste(BIG_NOTE))  # what the terminal sends on a bracketed paste
    await pilot.pause()
    assert entry.value == BIG_NOTE
    await pilot.press("enter", *"Lang", "enter")


@pytest.mark.parametrize("how", ["typed", "pasted"])
async def test_10000_character_note_is_saved_and_in_the_minutes(tmp_path, how):
    store, app = make_app(tmp_path)
    folder = tmp_path / "records"
    async with app.run_test(size=(100, 30)) as pilot:
        session = new_session()
        session.current_phase = "goes_well"
        await app.run_session(session)
        started = time.monotonic()
        await enter_big_note(pilot, app, how)
        assert [(n.text, n.why) for n in session.goes_well] == [(BIG_NOTE, "Lang")]
        assert app.autosaver.flush(timeout=5)
        assert time.monotonic() - started < 10
        # On disk, exactly.
        assert db_sessions(folder)[session.id]["goes_well"][0]["text"] == BIG_NOTE
        # The minutes preview (F3) shows it whole.
        await pilot.press("f3")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "MinutesScreen", what="the preview")
        await pilot.pause()
        assert BIG_NOTE in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.PHASE == "goes_well"
    store.close()
    with RecordsStore.open(folder) as reopened:
        saved = reopened.get_session(session.id)
    assert saved.goes_well[0].text == BIG_NOTE
    assert BIG_NOTE in render_markdown(saved)


async def test_pasting_one_line_inserts_it_once(tmp_path):
    store, app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        session = new_session()
        session.current_phase = "goes_well"
        await app.run_session(session)
        app.post_message(events.Paste("Korte lijnen"))
        await pilot.pause()
        value = app.screen.query_one(NoteEntry).value
    store.close()
    assert value == "Korte lijnen"


async def test_pasting_a_multi_line_note_keeps_all_of_it(tmp_path):
    """A note copied from an e-mail has line breaks; pasting it must not drop everything after the first."""
    lines = ["Overdracht ging goed.", "De huisarts belde terug.", "De thuiszorg wist ervan."]
    store, app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        session = new_session()
        session.current_phase = "goes_well"
        await app.run_session(session)
        app.post_message(events.Paste("\n".join(lines)))
        await pilot.pause()
        kept = app.screen.query_one(NoteEntry).value
    store.close()
    assert all(line in kept for line in lines), f"kept only {kept!r}"


# -- terugblik import ------------------------------------------------------------------------------


def run_import(capsys, folder, *paths) -> tuple[int, str, str, float]:
    started = time.monotonic()
    code = main(["--lang", "en", "--records", str(folder), "import", *map(str, paths)])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    return code, out, err, elapsed


def test_import_refuses_non_utf8_bytes_clearly(tmp_path, capsys):
    session = new_session("Zoë's team")
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(dumps(session).encode("latin-1"))  # "ë" as the single byte 0xEB
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b'{"format": "terugblik-session", \xff\xfe\x00\x80}')
    offset = dumps(session).encode("latin-1").index(b"\xeb")

    code, out, err, elapsed = run_import(capsys, tmp_path / "records", latin1, garbage)
    assert code == 1 and elapsed < 5
    assert f"skipped {latin1}: not UTF-8 text (invalid byte at position {offset})" in err
    assert f"skipped {garbage}: not UTF-8 text (invalid byte at position 32)" in err
    assert "0 imported, 0 already present, 2 skipped" in out
    assert "Traceback" not in out + err
    with RecordsStore.open(tmp_path / "records") as store:
        assert store.list_sessions() == [] and store.warnings == []


@pytest.mark.parametrize("inside_a_folder", [False, True], ids=["file", "folder"])
def test_import_refuses_a_200_mb_file_quickly_without_reading_it(tmp_path, capsys, inside_a_folder):
    source = tmp_path / "drop"
    source.mkdir()
    huge = source / "huge.json"
    with open(huge, "wb") as handle:  # sparse: 200 MB long, nothing written
        handle.truncate(200 * 1024 * 1024)
    good = source / "good.json"
    session = new_session()
    good.write_text(dumps(session), encoding="utf-8")

    tracemalloc.start()
    try:
        code, out, err, elapsed = run_import(capsys, tmp_path / "records",
                                             *([source] if inside_a_folder else [huge, good]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 1
    assert elapsed < 2, f"took {elapsed:.2f} s"
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB: the file was read"
    limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
    assert f"skipped {huge}: too large to be a session (200 MB; the limit is {limit} MB)" in err
    assert f"imported   {good} (session {session.id[:8]})" in out  # the good file still comes in
    assert "Traceback" not in out + err


def test_import_of_a_session_with_100000_notes_is_bounded(tmp_path, capsys):
    session = new_session()
    session.goes_well = [GoesWellNote(f"Notitie {i}", why="omdat", id=f"n{i}") for i in range(100_000)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(to_document(session), ensure_ascii=False), encoding="utf-8")

    code, out, err, elapsed = run_import(capsys, tmp_path / "records", path)
    assert elapsed < 20, f"took {elapsed:.1f} s"
    assert "Traceback" not in out + err
    if code == 0:  # it works: every note is there
        assert f"imported   {path}" in out
        with RecordsStore.open(tmp_path / "records") as store:
            assert len(store.get_session(session.id).goes_well) == 100_000
            assert store.warnings == []
        listed = main(["--lang", "en", "--records", str(tmp_path / "records"), "list", "--json"])
        out, _ = capsys.readouterr()
        assert listed == 0 and json.loads(out)[0]["notes"] == 100_000
    else:  # or a clear refusal, one line per problem
        assert code == 1 and (err.startswith("terugblik:") or f"skipped {path}:" in err)
        assert db_sessions(tmp_path / "records") == {}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_import_of_a_folder_holding_a_named_pipe_does_not_hang(tmp_path):
    """A folder to import may hold anything; a pipe named *.json must be skipped, not waited on forever."""
    source = tmp_path / "drop"
    source.mkdir()
    os.mkfifo(source / "pipe.json")
    (source / "good.json").write_text(dumps(new_session()), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "tui", "--lang", "en", "--records", str(tmp_path / "records"),
                               "import", str(source)], capture_output=True, text=True, timeout=5, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        pytest.fail("terugblik import was still waiting on the named pipe after 5 s")
    assert done.returncode == 1 and "pipe.json" in done.stderr and "1 imported" in done.stdout
