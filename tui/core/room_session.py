"""What members' phones may see and change in a session: pure functions, no network.

Each function takes the session first, so the room's server can run it through the
session controller like any typed change: ``running.apply(device, apply_member_change,
template, device_id, change)``. Members stay anonymous: a phone is known by a random
device id, a note carries a name only when its member signed it, and what a phone is
shown holds its own dots and scores only, never another member's unrevealed note nor who
voted or scored what.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from tui.core.errors import UserError
from tui.core.model import (
    MAX_APPLIED_KEYS,
    Appreciation,
    DeviceDots,
    DeviceScore,
    DeviceWorth,
    FrictionNote,
    GoesWellNote,
    IncomingNote,
    Session,
    SignedNote,
)
from tui.core.room_view import MAX_TEXT, Choice, MemberChange, MemberPhase, MemberView

if TYPE_CHECKING:  # the template parser is imported when templates are loaded, not at start
    from tui.core.templates import Template

MAX_VOTES = 1000
"""A friction's vote count never goes past this (as the lead's own votes)."""

WORTH = "worth"
"""The key of worth-our-time in a :class:`MemberChange`'s scores."""

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def member_phase(session: Session) -> MemberPhase:
    """What a phone can do in the session's current phase."""
    phase = session.current_phase
    if phase in ("goes_well", "frictions"):
        return phase
    if phase in ("influence", "decide") and session.frictions:
        return "vote"
    if phase == "close":
        return "closing"
    return "wait"


def _dots_of(session: Session, device_id: str) -> dict[str, int]:
    return {d.note_id: d.dots for d in session.device_dots if d.device == device_id}


def member_view(session: Session, template: Template, device_id: str, lang: str) -> MemberView:
    """Everything the phone of ``device_id`` shows now, in ``lang``; only this device's own dots and scores."""
    phase = member_phase(session)
    dots = _dots_of(session, device_id)
    scores = {s.statement_id: s.score for s in session.device_scores if s.device == device_id}
    worth = next((w.score for w in session.device_worth if w.device == device_id), 0)
    sent = sum(1 for n in session.incoming if n.device == device_id and n.phase == phase)
    return MemberView(
        phase=phase,
        team=session.team,
        language=lang,
        categories=tuple(Choice(str(i), name) for i, name in enumerate(template.friction_categories)),
        frictions=(tuple(Choice(n.id, n.text, dots.get(n.id, 0)) for n in session.frictions)
                   if phase in ("frictions", "vote") else ()),
        budget=template.dot_budget,
        statements=tuple(Choice(h.id, h.statement, scores.get(h.id, 0)) for h in template.health_check),
        worth=worth,
        sent=sent,
    )


def _checked_id(value: str) -> str:
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        raise UserError("room.bad_request")
    return value


def _checked_text(text: str, *, required: bool) -> str:
    """A phone's text, stripped; refused when empty (if required), too long or not encodable."""
    if not isinstance(text, str) or _SURROGATE.search(text):
        raise UserError("room.bad_request")
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise UserError("room.too_big", limit=MAX_TEXT)
    if required and not text:
        raise UserError("room.empty_note")
    return text


def _remember(session: Session, key: str) -> None:
    session.applied_keys.append(key)
    if len(session.applied_keys) > MAX_APPLIED_KEYS:
        del session.applied_keys[:len(session.applied_keys) - MAX_APPLIED_KEYS]


def apply_member_change(session: Session, template: Template, device_id: str, change: MemberChange,
                        name: str = "") -> None:
    """Apply what the phone of ``device_id`` sent, or raise :class:`UserError` saying why not.

    A change whose key was applied before does nothing (a phone resends after the Wi-Fi
    returns). ``name`` is the member's chosen name, kept only on a note they sign.
    Refusals: ``room.phase_over`` (not what this phase takes), ``room.empty_note``,
    ``room.too_big``, ``room.no_dots_left``, ``room.unknown_choice`` (a friction or
    statement that is not there), ``room.bad_request`` (anything malformed).
    """
    _checked_id(device_id)
    key = _checked_id(change.key)
    if key in session.applied_keys:
        return
    phase = member_phase(session)
    if change.kind == "note":
        note = _note(session, template, device_id, change, name, phase)
        session.incoming.append(note)
    elif change.kind == "vote":
        _vote(session, template, device_id, change, phase)
    elif change.kind == "scores":
        _scores(session, template, device_id, change, phase, name)
    else:
        raise UserError("room.bad_request")
    _remember(session, key)


def _note(session: Session, template: Template, device_id: str, change: MemberChange, name: str,
          phase: MemberPhase) -> IncomingNote:
    if change.phase != phase or phase not in ("goes_well", "frictions"):
        raise UserError("room.phase_over")
    text = _checked_text(change.text, required=True)
    extra = _checked_text(change.extra, required=False)
    category = None
    if phase == "frictions" and extra:
        if not extra.isdigit() or int(extra) >= len(template.friction_categories):
            raise UserError("room.unknown_choice")
        category = template.friction_categories[int(extra)]
    return _incoming(change, device_id, phase, text, extra if phase == "goes_well" else "", category, name)


def _vote(session: Session, template: Template, device_id: str, change: MemberChange, phase: MemberPhase) -> None:
    if phase not in ("frictions", "vote"):  # dots go on revealed frictions, from the frictions phase on
        raise UserError("room.phase_over")
    if change.step not in (1, -1) or type(change.step) is not int:
        raise UserError("room.bad_request")
    friction = next((n for n in session.frictions if n.id == change.target), None)
    if friction is None:
        raise UserError("room.unknown_choice")
    mine = next((d for d in session.device_dots if d.device == device_id and d.note_id == friction.id), None)
    if change.step == 1:
        if sum(_dots_of(session, device_id).values()) >= template.dot_budget:
            raise UserError("room.no_dots_left", budget=template.dot_budget)
        if mine is None:
            mine = DeviceDots(device_id, friction.id, 0)
            session.device_dots.append(mine)
        mine.dots += 1
        friction.votes = min(MAX_VOTES, friction.votes + 1)
    elif mine is not None:  # taking back a dot never placed does nothing
        mine.dots -= 1
        friction.votes = max(0, friction.votes - 1)
        if mine.dots == 0:
            session.device_dots.remove(mine)


def _score(value: object) -> int:
    if type(value) is not int or not 1 <= value <= 5:
        raise UserError("room.bad_request")
    return value


def _scores(session: Session, template: Template, device_id: str, change: MemberChange, phase: MemberPhase,
            name: str = "") -> None:
    if phase != "closing":
        raise UserError("room.phase_over")
    statements = {h.id: h.statement for h in template.health_check}
    scores = dict(change.scores)
    worth = scores.pop(WORTH, None)
    checked = {}
    for statement_id, value in scores.items():
        if statement_id not in statements:
            raise UserError("room.unknown_choice")
        checked[statement_id] = _score(value)
    worth = None if worth is None else _score(worth)
    appreciation = _appreciation_note(device_id, change, name) if change.text.strip() else None
    for statement_id, value in checked.items():  # nothing changes before everything is checked
        mine = next((s for s in session.device_scores if s.device == device_id and s.statement_id == statement_id), None)
        if mine is None:
            session.device_scores.append(DeviceScore(device_id, statement_id, statements[statement_id], value))
        else:
            mine.score, mine.wording = value, statements[statement_id]
    if worth is not None:
        mine_worth = next((w for w in session.device_worth if w.device == device_id), None)
        if mine_worth is None:
            session.device_worth.append(DeviceWorth(device_id, worth))
        else:
            mine_worth.score = worth
    if appreciation is not None:
        session.incoming.append(appreciation)


def _appreciation_note(device_id: str, change: MemberChange, name: str) -> IncomingNote:
    """A word of appreciation sent with the closing round's scores: hidden until the lead reveals it."""
    text = _checked_text(change.text, required=True)
    return _incoming(change, device_id, "close", text, "", None, name)


def _incoming(change: MemberChange, device_id: str, phase: str, text: str, why: str, category: str | None,
              name: str) -> IncomingNote:
    """A hidden note as the session keeps it, checked by the same rules as every note it keeps."""
    signed = " ".join(name.split())[:200] if change.signed and isinstance(name, str) else ""
    if _SURROGATE.search(signed):
        raise UserError("room.bad_request")
    note = IncomingNote(change.key, device_id, phase, text, why=why, category=category,  # type: ignore[arg-type]
                        signed=signed or None)
    try:  # the same rules as every note the session keeps (no text of only invisible spaces, ...)
        msgspec.convert(msgspec.to_builtins(note), IncomingNote)
    except msgspec.ValidationError:
        raise UserError("room.empty_note") from None
    return note


def reveal(session: Session,
           ids: list[str] | tuple[str, ...] | set[str] | None = None) -> list[GoesWellNote | FrictionNote | Appreciation]:
    """Turn hidden notes (all, or those with ``ids``) into ordinary notes, in the order they came in.

    A revealed note has no author (no participant wrote it at the laptop); the name its
    member signed it with, if any, is kept in ``signed_notes``. Returns the new notes.
    """
    chosen = [n for n in session.incoming if ids is None or n.id in ids]
    revealed: list[GoesWellNote | FrictionNote | Appreciation] = []
    for incoming in chosen:
        if incoming.phase == "close":
            note: GoesWellNote | FrictionNote | Appreciation = Appreciation(incoming.text, id=incoming.id)
            session.appreciation.append(note)
        elif incoming.phase == "goes_well":
            note = GoesWellNote(incoming.text, why=incoming.why, decision="keep", id=incoming.id)
            session.goes_well.append(note)
        else:
            note = FrictionNote(incoming.text, category=incoming.category, id=incoming.id)
            session.frictions.append(note)
        if incoming.signed:
            session.signed_notes.append(SignedNote(incoming.id, incoming.signed))
        session.incoming.remove(incoming)
        revealed.append(note)
    return revealed


def waiting_summary(session: Session) -> tuple[int, int]:
    """How many hidden notes wait, and from how many devices: "5 notes waiting, from 3 people"."""
    return len(session.incoming), len({n.device for n in session.incoming})


@dataclass(frozen=True)
class Distribution:
    """How often each score 1..5 was given (``counts[0]`` is the number of 1s), and their mean."""

    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    @property
    def total(self) -> int:
        """How many scores were given."""
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """The mean score, or None when nobody scored."""
        total = self.total
        return None if total == 0 else sum(i * c for i, c in enumerate(self.counts, start=1)) / total


def _distribution(scores: list[int]) -> Distribution:
    counts = [0] * 5
    for score in scores:
        counts[score - 1] += 1
    return Distribution(tuple(counts))  # type: ignore[arg-type]


def score_distribution(session: Session, statement_id: str) -> Distribution:
    """The scores of one health-check statement.

    When members scored it from their phones, the distribution is theirs, one score per
    device. Otherwise it is the lead's single score as today (the group's agreed score):
    one count, so its mean is that score. The lead's score is never added to the members'
    scores: it says what the group agreed, not what one more person thinks.
    """
    scores = [s.score for s in session.device_scores if s.statement_id == statement_id]
    if not scores:
        scores = [h.score for h in session.health if h.statement_id == statement_id]
    return _distribution(scores)


def worth_distribution(session: Session) -> Distribution:
    """Worth-our-time, combined as :func:`score_distribution`: the devices' scores, else the lead's."""
    scores = [w.score for w in session.device_worth]
    if not scores and session.worth_score is not None:
        scores = [session.worth_score]
    return _distribution(scores)


def scored_statements(session: Session) -> list[tuple[str, str]]:
    """Each statement the lead or a phone scored, ``(id, wording)``: the lead's first, then in the order phones sent."""
    found = {h.statement_id: h.wording for h in session.health}
    for score in session.device_scores:
        found.setdefault(score.statement_id, score.wording)
    return list(found.items())
