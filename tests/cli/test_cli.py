"""The command line, end to end: one clear line and a non-zero exit for every user error."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.sample import full_session
from tui.cli import main
from tui.core import codec
from tui.store.records import RecordsStore


@pytest.fixture
def records(tmp_path, monkeypatch):
    monkeypatch.delenv("TERUGBLIK_RECORDS", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return tmp_path / "records"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def new(capsys, records, *args):
    code, out, err = run(capsys, "--records", str(records), "new", *args)
    assert code == 0, err
    return out.strip()


def test_new_list_show_export(capsys, records, tmp_path):
    session_id = new(capsys, records, "--team", "Wijkteam Oost", "--title", "Najaar", "--date", "2026-11-20")
    assert len(session_id) == 32

    code, out, _ = run(capsys, "--records", str(records), "list")
    assert code == 0
    assert "Wijkteam Oost" in out and session_id[:8] in out and "2026-11-20" in out

    code, out, _ = run(capsys, "list", "--json", "--records", str(records))
    assert json.loads(out)[0]["id"] == session_id

    code, out, _ = run(capsys, "--records", str(records), "show", session_id[:5])
    assert code == 0 and out.startswith("# Najaar")

    code, out, _ = run(capsys, "--records", str(records), "export", session_id[:6], "--format", "json")
    path = records / f"2026-11-20-wijkteam-oost-{session_id[:8]}.json"
    assert code == 0 and str(path) in out
    assert codec.load_file(path).id == session_id

    code, out, _ = run(capsys, "--records", str(records), "export", session_id, "--format", "md", "-o", "-")
    assert out.startswith("# Najaar")

    target = tmp_path / "verslag.md"
    code, out, _ = run(capsys, "--records", str(records), "export", session_id, "-o", str(target))
    assert code == 0 and target.read_text().startswith("# Najaar")


def test_records_folder_from_environment(capsys, records, monkeypatch):
    monkeypatch.setenv("TERUGBLIK_RECORDS", str(records))
    assert main(["new", "--team", "Env"]) == 0
    session_id = capsys.readouterr().out.strip()
    with RecordsStore.open(records, read_only=True) as store:
        assert store.get_session(session_id).team == "Env"


def test_new_prefills_roster_and_ambition_from_team_profile(capsys, records):
    with RecordsStore.open(records) as store:
        store.remember_team(full_session())
    session_id = new(capsys, records, "--team", "wijkteam   OOST")
    with RecordsStore.open(records, read_only=True) as store:
        session = store.get_session(session_id)
    assert session.team == "Wijkteam Oost"
    assert [p.name for p in session.participants] == [p.name for p in full_session().participants]
    assert session.ambition == full_session().ambition
    assert session.facilitator == full_session().facilitator
    other_id = new(capsys, records, "--team", "Wijkteam Oost", "--facilitator", "Bram")
    with RecordsStore.open(records, read_only=True) as store:
        assert store.get_session(other_id).facilitator == "Bram"  # given on the command line: that one


def test_import_into_another_folder(capsys, records, tmp_path):
    session_id = new(capsys, records, "--team", "Wijkteam Oost")
    run(capsys, "--records", str(records), "export", session_id, "--format", "json")
    other = tmp_path / "laptop2"
    code, out, err = run(capsys, "--records", str(other), "import", str(records))
    assert code == 0, err
    # the session's own file and its export: the same session, imported once
    assert "1 imported, 1 already present, 0 skipped" in out
    code, out, _ = run(capsys, "--records", str(other), "import", str(records))
    assert code == 0 and "already in records" in out and "0 imported, 2 already present" in out
    code, out, _ = run(capsys, "--records", str(other), "list")
    assert out.count(session_id[:8]) == 1


def test_import_skips_bad_files_and_keeps_good_ones(capsys, records, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.json").write_text(codec.dumps(full_session()))
    (inbox / "corrupt.json").write_bytes(b"{\"format\": \"terugblik-se")
    (inbox / "other.json").write_text('{"name": "not a session"}')
    newer = codec.to_document(full_session()) | {"schema_version": 4, "id": "ab" * 16}
    (inbox / "newer.json").write_text(json.dumps(newer))
    code, out, err = run(capsys, "--records", str(records), "import", str(inbox))
    assert code == 1
    assert "1 imported, 0 already present, 3 skipped" in out
    assert "corrupt.json: not valid JSON" in err
    assert "other.json: not a Terugblik session" in err
    assert "newer.json: made by a newer Terugblik (schema version 4" in err
    with RecordsStore.open(records, read_only=True) as store:
        assert [s.id for s in store.list_sessions()] == [full_session().id]


def test_import_says_why_a_file_was_skipped_in_the_interface_language(capsys, records, tmp_path):
    bad = tmp_path / "hostname"
    bad.write_text("laptop-noord\n")
    code, out, err = run(capsys, "--lang", "nl", "--records", str(records), "import", str(bad))
    assert code == 1
    assert f"overgeslagen {bad}: geen geldige JSON (regel 1, kolom 1" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "deadbeef"], "no session with id 'deadbeef'"),
        (["export", "nope", "--format", "md"], "no session with id 'nope'"),
        (["new", "--team", "   "], "team: must not be empty"),
        (["new", "--team", "T", "--date", "soon"], "“soon” is not a date I can read"),
        (["import", "/nonexistent/file.json"], "/nonexistent/file.json does not exist"),
    ],
)
def test_user_errors_are_one_line(capsys, records, args, message):
    new(capsys, records, "--team", "Bestaand")
    code, out, err = run(capsys, "--records", str(records), *args)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("terugblik: ") and message in err
    assert "Traceback" not in err


def test_ambiguous_prefix(capsys, records):
    with RecordsStore.open(records) as store:
        for suffix in ("1", "2"):
            session = full_session()
            session.id = "abc" + suffix * 29
            store.save_session(session)
    code, _, err = run(capsys, "--records", str(records), "show", "abc")
    assert code == 1 and "matches 2 sessions" in err


def test_records_path_that_is_a_file(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--records", str(blocker), "new", "--team", "T")
    assert code == 1 and "is a file, not a folder" in err


def test_second_writer_gets_a_clear_message(capsys, records):
    with RecordsStore.open(records):
        code, _, err = run(capsys, "--records", str(records), "new", "--team", "T")
        assert code == 1 and "is in use by another Terugblik" in err
        code, out, _ = run(capsys, "--records", str(records), "list")
        assert code == 0


def test_list_of_missing_folder_is_friendly(capsys, records):
    code, out, _ = run(capsys, "--records", str(records), "list")
    assert code == 0 and "No sessions yet" in out


def test_dutch_output(capsys, records):
    code, out, _ = run(capsys, "--lang", "nl", "--records", str(records), "list")
    assert "Nog geen sessies" in out
    code, _, err = run(capsys, "--lang", "nl", "--records", str(records), "show", "abc")
    assert "geen sessie met id" in err


def test_usage_error_is_one_line(capsys, records):
    with pytest.raises(SystemExit) as info:
        main(["--records", str(records), "export"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "see terugblik export --help" in err  # the help of the command used


def test_python_dash_m_and_console_script_work(records):
    env = os.environ | {"TERUGBLIK_RECORDS": str(records), "LANG": "en_US.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "tui", "list"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "No sessions yet" in result.stdout
    script = os.path.join(os.path.dirname(sys.executable), "terugblik")
    result = subprocess.run([script, "show", "x"], capture_output=True, text=True, env=env)
    assert result.returncode == 1 and result.stderr.startswith("terugblik: ")


@pytest.mark.parametrize(("args", "said"), [
    (["--room-port", "0"], "0 is not a port number (1–65535)"),
    (["--room-port", "http"], "http is not a port number"),
    (["--room-cert", "cert.pem"], "Give both --room-cert and --room-key, or neither"),
    (["--room-cert", "missing-cert.pem", "--room-key", "missing-key.pem"], "missing-cert.pem"),
])
def test_room_options_that_cannot_work_stop_before_the_app_starts(capsys, records, args, said):
    try:
        code, out, err = run(capsys, "--records", str(records), *args)
    except SystemExit as usage:  # argparse's own usage errors
        code, err = usage.code, capsys.readouterr().err
    assert code != 0 and said in err and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_a_certificate_that_is_not_one_is_one_clear_line(capsys, records, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("not a certificate\n", "utf-8")
    key.write_text("not a key\n", "utf-8")
    code, out, err = run(capsys, "--records", str(records), "--room-cert", str(cert), "--room-key", str(key))
    assert code == 1 and str(cert) in err and err.count("\n") == 1 and "Traceback" not in err
