"""Two laptops share one records folder through a real git repository: nothing conflicts but a real conflict.

A bare repository in the test's folder stands for the server; two clones are the laptops.
Each laptop adds and closes sessions through the store, commits, pulls and pushes. Sessions
are separate files, so work on different sessions always merges without a conflict. When
both laptops change the same session, git stops with a conflict in that session's file; the
file holds both versions between git's markers, and the store shows both and keeps the one
the lead chooses (then the merge is committed as usual).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tui.cli import main
from tui.store.records import RecordsStore

from .helpers import keys, make_session

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GITIGNORE = ".terugblik.lock\n"
"""What a shared records folder keeps out of git (``.terugblik/`` ignores itself)."""


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = os.environ | {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}
    result = subprocess.run(["git", "-c", "user.name=Laptop", "-c", "user.email=laptop@example.org",
                             "-c", "pull.rebase=false", "-c", "init.defaultBranch=main", *args],
                            cwd=folder, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result


def sync(laptop: Path, message: str) -> subprocess.CompletedProcess:
    """Commit everything, pull (merging), push; returns the pull (which may stop at a conflict)."""
    git(laptop, "add", "-A")
    git(laptop, "commit", "-q", "-m", message, check=False)  # nothing to commit is fine
    if not git(laptop, "ls-remote", "--heads", "origin", "main").stdout:  # the very first push
        git(laptop, "push", "-q", "origin", "HEAD:main")
        return git(laptop, "status", "-s")
    pulled = git(laptop, "pull", "-q", "--no-edit", "origin", "main", check=False)
    if pulled.returncode == 0:
        git(laptop, "push", "-q", "origin", "HEAD:main")
    return pulled


def unmerged(laptop: Path) -> list[str]:
    return git(laptop, "diff", "--name-only", "--diff-filter=U").stdout.split()


def close_sessions(laptop: Path, *titles: str) -> list[str]:
    """Add and close sessions on a laptop through the store (minutes written, as closing does)."""
    ids = []
    with RecordsStore.open(laptop) as store:
        for title in titles:
            session = make_session(team=f"Team {title[0]}", title=title)
            session.status = "closed"
            store.save_session(session)
            store.write_minutes(session)
            ids.append(session.id)
    return ids


def listed(laptop: Path, capsys) -> dict[str, dict]:
    code = main(["--lang", "en", "--records", str(laptop), "list", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    return {row["id"]: row for row in json.loads(out)}


def retitle(laptop: Path, session_id: str, title: str) -> None:
    with RecordsStore.open(laptop) as store:
        session = store.get_session(session_id)
        session.title = title
        store.save_session(session)


def test_two_laptops_share_a_folder_through_git(tmp_path: Path, capsys) -> None:
    remote = tmp_path / "server.git"
    remote.mkdir()
    git(remote, "init", "-q", "--bare")
    a, b = tmp_path / "laptop-a", tmp_path / "laptop-b"
    git(tmp_path, "clone", "-q", str(remote), a.name)
    (a / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    ids = close_sessions(a, "A1", "A2")
    assert sync(a, "A: two sessions").returncode == 0
    git(tmp_path, "clone", "-q", str(remote), b.name)

    ids += close_sessions(b, "B1", "B2")
    assert sync(b, "B: two sessions").returncode == 0
    assert sync(a, "A: pull").returncode == 0
    for round_ in range(3):  # both work at once, then meet: real merges, never a conflict
        ids += close_sessions(a, f"A-r{round_}")
        ids += close_sessions(b, f"B-r{round_}")
        assert sync(a, f"A: round {round_}").returncode == 0
        assert sync(b, f"B: round {round_}").returncode == 0, unmerged(b)
        assert unmerged(a) == unmerged(b) == []
    assert sync(a, "A: pull").returncode == 0
    assert set(listed(a, capsys)) == set(listed(b, capsys)) == set(ids)
    assert "index.json" not in git(a, "ls-files").stdout  # each laptop's cache stays its own

    # The same session changed on both laptops: git stops, and both versions are kept and shown.
    shared = ids[0]
    retitle(a, shared, "A1, changed on laptop A")
    retitle(b, shared, "A1, changed on laptop B")
    assert sync(a, "A: retitle").returncode == 0
    pulled = sync(b, "B: retitle")
    assert pulled.returncode != 0 and unmerged(b) == [f"sessions/{shared}.json"]
    code = main(["--lang", "en", "--records", str(b), "list"])
    out, err = capsys.readouterr()
    assert code == 0 and "⚠ 2 versions: choose one on Home (v)" in out and "more than one version" in err
    with RecordsStore.open(b) as store:
        assert "store.conflicts" in keys(store.warnings)
        row = {s.id: s for s in store.list_sessions()}[shared]
        assert row.versions == 2
        versions = store.conflict_versions(shared)
        assert [s.title for _, s in versions] == ["A1, changed on laptop B", "A1, changed on laptop A"]
        assert [file.split(" ")[-1] for file, _ in versions] == ["(ours)", "(theirs)"]
        assert len(store.list_sessions()) == len(ids)  # nothing else is affected
        store.resolve_conflict(shared, 1)  # the lead keeps laptop A's version
    git(b, "add", "-A")
    git(b, "commit", "-q", "--no-edit")
    assert sync(b, "B: merged").returncode == 0
    assert sync(a, "A: pull").returncode == 0
    for laptop in (a, b):
        rows = listed(laptop, capsys)
        assert set(rows) == set(ids)
        assert rows[shared]["title"] == "A1, changed on laptop A" and rows[shared]["versions"] == 1
    # laptop B's version is not thrown away: it waits in B's own .terugblik/replaced
    kept = [p.read_text(encoding="utf-8") for p in (b / ".terugblik" / "replaced").iterdir()]
    assert any("changed on laptop B" in text for text in kept)
