"""The JSON interchange format: a session as one self-contained, versioned document.

``to_document`` and ``from_document`` are exact inverses for every valid session
(JSON -> model -> JSON is lossless). Reading refuses, with a message naming the source
and the first problem, anything that is not a current, valid session document.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import stat
import sys
from pathlib import Path
from typing import Any

from tui.core.i18n import t
from tui.core.model import (
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
)
from tui.core.validation import Problem, ValidationError, describe, first_problem, validate_document

FORMAT = "terugblik-session"
"""The value of the ``format`` field of every session document."""

SCHEMA_VERSION = 1
"""The newest schema version this code reads and the one it writes."""

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Session files larger than this are refused before parsing (a session is kilobytes)."""


class DocumentError(ValueError):
    """A file or document that cannot be read as a session; the message says where and why."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _int(value: int | float | None) -> int | None:
    """A JSON integer as a Python int: JSON Schema counts ``3.0`` as the integer 3."""
    return int(value) if value is not None else None


def _participant_doc(p: Participant) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "organisation": p.organisation,
        "role": p.role,
        "perspective": p.perspective,
        "present": p.present,
    }


def _participant(d: dict[str, Any]) -> Participant:
    return Participant(
        id=d["id"],
        name=d["name"],
        organisation=d["organisation"],
        role=d["role"],
        perspective=d["perspective"],
        present=d["present"],
    )


def to_document(session: Session) -> dict[str, Any]:
    """Return the session as a JSON-ready interchange document (not yet validated)."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "id": session.id,
        "team": session.team,
        "title": session.title,
        "date": session.date.isoformat(),
        "language": session.language,
        "template": {"id": session.template_id, "version": session.template_version},
        "facilitator": session.facilitator,
        "status": session.status,
        "participants": [_participant_doc(p) for p in session.participants],
        "ambition": session.ambition,
        "checkin": {
            "reviews": [
                {
                    "action_id": r.action_id,
                    "what": r.what,
                    "owners": list(r.owners),
                    "due": _iso(r.due),
                    "source_session_id": r.source_session_id,
                    "outcome": r.outcome,
                    "note": r.note,
                    "carried_forward": r.carried_forward,
                }
                for r in session.reviews
            ],
            "changes": [{"id": c.id, "text": c.text} for c in session.changes],
        },
        "goes_well": [
            {"id": n.id, "text": n.text, "why": n.why, "author": n.author, "decision": n.decision}
            for n in session.goes_well
        ],
        "frictions": [
            {
                "id": n.id,
                "text": n.text,
                "category": n.category,
                "votes": n.votes,
                "influence": n.influence,
                "who_can_help": n.who_can_help,
                "decision": n.decision,
                "author": n.author,
            }
            for n in session.frictions
        ],
        "actions": [
            {
                "id": a.id,
                "what": a.what,
                "owners": list(a.owners),
                "due": _iso(a.due),
                "source_note_id": a.source_note_id,
                "status": a.status,
                "carried_from": a.carried_from,
            }
            for a in session.actions
        ],
        "appreciation": [
            {"id": a.id, "text": a.text, "author": a.author} for a in session.appreciation
        ],
        "health": [
            {"statement_id": h.statement_id, "wording": h.wording, "score": h.score}
            for h in session.health
        ],
        "worth_score": session.worth_score,
        "overall": {"decision": session.overall_decision, "rationale": session.decision_rationale},
        "next_date": _iso(session.next_date),
        "phase_seconds": {k: float(v) for k, v in session.phase_seconds.items()},
        "current_phase": session.current_phase,
        "created_at": session.created_at,
        "updated_at": session.updated_at,
    }


def session_from_valid(doc: dict[str, Any]) -> Session:
    """Build a session from a document that :func:`valid_document` (or ``first_problem``) accepted."""
    return Session(
        id=doc["id"],
        team=doc["team"],
        title=doc["title"],
        date=dt.date.fromisoformat(doc["date"]),
        language=doc["language"],
        template_id=doc["template"]["id"],
        template_version=doc["template"]["version"],
        facilitator=doc["facilitator"],
        status=doc["status"],
        participants=[_participant(p) for p in doc["participants"]],
        ambition=doc["ambition"],
        reviews=[
            ActionReview(
                action_id=r["action_id"],
                what=r["what"],
                owners=list(r["owners"]),
                due=_date(r["due"]),
                source_session_id=r["source_session_id"],
                outcome=r["outcome"],
                note=r["note"],
                carried_forward=r["carried_forward"],
            )
            for r in doc["checkin"]["reviews"]
        ],
        changes=[Change(id=c["id"], text=c["text"]) for c in doc["checkin"]["changes"]],
        goes_well=[
            GoesWellNote(
                id=n["id"], text=n["text"], why=n["why"], author=n["author"], decision=n["decision"]
            )
            for n in doc["goes_well"]
        ],
        frictions=[
            FrictionNote(
                id=n["id"],
                text=n["text"],
                category=n["category"],
                votes=_int(n["votes"]),
                influence=n["influence"],
                who_can_help=n["who_can_help"],
                decision=n["decision"],
                author=n["author"],
            )
            for n in doc["frictions"]
        ],
        actions=[
            Action(
                id=a["id"],
                what=a["what"],
                owners=list(a["owners"]),
                due=_date(a["due"]),
                source_note_id=a["source_note_id"],
                status=a["status"],
                carried_from=a["carried_from"],
            )
            for a in doc["actions"]
        ],
        appreciation=[
            Appreciation(id=a["id"], text=a["text"], author=a["author"]) for a in doc["appreciation"]
        ],
        health=[
            HealthScore(statement_id=h["statement_id"], wording=h["wording"], score=_int(h["score"]))
            for h in doc["health"]
        ],
        worth_score=_int(doc["worth_score"]),
        overall_decision=doc["overall"]["decision"],
        decision_rationale=doc["overall"]["rationale"],
        next_date=_date(doc["next_date"]),
        phase_seconds={k: float(v) for k, v in doc["phase_seconds"].items()},
        current_phase=doc["current_phase"],
        created_at=doc["created_at"],
        updated_at=doc["updated_at"],
    )


def check_version(doc: Any, lang: str = "en") -> str | None:
    """Return why a parsed JSON value is not a session document this version reads, or None."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return t("document.not_session", lang)
    version = doc.get("schema_version")
    if isinstance(version, float) and version.is_integer():
        version = int(version)  # JSON Schema: 1.0 is the integer 1
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return t("document.bad_version", lang, version=describe(version))
    if version > SCHEMA_VERSION:
        return t("document.newer_version", lang, version=describe(version), supported=SCHEMA_VERSION)
    return None


def valid_document(doc: Any, source: str = "<document>", lang: str = "en") -> dict[str, Any]:
    """Return ``doc`` if it is a current, valid session document, else raise :class:`DocumentError`."""
    reason = check_version(doc, lang)
    if reason is None:
        problem = first_problem(doc)
        reason = problem.message(lang) if problem else None
    if reason is not None:
        raise DocumentError(source, reason)
    return doc


def from_document(doc: Any, source: str = "<document>", lang: str = "en") -> Session:
    """Build a session from an interchange document, or raise :class:`DocumentError`."""
    return session_from_valid(valid_document(doc, source, lang))


def validate_session(session: Session) -> None:
    """Raise :class:`ValidationError` naming the first invalid field of an in-memory session."""
    validate_document(to_document(session))


def session_problem(session: Session) -> Problem | None:
    """Return the first invalid field of an in-memory session, or None."""
    return first_problem(to_document(session))


def dumps(session: Session) -> str:
    """Serialise a valid session as indented UTF-8 JSON text (validates first)."""
    doc = to_document(session)
    validate_document(doc)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def parse_bytes(data: bytes, source: str, lang: str = "en") -> Session:
    """Parse the bytes of a session file; every failure becomes a :class:`DocumentError`."""
    return session_from_valid(parse_document(data, source, lang))


class _Refused(ValueError):
    """Raised by the strict JSON reader's hooks: the string-table key and parameters of the reason."""

    def __init__(self, string_key: str, **params: object):
        super().__init__(string_key)
        self.string_key = string_key
        self.params = params


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused("document.duplicate_key", name=_quoted(key))
            seen.add(key)
    return result


def _real(digits: str) -> float:
    value = float(digits)
    if math.isinf(value):
        raise _Refused("document.number_too_large", number=digits[:20] + ("…" if len(digits) > 20 else ""))
    return value


def _constant(name: str) -> float:
    raise _Refused("document.not_json_constant", name=name)


def _quoted(text: str) -> str:
    """A key for a message: JSON-quoted (so controls show as escapes) and cut when long."""
    return json.dumps(text[:40] + ("…" if len(text) > 40 else ""), ensure_ascii=False)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in any string (key or value) of a parsed JSON value, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return found.group()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def parse_json(text: str, source: str, lang: str = "en") -> Any:
    """Parse JSON text strictly: the one reader for session files, compare and the records database.

    Beyond ``json.loads``, it refuses what would otherwise be taken silently or fail later
    with a traceback: an empty text, a key twice in one object (which value would count?),
    an integer too long for Python to convert, a number too large for a float, ``NaN`` and
    ``Infinity`` (not JSON), and a lone surrogate escape such as ``"\\ud800"``, which is
    valid JSON but can never be written back as UTF-8. Every refusal is a :class:`DocumentError`.
    """
    if not text.strip():
        raise DocumentError(source, t("document.empty", lang))
    try:
        # Integers keep json's fast path (a hook per number would cost more than the rest);
        # the only ValueError left is Python's limit on converting digits to an int.
        doc = json.loads(text, object_pairs_hook=_object, parse_float=_real, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            source, t("document.bad_json", lang, line=exc.lineno, column=exc.colno, error=exc.msg)
        ) from None
    except _Refused as exc:
        raise DocumentError(source, t(exc.string_key, lang, **exc.params)) from None
    except ValueError:
        raise DocumentError(source, t("document.number_too_long", lang, digits=sys.get_int_max_str_digits())) from None
    except RecursionError:
        raise DocumentError(source, t("document.too_deep", lang)) from None
    # Only escapes can make a lone surrogate (UTF-8 decoding refuses encoded ones), so the
    # walk over the whole value is needed only when the text holds such an escape.
    if _SURROGATE_ESCAPE.search(text):
        found = _lone_surrogate(doc)
        if found is not None:
            raise DocumentError(source, t("document.lone_surrogate", lang, code=f"{ord(found):04x}"))
    return doc


def parse_document(data: bytes, source: str, lang: str = "en") -> dict[str, Any]:
    """The valid session document in a file's bytes; every failure becomes a :class:`DocumentError`."""
    if not data.strip():
        raise DocumentError(source, t("document.empty", lang))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(source, t("document.not_utf8", lang, offset=exc.start)) from None
    return valid_document(parse_json(text, source, lang), source, lang)


def load_file(path: Path, lang: str = "en") -> Session:
    """Read one session JSON file, refusing oversized, unreadable or invalid files clearly."""
    return session_from_valid(load_document(path, lang))


def load_document(path: Path, lang: str = "en") -> dict[str, Any]:
    """The valid session document in a file; oversized, unreadable or invalid files are refused clearly."""
    source = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise DocumentError(source, t("document.not_a_file", lang))
        size = info.st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                source, t("document.too_large", lang, size=size // (1024 * 1024), limit=MAX_DOCUMENT_BYTES // (1024 * 1024))
            )
        data = path.read_bytes()
    except DocumentError:
        raise
    except IsADirectoryError:
        raise DocumentError(source, t("document.is_directory", lang)) from None
    except OSError as exc:
        raise DocumentError(source, exc.strerror or str(exc)) from None
    return parse_document(data, source, lang)


def team_to_record(team: TeamProfile) -> dict[str, Any]:
    """A team profile as a JSON-ready record for the store."""
    return {
        "name": team.name,
        "roster": [_participant_doc(p) for p in team.roster],
        "ambition": team.ambition,
        "facilitator": team.facilitator,
        "updated_at": team.updated_at,
    }


def team_from_record(record: dict[str, Any]) -> TeamProfile:
    """Rebuild a team profile from its store record."""
    return TeamProfile(
        name=record["name"],
        roster=[_participant(p) for p in record.get("roster", [])],
        ambition=record.get("ambition", ""),
        facilitator=record.get("facilitator", ""),  # profiles saved before it was kept have none
        updated_at=record.get("updated_at", ""),
    )


__all__ = [
    "DocumentError",
    "FORMAT",
    "SCHEMA_VERSION",
    "ValidationError",
    "dumps",
    "from_document",
    "load_file",
    "parse_bytes",
    "parse_json",
    "session_problem",
    "team_from_record",
    "team_to_record",
    "to_document",
    "validate_session",
]
