"""Everything a retrospective does to a session, as small pure operations.

Screens call these instead of poking at the model's fields, so every change keeps the
session valid (references resolve, votes never go negative) and destructive changes
return an :class:`Undo` that puts things back exactly.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from tui.core.model import (
    OVERALL_DECISIONS,
    Action,
    ActionReview,
    Appreciation,
    Change,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
    TeamProfile,
    new_item_id,
    now_utc,
)

MAX_VOTES = 1000


@dataclass
class Undo:
    """How to reverse one destructive change.

    ``label`` is a string-table key saying what is undone; ``text`` names the item it
    brings back, so the lead sees what returned even when it is on another phase.
    """

    label: str
    restore: Callable[[], None]
    text: str = ""


def _describe(item: object) -> str:
    return str(getattr(item, "text", None) or getattr(item, "what", None) or getattr(item, "name", ""))


def _list_holding(session: Session, item_id: str) -> list | None:
    for items in (session.goes_well, session.frictions, session.changes, session.appreciation,
                  session.actions, session.participants):
        if any(item.id == item_id for item in items):
            return items
    return None


def _index(items: list, item_id: str) -> int:
    return next(i for i, item in enumerate(items) if item.id == item_id)


def add_goes_well(session: Session, text: str, why: str = "", author: str | None = None) -> GoesWellNote:
    """Add a note on what goes well, undecided: the group decides on it in Decide like on a friction."""
    note = GoesWellNote(text.strip(), why=why.strip(), author=author)
    session.goes_well.append(note)
    return note


def add_friction(session: Session, text: str, category: str | None = None, author: str | None = None) -> FrictionNote:
    """Add a friction note."""
    note = FrictionNote(text.strip(), category=category or None, author=author)
    session.frictions.append(note)
    return note


def add_change(session: Session, text: str) -> Change:
    """Record a change since last time."""
    change = Change(text.strip())
    session.changes.append(change)
    return change


def add_appreciation(session: Session, text: str, author: str | None = None) -> Appreciation:
    """Record a word of appreciation from the closing round."""
    item = Appreciation(text.strip(), author=author)
    session.appreciation.append(item)
    return item


def edit_item(session: Session, item_id: str, **fields: object) -> None:
    """Change fields of a note, change, appreciation, action or participant; text is trimmed."""
    items = _list_holding(session, item_id)
    if items is None:
        raise KeyError(item_id)
    item = items[_index(items, item_id)]
    for name, value in fields.items():
        if not hasattr(item, name):
            raise AttributeError(name)
        setattr(item, name, value.strip() if isinstance(value, str) else value)


def delete_item(session: Session, item_id: str) -> Undo:
    """Delete any item by id, detaching what referred to it; the returned Undo restores it all."""
    items = _list_holding(session, item_id)
    if items is None:
        raise KeyError(item_id)
    index = _index(items, item_id)
    item = items.pop(index)
    detached: list[tuple[object, str, object]] = []
    for action in session.actions:
        if action.source_note_id == item_id:
            detached.append((action, "source_note_id", item_id))
            action.source_note_id = None
        if item_id in action.owners:
            detached.append((action, "owners", list(action.owners)))
            action.owners = [o for o in action.owners if o != item_id]
    for note in (*session.goes_well, *session.frictions, *session.appreciation):
        if note.author == item_id:
            detached.append((note, "author", item_id))
            note.author = None
    room_refs = [(refs, index, ref) for refs in (session.device_dots, session.signed_notes)
                 for index, ref in enumerate(refs) if ref.note_id == item_id]
    for refs, _, ref in reversed(room_refs):
        refs.remove(ref)
    carried_from = getattr(item, "carried_from", None)
    for review in session.reviews:
        if carried_from is not None and review.action_id == carried_from and review.carried_forward:
            detached.append((review, "carried_forward", True))
            review.carried_forward = False

    def restore() -> None:
        items.insert(min(index, len(items)), item)
        for obj, name, value in detached:
            setattr(obj, name, value)
        for refs, ref_index, ref in room_refs:
            refs.insert(min(ref_index, len(refs)), ref)

    return Undo("undo.delete", restore, _describe(item))


def merge_notes(session: Session, keep_id: str, other_id: str) -> Undo:
    """Merge note ``other`` into ``keep`` (same kind): texts and whys joined, votes added, links moved."""
    keep, other = session.note(keep_id), session.note(other_id)
    if keep is None or other is None or type(keep) is not type(other) or keep is other:
        raise ValueError("notes to merge must be two different notes of the same kind")
    before = copy.deepcopy(keep)
    keep.text = f"{keep.text} / {other.text}"
    if isinstance(keep, GoesWellNote):
        keep.why = " / ".join(w for w in (keep.why, other.why) if w)
    else:
        keep.votes = min(MAX_VOTES, keep.votes + other.votes)
        keep.who_can_help = " / ".join(w for w in (keep.who_can_help, other.who_can_help) if w)
        keep.category = keep.category or other.category
        keep.influence = keep.influence or other.influence
    keep.decision = keep.decision or other.decision
    moved = [a for a in session.actions if a.source_note_id == other_id]
    for action in moved:
        action.source_note_id = keep_id
    dots_before = [(d, d.note_id, d.dots) for d in session.device_dots]
    _move_dots(session, other_id, keep_id)
    removed = delete_item(session, other_id)

    def restore() -> None:
        removed.restore()
        for action in moved:
            action.source_note_id = other_id
        session.device_dots[:] = [d for d, _, _ in dots_before] + [
            d for d in session.device_dots if all(d is not b for b, _, _ in dots_before)]
        for dots, note_id, count in dots_before:
            dots.note_id, dots.dots = note_id, count
        for name in before.__struct_fields__:
            setattr(keep, name, getattr(before, name))

    return Undo("undo.merge", restore, keep.text)


def _move_dots(session: Session, from_id: str, to_id: str) -> None:
    """Members' dots on one friction go to another (a merge): one record per device stays."""
    for dots in [d for d in session.device_dots if d.note_id == from_id]:
        same = next((d for d in session.device_dots if d.note_id == to_id and d.device == dots.device), None)
        if same is None:
            dots.note_id = to_id
        else:
            same.dots = min(MAX_VOTES, same.dots + dots.dots)
            session.device_dots.remove(dots)


def vote(session: Session, note_id: str, delta: int) -> int:
    """Add (or with a negative delta remove) dot votes on a friction; never below zero."""
    note = session.note(note_id)
    if not isinstance(note, FrictionNote):
        raise KeyError(note_id)
    note.votes = max(0, min(MAX_VOTES, note.votes + delta))
    return note.votes


def set_influence(session: Session, note_id: str, influence: str | None) -> None:
    """Place a friction within or outside our influence (None: not yet sorted)."""
    note = session.note(note_id)
    if not isinstance(note, FrictionNote):
        raise KeyError(note_id)
    note.influence = influence


def set_decision(session: Session, note_id: str, decision: str | None) -> None:
    """Keep, adjust or stop a note (None: undecided)."""
    note = session.note(note_id)
    if note is None:
        raise KeyError(note_id)
    note.decision = decision


def add_action(
    session: Session,
    what: str,
    owners: list[str] | None = None,
    due: dt.date | None = None,
    source_note_id: str | None = None,
    carried_from: str | None = None,
) -> Action:
    """Add an action item: what, who (participant ids), by when, and the note it came from."""
    action = Action(what.strip(), owners=list(owners or []), due=due, source_note_id=source_note_id,
                    carried_from=carried_from)
    session.actions.append(action)
    return action


def actions_for_note(session: Session, note_id: str) -> list[Action]:
    """The action items that came from one note."""
    return [a for a in session.actions if a.source_note_id == note_id]


def review_action(session: Session, action_id: str, outcome: str | None, note: str | None = None) -> None:
    """Record at check-in how one of last time's actions turned out."""
    review = next(r for r in session.reviews if r.action_id == action_id)
    review.outcome = outcome
    if note is not None:
        review.note = note.strip()
    if outcome not in ("not_done", "partly") and review.carried_forward:
        carry_forward(session, action_id, False)


def carry_forward(session: Session, action_id: str, carry: bool) -> Action | None:
    """Carry an unfinished action of last time into this session's actions (or take it back).

    The carried action keeps its owners (those here by the same name) and its due date.
    """
    review = next(r for r in session.reviews if r.action_id == action_id)
    existing = next((a for a in session.actions if a.carried_from == action_id), None)
    review.carried_forward = carry
    if carry and existing is None:
        owners = [p.id for p in session.participants if p.name in review.owners]
        return add_action(session, review.what, owners, review.due, carried_from=action_id)
    if not carry and existing is not None:
        session.actions.remove(existing)
    return existing


def reviews_from(previous: Session) -> list[ActionReview]:
    """Check-in items for the actions a previous session left open."""
    names = {p.id: p.name for p in previous.participants}
    return [
        ActionReview(
            action_id=a.id,
            what=a.what,
            owners=[names.get(o, o) for o in a.owners],
            due=a.due,
            source_session_id=previous.id,
        )
        for a in previous.open_actions()
    ]


def start_session(
    team: str,
    language: str,
    template_id: str,
    template_version: str = "",
    profile: TeamProfile | None = None,
    previous: Session | None = None,
    date: dt.date | None = None,
) -> Session:
    """A new session pre-filled from the team's profile (roster, ambition, facilitator) and last session's open actions."""
    session = Session(team=" ".join(team.split()), language=language, template_id=template_id,
                      template_version=template_version, date=date or dt.date.today())
    if profile is not None:
        session.team = profile.name
        session.participants = [copy.copy(p) for p in profile.roster]
        for person in session.participants:
            person.present = True
        session.ambition = profile.ambition
        session.facilitator = profile.facilitator
    if previous is not None:
        session.reviews = reviews_from(previous)
    return session


def add_participant(session: Session, name: str, organisation: str = "", role: str = "other",
                    perspective: str | None = None, relation: str = "") -> Participant:
    """Add someone to the session's participants (present by default)."""
    person = Participant(name.strip(), organisation.strip(), role, perspective, True, " ".join(relation.split()),
                         new_item_id())
    session.participants.append(person)
    return person


def touch(session: Session) -> None:
    """Mark the session as changed now."""
    session.updated_at = now_utc()


# -- closing -----------------------------------------------------------------------------



def _check_score(score: int | None, what: str) -> None:
    if score is not None and (isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5):
        raise ValueError(f"a {what} score is 1 to 5, got {score!r}")


def set_health(session: Session, statement_id: str, wording: str, score: int | None) -> None:
    """Score one health-check statement 1–5, recording the exact wording asked (None: skipped)."""
    _check_score(score, "health")
    existing = next((h for h in session.health if h.statement_id == statement_id), None)
    if score is None:
        if existing is not None:
            session.health.remove(existing)
    elif existing is None:
        session.health.append(HealthScore(statement_id, wording.strip(), score))
    else:
        existing.wording = wording.strip()
        existing.score = score


def set_worth(session: Session, score: int | None) -> None:
    """Rate 1–5 whether this meeting was worth our time (None: not rated)."""
    _check_score(score, "worth")
    session.worth_score = score


def set_overall_decision(session: Session, decision: str | None) -> None:
    """The decision on the collaboration: continue, adjust_plan or stop (None: not yet taken)."""
    if decision is not None and decision not in OVERALL_DECISIONS:
        raise ValueError(f"unknown overall decision {decision!r}")
    session.overall_decision = decision


def set_rationale(session: Session, text: str) -> None:
    """Why the group took its decision on the collaboration."""
    session.decision_rationale = text.strip()


def set_next_date(session: Session, date: dt.date | None) -> None:
    """The date of the next session (None: not yet planned)."""
    session.next_date = date
