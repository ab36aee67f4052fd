"""Checking a session document against the shipped JSON Schema, plus the rules a schema cannot say.

The run-time dependencies are fixed (textual, tinydb, markdown-it-py), so this module
interprets the subset of JSON Schema that ``session.schema.json`` uses instead of pulling
in a validator package. The schema file stays the single description of the format; the
test suite checks this interpreter against the reference ``jsonschema`` package, document by
document (tests/core/test_schema_agreement.py). JSON Schema's rules hold here, not Python's:
``3.0`` is an integer, and a ``date-time`` is RFC 3339 (``T``/``Z`` in either case).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from tui.core.i18n import t
from tui.core.schema_compiler import check_portable_pattern, compile_schema, json_equal, resolve as _resolve


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


@cache
def session_schema() -> dict[str, Any]:
    """The JSON Schema of the session interchange format, as shipped in the package."""
    text = resources.files("tui.core").joinpath("session.schema.json").read_text("utf-8")
    return json.loads(text)


_JSON_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_RFC3339 = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-([0-9]{2})[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)


def _valid_date(value: str) -> bool:
    """RFC 3339 full-date: YYYY-MM-DD of a day that exists."""
    try:
        return _DATE.fullmatch(value) is not None and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _valid_timestamp(value: str) -> bool:
    """RFC 3339 date-time with an offset, of a day that exists (no leap seconds, as jsonschema)."""
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    return year > 0 and 1 <= day <= calendar.monthrange(year, month)[1]


_FORMATS = {"date": _valid_date, "date-time": _valid_timestamp}
"""The ``format`` keywords the session schema uses; other formats are not checked (as JSON Schema allows)."""


def _valid_format(fmt: str, value: str) -> bool:
    check = _FORMATS.get(fmt)
    return check is None or check(value)


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


_describe = describe


def _check(value: Any, schema: dict[str, Any], path: str, root: dict[str, Any]) -> Problem | None:
    schema = _resolve(schema, root)
    if "const" in schema and not json_equal(value, schema["const"]):
        return Problem(path, "const", {"expected": _describe(schema["const"]), "got": _describe(value)})
    if "enum" in schema and not any(json_equal(value, option) for option in schema["enum"]):
        options = ", ".join("null" if o is None else str(o) for o in schema["enum"])
        return Problem(path, "enum", {"options": options, "got": _describe(value)})
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_JSON_TYPES[name](value) for name in types):
            return Problem(path, "type", {"expected": " | ".join(types), "got": _describe(value)})
    if isinstance(value, float) and not math.isfinite(value):
        return Problem(path, "finite", {})
    if isinstance(value, str):
        return _check_string(value, schema, path)
    if _JSON_TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            return Problem(path, "minimum", {"limit": schema["minimum"], "got": _describe(value)})
        if "maximum" in schema and value > schema["maximum"]:
            return Problem(path, "maximum", {"limit": schema["maximum"], "got": _describe(value)})
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problem = _check(item, schema["items"], _join(path, index), root)
            if problem:
                return problem
    if isinstance(value, dict):
        return _check_object(value, schema, path, root)
    return None


def _check_string(value: str, schema: dict[str, Any], path: str) -> Problem | None:
    if "minLength" in schema and len(value) < schema["minLength"]:
        return Problem(path, "empty", {})
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        return Problem(path, "max_length", {"limit": schema["maxLength"], "got": len(value)})
    if "format" in schema and not _valid_format(schema["format"], value):
        return Problem(path, "format_" + schema["format"].replace("-", "_"), {"got": _describe(value)})
    if "pattern" in schema:
        check_portable_pattern(schema["pattern"])
        if re.search(schema["pattern"], value) is None:
            code = "blank" if schema.get("minLength") == 1 and value.isspace() else "pattern"
            return Problem(path, code, {"got": _describe(value)})
    return None


def _check_object(value: dict, schema: dict[str, Any], path: str, root: dict) -> Problem | None:
    for key in schema.get("required", []):
        if key not in value:
            return Problem(_join(path, key), "required", {})
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if "propertyNames" in schema:
            problem = _check(key, schema["propertyNames"], _join(path, key), root)
            if problem:
                return problem
        if key in properties:
            problem = _check(item, properties[key], _join(path, key), root)
        elif extra is False:
            problem = Problem(_join(path, key), "unknown_field", {})
        elif isinstance(extra, dict):
            problem = _check(item, extra, _join(path, key), root)
        else:
            problem = None
        if problem:
            return problem
    return None


def _check_references(doc: dict[str, Any]) -> Problem | None:
    """Rules across fields: ids are unique and every reference points at something."""
    participant_ids: set[str] = set()
    for index, person in enumerate(doc["participants"]):
        if person["id"] in participant_ids:
            return Problem(f"participants[{index}].id", "duplicate_id", {"id": person["id"]})
        participant_ids.add(person["id"])

    item_ids: set[str] = set()
    note_ids: set[str] = set()
    groups = [
        ("checkin.changes", doc["checkin"]["changes"]),
        ("goes_well", doc["goes_well"]),
        ("frictions", doc["frictions"]),
        ("actions", doc["actions"]),
        ("appreciation", doc["appreciation"]),
    ]
    for name, items in groups:
        for index, item in enumerate(items):
            if item["id"] in item_ids:
                return Problem(f"{name}[{index}].id", "duplicate_id", {"id": item["id"]})
            item_ids.add(item["id"])
            if name in ("goes_well", "frictions"):
                note_ids.add(item["id"])
            author = item.get("author")
            if author is not None and author not in participant_ids:
                return Problem(f"{name}[{index}].author", "unknown_participant", {"id": author})

    for index, action in enumerate(doc["actions"]):
        for owner_index, owner in enumerate(action["owners"]):
            if owner not in participant_ids:
                return Problem(
                    f"actions[{index}].owners[{owner_index}]", "unknown_participant", {"id": owner}
                )
        source = action["source_note_id"]
        if source is not None and source not in note_ids:
            return Problem(f"actions[{index}].source_note_id", "unknown_note", {"id": source})

    reviewed: set[str] = set()
    for index, review in enumerate(doc["checkin"]["reviews"]):
        if review["action_id"] in reviewed:
            return Problem(f"checkin.reviews[{index}].action_id", "duplicate_id", {"id": review["action_id"]})
        reviewed.add(review["action_id"])

    statements: set[str] = set()
    for index, score in enumerate(doc["health"]):
        if score["statement_id"] in statements:
            return Problem(
                f"health[{index}].statement_id", "duplicate_id", {"id": score["statement_id"]}
            )
        statements.add(score["statement_id"])
    return None


# -- the fast path ---------------------------------------------------------------------------
#
# Nearly every document read is valid, and walking the schema while building a JSON path
# for every value is what made reading slow. The schema is therefore also compiled once
# into straight-line Python (tui.core.schema_compiler) that only answers "valid or not";
# when it says "not", the path-tracking walk above runs to name the first problem.


@cache
def _fast_validator() -> Callable[[Any], bool]:
    return compile_schema(session_schema(), _FORMATS)[0]


def first_problem(doc: Any) -> Problem | None:
    """Return the first problem in a session document, or None when it is valid.

    The document must already carry the current ``format`` and ``schema_version``;
    version handling lives in :mod:`tui.core.codec`.
    """
    if _fast_validator()(doc):
        return _check_references(doc)
    schema = session_schema()
    problem = _check(doc, schema, "", schema)
    if problem is None:
        problem = _check_references(doc)
    return problem


def validate_document(doc: Any) -> None:
    """Raise :class:`ValidationError` naming the first problem in a session document."""
    problem = first_problem(doc)
    if problem is not None:
        raise ValidationError(problem)
