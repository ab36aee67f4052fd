"""The small records of a records folder: where it is, how teams match, summaries, import reports.

Kept apart from :mod:`tui.store.records` (which re-exports them) so that module stays about
the store itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.text import shorten
from tui.store.entries import DamagedEntry

ENV_RECORDS = "TERUGBLIK_RECORDS"
"""Environment variable naming the records folder when ``--records`` is not given."""


def default_records_folder(env: dict[str, str] | None = None) -> Path:
    """``$TERUGBLIK_RECORDS`` when set, else ``./records``."""
    env = os.environ if env is None else env
    return Path(env.get(ENV_RECORDS) or "records")


def team_key(name: str) -> str:
    """Normalise a team name so "Wijkteam  oost" and "wijkteam Oost" are the same team."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class SessionSummary:
    """The few fields of a session needed to list it, read without decoding the whole session."""

    id: str
    team: str
    date: str
    title: str
    status: str
    current_phase: str
    updated_at: str
    notes: int
    versions: int = 1
    """How many versions of the session the folder holds; more than one is a conflict to resolve."""

    @classmethod
    def from_session(cls, session: Any) -> SessionSummary:
        """Pick the summary fields out of a session."""
        return cls(
            id=session.id,
            team=session.team,
            date=session.date.isoformat(),
            title=session.title,
            status=session.status,
            current_phase=session.current_phase,
            updated_at=session.updated_at,
            notes=len(session.goes_well) + len(session.frictions),
        )

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> SessionSummary:
        """Pick the summary fields out of a stored session document."""
        return cls(
            id=doc["id"],
            team=doc["team"],
            date=doc["date"],
            title=doc["title"],
            status=doc["status"],
            current_phase=doc["current_phase"],
            updated_at=doc["updated_at"],
            notes=len(doc["goes_well"]) + len(doc["frictions"]),
        )


def entry_label(entry: DamagedEntry) -> str:
    """A damaged entry as a user can find it again: the session id when it has one."""
    if entry.session_id is not None:
        return shorten(entry.session_id, 40)
    return f"{entry.table}/{shorten(entry.key, 40)}"


@dataclass
class ImportReport:
    """What an import did with each file: imported, already present, or skipped and why."""

    imported: list[tuple[Path, str]] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    folders: list[tuple[Path, int]] = field(default_factory=list)
    """Each folder given, with the number of .json files found in it (searched recursively)."""
