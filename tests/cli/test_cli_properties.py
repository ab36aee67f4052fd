"""Generated hostile session files and databases through every command: one clear line, never a traceback.

Each example builds a session file (and, in the second test, a records database) whose string
fields hold hostile text (markup, terminal and bidi controls, Markdown/HTML syntax, long
values, combining marks), and spoils some of it: a huge integer, deep nesting, a wrong type,
a key twice, a lone surrogate, a broken database entry. Every command then runs on it, in
process, with standard output and error captured. Each run must end with exit code 0 or 1,
every line on standard error starting with ``terugblik:``, no traceback, and no ESC, BEL,
C1 control or bidi embedding/override in what was printed; the good file among the bad
ones is always imported.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tests.strategies import hostile_names, hostile_texts
from tui.cli import main
from tui.core import codec
from tui.store.records import DB_NAME

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")
"""What must never be printed raw: C0 (but tab and newline), DEL, C1, bidi embeddings and overrides."""

GOOD = full_session()
GOOD_ID = GOOD.id

SPOILS = ("none", "huge int", "deep nesting", "wrong type", "duplicate key", "lone surrogate", "missing field",
          "huge float", "NaN")


FREE_TEXT = frozenset({"team", "title", "facilitator", "ambition", "name", "organisation", "text", "why",
                       "category", "who_can_help", "what", "wording", "rationale", "note"})
"""Fields people type: hostile text there still makes a valid session, so it reaches every output."""


def _strings_replaced(value: Any, texts: list[str], counter: list[int], every: bool, key: str = "") -> Any:
    """``value`` with its strings (all, or those of free-text fields) replaced by hostile texts in turn."""
    if isinstance(value, str):
        if not every and key not in FREE_TEXT:
            return value
        counter[0] += 1
        return texts[counter[0] % len(texts)]
    if isinstance(value, dict):
        return {name: _strings_replaced(item, texts, counter, every, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_strings_replaced(item, texts, counter, every, key) for item in value]
    return value


@st.composite
def session_files(draw: st.DrawFn) -> bytes:
    """The bytes of a session file with hostile text in its string fields and perhaps one spoil."""
    doc = codec.to_document(full_session())
    texts = draw(st.lists(hostile_texts, min_size=1, max_size=8))
    doc = _strings_replaced(doc, texts, [draw(st.integers(0, 7))], every=draw(st.sampled_from([False] * 4 + [True])))
    doc["id"] = draw(st.sampled_from(["a" * 32, f"{len(texts):032x}"] * 3 + [draw(hostile_names)]))
    spoil = draw(st.sampled_from(SPOILS[:1] * 6 + SPOILS[1:]))  # half of the files are valid sessions
    marker = "\ue000SPOIL\ue000"
    field = draw(st.sampled_from(["worth_score", "team", "frictions", "schema_version", "overall"]))
    if spoil in ("huge int", "deep nesting", "huge float", "NaN"):
        doc[field] = marker
    elif spoil == "wrong type":
        doc[field] = draw(st.sampled_from([[], {}, 3.5, True, None, "x", [{"id": 1}]]))
    elif spoil == "lone surrogate":
        doc[field] = "abc\ud800" if draw(st.booleans()) else ["\udfff"]
    elif spoil == "missing field":
        doc.pop(field)
    text = json.dumps(doc, ensure_ascii=spoil == "lone surrogate", indent=draw(st.sampled_from([None, 2])))
    if spoil == "huge int":
        text = text.replace(json.dumps(marker), "9" * draw(st.integers(4300, 20000)))
    elif spoil == "deep nesting":
        depth = draw(st.integers(50, 100_000))
        text = text.replace(json.dumps(marker), "[" * depth + "]" * depth)
    elif spoil == "huge float":
        text = text.replace(json.dumps(marker), "1e" + "9" * draw(st.integers(3, 400)))
    elif spoil == "NaN":
        text = text.replace(json.dumps(marker), draw(st.sampled_from(["NaN", "Infinity", "-Infinity"])))
    elif spoil == "duplicate key":
        text = text.replace("{", '{"' + field + '": 1, ', 1)
    return text.encode("utf-8")


@st.composite
def databases(draw: st.DrawFn) -> bytes:
    """A records database of the right outer shape: good, hostile and broken entries."""
    sessions: dict[str, Any] = {"1": codec.to_document(full_session())}
    for number in range(2, draw(st.integers(2, 5))):
        kind = draw(st.sampled_from(["hostile file", "not an object", "missing field", "bad key"]))
        if kind == "hostile file":
            try:
                sessions[str(number)] = json.loads(draw(session_files()))
            except (ValueError, RecursionError):
                sessions[str(number)] = draw(hostile_texts)
        elif kind == "not an object":
            sessions[str(number)] = draw(st.sampled_from([[], "x", 5, None]))
        elif kind == "missing field":
            doc = codec.to_document(full_session()) | {"id": f"{number:032x}"}
            doc.pop(draw(st.sampled_from(sorted(doc))))
            sessions[str(number)] = doc
        else:
            sessions[draw(hostile_texts)] = codec.to_document(full_session()) | {"id": f"{number:032x}"}
    teams = {"1": {"name": draw(hostile_names), "key": "k",
                   "roster": draw(st.sampled_from([[], "x", [{"name": 3}], [None]]))}}
    settings_table = {"1": {"name": "theme", "value": draw(st.sampled_from(["dark", 3, None, ["x"]]))}}
    tables = {"sessions": sessions, "teams": teams, "settings": settings_table}
    try:
        return json.dumps(tables, ensure_ascii=draw(st.booleans())).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a hostile file: only an escape can hold it
        return json.dumps(tables, ensure_ascii=True).encode("utf-8")


def cli(*args: str) -> tuple[int, str, str]:
    """Run the CLI in process; check the properties every run must have; return code, out, err."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # usage errors only
            code = exit_.code
    stdout, stderr = out.getvalue(), err.getvalue()
    assert code in (0, 1, 2), (args, code, stderr)
    assert "Traceback" not in stdout + stderr
    for line in stderr.splitlines():
        assert line.startswith("terugblik: "), (args, line)
    assert not RAW.search(stdout), (args, RAW.search(stdout))
    assert not RAW.search(stderr), (args, RAW.search(stderr))
    return code, stdout, stderr


def every_command(records: Path, paths: list[Path]) -> None:
    """list, list --json, show/export of every stored session in every format, compare in every format."""
    code, out, _ = cli("--records", str(records), "list", "--json")
    ids = [row["id"] for row in json.loads(out)] if code == 0 else []
    cli("--records", str(records), "list")
    for session_id in ids:
        cli("--records", str(records), "show", session_id)
        cli("--records", str(records), "show", session_id, "--anonymise")
        for fmt in ("md", "html", "json"):
            cli("--records", str(records), "export", session_id, "--format", fmt, "-o", "-")
    cli("--records", str(records), "show", "0")
    for fmt in ("text", "md", "html", "json"):
        cli("--records", str(records), "compare", "--format", fmt, *map(str, paths))


def write_good_file(folder: Path) -> Path:
    path = folder / "good.json"
    path.write_text(codec.dumps(GOOD), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(session_files(), min_size=1, max_size=3), team=hostile_names, title=hostile_texts)
def test_hostile_session_files_through_every_command(files: list[bytes], team: str, title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inbox = root / "inbox"
        inbox.mkdir()
        paths = [write_good_file(inbox)]
        for number, data in enumerate(files):
            paths.append(inbox / f"hostile-{number}.json")
            paths[-1].write_bytes(data)
        records = root / "records"
        code, out, _ = cli("--records", str(records), "import", *map(str, reversed(paths)))
        assert code in (0, 1)
        stored = [json.loads(path.read_bytes())["id"] for path in (records / "sessions").glob("*.json")]
        assert GOOD_ID in stored  # the good file is imported whatever came before it
        cli("--records", str(records), "new", f"--team={team}", f"--title={title}", f"--facilitator={title}")
        every_command(records, [inbox])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(database=databases(), team=hostile_names)
def test_hostile_databases_through_every_command(database: bytes, team: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        records = root / "records"
        records.mkdir(mode=0o700)
        (records / DB_NAME).write_bytes(database)
        every_command(records, [])  # read-only: the database as it is
        inbox = root / "inbox"
        inbox.mkdir()
        cli("--records", str(records), "import", str(write_good_file(inbox)))
        cli("--records", str(records), "new", f"--team={team}")
        code, out, err = cli("--records", str(records), "list", "--json")
        assert code == 0 and err == ""  # the first writer set the damage aside; the rest is clean
        assert GOOD_ID in [row["id"] for row in json.loads(out)]
        every_command(records, [])


def test_a_few_real_runs_of_the_installed_command(tmp_path):
    """The same properties through a real process: its own stdout/stderr, exit codes, no traceback."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_good_file(inbox)
    doc = codec.to_document(full_session()) | {"id": "b" * 32, "team": "T\x1b]0;x\x07\u202e\x9b"}
    (inbox / "hostile.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (inbox / "huge.json").write_text(json.dumps(doc).replace('"worth_score": 4', '"worth_score": ' + "9" * 5000))
    (inbox / "twice.json").write_text('{"id": 1, "id": 2}')
    (inbox / "empty.json").write_bytes(b"")
    (inbox / "dir.json").mkdir()
    env = os.environ | {"TERUGBLIK_RECORDS": str(tmp_path / "records"), "LANG": "en_US.UTF-8"}
    env.pop("LC_ALL", None)
    for args, expected in ((["import", str(inbox)], 1), (["list"], 0), (["list", "--json"], 0),
                           (["show", "bbbb"], 0), (["compare"], 0), (["export", "b" * 32, "--format", "json", "-o", "-"], 0),
                           (["show", "zz\x1b[2J"], 1), (["list", "--nope"], 2)):
        result = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, env=env, timeout=120)
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
        assert result.returncode == expected, (args, err)
        assert "Traceback" not in out + err
        assert all(line.startswith("terugblik: ") for line in err.splitlines()), err
        assert not RAW.search(out) and not RAW.search(err), args
