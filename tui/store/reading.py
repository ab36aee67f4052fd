"""Reading a records folder: listing, finding and loading sessions, and team profiles.

Part of :class:`tui.store.records.RecordsStore` (kept apart so each module stays about one
thing). Reads never write: a list first catches up with files changed elsewhere
(:meth:`RecordsStore.refresh`), then answers from the index; a session is read from its file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.codec import DocumentError, from_document, parse_bytes, team_from_record
from tui.core.errors import UserError
from tui.core.model import Session, TeamProfile
from tui.store.entries import SESSIONS, DamagedEntry
from tui.store.folder import DB_NAME, os_error
from tui.store.index import SessionIndex
from tui.store.sessionfiles import Stamp, file_name, side_bytes, stamp_of
from tui.store.summaries import SessionSummary, entry_label, team_key


class StoreReading:
    """The reading half of the store (see the module's description)."""

    folder: Path
    sessions_dir: Path
    _mutex: threading.RLock
    _index: SessionIndex
    _legacy: dict[str, dict[str, Any]]
    _legacy_damaged: list[DamagedEntry]
    _own: dict[str, Stamp]

    refresh: Callable[[], int]
    damaged: list[tuple[str, str]]

    def get_team(self, name: str) -> TeamProfile | None:
        """A team's profile: the one saved here, or the team's latest closed session when that is newer.

        A session closed on another laptop sharing the folder thus brings its roster along.
        """
        key = team_key(name)
        with self._mutex:
            record = self._index.teams.get(key)
            closed = [s for s in self._summaries() if s.status == "closed" and team_key(s.team) == key]
        latest = max(closed, key=lambda s: _moment(s.updated_at), default=None)
        if latest is not None and (record is None or _moment(latest.updated_at) > _moment(record["updated_at"])):
            with contextlib.suppress(UserError, DocumentError):
                session = self.get_session(latest.id)
                return TeamProfile(name=session.team, roster=list(session.participants), ambition=session.ambition,
                                   facilitator=session.facilitator, updated_at=session.updated_at)
        return team_from_record(dict(record)) if record else None

    # -- reading ---------------------------------------------------------------------

    def _summaries(self) -> list[SessionSummary]:
        summaries = self._index.summaries()
        summaries += [SessionSummary.from_document(doc) for sid, doc in self._legacy.items() if sid not in self._index]
        return summaries

    def list_sessions(self) -> list[SessionSummary]:
        """All sessions, newest date first, after catching up with changed files."""
        self.refresh()
        with self._mutex:
            summaries = self._summaries()
        return sorted(summaries, key=lambda s: (s.date, s.updated_at), reverse=True)

    def resolve_id(self, ref: str) -> str:
        """Turn a full id or a unique prefix of one into the full id."""
        ref = ref.strip().lower()
        if not ref:
            raise UserError("store.not_found", ref=ref)
        with self._mutex:
            matches = [sid for sid in [*self._index.ids(), *self._legacy] if sid.startswith(ref)]
        matches = list(dict.fromkeys(matches))
        if not matches:
            for label, reason in self.damaged:
                if label.startswith(ref):
                    raise UserError("store.damaged_session", id=label, reason=reason)
            raise UserError("store.not_found", ref=ref)
        if len(matches) > 1:
            raise UserError("store.ambiguous", ref=ref, count=len(matches))
        return matches[0]

    def get_session(self, ref: str) -> Session:
        """Load a session by id or unique id prefix (its first version, when there are several)."""
        return self._read_session(self.resolve_id(ref), ref)

    def _read_session(self, session_id: str, ref: str) -> Session:
        """Load the session with exactly this id (see :meth:`get_session`).

        Reading every session goes through here directly: resolving an id scans every id,
        which for each of thousands of sessions made reading them all quadratic.
        """
        with self._mutex:
            versions = self._index.versions(session_id)
        if not versions:
            return from_document(dict(self._legacy[session_id]), source=str(self.folder / DB_NAME))
        name, side, _ = versions[0]
        path = self.sessions_dir / name
        try:
            stamp = stamp_of(os.stat(path))
            session = parse_bytes(side_bytes(path, side), str(path))
            if name == file_name(session_id) and not self._index.files[name].git:
                with self._mutex:  # the version the next save of this session replaces
                    self._own[name] = stamp
            return session
        except FileNotFoundError:
            self.refresh()
            raise UserError("store.not_found", ref=ref) from None
        except OSError as exc:
            raise os_error(exc, path, reading=True) from None

    def has_session(self, session_id: str) -> bool:
        """Whether a session with exactly this id is stored."""
        with self._mutex:
            return session_id in self._index or session_id in self._legacy

    def all_sessions(self) -> tuple[list[Session], list[tuple[str, str]]]:
        """Every stored session in one pass, plus (file, reason) for any that cannot be read."""
        sessions: list[Session] = []
        with self._mutex:
            problems = [(entry_label(e), e.reason) for e in self._legacy_damaged if e.table == SESSIONS]
            problems += [(str(self.sessions_dir / e.name), e.damaged or "") for e in self._index.damaged()]
        for summary in self.list_sessions():
            try:
                sessions.append(self._read_session(summary.id, summary.id))
            except (UserError, DocumentError) as exc:
                problems.append((summary.id, exc.message("en") if isinstance(exc, UserError) else exc.reason))
        return sessions, problems

    def sessions_of_team(self, team: str) -> list[Session]:
        """The team's sessions (name matched loosely), oldest first."""
        key = team_key(team)
        with self._mutex:
            ids = [s.id for s in self._summaries() if team_key(s.team) == key]
        sessions = [self._read_session(sid, sid) for sid in ids]
        sessions.sort(key=lambda s: (s.date, s.created_at))
        return sessions

    def previous_session(self, session: Session) -> Session | None:
        """The team's latest session before this one, for check-in."""
        earlier = [s for s in self.sessions_of_team(session.team) if s.id != session.id]
        earlier = [s for s in earlier if (s.date, s.created_at) <= (session.date, session.created_at)]
        return earlier[-1] if earlier else None

    def team_names(self) -> list[str]:
        """Every team known from profiles or sessions, for suggestions."""
        with self._mutex:
            names = {key: r["name"] for key, r in self._index.teams.items()}
            for summary in self._summaries():
                names.setdefault(team_key(summary.team), summary.team)
        return sorted(names.values(), key=str.casefold)


def _moment(timestamp: str) -> dt.datetime:
    """A timestamp as a comparable moment (a naive one counts as UTC)."""
    try:
        moment = dt.datetime.fromisoformat(timestamp)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
