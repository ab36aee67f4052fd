"""The interchange document's layout, derived from the model, and the JSON Schema made from it.

:mod:`tui.core.model` describes the session once. A document differs from the model in
two ways only, and both are derived here rather than written again: every field of a
document is required (the model's defaults are for building sessions in code), and a few
flat fields of :class:`~tui.core.model.Session` sit in nested objects (``template``,
``checkin``, ``overall``; each such field names its place in its ``Meta``). Keys are
written in the order of the model's fields, an ``id`` first.

Run ``python -m tui.core.schema`` to write ``session.schema.json`` from these types, or
``python -m tui.core.schema --check`` to exit 1 when the committed file differs.

Schema versions: :data:`DOCUMENT_TYPES` maps each version this code reads to its document
type; a later version adds its type there and a function that turns an older document
into the current model.
"""

from __future__ import annotations

import json
import sys
import typing
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from tui.core import model

FORMAT = "terugblik-session"
"""The value of the ``format`` field of every session document."""

SCHEMA_VERSION = 3
"""The newest schema version this code reads and the one it writes."""

ROOM_SINCE = 2
"""The first schema version with the ``room`` object (what members sent from their phones)."""

RELATION_SINCE = 3
"""The first schema version whose participants have a ``relation`` (an informal carer's, to the client)."""

ITEM_TYPES: tuple[type[msgspec.Struct], ...] = (
    model.Participant,
    model.ActionReview,
    model.Change,
    model.GoesWellNote,
    model.FrictionNote,
    model.Action,
    model.Appreciation,
    model.HealthScore,
    model.IncomingNote,
    model.DeviceDots,
    model.DeviceScore,
    model.DeviceWorth,
    model.SignedNote,
)
"""The model's item types: a document holds them with exactly the same fields."""

_SCHEMA_FILE = "session.schema.json"


def _strip_place(annotation: Any) -> Any:
    """The annotation without the ``Meta(extra={"document": ...})`` that only says where a field goes."""
    if typing.get_origin(annotation) is Annotated:
        inner, *metas = typing.get_args(annotation)
        kept = [m for m in metas if not (isinstance(m, msgspec.Meta) and m.extra and "document" in m.extra)]
        return Annotated[(inner, *kept)] if kept else inner
    return annotation


def _place(annotation: Any) -> str | None:
    """The dotted place in the document of a flat Session field, or None when it sits at the top."""
    if typing.get_origin(annotation) is Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, msgspec.Meta) and meta.extra and "document" in meta.extra:
                return meta.extra["document"]
    return None


def _in_document_order(fields: tuple[msgspec.structs.FieldInfo, ...]) -> list[msgspec.structs.FieldInfo]:
    return sorted(fields, key=lambda f: f.name != "id")  # stable: the rest keep the model's order


def _required(cls: type[msgspec.Struct], without: tuple[str, ...] = ()) -> type[msgspec.Struct]:
    """A type with the same fields as ``cls`` (but ``without``), all required, in document order."""
    fields = [(f.encode_name, f.type) for f in _in_document_order(msgspec.structs.fields(cls))
              if f.name not in without]
    made = msgspec.defstruct(cls.__name__, fields, forbid_unknown_fields=True, module=__name__)
    made.__doc__ = cls.__doc__  # the schema's description of the object
    return made


_REQUIRED_ITEMS = {cls: _required(cls) for cls in ITEM_TYPES}

OLDER_ITEMS: dict[type[msgspec.Struct], type[msgspec.Struct]] = {
    _required(model.Participant, without=("relation",)): model.Participant,
}
"""Item types of older documents that lack a field of the model, each with its model type.

A participant of a version 1 or 2 document has no ``relation``; it loads with the model's
default (none).
"""
_PARTICIPANT_BEFORE_RELATION = next(iter(OLDER_ITEMS))


def item_document_type(cls: type[msgspec.Struct]) -> type[msgspec.Struct]:
    """The document type of one of :data:`ITEM_TYPES`: its fields, all required, the id first."""
    return _REQUIRED_ITEMS[cls]


def item_lists() -> dict[str, type[msgspec.Struct]]:
    """The Session fields that hold a list of items, with the item type."""
    found = {}
    for info in msgspec.structs.fields(model.Session):
        bare = _strip_place(info.type)
        if typing.get_origin(bare) is list and typing.get_args(bare)[0] in _REQUIRED_ITEMS:
            found[info.name] = typing.get_args(bare)[0]
    return found


def _swap(annotation: Any, version: int = SCHEMA_VERSION) -> Any:
    """The annotation with every model item type replaced by its all-required document twin of ``version``."""
    if annotation is model.Participant and version < RELATION_SINCE:
        return _PARTICIPANT_BEFORE_RELATION
    if annotation in _REQUIRED_ITEMS:
        return _REQUIRED_ITEMS[annotation]
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *metas = typing.get_args(annotation)
        return Annotated[(_swap(inner, version), *metas)]
    if origin is list:
        return list[_swap(typing.get_args(annotation)[0], version)]
    return annotation


def _session_document_type(version: int) -> type[msgspec.Struct]:
    """The document type of a session: the Session's fields, nested where their Meta says."""
    top: list[tuple[str, Any]] = [("format", Literal[FORMAT]), ("schema_version", Literal[version])]
    groups: dict[str, list[tuple[str, Any]]] = {}
    for info in _in_document_order(msgspec.structs.fields(model.Session)):
        place = _place(info.type)
        annotation = _swap(_strip_place(info.type), version)
        if place is None:
            top.append((info.encode_name, annotation))
            continue
        group, key = place.split(".")
        if group == "room" and version < ROOM_SINCE:
            continue
        if group not in groups:
            groups[group] = []
            top.append((group, group))  # placeholder, replaced below once the group is complete
        groups[group].append((key, annotation))
    nested = {}
    for name, keys in groups.items():
        nested[name] = msgspec.defstruct(name.capitalize(), keys, forbid_unknown_fields=True, module=__name__)
        nested[name].__doc__ = _GROUP_DOCS[name]
    fields = [(key, nested[key] if key in nested and value == key else value) for key, value in top]
    made = msgspec.defstruct("Session", fields, forbid_unknown_fields=True, module=__name__)
    made.__doc__ = model.Session.__doc__
    return made


_GROUP_DOCS = {
    "template": "The guide the session followed: its id and the version of its text.",
    "checkin": "The check-in: how last session's actions turned out, and what changed since.",
    "overall": "The decision on the collaboration itself, and why.",
    "room": ("What members sent from their own phones, without identity (a random id per device): notes not yet "
             "revealed, dots, scores, the names members signed revealed notes with, and the change keys applied."),
}


SessionDocumentV1 = _session_document_type(1)
"""A schema version 1 session document, field for field."""

SessionDocumentV2 = _session_document_type(2)
"""A schema version 2 session document: version 1 and the ``room`` object."""

SessionDocumentV3 = _session_document_type(3)
"""A schema version 3 session document: version 2 and each participant's ``relation``."""

DOCUMENT_TYPES: dict[int, type[msgspec.Struct]] = {1: SessionDocumentV1, 2: SessionDocumentV2, 3: SessionDocumentV3}
"""The document type of each schema version this code reads."""

_PLACES: tuple[tuple[str, str | None, str], ...] = tuple(
    (info.name, *(_place(info.type) or info.encode_name).partition(".")[::2])  # type: ignore[misc]
    for info in msgspec.structs.fields(model.Session)
)
"""For each Session field: its name, and the document key (and nested key, or "") it is kept under."""


def places() -> tuple[tuple[str, str | None, str], ...]:
    """For each Session field: ``(attribute, document key, nested key or "")``."""
    return _PLACES


# -- the JSON Schema ---------------------------------------------------------------------------

_DESCRIPTION = (
    "One retrospective of a care network, as written by Terugblik (format terugblik-session, schema version 3). "
    "Terugblik reads a document only if it satisfies this schema and these rules across fields, which JSON "
    "Schema cannot state: participant ids are unique; item ids are unique across checkin.changes, goes_well, "
    "frictions, actions and appreciation; every author and every action owner is the id of a participant; an "
    "action's source_note_id is the id of a goes_well or frictions note; checkin.reviews names each action_id "
    "once and health each statement_id once; created_at and updated_at name a day that exists; "
    "room.incoming ids are unique and differ from every item id, and no two of them share a key; room.dots names "
    "a friction's id and each device once per friction; room.scores "
    "names each device once per statement, room.worth each device once; room.signed names a goes_well or "
    "frictions note once; room.applied_keys holds each key once."
)

_COMMENT = (
    "Generated from the msgspec types in tui/core/model.py by `python -m tui.core.schema`; do not edit. "
    "Patterns mean the same in ECMA-262 (the JSON Schema dialect) and in Python's re: no \\d, \\w, \\s or '.', "
    "whose character sets differ, and the end of the text is written $(?!\\n), because Python's $ alone also "
    "matches before a final line break. A number with a zero fraction (3.0) is an integer, as JSON Schema says."
)

_NOT_PORTABLE_ESCAPES = set("dDwWsSbBAZzGgPpkN")
"""Escapes that Python's ``re`` and ECMA-262 read differently, or that only one of them knows."""

_END = "$(?!\\n)"


def check_portable_pattern(pattern: str) -> None:
    """Raise ``LookupError`` unless ``pattern`` means the same in ECMA-262 and in Python's ``re``.

    msgspec checks patterns with ``re`` while JSON Schema readers use ECMA-262. The two agree
    on literal characters, classes and ranges, ``^``, quantifiers, groups and lookaheads,
    but not on ``\\d``, ``\\w``, ``\\s``, ``\\b``, ``.`` or a bare ``$`` (write ``$(?!\\n)``).
    """
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if pattern[index + 1:index + 2] in _NOT_PORTABLE_ESCAPES:
                raise LookupError(f"pattern {pattern!r}: \\{pattern[index + 1]} differs between ECMA-262 and Python")
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1 + (pattern[index + 1:index + 2] == "^")
            if pattern[index:index + 1] == "]":
                raise LookupError(f"pattern {pattern!r}: a leading ] in a class differs between ECMA-262 and Python")
            continue
        elif char == ".":
            raise LookupError(f"pattern {pattern!r}: '.' differs between ECMA-262 and Python; use a class")
        elif char == "$" and not pattern.startswith(_END, index):
            raise LookupError(f"pattern {pattern!r}: write the end of the text as $(?!\\n)")
        elif char == "(" and pattern[index + 1:index + 2] == "?" and pattern[index + 2:index + 3] not in (":", "=", "!"):
            raise LookupError(f"pattern {pattern!r}: only (?:, (?= and (?! groups mean the same everywhere")
        index += 1


def _check_patterns(node: Any) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            check_portable_pattern(node["pattern"])
        for value in node.values():
            _check_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _check_patterns(value)


def generate() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the current session document, made from the types."""
    made = msgspec.json.schema(DOCUMENT_TYPES[SCHEMA_VERSION])
    _check_patterns(made)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://terugblik.invalid/session.schema.json",
        "title": "Terugblik session",
        "description": _DESCRIPTION,
        "$comment": _COMMENT,
        **made,
    }


def render(schema: dict[str, Any]) -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@cache
def session_schema() -> dict[str, Any]:
    """The JSON Schema of the session interchange format, as shipped in the package."""
    text = resources.files("tui.core").joinpath(_SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


def main(argv: list[str] | None = None) -> int:
    """Write ``session.schema.json`` next to this module; with ``--check``, exit 1 when it differs."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(__file__).with_name(_SCHEMA_FILE)
    text = render(generate())
    if "--check" in args:
        current = path.read_text("utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} differs from the schema the types give; run python -m tui.core.schema", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
