"""``terugblik templates``: list, check and copy, from an installed package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.store.records import RecordsStore

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "mini_en.toml"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("TERUGBLIK_TEMPLATES", str(tmp_path / "my-templates"))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_installed_command_lists_shipped_templates_in_both_languages(tmp_path):
    """Runs the console script from a folder outside the checkout, as a user would."""
    script = Path(sys.executable).parent / "terugblik"
    env = os.environ | {"TERUGBLIK_TEMPLATES": str(tmp_path / "none"), "LANG": "en_GB.UTF-8"}
    result = subprocess.run([str(script), "templates"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    rows = [line.split()[:2] for line in result.stdout.splitlines()[1:] if line and not line.startswith("Your")]
    ids = {template_id for template_id, _ in rows}
    assert len(ids) >= 3
    for template_id in ids:
        assert [template_id, "nl"] in rows and [template_id, "en"] in rows


def test_check_good_and_bad_files(capsys, tmp_path):
    code, out, _ = run(capsys, "templates", "check", str(MINI))
    assert code == 0 and "OK (mini, en: Mini retrospective)" in out
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.read_text().replace('questions = ["Keep?", "Adjust?", "Stop?"]', "questions = []"))
    code, out, err = run(capsys, "templates", "check", str(MINI), str(bad))
    assert code == 1
    assert f"terugblik: {bad}, line" in err and "phases.decide.questions: must hold 3 to 8 items" in err
    assert err.count("\n") == 1


def test_check_in_dutch(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("id = \"x\"\ntitle = \n")
    code, _, err = run(capsys, "--lang", "nl", "templates", "check", str(bad))
    assert code == 1 and "regel 2" in err and "TOML-schrijffout" in err


def test_new_copies_both_languages_to_the_user_folder(capsys, tmp_path):
    code, out, err = run(capsys, "templates", "new", "ons-netwerk", "--from", "zorgnetwerk")
    assert code == 0, err
    folder = tmp_path / "my-templates"
    assert sorted(p.name for p in folder.iterdir()) == ["ons-netwerk_en.toml", "ons-netwerk_nl.toml"]
    code, out, _ = run(capsys, "templates")
    assert "ons-netwerk" in out and str(folder / "ons-netwerk_nl.toml") in out
    code, _, err = run(capsys, "templates", "new", "ons-netwerk", "--from", "zorgnetwerk")
    assert code == 1 and "already exists" in err


def test_broken_user_template_is_reported_and_the_rest_still_listed(capsys, tmp_path):
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "kapot.toml").write_text("[phases")
    code, out, err = run(capsys, "templates")
    assert code == 0
    assert "zorgnetwerk" in out
    assert "kapot.toml" in err and "template not used" in err


def test_new_session_records_template_id_and_version(capsys, tmp_path):
    records = tmp_path / "records"
    code, out, err = run(capsys, "--records", str(records), "new", "--team", "T", "--template", "kort",
                         "--session-lang", "en")
    assert code == 0, err
    with RecordsStore.open(records, read_only=True) as store:
        session = store.get_session(out.strip())
    assert session.template_id == "kort" and len(session.template_version) == 12


def test_new_session_with_unknown_template(capsys, tmp_path):
    code, _, err = run(capsys, "--records", str(tmp_path / "r"), "new", "--team", "T", "--template", "nope")
    assert code == 1 and "no template 'nope'" in err
