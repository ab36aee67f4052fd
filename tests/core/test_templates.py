"""Templates: strict checking with messages that name the file, the key or line, and what is expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.catalog import copy_template_text, load_catalog, new_template_files, user_templates_dir
from tui.core.errors import UserError
from tui.core.templates import TemplateError, load_template, parse_template

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "mini_en.toml"
TEXT = MINI.read_text("utf-8")


def broken(tmp_path: Path, text: str, name: str = "broken_en.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> TemplateError:
    path = broken(tmp_path, text)
    with pytest.raises(TemplateError) as info:
        load_template(path)
    assert info.value.path == str(path)
    assert str(path) in info.value.message("en")
    return info.value


def test_minimal_template_loads():
    template = load_template(MINI)
    assert template.id == "mini" and template.language == "en"
    assert list(template.phases) == ["setup", "checkin", "goes_well", "frictions", "influence", "decide",
                                     "actions", "close"]
    assert template.phase("frictions").questions[1] == "Whose interest is at stake?"
    assert [h.id for h in template.health_check] == ["ambition", "trust"]
    assert re.fullmatch(r"[0-9a-f]{12}", template.version)


def test_version_changes_with_content():
    a = parse_template(TEXT.encode())
    b = parse_template(TEXT.replace("We trust each other.", "We trust one another.").encode())
    assert a.version != b.version


def test_syntax_error_names_the_line(tmp_path):
    err = error_of(tmp_path, TEXT.replace('title = "Frictions"', 'title = "Frictions'))
    assert err.code == "syntax"
    assert err.line == TEXT.splitlines().index('title = "Frictions"') + 1
    assert f"line {err.line}" in err.message("en") and f"regel {err.line}" in err.message("nl")


def test_missing_phase(tmp_path):
    text = re.sub(r"\[phases\.influence\].*?(?=\[phases\.decide\])", "", TEXT, flags=re.S)
    err = error_of(tmp_path, text)
    assert err.key == "phases.influence" and "is missing" in err.message("en")


def test_unknown_key_names_the_key_line_and_the_expected_ones(tmp_path):
    text = TEXT.replace("timebox_minutes = 3\n\n[phases.decide]", "timebox_minutes = 3\ntimebox = 4\n\n[phases.decide]")
    err = error_of(tmp_path, text)
    assert err.key == "phases.influence.timebox"
    assert err.line == text.splitlines().index("timebox = 4") + 1
    assert "expected one of: title, purpose, questions, timebox_minutes" in err.message("en")


def test_unknown_top_level_key(tmp_path):
    err = error_of(tmp_path, TEXT.replace("duration_minutes = 24", "duration_minutes = 24\nauthor = \"me\""))
    assert err.key == "author" and err.line == TEXT.splitlines().index("duration_minutes = 24") + 2


def test_wrong_type(tmp_path):
    err = error_of(tmp_path, TEXT.replace("duration_minutes = 24", 'duration_minutes = "24"'))
    assert err.key == "duration_minutes" and err.line == TEXT.splitlines().index("duration_minutes = 24") + 1
    assert "must be a whole number, found text" in err.message("en")


def test_empty_question_list(tmp_path):
    text = TEXT.replace('questions = ["Keep?", "Adjust?", "Stop?"]', "questions = []")
    err = error_of(tmp_path, text)
    assert err.key == "phases.decide.questions"
    assert err.line == text.splitlines().index("questions = []") + 1
    assert "must hold 3 to 8 items, found 0" in err.message("en")


def test_too_many_questions(tmp_path):
    many = "questions = [" + ", ".join(f'"Q{i}?"' for i in range(9)) + "]"
    err = error_of(tmp_path, TEXT.replace('questions = ["Keep?", "Adjust?", "Stop?"]', many))
    assert err.key == "phases.decide.questions" and "found 9" in err.message("en")


def test_duplicate_health_check_id(tmp_path):
    err = error_of(tmp_path, TEXT.replace('id = "trust"', 'id = "ambition"'))
    assert err.key == "health_check[1].id"
    assert err.line == TEXT.splitlines().index('id = "trust"') + 1
    assert "'ambition' is used twice" in err.message("en")


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ('language = "en"', 'language = "de"', "language", "one of: nl, en"),
        ('id = "mini"', 'id = "Mini Template"', "id", "not a valid id"),
        ('lens = "trust"', 'lens = "money"', "health_check[1].lens", "one of: ambition, interests"),
        ('id = "connector"', 'id = "boss"', "perspectives[0].id", "one of: connector, expert"),
        ("timebox_minutes = 3\n\n[phases.checkin]", "timebox_minutes = 0\n\n[phases.checkin]",
         "phases.setup.timebox_minutes", "between 1 and 240"),
        ('title = "Setup"', 'title = ""', "phases.setup.title", "must not be empty"),
        ('purpose = "What rubs."', "purpose = 5", "phases.frictions.purpose", "must be text"),
        ('questions = ["Keep?", "Adjust?", "Stop?"]', 'questions = "Keep?"', "phases.decide.questions",
         "must be a list of texts"),
        ('friction_categories = ["Roles", "Interests"]', "friction_categories = [1, 2]",
         "friction_categories[0]", "must be text"),
    ],
)
def test_each_problem_names_its_key(tmp_path, old, new, key, words):
    assert old in TEXT
    err = error_of(tmp_path, TEXT.replace(old, new, 1))
    assert err.key == key
    assert words in err.message("en")
    assert err.message("nl") != err.message("en")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(TEXT.replace("Mini", "Mini caf\u00e9").encode("latin-1"))
    with pytest.raises(TemplateError, match="not UTF-8"):
        load_template(path)


def test_catalog_keeps_working_around_a_broken_file(tmp_path):
    (tmp_path / "mini_en.toml").write_text(TEXT)
    broken(tmp_path, "this is not toml =")
    catalog = load_catalog(tmp_path, env={})
    assert catalog.get("mini", "en").source == "user"
    assert len(catalog.errors) == 1 and "broken_en.toml" in catalog.errors[0].path


def test_user_template_overrides_shipped_one_with_same_id_and_language(tmp_path):
    shipped = load_catalog(tmp_path / "empty", env={})
    if shipped.get("zorgnetwerk", "nl") is None:
        pytest.skip("shipped templates not present")
    original = shipped.get("zorgnetwerk", "nl")
    (tmp_path / "mine.toml").write_text(copy_template_text(original.path.read_text("utf-8"), "zorgnetwerk")
                                        .replace(original.title, "Ons eigen zorgnetwerk"))
    catalog = load_catalog(tmp_path, env={})
    assert catalog.get("zorgnetwerk", "nl").title == "Ons eigen zorgnetwerk"
    assert catalog.get("zorgnetwerk", "nl").source == "user"
    assert catalog.get("zorgnetwerk", "en").source == "shipped"


def test_new_template_files_copy_and_rename(tmp_path):
    source_dir = tmp_path / "user"
    source_dir.mkdir()
    (source_dir / "mini_en.toml").write_text(TEXT)
    catalog = load_catalog(source_dir, env={})
    files = new_template_files(catalog, "ons-team", "mini")
    [(path, text)] = files.items()
    assert path == source_dir / "ons-team_en.toml"
    assert 'id = "ons-team"' in text and "# A minimal valid template" in text
    path.write_text(text)
    with pytest.raises(UserError) as info:
        new_template_files(load_catalog(source_dir, env={}), "ons-team", "mini")
    assert info.value.key == "template.target_exists"
    with pytest.raises(UserError) as info:
        new_template_files(catalog, "Bad Id", "mini")
    assert info.value.key == "template.bad_new_id"
    with pytest.raises(UserError) as info:
        new_template_files(catalog, "x", "nope")
    assert info.value.key == "template.unknown_source"


def test_user_templates_dir_resolution(tmp_path):
    assert user_templates_dir("/x/y", env={}) == Path("/x/y")
    assert user_templates_dir(None, env={"TERUGBLIK_TEMPLATES": "/t"}) == Path("/t")
    assert user_templates_dir(None, env={"XDG_CONFIG_HOME": "/c"}) == Path("/c/terugblik/templates")
