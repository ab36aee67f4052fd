"""The JSON interchange format: a session as one self-contained, versioned document.

``to_document`` and ``from_document`` are exact inverses for every valid session
(JSON -> model -> JSON is lossless). Reading refuses, with a message naming the source
and the first problem, anything that is not a valid session document of a version this
code reads. Sessions are always written as the current version: a version 1 document
(from before members could join from their phones) is read with an empty ``room`` and
written as version 2 from then on, so there is one writer and one shape to check, and a
session never changes version halfway through a meeting when the first phone sends a note.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import msgspec

from tui.core.i18n import t
from tui.core.model import Participant, Session, TeamProfile
from tui.core.schema import (
    DOCUMENT_TYPES,
    FORMAT,
    ITEM_TYPES,
    OLDER_ITEMS,
    SCHEMA_VERSION,
    item_document_type,
    item_lists,
    places,
)
from tui.core.strict_json import DocumentError, parse_json
from tui.core.validation import (
    Problem,
    ValidationError,
    describe,
    document_problem,
    rules_problem,
)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Session files larger than this are refused before parsing (a session is kilobytes)."""


# -- between the model and the document types -------------------------------------------------------
#
# A document's items have the model's fields, all required, with the id first; these
# tables turn one into the other by position, which costs far less than field by field.

_CURRENT = DOCUMENT_TYPES[SCHEMA_VERSION]
_DECODER = msgspec.json.Decoder(_CURRENT)
_ID_LAST = {cls: msgspec.structs.fields(cls)[-1].name == "id" for cls in ITEM_TYPES}
_TWIN = {cls: item_document_type(cls) for cls in ITEM_TYPES}
_MODEL = {twin: cls for cls, twin in _TWIN.items()}
_ITEM_LISTS = item_lists()
_GROUPS = {f.name: f.type for f in msgspec.structs.fields(_CURRENT)
           if isinstance(f.type, type) and issubclass(f.type, msgspec.Struct)}
"""The nested objects of a document (``template``, ``checkin``, ``overall``) and their types."""
_LIST_PLACES = [(key, sub, len(cls.__struct_fields__)) for name, key, sub in places()
                if (cls := _ITEM_LISTS.get(name)) is not None]
_FIXED_KEYS = len(_CURRENT.__struct_fields__) + sum(len(g.__struct_fields__) for g in _GROUPS.values())


_MISSING = object()


def _to_model(item: msgspec.Struct) -> msgspec.Struct:
    older = OLDER_ITEMS.get(type(item))
    if older is not None:  # an item of an older document: by name, what it lacks keeps the default
        return older(**msgspec.structs.asdict(item))
    cls = _MODEL[type(item)]
    values = msgspec.structs.astuple(item)
    return cls(*values[1:], values[0]) if _ID_LAST[cls] else cls(*values)


def _to_twin(item: msgspec.Struct) -> msgspec.Struct:
    cls = type(item)
    values = msgspec.structs.astuple(item)
    return _TWIN[cls](values[-1], *values[:-1]) if _ID_LAST[cls] else _TWIN[cls](*values)


def session_from_typed(doc: msgspec.Struct) -> Session:
    """Build a session from a typed, checked document of any version :data:`DOCUMENT_TYPES` holds.

    What an older version lacks (version 1 has no ``room``) keeps the model's default: empty.
    """
    fields: dict[str, Any] = {}
    for name, key, sub in places():
        value = getattr(doc, key, _MISSING)
        if value is _MISSING:
            continue
        if sub:
            value = getattr(value, sub)
        if name in _ITEM_LISTS:
            value = [_to_model(item) for item in value]
        fields[name] = value
    return Session(**fields)


def to_typed(session: Session) -> msgspec.Struct:
    """The session as a typed document of the current version (not yet validated)."""
    top: dict[str, Any] = {"format": FORMAT, "schema_version": SCHEMA_VERSION}
    nested: dict[str, dict[str, Any]] = {}
    for name, key, sub in places():
        value = getattr(session, name)
        if name in _ITEM_LISTS:
            value = [_to_twin(item) for item in value]
        elif name == "phase_seconds":
            value = {phase: float(seconds) for phase, seconds in value.items()}
        if sub:
            nested.setdefault(key, {})[sub] = value
        else:
            top[key] = value
    for key, values in nested.items():
        top[key] = _GROUPS[key](**values)
    return _CURRENT(**top)


def to_document(session: Session) -> dict[str, Any]:
    """Return the session as a JSON-ready interchange document (not yet validated).

    This runs on every change (the autosave), so msgspec converts the whole session in one
    call and only the top level is laid out here; inside an item the keys keep the model's
    order (``id`` last). :func:`dumps` writes files with the document's order, ``id`` first.
    """
    flat = msgspec.to_builtins(session)
    doc: dict[str, Any] = {"format": FORMAT, "schema_version": SCHEMA_VERSION}
    for name, key, sub in places():
        value = flat[name]
        if sub:
            doc.setdefault(key, {})[sub] = value
        else:
            doc[key] = value
    doc["phase_seconds"] = {phase: float(seconds) for phase, seconds in doc["phase_seconds"].items()}
    return doc


def session_from_valid(doc: dict[str, Any]) -> Session:
    """Build a session from a document that :func:`valid_document` (or ``first_problem``) accepted."""
    typed, problem = document_problem(doc)
    if problem is not None:
        raise ValidationError(problem)
    return session_from_typed(typed)


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


def _typed_document(doc: Any, source: str, lang: str) -> msgspec.Struct:
    """The typed document of a parsed JSON value, or :class:`DocumentError` saying why not.

    Version dispatch: a document is checked against the type of its own schema version in
    ``DOCUMENT_TYPES``; :func:`session_from_typed` brings an older one up to date, and it is
    written as the current version from then on.
    """
    reason = check_version(doc, lang)
    if reason is None:
        typed, problem = document_problem(doc)
        if problem is None:
            return typed
        reason = problem.message(lang)
    raise DocumentError(source, reason)


def valid_document(doc: Any, source: str = "<document>", lang: str = "en") -> dict[str, Any]:
    """Return ``doc`` if it is a current, valid session document, else raise :class:`DocumentError`."""
    _typed_document(doc, source, lang)
    return doc


def from_document(doc: Any, source: str = "<document>", lang: str = "en") -> Session:
    """Build a session from an interchange document, or raise :class:`DocumentError`."""
    return session_from_typed(_typed_document(doc, source, lang))


def validate_session(session: Session) -> None:
    """Raise :class:`ValidationError` naming the first invalid field of an in-memory session."""
    problem = session_problem(session)
    if problem is not None:
        raise ValidationError(problem)


def session_problem(session: Session) -> Problem | None:
    """Return the first invalid field of an in-memory session, or None."""
    return document_problem(to_document(session))[1]


def dumps(session: Session) -> str:
    """Serialise a valid session as indented UTF-8 JSON text (validates first).

    The text is what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes, made by msgspec
    (only a number as small as ``1e-07`` may be spelled differently, as ``1e-7``).
    """
    problem = session_problem(session)
    if problem is not None:
        raise ValidationError(problem)
    typed = to_typed(session)
    try:
        return msgspec.json.format(msgspec.json.encode(typed), indent=2).decode("utf-8") + "\n"
    except UnicodeEncodeError:  # a lone surrogate in some text: the text as before, for the writer to refuse
        return json.dumps(msgspec.to_builtins(typed), ensure_ascii=False, indent=2) + "\n"


def parse_bytes(data: bytes, source: str, lang: str = "en") -> Session:
    """Parse the bytes of a session file; every failure becomes a :class:`DocumentError`."""
    return session_from_typed(_decode(data, source, lang))


_KEY_END = re.compile(rb'"[ \t\n\r]+:')


def _key_count(doc: msgspec.Struct) -> int:
    """How many object keys the JSON text of a typed document holds (each field is one key)."""
    count = _FIXED_KEYS + len(doc.phase_seconds)
    for key, sub, size in _LIST_PLACES:
        items = getattr(getattr(doc, key), sub) if sub else getattr(doc, key)
        count += len(items) * size
    return count


def _decode(data: bytes, source: str, lang: str) -> msgspec.Struct:
    """Decode and check a session file's bytes in one pass; anything odd takes the strict, slower road.

    msgspec refuses NaN, bad UTF-8 and lone surrogates but takes a key twice (the last
    value wins), so the text's keys are counted: every key written ``"name":`` is one
    occurrence of ``":``, a valid document has exactly as many keys as its typed fields,
    and any surplus (a key twice, or an escaped quote before a colon in some text) sends
    the document to the strict reader, which names what is wrong or accepts it.
    """
    if len(data) <= MAX_DOCUMENT_BYTES:
        try:
            typed = _DECODER.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            typed = None
        if (typed is not None and data.count(b'":') == _key_count(typed) and _KEY_END.search(data) is None
                and rules_problem(typed) is None):
            return typed
    doc = parse_document(data, source, lang)
    return _typed_document(doc, source, lang)


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
    return parse_bytes(_read(path, lang), str(path), lang)


def load_document(path: Path, lang: str = "en") -> dict[str, Any]:
    """The valid session document in a file; oversized, unreadable or invalid files are refused clearly."""
    return parse_document(_read(path, lang), str(path), lang)


def _read(path: Path, lang: str) -> bytes:
    """The bytes of a session file; oversized, unreadable or odd files are refused clearly."""
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
    return data


def team_to_record(team: TeamProfile) -> dict[str, Any]:
    """A team profile as a JSON-ready record for the store."""
    return {
        "name": team.name,
        "roster": [msgspec.to_builtins(_to_twin(p)) for p in team.roster],
        "ambition": team.ambition,
        "facilitator": team.facilitator,
        "updated_at": team.updated_at,
    }


def team_from_record(record: dict[str, Any]) -> TeamProfile:
    """Rebuild a team profile from its store record."""
    return TeamProfile(
        name=record["name"],
        roster=[Participant(**p) for p in record.get("roster", [])],
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
