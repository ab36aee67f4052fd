"""Checking a session document: msgspec decodes against the model's types, plain functions check the rest.

One pass of ``msgspec.convert`` (or ``msgspec.json.decode`` in :mod:`tui.core.codec`) checks
every field against the rules its type carries (:mod:`tui.core.model`). When it refuses,
its message (``Expected `int` >= 0 - at `$.frictions[2].votes```) is turned into a
:class:`Problem` that names the field as today's paths do (``frictions[2].votes``) and says
what is wrong in the session's language. What a type cannot say stays here as plain
functions: ids are unique, references point at something, a timestamp's day exists.
JSON Schema's rules hold, not Python's: ``3.0`` is an integer.
"""

from __future__ import annotations

import calendar
import json
import math
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import msgspec

from tui.core.i18n import t
from tui.core.room_rules import room_rule_broken
from tui.core.schema import DOCUMENT_TYPES, SCHEMA_VERSION, session_schema

__all__ = ["Problem", "ValidationError", "convert_document", "describe", "document_problem", "first_problem", "rules_problem",
           "session_schema", "validate_document"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a document: where (a JSON path like ``frictions[2].votes``) and what."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        """The problem as one readable line in the given language."""
        where = self.path or t("validation.root", lang)
        return f"{where}: {t('validation.' + self.code, lang, **self.params)}"

    def __str__(self) -> str:
        return self.message("en")


class ValidationError(ValueError):
    """A value breaks the session format; carries the first :class:`Problem` found."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def describe(value: Any) -> str:
    """A value as short JSON text for a message; never fails, whatever the value (huge, deep, odd)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        digits = int((value.bit_length() - 1) * math.log10(2))  # at most one short of the true count
        leading = str(abs(value) // 10 ** (digits - 30))[:20]  # str() of the whole may be refused
        return ("-" if value < 0 else "") + leading + "..."
    try:
        text = json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
    except (ValueError, TypeError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


# -- from msgspec's message to a Problem ----------------------------------------------------------

_AT = re.compile(r"^(?P<what>.*?)(?: - at `(?:(?P<key>key)` in `)?\$(?P<path>[^`]*)`)?$", re.S)
_PART = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")
_JSON_NAMES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "null": "null",
               "array": "array", "object": "object"}


class _Shape:
    """A type with its constraints gathered: the bare type, whether None is allowed, the Meta rules."""

    def __init__(self, annotation: Any):
        self.nullable = False
        self.metas: list[msgspec.Meta] = []
        self.bare = self._unwrap(annotation)

    def _unwrap(self, annotation: Any) -> Any:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            inner, *metas = typing.get_args(annotation)
            self.metas += [m for m in metas if isinstance(m, msgspec.Meta)]
            return self._unwrap(inner)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            self.nullable = len(options) < len(typing.get_args(annotation))
            return self._unwrap(options[0]) if len(options) == 1 else annotation
        return annotation

    def rule(self, name: str) -> Any:
        """The value of one constraint (``ge``, ``min_length``, ...), or None."""
        return next((getattr(m, name) for m in self.metas if getattr(m, name) is not None), None)

    def child(self, part: str | int) -> _Shape | None:
        """The shape of a field, list item or dict value inside this one."""
        bare, origin = self.bare, typing.get_origin(self.bare)
        if isinstance(bare, type) and issubclass(bare, msgspec.Struct):
            found = next((f.type for f in msgspec.structs.fields(bare) if f.encode_name == part), None)
            return _Shape(found) if found is not None else None
        if origin is list:
            return _Shape(typing.get_args(bare)[0])
        if origin is dict:
            return _Shape(typing.get_args(bare)[1])
        return None

    def key_shape(self) -> _Shape:
        """The shape of this dict's keys."""
        return _Shape(typing.get_args(self.bare)[0])


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _value_at(doc: Any, parts: list[str | int]) -> Any:
    for part in parts:
        doc = doc[part]
    return doc


def _number(limit: Any) -> Any:
    return int(limit) if isinstance(limit, float) and limit.is_integer() else limit


def _problem(what: str, path: str, shape: _Shape | None, value: Any, key_error: bool = False) -> Problem:
    """A Problem for msgspec's refusal ``what`` of ``value``, whose type is ``shape``, at ``path``."""
    if shape is not None and typing.get_origin(shape.bare) is Literal:
        options = list(typing.get_args(shape.bare)) + ([None] if shape.nullable else [])
        if len(options) == 1:
            return Problem(path, "const", {"expected": describe(options[0]), "got": describe(value)})
        text = ", ".join("null" if o is None else str(o) for o in options)
        return Problem(path, "enum", {"options": text, "got": describe(value)})
    if isinstance(value, float) and not math.isfinite(value) and shape is not None and shape.bare is float:
        return Problem(path, "finite", {})
    if what.startswith("Expected `") and "`, got `" in what:
        expected = what[len("Expected `"):what.index("`, got `")]
        names = " | ".join(_JSON_NAMES.get(name, name) for name in expected.split(" | "))
        return Problem(path, "type", {"expected": names, "got": describe(value)})
    if shape is None:
        return Problem(path, "type", {"expected": "?", "got": describe(value)})
    if " >= " in what or " <= " in what or what.startswith("Number out of range"):
        if "of length" in what:
            if " >= " in what:
                return Problem(path, "empty", {})
            return Problem(path, "max_length", {"limit": shape.rule("max_length"), "got": len(value)})
        low = " >= " in what or (what.startswith("Number out of range") and value < 0)
        code, rule = ("minimum", "ge") if low else ("maximum", "le")
        return Problem(path, code, {"limit": _number(shape.rule(rule)), "got": describe(value)})
    if "matching regex" in what:
        extra = shape.rule("extra_json_schema") or {}
        if extra.get("format") == "date-time":
            return Problem(path, "format_date_time", {"got": describe(value)})
        code = "blank" if shape.rule("min_length") == 1 and value.isspace() else "pattern"
        return Problem(path, code, {"got": describe(value)})
    if "RFC3339" in what:
        return Problem(path, "format_date", {"got": describe(value)})
    return Problem(path, "type", {"expected": str(shape.bare), "got": describe(value)})


def _from_error(error: msgspec.ValidationError, doc: Any, original: Any, root: _Shape) -> Problem:
    """Turn msgspec's refusal of ``doc`` (``original`` before whole floats became ints) into a Problem."""
    match = _AT.match(str(error))
    assert match is not None
    what = match["what"]
    parts: list[str | int] = []
    shape: _Shape | None = root
    path = ""
    for name, index in _PART.findall(match["path"] or ""):
        if index == "...":  # a dict value: msgspec does not say which key, so find the first refused one
            entries = _value_at(doc, parts)
            value_type = typing.get_args(shape.bare)[1] if shape is not None else Any
            for key, item in entries.items():
                try:
                    msgspec.convert(item, value_type)
                except msgspec.ValidationError:
                    parts.append(key)
                    path = _join(path, key)
                    shape = shape.child(key) if shape is not None else None
                    break
            continue
        part: str | int = int(index) if index else name
        parts.append(part)
        path = _join(path, part)
        shape = shape.child(part) if shape is not None else None
    for prefix, code in (("Object missing required field `", "required"),
                         ("Object contains unknown field `", "unknown_field")):
        if what.startswith(prefix):
            return Problem(_join(path, what[len(prefix):-1]), code, {})
    if match["key"]:  # a dict key that is refused
        entries = _value_at(doc, parts)
        key_shape = shape.key_shape() if shape is not None else None
        for key in entries:
            try:
                msgspec.convert(key, key_shape.bare if key_shape else Any)
            except msgspec.ValidationError:
                return _problem(what, _join(path, key), key_shape, key)
    try:
        value = _value_at(original, parts)
    except (KeyError, IndexError, TypeError):
        value = _value_at(doc, parts)
    return _problem(what, path, shape, value)


def _whole_floats_as_ints(value: Any) -> Any:
    """A copy with every float that has no fraction as an int: JSON Schema counts 3.0 as the integer 3."""
    if type(value) is float:
        return int(value) if value.is_integer() else value
    if type(value) is dict:
        return {k: _whole_floats_as_ints(v) for k, v in value.items()}
    if type(value) is list:
        return [_whole_floats_as_ints(v) for v in value]
    return value


def convert_document(doc: Any, version: int = SCHEMA_VERSION) -> tuple[msgspec.Struct | None, Problem | None]:
    """Check a parsed document of ``version`` against its type: the typed document, or the first problem."""
    document_type = DOCUMENT_TYPES[version]
    try:
        return msgspec.convert(doc, document_type), None
    except msgspec.ValidationError:
        pass
    except UnicodeEncodeError:  # a lone surrogate where msgspec compares or parses (a key, a word, a date)
        return None, _lone_surrogate(doc, "") or Problem("", "pattern", {"got": "?"})
    normal = _whole_floats_as_ints(doc)
    try:
        return msgspec.convert(normal, document_type), None
    except msgspec.ValidationError as error:
        return None, _from_error(error, normal, doc, _Shape(document_type))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _shown(text: str) -> str:
    """Text safe to print: a lone surrogate as its escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _lone_surrogate(value: Any, path: str) -> Problem | None:
    """The first text (key or value) holding a lone surrogate: where msgspec stopped, or near it.

    Free text may hold one (JSON Schema allows it; writing the file refuses it later), but a
    key, an allowed word or a date cannot, and msgspec stops there without saying where.
    """
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return Problem(path, "pattern", {"got": describe(_shown(value))})
    elif isinstance(value, dict):
        for key, item in value.items():
            where = _join(path, _shown(key) if isinstance(key, str) else str(key))
            problem = _lone_surrogate(key, where) or _lone_surrogate(item, where)
            if problem is not None:
                return problem
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problem = _lone_surrogate(item, _join(path, index))
            if problem is not None:
                return problem
    return None


# -- rules across fields ---------------------------------------------------------------------------

_RFC3339 = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-([0-9]{2})[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)


def _valid_timestamp(value: str) -> bool:
    """RFC 3339 date-time with an offset, of a day that exists (no leap seconds, as jsonschema)."""
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    return year > 0 and 1 <= day <= calendar.monthrange(year, month)[1]


def rules_problem(doc: Any) -> Problem | None:
    """Rules a type cannot state, on a typed document: timestamps name real days, ids are unique, references hold."""
    for name in ("created_at", "updated_at"):
        if not _valid_timestamp(getattr(doc, name)):
            return Problem(name, "format_date_time", {"got": describe(getattr(doc, name))})

    participant_ids: set[str] = set()
    for index, person in enumerate(doc.participants):
        if person.id in participant_ids:
            return Problem(f"participants[{index}].id", "duplicate_id", {"id": person.id})
        participant_ids.add(person.id)

    item_ids: set[str] = set()
    note_ids: set[str] = set()
    groups = [
        ("checkin.changes", doc.checkin.changes),
        ("goes_well", doc.goes_well),
        ("frictions", doc.frictions),
        ("actions", doc.actions),
        ("appreciation", doc.appreciation),
    ]
    for name, items in groups:
        for index, item in enumerate(items):
            if item.id in item_ids:
                return Problem(f"{name}[{index}].id", "duplicate_id", {"id": item.id})
            item_ids.add(item.id)
            if name in ("goes_well", "frictions"):
                note_ids.add(item.id)
            author = getattr(item, "author", None)
            if author is not None and author not in participant_ids:
                return Problem(f"{name}[{index}].author", "unknown_participant", {"id": author})

    for index, action in enumerate(doc.actions):
        for owner_index, owner in enumerate(action.owners):
            if owner not in participant_ids:
                return Problem(f"actions[{index}].owners[{owner_index}]", "unknown_participant", {"id": owner})
        source = action.source_note_id
        if source is not None and source not in note_ids:
            return Problem(f"actions[{index}].source_note_id", "unknown_note", {"id": source})

    reviewed: set[str] = set()
    for index, review in enumerate(doc.checkin.reviews):
        if review.action_id in reviewed:
            return Problem(f"checkin.reviews[{index}].action_id", "duplicate_id", {"id": review.action_id})
        reviewed.add(review.action_id)

    statements: set[str] = set()
    for index, score in enumerate(doc.health):
        if score.statement_id in statements:
            return Problem(f"health[{index}].statement_id", "duplicate_id", {"id": score.statement_id})
        statements.add(score.statement_id)
    room = getattr(doc, "room", None)
    if room is None:  # a document of schema version 1
        return None
    signable = note_ids | {item.id for item in doc.appreciation}
    broken = room_rule_broken(room, item_ids, signable, {note.id for note in doc.frictions})
    return None if broken is None else Problem(*broken)


def document_problem(doc: Any) -> tuple[msgspec.Struct | None, Problem | None]:
    """Check a parsed document: the typed document when valid, else the first problem.

    A document of an older version this code reads (``schema_version`` in ``DOCUMENT_TYPES``)
    is checked against its own version's type; anything else against the current one.
    """
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if type(version) is float and version.is_integer():
        version = int(version)
    if type(version) is not int or version not in DOCUMENT_TYPES:
        version = SCHEMA_VERSION
    typed, problem = convert_document(doc, version)
    if problem is None:
        problem = rules_problem(typed)
    return (typed if problem is None else None), problem


def first_problem(doc: Any) -> Problem | None:
    """Return the first problem in a session document, or None when it is valid.

    The document must already carry the ``format`` and a ``schema_version`` this code reads
    (it is checked against that version's type); refusing other versions lives in :mod:`tui.core.codec`.
    """
    return document_problem(doc)[1]


def validate_document(doc: Any) -> None:
    """Raise :class:`ValidationError` naming the first problem in a session document."""
    problem = first_problem(doc)
    if problem is not None:
        raise ValidationError(problem)
