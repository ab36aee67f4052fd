"""The retrospective session model: plain dataclasses, no I/O, no UI.

A :class:`Session` is everything said in one retrospective of a care network. The
model is deliberately dumb data; checking it happens in :mod:`tui.core.validation`
and turning it into the JSON interchange format in :mod:`tui.core.codec`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from dataclasses import dataclass, field

ROLES = (
    "gp",
    "practice_nurse",
    "district_nurse",
    "home_care",
    "informal_carer",
    "client",
    "social_district_team",
    "welfare",
    "volunteer",
    "municipality",
    "other",
)
"""Roles a participant can have in the care network."""

PERSPECTIVES = ("connector", "expert", "listener", "rebel", "talker")
"""The five perspectives on collaboration a participant may bring."""

REVIEW_OUTCOMES = ("done", "partly", "not_done", "dropped")
"""How an action of the previous session turned out, decided at check-in."""

ACTION_STATUSES = ("open",) + REVIEW_OUTCOMES
"""The life of an action item: open until a later check-in reviews it."""

INFLUENCE = ("within", "outside")
"""Whether a friction lies within the group's own influence."""

NOTE_DECISIONS = ("keep", "adjust", "stop")
"""What the group decides to do with a note."""

OVERALL_DECISIONS = ("continue", "adjust_plan", "stop")
"""The decision on the collaboration itself, taken at close."""

STATUSES = ("in_progress", "closed")
"""Whether a session is still running or finished."""

LANGUAGES = ("nl", "en")
"""Languages a session (and its minutes) can be held in."""

PHASES = (
    "setup",
    "checkin",
    "goes_well",
    "frictions",
    "influence",
    "decide",
    "actions",
    "close",
)
"""The phases of a retrospective, in order."""


def new_id() -> str:
    """Return a fresh random identifier (32 hex digits) for a session."""
    return uuid.uuid4().hex


def new_item_id() -> str:
    """Return a short random identifier for an item inside a session."""
    return uuid.uuid4().hex[:12]


def slugify(text: str) -> str:
    """Turn a team name into a file-name-safe slug ("Wijkteam Oost" -> "wijkteam-oost")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].strip("-") or "team"


def now_utc() -> str:
    """The current time as an ISO 8601 UTC timestamp with seconds precision."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class Participant:
    """Someone present at (or on the roster of) the session."""

    name: str
    organisation: str = ""
    role: str = "other"
    perspective: str | None = None
    present: bool = True
    id: str = field(default_factory=new_item_id)


@dataclass(slots=True)
class ActionReview:
    """At check-in: how one action of the previous session turned out."""

    action_id: str
    what: str
    owners: list[str] = field(default_factory=list)
    due: dt.date | None = None
    source_session_id: str | None = None
    outcome: str | None = None
    note: str = ""
    carried_forward: bool = False


@dataclass(slots=True)
class Change:
    """Something that changed since the last session (a move, staff turnover, ...)."""

    text: str
    id: str = field(default_factory=new_item_id)


@dataclass(slots=True)
class GoesWellNote:
    """Something that goes well in the collaboration, and why it does."""

    text: str
    why: str = ""
    author: str | None = None
    decision: str | None = None
    id: str = field(default_factory=new_item_id)


@dataclass(slots=True)
class FrictionNote:
    """A current friction, with its category, dot votes and whether we can influence it."""

    text: str
    category: str | None = None
    votes: int = 0
    influence: str | None = None
    who_can_help: str = ""
    decision: str | None = None
    author: str | None = None
    id: str = field(default_factory=new_item_id)


@dataclass(slots=True)
class Action:
    """An action item: what, who (participant ids), by when, and where it came from."""

    what: str
    owners: list[str] = field(default_factory=list)
    due: dt.date | None = None
    source_note_id: str | None = None
    status: str = "open"
    carried_from: str | None = None
    id: str = field(default_factory=new_item_id)


@dataclass(slots=True)
class Appreciation:
    """A word of appreciation from the closing round."""

    text: str
    author: str | None = None
    id: str = field(default_factory=new_item_id)


@dataclass(slots=True)
class HealthScore:
    """One health-check answer, with the exact wording that was asked."""

    statement_id: str
    wording: str
    score: int


@dataclass(slots=True)
class Session:
    """One retrospective of a care network, from setup to close."""

    team: str
    date: dt.date = field(default_factory=dt.date.today)
    title: str = ""
    language: str = "nl"
    template_id: str = "zorgnetwerk"
    template_version: str = ""
    facilitator: str = ""
    status: str = "in_progress"
    participants: list[Participant] = field(default_factory=list)
    ambition: str = ""
    reviews: list[ActionReview] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    goes_well: list[GoesWellNote] = field(default_factory=list)
    frictions: list[FrictionNote] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    appreciation: list[Appreciation] = field(default_factory=list)
    health: list[HealthScore] = field(default_factory=list)
    worth_score: int | None = None
    overall_decision: str | None = None
    decision_rationale: str = ""
    next_date: dt.date | None = None
    phase_seconds: dict[str, float] = field(default_factory=dict)
    current_phase: str = "setup"
    created_at: str = field(default_factory=now_utc)
    updated_at: str = field(default_factory=now_utc)
    id: str = field(default_factory=new_id)

    @property
    def short_id(self) -> str:
        """The first eight characters of the id, enough to name the session to people."""
        return self.id[:8]

    @property
    def file_stem(self) -> str:
        """The base name of this session's files: ``<date>-<team-slug>-<short-id>``."""
        return f"{self.date.isoformat()}-{slugify(self.team)}-{self.short_id}"

    def participant(self, participant_id: str | None) -> Participant | None:
        """Return the participant with this id, or None."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def note(self, note_id: str | None) -> GoesWellNote | FrictionNote | None:
        """Return the goes-well or friction note with this id, or None."""
        for notes in (self.goes_well, self.frictions):
            for note in notes:
                if note.id == note_id:
                    return note
        return None

    def open_actions(self) -> list[Action]:
        """Actions not yet reviewed: what the team's next check-in must follow up."""
        return [a for a in self.actions if a.status == "open"]


@dataclass(slots=True)
class TeamProfile:
    """What a team carries from one session to the next: its roster, shared ambition and facilitator."""

    name: str
    roster: list[Participant] = field(default_factory=list)
    ambition: str = ""
    facilitator: str = ""
    updated_at: str = field(default_factory=now_utc)
