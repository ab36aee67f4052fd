"""Reading many session files gives the same results, in the same order, however the work is shared."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.sample import full_session
from tui.core import codec
from tui.core.codec import DocumentError
from tui.store import read_many


def _folder(tmp_path: Path, count: int) -> list[Path]:
    """``count`` files: mostly valid sessions, with damaged, foreign and invalid ones in between."""
    files = []
    for number in range(count):
        path = tmp_path / f"{number:04d}.json"
        if number % 7 == 3:
            path.write_text("{ not json", "utf-8")
        elif number % 11 == 5:
            path.write_text('{"format": "something-else"}', "utf-8")
        elif number % 13 == 6:
            path.write_bytes(b"\xff\xfe broken")
        else:
            session = full_session()
            session.id = f"{number:08x}"
            session.team = f"Team {number % 5}"
            path.write_text(codec.dumps(session), "utf-8")
        files.append(path)
    return files


def _summary(results: list[read_many.Result]) -> list[tuple]:
    return [("error", r.source, r.reason) if isinstance(r, DocumentError) else ("session", codec.to_document(r))
            for r in results]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helper processes are forked")
@pytest.mark.parametrize("helpers", [1, 2])
def test_shared_reading_equals_reading_here(tmp_path, helpers):
    files = _folder(tmp_path, 60)
    here = read_many._read_here(files, "nl")
    shared = read_many._read_shared(files, "nl", helpers)
    assert _summary(shared) == _summary(here)
    assert sum(isinstance(r, DocumentError) for r in here) >= 10
    assert all(isinstance(r, DocumentError) == (f.read_bytes()[:1] != b"{" or b"something-else" in f.read_bytes()
                                                or b"not json" in f.read_bytes())
               for f, r in zip(files, here))


def _die(names: list[str], lang: str) -> bytes:
    """A helper process that ends without an answer (killed, out of memory)."""
    os._exit(3)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="helper processes are forked")
def test_a_helper_that_dies_is_replaced_by_reading_here(tmp_path, monkeypatch):
    files = _folder(tmp_path, 20)
    expected = _summary(read_many._read_here(files, "en"))
    monkeypatch.setattr(read_many, "_read_in_helper", _die)
    assert _summary(read_many._read_shared(files, "en", 1)) == expected


def test_no_helpers_when_they_cannot_be_started(tmp_path, monkeypatch):
    files = _folder(tmp_path, 10)
    expected = _summary(read_many._read_here(files, "en"))

    def refuse(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    assert _summary(read_many._read_shared(files, "en", 1)) == expected


def test_no_helpers_for_few_files_or_beside_other_threads(monkeypatch):
    monkeypatch.setattr(read_many.os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    threads = threading.active_count()  # a test runner may have threads of its own
    monkeypatch.setattr(read_many.threading, "active_count", lambda: 1)
    assert read_many.helper_count(10) == 0
    if read_many.sys.platform.startswith("linux"):
        assert read_many.helper_count(100_000) == read_many.MAX_HELPERS
        assert read_many.helper_count(2 * read_many.MIN_FILES_PER_HELPER) == 2
    monkeypatch.setattr(read_many.threading, "active_count", lambda: threads + 1)
    assert read_many.helper_count(100_000) == 0  # forking beside a running thread is never safe


def test_progress_is_reported_while_reading_here(tmp_path):
    files = _folder(tmp_path, 230)
    seen: list[tuple[int, int]] = []
    results = read_many.read_sessions(files, "en", progress=lambda done, total: seen.append((done, total)))
    assert len(results) == 230
    assert seen == [(100, 230), (200, 230), (230, 230)]
