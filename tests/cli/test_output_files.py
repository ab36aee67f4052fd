"""``-o`` naming a special file writes into it; only regular files (and new paths) are replaced atomically.

Run as root, replacing ``/dev/null`` by a regular file would break the machine, so the code
path is proven on a FIFO and on a symbolic link to ``/dev/null`` in a temporary folder first;
the test on ``/dev/null`` itself runs only when those passed (tests in a module run in order).
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

from tests.sample import full_session
from tui.cli import main
from tui.store.records import RecordsStore

PROVEN: set[str] = set()
"""Names of the tests that showed special files are written into, not replaced."""


@pytest.fixture
def records(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("TERUGBLIK_RECORDS", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    folder = tmp_path / "records"
    with RecordsStore.open(folder) as store:
        store.save_session(full_session())
    return folder


class FifoReader:
    """Reads everything written into a FIFO, from a thread, without ever blocking the test."""

    def __init__(self, path: Path):
        os.mkfifo(path)
        self.path = path
        # Opened for reading now (non-blocking), so a writer's open() does not wait for us.
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.chunks: list[bytes] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _read(self) -> bytes:
        try:
            return os.read(self.fd, 65536)
        except BlockingIOError:
            return b""

    def _drain(self) -> None:
        while not self.done.is_set():
            chunk = self._read()
            if chunk:
                self.chunks.append(chunk)
            else:
                time.sleep(0.005)
        while chunk := self._read():
            self.chunks.append(chunk)

    def result(self) -> bytes:
        """Stop reading and return what was read."""
        self.done.set()
        self.thread.join()
        os.close(self.fd)
        return b"".join(self.chunks)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [["export", full_session().id, "--format", "md"], ["compare", "--format", "md"]])
def test_output_into_a_fifo_is_written_into_it(capsys, records, tmp_path, command):
    reader = FifoReader(tmp_path / "pipe")
    code, out, err = run(capsys, "--records", str(records), *command, "-o", str(reader.path))
    data = reader.result()
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(reader.path).st_mode)  # still a FIFO, not a regular file
    assert data.startswith(b"# ") and str(reader.path) in out
    PROVEN.add(f"fifo-{command[0]}")


@pytest.mark.parametrize("command", [["export", full_session().id, "--format", "json"], ["compare"]])
def test_output_through_a_link_to_a_device_keeps_the_link_and_the_device(capsys, records, tmp_path, command):
    link = tmp_path / "null-link"
    link.symlink_to(os.devnull)
    code, _, err = run(capsys, "--records", str(records), *command, "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(link).st_mode)
    assert not [p for p in Path(os.devnull).parent.glob(".tmp-*")]  # no temp file left next to the device
    PROVEN.add(f"link-{command[0]}")


def test_output_through_a_link_to_a_regular_file_replaces_the_target_and_keeps_the_link(capsys, records, tmp_path):
    target = tmp_path / "verslag.md"
    target.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    code, _, err = run(capsys, "--records", str(records), "export", full_session().id, "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and target.read_text().startswith("# ")


def test_output_to_a_new_or_regular_file_is_still_atomic(capsys, records, tmp_path):
    target = tmp_path / "verslag.md"
    target.write_text("old")
    inode = target.stat().st_ino
    code, _, _ = run(capsys, "--records", str(records), "export", full_session().id, "-o", str(target))
    assert code == 0 and target.read_text().startswith("# ")
    assert target.stat().st_ino != inode  # replaced by rename, never torn


@pytest.mark.skipif(not Path(os.devnull).exists() or os.name != "posix", reason="needs a POSIX /dev/null")
@pytest.mark.parametrize("command", [["export", full_session().id, "--format", "html"], ["compare", "--format", "json"]])
def test_output_to_dev_null_leaves_it_a_character_device(capsys, records, command):
    if not {"fifo-export", "fifo-compare", "link-export", "link-compare"} <= PROVEN:
        pytest.skip("the FIFO and link tests must pass first: they prove /dev/null is not replaced")
    before = os.stat(os.devnull)
    code, _, err = run(capsys, "--records", str(records), *command, "-o", os.devnull)
    assert code == 0, err
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev
