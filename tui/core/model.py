"""The retrospective session model: msgspec Structs, no I/O, no UI.

A :class:`Session` is everything said in one retrospective of a care network. These
types are the one description of the session format: each field's annotation carries
the rules a document must keep (lengths, ranges, patterns, the allowed words), msgspec
checks them while decoding, and :mod:`tui.core.schema` derives the interchange
document's layout and the shipped JSON Schema from them. Fields of :class:`Session`
that the document nests (``template``, ``checkin``, ``overall``) say where in their
``Meta(extra={"document": ...})``. Nothing is frozen: the operations edit items in place.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from typing import Annotated, Literal, get_args

import msgspec
from msgspec import Meta, field

Role = Literal[
    "gp",
    "practice_nurse",
    "district_nurse",
    "home_care",
    "informal_carer",
    "client",
    "social_district_team",
    "case_manager",
    "elderly_care_adviser",
    "welfare",
    "volunteer",
    "municipality",
    "other",
]
Perspective = Literal["connector", "expert", "listener", "rebel", "talker"]
ReviewOutcome = Literal["done", "partly", "not_done", "dropped"]
ActionStatus = Literal["open", "done", "partly", "not_done", "dropped"]
Influence = Literal["within", "outside"]
NoteDecision = Literal["keep", "adjust", "stop"]
OverallDecision = Literal["continue", "adjust_plan", "stop"]
Status = Literal["in_progress", "closed"]
Language = Literal["nl", "en"]
Phase = Literal["setup", "checkin", "goes_well", "frictions", "influence", "decide", "actions", "close"]

ROLES: tuple[str, ...] = get_args(Role)
"""Roles a participant can have in the care network."""

RELATION_ROLES: frozenset[str] = frozenset({"informal_carer"})
"""Roles whose relation to the client is asked and shown ("dochter van mevrouw Bos")."""

PERSPECTIVES: tuple[str, ...] = get_args(Perspective)
"""The five perspectives on collaboration a participant may bring."""

REVIEW_OUTCOMES: tuple[str, ...] = get_args(ReviewOutcome)
"""How an action of the previous session turned out, decided at check-in."""

ACTION_STATUSES: tuple[str, ...] = get_args(ActionStatus)
"""The life of an action item: open until a later check-in reviews it."""

INFLUENCE: tuple[str, ...] = get_args(Influence)
"""Whether a friction lies within the group's own influence."""

NOTE_DECISIONS: tuple[str, ...] = get_args(NoteDecision)
"""What the group decides to do with a note."""

OVERALL_DECISIONS: tuple[str, ...] = get_args(OverallDecision)
"""The decision on the collaboration itself, taken at close."""

STATUSES: tuple[str, ...] = get_args(Status)
"""Whether a session is still running or finished."""

LANGUAGES: tuple[str, ...] = get_args(Language)
"""Languages a session (and its minutes) can be held in."""

PHASES: tuple[str, ...] = get_args(Phase)
"""The phases of a retrospective, in order."""

# Patterns mean the same in ECMA-262 (JSON Schema's dialect) and in Python's re: no \d, \w,
# \s or '.', and the end of the text is $(?!\n), since Python's $ also matches before a
# final line break (tui.core.schema checks this when it writes the schema).
_NOT_BLANK = r"[^\t-\r\u001c- \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_TIMESTAMP = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$(?!\n)")

ItemId = Annotated[str, Meta(pattern=r"^[A-Za-z0-9_-]{1,64}$(?!\n)")]
"""The id of an item inside a session (note, action, participant, ...)."""
SessionId = Annotated[str, Meta(pattern=r"^[0-9a-f]{8,64}$(?!\n)")]
"""The id of a session: hex digits."""
TemplateId = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$(?!\n)")]
Name = Annotated[str, Meta(min_length=1, max_length=200, pattern=_NOT_BLANK)]
"""A name: not empty, not only spaces, at most 200 characters."""
ShortText = Annotated[str, Meta(max_length=200)]
Text = Annotated[str, Meta(max_length=100_000)]
"""Free text, possibly empty."""
RequiredText = Annotated[str, Meta(min_length=1, max_length=100_000, pattern=_NOT_BLANK)]
"""Free text that must say something."""
Timestamp = Annotated[str, Meta(pattern=_TIMESTAMP, extra_json_schema={"format": "date-time"})]
"""An RFC 3339 timestamp with a time zone, kept as written (a day that exists is checked by validation)."""
Score = Annotated[int, Meta(ge=1, le=5)]
"""A health-check or worth score, 1 to 5."""
Votes = Annotated[int, Meta(ge=0, le=1000)]
Seconds = Annotated[float, Meta(ge=0, le=1_000_000_000)]


def _in(place: str) -> Meta:
    """Where in the document a flat :class:`Session` field lives (``template.id``, ...)."""
    return Meta(extra={"document": place})


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


class Participant(msgspec.Struct, forbid_unknown_fields=True):
    """Someone present at (or on the roster of) the session."""

    name: Name
    organisation: ShortText = ""
    role: Role = "other"
    perspective: Perspective | None = None
    present: bool = True
    relation: ShortText = ""
    """How an informal carer is related to the client ("dochter van mevrouw Bos"); empty for others."""
    id: ItemId = field(default_factory=new_item_id)


class ActionReview(msgspec.Struct, forbid_unknown_fields=True):
    """At check-in: how one action of the previous session turned out."""

    action_id: ItemId
    what: RequiredText
    owners: list[ShortText] = field(default_factory=list)
    due: dt.date | None = None
    source_session_id: SessionId | None = None
    outcome: ReviewOutcome | None = None
    note: Text = ""
    carried_forward: bool = False


class Change(msgspec.Struct, forbid_unknown_fields=True):
    """Something that changed since the last session (a move, staff turnover, ...)."""

    text: RequiredText
    id: ItemId = field(default_factory=new_item_id)


class GoesWellNote(msgspec.Struct, forbid_unknown_fields=True):
    """Something that goes well in the collaboration, and why it does."""

    text: RequiredText
    why: Text = ""
    author: ItemId | None = None
    decision: NoteDecision | None = None
    id: ItemId = field(default_factory=new_item_id)


class FrictionNote(msgspec.Struct, forbid_unknown_fields=True):
    """A current friction, with its category, dot votes and whether we can influence it."""

    text: RequiredText
    category: ShortText | None = None
    votes: Votes = 0
    influence: Influence | None = None
    who_can_help: Text = ""
    decision: NoteDecision | None = None
    author: ItemId | None = None
    id: ItemId = field(default_factory=new_item_id)


class Action(msgspec.Struct, forbid_unknown_fields=True):
    """An action item: what, who (participant ids), by when, and where it came from."""

    what: RequiredText
    owners: list[ItemId] = field(default_factory=list)
    due: dt.date | None = None
    source_note_id: ItemId | None = None
    status: ActionStatus = "open"
    carried_from: ItemId | None = None
    id: ItemId = field(default_factory=new_item_id)


class Appreciation(msgspec.Struct, forbid_unknown_fields=True):
    """A word of appreciation from the closing round."""

    text: RequiredText
    author: ItemId | None = None
    id: ItemId = field(default_factory=new_item_id)


class HealthScore(msgspec.Struct, forbid_unknown_fields=True):
    """One health-check answer, with the exact wording that was asked."""

    statement_id: ItemId
    wording: RequiredText
    score: Score


NotePhase = Literal["goes_well", "frictions", "close"]
"""Where a member's note goes when revealed: goes well, frictions, or the closing round's appreciation."""

MAX_APPLIED_KEYS = 5_000
"""How many idempotency keys a session remembers (the oldest are forgotten first): far more
than a room sends in one meeting, and a phone resends within minutes, not thousands of changes later."""


class IncomingNote(msgspec.Struct, forbid_unknown_fields=True):
    """A note sent from a member's phone, hidden until the lead reveals it; ``device`` is a random id."""

    key: ItemId
    device: ItemId
    phase: NotePhase
    text: RequiredText
    why: Text = ""
    category: ShortText | None = None
    signed: Name | None = None
    received_at: Timestamp = field(default_factory=now_utc)
    id: ItemId = field(default_factory=new_item_id)


class DeviceDots(msgspec.Struct, forbid_unknown_fields=True):
    """The dots one device put on one friction (they are also counted in the friction's votes)."""

    device: ItemId
    note_id: ItemId
    dots: Votes


class DeviceScore(msgspec.Struct, forbid_unknown_fields=True):
    """One device's score of one health-check statement, with the wording its phone showed."""

    device: ItemId
    statement_id: ItemId
    wording: RequiredText
    score: Score


class DeviceWorth(msgspec.Struct, forbid_unknown_fields=True):
    """One device's answer to "was this meeting worth our time?"."""

    device: ItemId
    score: Score


class SignedNote(msgspec.Struct, forbid_unknown_fields=True):
    """A revealed note that its member signed: the name they chose, which is no participant id."""

    note_id: ItemId
    name: Name


class Session(msgspec.Struct, forbid_unknown_fields=True):
    """One retrospective of a care network, from setup to close."""

    team: Name
    title: Text = ""
    date: dt.date = field(default_factory=dt.date.today)
    language: Language = "nl"
    template_id: Annotated[TemplateId, _in("template.id")] = "zorgnetwerk"
    template_version: Annotated[str, Meta(max_length=128), _in("template.version")] = ""
    facilitator: Text = ""
    status: Status = "in_progress"
    participants: list[Participant] = field(default_factory=list)
    ambition: Text = ""
    reviews: Annotated[list[ActionReview], _in("checkin.reviews")] = field(default_factory=list)
    changes: Annotated[list[Change], _in("checkin.changes")] = field(default_factory=list)
    goes_well: list[GoesWellNote] = field(default_factory=list)
    frictions: list[FrictionNote] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    appreciation: list[Appreciation] = field(default_factory=list)
    health: list[HealthScore] = field(default_factory=list)
    worth_score: Score | None = None
    overall_decision: Annotated[OverallDecision | None, _in("overall.decision")] = None
    decision_rationale: Annotated[Text, _in("overall.rationale")] = ""
    next_date: dt.date | None = None
    phase_seconds: dict[Phase, Seconds] = field(default_factory=dict)
    current_phase: Phase = "setup"
    created_at: Timestamp = field(default_factory=now_utc)
    updated_at: Timestamp = field(default_factory=now_utc)
    incoming: Annotated[list[IncomingNote], _in("room.incoming")] = field(default_factory=list)
    device_dots: Annotated[list[DeviceDots], _in("room.dots")] = field(default_factory=list)
    device_scores: Annotated[list[DeviceScore], _in("room.scores")] = field(default_factory=list)
    device_worth: Annotated[list[DeviceWorth], _in("room.worth")] = field(default_factory=list)
    signed_notes: Annotated[list[SignedNote], _in("room.signed")] = field(default_factory=list)
    applied_keys: Annotated[list[ItemId], Meta(max_length=MAX_APPLIED_KEYS), _in("room.applied_keys")] = field(
        default_factory=list)
    id: SessionId = field(default_factory=new_id)

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

    def signed_name(self, note_id: str) -> str | None:
        """The name a member signed a revealed note with, or None (anonymous, or typed by the lead)."""
        return next((s.name for s in self.signed_notes if s.note_id == note_id), None)

    def open_actions(self) -> list[Action]:
        """Actions not yet reviewed: what the team's next check-in must follow up."""
        return [a for a in self.actions if a.status == "open"]



class TeamProfile(msgspec.Struct):
    """What a team carries from one session to the next: its roster, shared ambition and facilitator."""

    name: str
    roster: list[Participant] = field(default_factory=list)
    ambition: str = ""
    facilitator: str = ""
    updated_at: str = field(default_factory=now_utc)
