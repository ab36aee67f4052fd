"""Gathering sessions to compare: the records store plus files from other laptops.

Every file that cannot be used is listed once with its reason (not a session, damaged,
newer format, the same session twice), and team names that differ only in case or
spacing are merged with a note; the rest is always returned.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.codec import DocumentError, load_file
from tui.core.compare import collector_paused, team_key
from tui.core.errors import UserError
from tui.core.i18n import t
from tui.core.model import Session
from tui.store.folder import DB_NAME, session_files
from tui.store.records import RecordsStore
from tui.store.sessionfiles import SESSIONS_DIR


@dataclass
class Gathered:
    """The sessions found, and what was skipped or merged, each with its reason."""

    sessions: list[Session] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)


def _moment(timestamp: str) -> dt.datetime:
    """A timestamp as a comparable moment, whatever its UTC offset."""
    return dt.datetime.fromisoformat(timestamp)


def gather(
    records: Path | None,
    paths: Iterable[Path] = (),
    lang: str = "en",
    progress: Callable[[int, int], None] | None = None,
) -> Gathered:
    """Read the sessions of a records folder (if given and present) and of the given files and folders."""
    with collector_paused():
        return _gather(records, list(paths), lang, progress)


def _gather(records: Path | None, paths: list[Path], lang: str,
            progress: Callable[[int, int], None] | None) -> Gathered:
    found: dict[str, tuple[Session, str]] = {}
    result = Gathered()

    def add(session: Session, source: str) -> None:
        earlier = found.get(session.id)
        if earlier is None:
            found[session.id] = (session, source)
            return
        if session == earlier[0]:
            return  # the very same version twice (a records folder's own file and its export): nothing to say
        # The same session twice (e.g. from two laptops): keep the most recently changed copy.
        keep, drop = earlier, (session, source)
        if _moment(session.updated_at) > _moment(earlier[0].updated_at):
            keep, drop = drop, keep
        found[session.id] = keep
        result.skipped.append((drop[1], t("compare.duplicate", lang, id=session.id[:8], other=keep[1])))

    if records is not None and ((records / DB_NAME).exists() or (records / SESSIONS_DIR).exists()):
        try:
            with RecordsStore.open(records, read_only=True) as store:
                stored, problems = store.all_sessions()
            source = str(records / (DB_NAME if store.legacy else SESSIONS_DIR))
            for session in stored:
                add(session, source if store.legacy else str(records / SESSIONS_DIR / f"{session.id}.json"))
            for where, reason in problems:
                result.skipped.append((f"{source} ({where})" if store.legacy else where, reason))
        except (UserError, DocumentError) as exc:
            message = exc.message(lang) if isinstance(exc, UserError) else str(exc)
            result.skipped.append((str(records / DB_NAME), message))
    files = session_files(paths)
    for number, file in enumerate(files, start=1):
        try:
            add(load_file(file, lang), str(file))
        except DocumentError as exc:
            result.skipped.append((str(file), exc.reason))
        if progress is not None and (number % 100 == 0 or number == len(files)):
            progress(number, len(files))
    result.sessions = [session for session, _ in found.values()]
    spellings: dict[str, set[str]] = defaultdict(set)
    for session in result.sessions:
        spellings[team_key(session.team)].add(session.team)
    for names in spellings.values():
        if len(names) > 1:
            ordered = sorted(names)
            result.merged.append((" / ".join(repr(n) for n in ordered),
                                  t("compare.merged_team", lang, names=", ".join(repr(n) for n in ordered))))
    return result
