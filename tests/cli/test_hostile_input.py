"""What people and files bring in reaches the terminal as visible text, and every bad file gets its line.

ESC and BEL in a team or a title would retitle or recolour the terminal; a bidi override would
reverse the text after it; a C1 control (U+009B) is a CSI on many terminals. None of them may
reach standard output or standard error raw, whatever the command and format.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.sample import full_session
from tui.cli import main
from tui.core import codec
from tui.store.records import DB_NAME, RecordsStore

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")
"""What must never be printed raw: C0 (but tab and newline), DEL, C1, bidi embeddings and overrides."""

TEAM = "Wijkteam \x1b]0;pwned\x07Oost\x1b[31m"
TITLE = "Najaar \u202eroht\x9b2J"


@pytest.fixture
def records(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("TERUGBLIK_RECORDS", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return tmp_path / "records"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_file(tmp_path: Path) -> Path:
    session = full_session()
    session.team, session.title = TEAM, TITLE
    path = tmp_path / "inbox" / "hostile.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(codec.dumps(session), encoding="utf-8")
    return path


def test_imported_controls_are_shown_not_obeyed_by_list_show_and_compare(capsys, records, tmp_path):
    path = hostile_file(tmp_path)
    code, out, err = run(capsys, "--records", str(records), "import", str(path))
    assert code == 0, err
    session_id = full_session().id
    for command in (["list"], ["show", session_id], ["compare"], ["compare", "--format", "md"],
                    ["export", session_id, "-o", "-"]):
        code, out, err = run(capsys, "--records", str(records), *command)
        assert code == 0, (command, err)
        assert not RAW.search(out + err), command
    code, out, _ = run(capsys, "--records", str(records), "list")
    assert "Wijkteam ␛]0;pwned␇Oost␛[31m" in out and "⟨U+202E⟩" in out and "⟨U+009B⟩" in out


@pytest.mark.parametrize("command", [["list", "--json"], ["export", "ID", "--format", "json", "-o", "-"],
                                     ["compare", "--format", "json"], ["export", "ID", "--format", "html", "-o", "-"],
                                     ["compare", "--format", "html"]])
def test_json_and_html_on_stdout_escape_controls_without_changing_what_they_say(capsys, records, tmp_path, command):
    run(capsys, "--records", str(records), "import", str(hostile_file(tmp_path)))
    command = [full_session().id if arg == "ID" else arg for arg in command]
    code, out, err = run(capsys, "--records", str(records), *command)
    assert code == 0, err
    assert not RAW.search(out)
    if "--json" in command or "json" in command:
        text = json.dumps(json.loads(out), ensure_ascii=False)
        assert json.dumps(TEAM, ensure_ascii=False) in text  # the same text, only escaped
    else:
        assert "pwned" in out  # the text is there; its controls are escaped or dropped


def test_error_messages_show_controls_in_file_names_and_ids(capsys, records, tmp_path):
    code, out, err = run(capsys, "--records", str(records), "import", str(tmp_path / "x\x1b[2J\u202e.json"))
    assert code == 1 and err.startswith("terugblik: ") and err.count("\n") == 1
    assert "x␛[2J⟨U+202E⟩.json does not exist" in err and not RAW.search(err)
    code, out, err = run(capsys, "--records", str(records), "show", "ab\x07c")
    assert code == 1 and not RAW.search(err)
    with pytest.raises(SystemExit):
        main(["--records", str(records), "list", "--bogus\x1b[31m"])
    err = capsys.readouterr().err
    assert err.startswith("terugblik: ") and not RAW.search(err)


def test_import_gives_every_bad_file_its_line_and_still_imports_the_good_ones(capsys, records, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = full_session()
    (inbox / "good.json").write_text(codec.dumps(good), encoding="utf-8")
    (inbox / "empty.json").write_bytes(b"")
    (inbox / "folder.json").mkdir()
    text = codec.dumps(full_session())
    (inbox / "twice.json").write_text(text.replace('"team": ', '"team": "Eerst", "team": ', 1), encoding="utf-8")
    doc = codec.to_document(full_session())
    doc["id"] = "c" * 32
    (inbox / "huge.json").write_text(json.dumps(doc).replace('"worth_score": 4', '"worth_score": ' + "9" * 5000),
                                     encoding="utf-8")
    (inbox / "surrogate.json").write_text(json.dumps(doc | {"title": "\ud800"}), encoding="utf-8")
    code, out, err = run(capsys, "--records", str(records), "import", str(inbox / "folder.json"),
                         *(str(inbox / name) for name in ("empty.json", "twice.json", "huge.json",
                                                          "surrogate.json", "good.json")))
    assert code == 1
    assert f"searched folder {inbox / 'folder.json'}: 0 .json files" in out
    assert "empty.json: empty" in err
    assert 'twice.json: the key "team" appears twice in one object' in err
    assert "huge.json: holds a number of more than 4300 digits" in err
    assert "surrogate.json: holds \\ud800" in err and "lone surrogate" in err
    assert "1 imported, 0 already present, 4 skipped" in out
    assert all(line.startswith("terugblik: ") for line in err.splitlines())
    assert "Traceback" not in err
    with RecordsStore.open(records, read_only=True) as store:
        assert [s.id for s in store.list_sessions()] == [good.id]


def test_compare_reads_files_with_the_same_strict_reader(capsys, records, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.json").write_text(codec.dumps(full_session()), encoding="utf-8")
    (inbox / "empty.json").write_bytes(b"  \n")
    text = codec.dumps(full_session()).replace('"title": ', '"title": "x", "title": ', 1)
    (inbox / "twice.json").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--records", str(records), "compare", "--format", "json", str(inbox))
    assert code == 0
    reasons = {Path(s["source"]).name: s["reason"] for s in json.loads(out)["skipped"]}
    assert reasons["empty.json"].startswith("empty")
    assert 'the key "title" appears twice' in reasons["twice.json"]
    assert len(json.loads(out)["timeline"]) == 1


def test_a_database_with_broken_entries_is_listed_shown_and_written_without_a_traceback(capsys, records):
    good = codec.to_document(full_session())
    broken = dict(good, id="d" * 32)
    del broken["team"]
    records.mkdir()
    (records / DB_NAME).write_text(json.dumps({"sessions": {"1": good, "2": broken, "3": "x"}}), encoding="utf-8")
    code, out, err = run(capsys, "--records", str(records), "list")
    assert code == 0 and good["id"][:8] in out
    assert f"terugblik: {records / DB_NAME}: {'d' * 32} cannot be used and is left out" in err
    assert "sessions/3 cannot be used" in err
    code, out, err = run(capsys, "--records", str(records), "show", "ddd")
    assert code == 1 and "session dddddddd" in err and "is damaged and cannot be shown" in err
    code, out, err = run(capsys, "--records", str(records), "show", good["id"])
    assert code == 0 and out.startswith("# ")
    code, out, err = run(capsys, "--records", str(records), "new", "--team", "Nieuw")
    assert code == 0 and "the old file is kept as" in err  # migrated to one file per session
    [aside] = records.glob("terugblik.db.backup-*.json")
    assert "d" * 32 in aside.read_text()
    code, out, err = run(capsys, "--records", str(records), "list")
    assert code == 0 and err == "" and "Nieuw" in out


def test_an_argument_that_is_not_utf8_is_refused_in_one_line(capsys, records):
    # Python hands bytes that are not UTF-8 over as lone surrogates; saved, they ended in a traceback.
    code, out, err = run(capsys, "--records", str(records), "new", "--team", "Wijk\udcffteam")
    assert code == 1 and err == "terugblik: --team: not UTF-8 text (the terminal passed bytes that are not characters)\n"
    code, out, err = run(capsys, "--records", str(records), "import", "missing-\udcff.json")
    assert code == 1 and "missing-⟨U+DCFF⟩.json does not exist" in err
