"""One file per session: where the files live, how they are read, and what a conflict looks like.

Every session is the interchange JSON document in ``sessions/<id>.json`` inside the records
folder, written on one line. These files are the truth; the index (:mod:`tui.store.index`)
only remembers what was read from them. One line is a choice for git: when two laptops
change the same session, a merge cannot blend the two versions line by line into a third
that nobody wrote; git stops with a conflict around the whole document instead, and the
file then holds both versions between its markers (``<<<<<<<``, ``=======``, ``>>>>>>>``).
Such a file is read as a conflict with both versions kept (:func:`git_sides`).

Sync tools (Nextcloud, Dropbox, OneDrive, Syncthing) keep a version they could not merge
as another file next to it ("<id> (conflicted copy 2026-12-04).json",
"<id>.sync-conflict-20261204-101112-ABCDEFG.json"). Any readable file holding a session
whose id another file also holds is a version of that session: the store shows every
session with more than one version as a conflict, and the lead chooses.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from tui.core.codec import DocumentError, parse_bytes
from tui.core.model import Session
from tui.store.summaries import SessionSummary

SESSIONS_DIR = "sessions"
"""The folder inside a records folder that holds one file per session."""

STATE_DIR = ".terugblik"
"""This machine's own state inside a records folder (the index); never to be shared."""

REPLACED_DIR = "replaced"
"""Inside :data:`STATE_DIR`: versions the lead chose not to keep, kept here all the same."""

Stamp = tuple[int, int, int]
"""What tells a file changed: size, modification time (ns) and inode."""


def file_name(session_id: str) -> str:
    """The name of a session's own file."""
    return f"{session_id}.json"


def is_session_file_name(name: str) -> bool:
    """Whether a file in the sessions folder may hold a session (temp and hidden files do not)."""
    return name.endswith(".json") and not name.startswith(".")


def stamp_of(info: os.stat_result) -> Stamp:
    """The :data:`Stamp` of a file's ``stat``."""
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def session_bytes(doc: dict[str, Any]) -> bytes:
    """A valid session document as the bytes of its file: compact JSON on one line."""
    try:
        return msgspec.json.encode(doc) + b"\n"
    except (UnicodeEncodeError, msgspec.EncodeError):
        return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def elsewhere_name(session_id: str) -> str:
    """The name for a version found changed behind the store's back, kept beside the store's own."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return f"{session_id} (changed elsewhere {stamp}).json"


@dataclass
class FileEntry:
    """What was read from one file in the sessions folder (the index keeps one per file)."""

    name: str
    stamp: Stamp
    versions: list[SessionSummary] = field(default_factory=list)
    """The session it holds; both sides when git left a conflict in it; none when damaged."""
    damaged: str | None = None
    """Why the file cannot be used, or None."""
    git: bool = False
    """Whether the file holds git's conflict markers around two versions."""


def git_sides(data: bytes) -> list[bytes] | None:
    """The versions git put into a file it could not merge (ours, theirs), or None without markers.

    Lines outside a conflict belong to both sides; a common-ancestor section (``|||||||``,
    with ``merge.conflictStyle=diff3``) is left out.
    """
    if b"<<<<<<<" not in data:
        return None
    ours: list[bytes] = []
    theirs: list[bytes] = []
    where = "both"
    found = False
    for line in data.splitlines(keepends=True):
        if line.startswith(b"<<<<<<<"):
            where, found = "ours", True
        elif line.startswith(b"|||||||") and where == "ours":
            where = "base"
        elif line.startswith(b"=======") and where in ("ours", "base"):
            where = "theirs"
        elif line.startswith(b">>>>>>>") and where == "theirs":
            where = "both"
        elif where == "both":
            ours.append(line)
            theirs.append(line)
        elif where == "ours":
            ours.append(line)
        elif where == "theirs":
            theirs.append(line)
    if not found or where != "both":
        return None
    return [b"".join(ours), b"".join(theirs)]


def read_file(path: Path, stamp: Stamp, lang: str = "en") -> tuple[FileEntry, list[Session]]:
    """Read one file of the sessions folder: its entry for the index, and the sessions in it."""
    entry = FileEntry(path.name, stamp)
    try:
        data = path.read_bytes()
    except OSError as exc:
        entry.damaged = exc.strerror or str(exc)
        return entry, []
    sides = git_sides(data)
    try:
        if sides is None:
            sessions = [parse_bytes(data, str(path), lang)]
        else:
            entry.git = True
            sessions = [parse_bytes(side, str(path), lang) for side in sides]
            if sessions[0].id != sessions[1].id:
                raise DocumentError(str(path), "git merged two different sessions into one file")
    except DocumentError as exc:
        entry.damaged = exc.reason
        return entry, []
    except RecursionError:
        entry.damaged = "nested too deeply"
        return entry, []
    entry.versions = [SessionSummary.from_session(session) for session in sessions]
    return entry, sessions


def side_bytes(path: Path, side: int) -> bytes:
    """The bytes of one version in a file: the whole file, or one side of git's conflict."""
    data = path.read_bytes()
    sides = git_sides(data)
    return data if sides is None else sides[side]


def scan(folder: Path) -> dict[str, Stamp]:
    """Every candidate session file in ``folder`` with its stamp (empty when the folder is missing)."""
    found: dict[str, Stamp] = {}
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return found
    with entries:
        for item in entries:
            if not is_session_file_name(item.name):
                continue
            try:
                if item.is_file():
                    found[item.name] = stamp_of(item.stat())
            except OSError:
                continue
    return found
