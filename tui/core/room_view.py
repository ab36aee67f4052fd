"""What a member's phone shows and sends: plain values between the room's server and the session.

The server renders a :class:`MemberView` and turns a phone's form into a
:class:`MemberChange`; the running session decides what a change does. Neither side
needs the other's types, and both stay free of the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MemberPhase = Literal["wait", "goes_well", "frictions", "vote", "closing"]
"""What a phone can do now: nothing yet, write a goes-well note, write a friction, vote, score."""

MAX_TEXT = 2_000
"""The longest note or appreciation a phone may send (characters)."""


@dataclass(frozen=True)
class Choice:
    """Something to pick on the phone: a category, a friction to vote on, a statement to score."""

    id: str
    text: str
    mine: int = 0
    """The member's own dots on a friction, or own score of a statement (0: none yet)."""


@dataclass(frozen=True)
class MemberView:
    """Everything one member's page shows at this moment."""

    phase: MemberPhase
    team: str
    language: str
    categories: tuple[Choice, ...] = ()
    frictions: tuple[Choice, ...] = ()
    budget: int = 3
    statements: tuple[Choice, ...] = ()
    worth: int = 0
    """The member's own worth-our-time score (0: none yet)."""
    sent: int = 0
    """Notes this member sent in this phase (their text is never shown back to others)."""


@dataclass(frozen=True)
class MemberChange:
    """One thing a member sends: a note, a dot, or the closing round's scores."""

    kind: Literal["note", "vote", "scores"]
    key: str
    """Chosen by the phone per change: a change sent twice (the Wi-Fi came back) counts once."""
    phase: str = ""
    text: str = ""
    extra: str = ""
    """A goes-well note's why, or a friction's category id."""
    signed: bool = False
    """Whether the member puts their chosen name to the note (anonymous otherwise)."""
    target: str = ""
    """The friction voted on."""
    step: int = 0
    """+1 adds a dot, -1 takes one back."""
    scores: dict[str, int] = field(default_factory=dict)
    """Statement id -> 1..5 (closing round), ``worth`` -> 1..5."""


def follow_token(view: MemberView) -> str:
    """What a phone's page compares to know it is out of date: the phase, and how many frictions it can vote on.

    The page asks for this every few seconds and reloads when it changed (the lead moved on,
    or revealed frictions that can now be voted on).
    """
    return f"{view.phase}:{len(view.frictions)}" if view.frictions else view.phase
