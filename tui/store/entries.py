"""Checking the entries of a records database one by one, so one broken entry hides nothing else.

A database file can be valid JSON of the right outer shape (tables of numbered entries) and
still hold entries the code cannot use: a session document that fails validation, an entry
that is not an object, a team profile whose roster is not a list. :func:`split_damaged`
takes those out and names each with its reason; the store then works with the rest, and
a writer first sets the whole file aside (see :mod:`tui.store.storage`), so nothing is lost
and no write carries a broken entry along unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tui.core import model
from tui.core.codec import DocumentError, valid_document

_DOC_ID = re.compile(r"[0-9]{1,18}")
"""What TinyDB can turn into a document id (it calls ``int`` on every key of a table)."""

SESSIONS, TEAMS, SETTINGS = "sessions", "teams", "settings"
"""The tables the store reads; any other table is carried along untouched."""


@dataclass(frozen=True)
class DamagedEntry:
    """One entry of the database that cannot be used, and why."""

    table: str
    key: str
    """The entry's key in its table (TinyDB's document id, as written in the file)."""
    session_id: str | None
    """The session's id when the entry is a session that names one, else None."""
    reason: str


def _problem_in_participant(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "a roster entry is not an object"
    for name in ("id", "name", "organisation", "role"):
        if not isinstance(item.get(name), str):
            return f"roster: {name} is not text"
    if item["role"] not in model.ROLES:
        return "roster: unknown role"
    if item.get("perspective") is not None and item.get("perspective") not in model.PERSPECTIVES:
        return "roster: unknown perspective"
    if not isinstance(item.get("present"), bool):
        return "roster: present is not true or false"
    return None


def _problem_in_team(record: dict[str, Any]) -> str | None:
    if not isinstance(record.get("name"), str):
        return "name is not text"
    for name in ("key", "ambition", "facilitator", "updated_at"):
        if not isinstance(record.get(name, ""), str):
            return f"{name} is not text"
    roster = record.get("roster", [])
    if not isinstance(roster, list):
        return "roster is not a list"
    for item in roster:
        problem = _problem_in_participant(item)
        if problem:
            return problem
    return None


def team_problem(record: dict[str, Any]) -> str | None:
    """Why a stored team profile cannot be used, or None."""
    return _problem_in_team(record)


def _problem_in_setting(record: dict[str, Any]) -> str | None:
    if not isinstance(record.get("name"), str) or not isinstance(record.get("value"), str):
        return "name or value is not text"
    return None


def _check_table(name: str, table: dict[str, Any], damaged: list[DamagedEntry]) -> dict[str, Any]:
    """The usable entries of one table; the others are added to ``damaged``."""
    kept: dict[str, Any] = {}
    session_ids: dict[str, str] = {}
    for key, entry in table.items():
        session_id = entry.get("id") if name == SESSIONS and isinstance(entry, dict) else None
        session_id = session_id if isinstance(session_id, str) else None
        reason = None
        if not _DOC_ID.fullmatch(key):
            reason = "its entry number is not a number"
        elif not isinstance(entry, dict):
            reason = "not an object"
        elif name == SESSIONS:
            try:
                valid_document(entry, f"entry {key}")
            except DocumentError as exc:
                reason = exc.reason
            except RecursionError:
                reason = "nested too deeply"
            if reason is None and session_id in session_ids:
                reason = f"a second copy of the session in entry {session_ids[session_id]}"
        elif name == TEAMS:
            reason = _problem_in_team(entry)
        elif name == SETTINGS:
            reason = _problem_in_setting(entry)
        if reason is None:
            kept[key] = entry
            if session_id is not None:
                session_ids[session_id] = key
        else:
            damaged.append(DamagedEntry(name, key, session_id, reason))
    return kept


def split_damaged(tables: dict[str, Any]) -> tuple[dict[str, Any], list[DamagedEntry]]:
    """The database without the entries the store cannot use, and those entries with their reasons.

    Tables other than sessions, teams and settings are returned as they are. The input is
    not changed.
    """
    damaged: list[DamagedEntry] = []
    clean = {name: _check_table(name, table, damaged) if name in (SESSIONS, TEAMS, SETTINGS) else table
             for name, table in tables.items()}
    return clean, damaged
