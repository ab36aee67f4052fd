"""The rules across fields of what members sent from their phones (a session document's ``room``).

A type cannot say them: ids and keys are unique, a device scores a statement and dots a
friction once, and dots and signed names point at notes that exist. :mod:`tui.core.validation`
turns a broken rule into a :class:`~tui.core.validation.Problem`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _first_repeat(values: Iterable[Any]) -> tuple[int, Any] | None:
    """The index and value of the first value seen before, or None."""
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            return index, value
        seen.add(value)
    return None


def room_rule_broken(room: Any, item_ids: set[str], note_ids: set[str],
                     friction_ids: set[str]) -> tuple[str, str, dict[str, Any]] | None:
    """The first rule across fields that a document's ``room`` breaks, as ``(path, code, params)``, or None.

    ``item_ids`` are the ids of the session's items, ``note_ids`` of its goes-well and
    friction notes, ``friction_ids`` of its frictions.
    """
    for index, note in enumerate(room.incoming):
        if note.id in item_ids:
            return f"room.incoming[{index}].id", "duplicate_id", {"id": note.id}
    checks: list[tuple[str, str, Any]] = [
        ("incoming", "id", [n.id for n in room.incoming]),
        ("incoming", "key", [n.key for n in room.incoming]),
        ("dots", "note_id", [(d.device, d.note_id) for d in room.dots]),
        ("scores", "statement_id", [(s.device, s.statement_id) for s in room.scores]),
        ("worth", "device", [w.device for w in room.worth]),
        ("signed", "note_id", [s.note_id for s in room.signed]),
    ]
    for group, name, values in checks:
        repeat = _first_repeat(values)
        if repeat is not None:
            index, value = repeat
            shown = value[-1] if isinstance(value, tuple) else value
            return f"room.{group}[{index}].{name}", "duplicate_id", {"id": shown}
    repeat = _first_repeat(room.applied_keys)
    if repeat is not None:
        return f"room.applied_keys[{repeat[0]}]", "duplicate_id", {"id": repeat[1]}
    for index, dots in enumerate(room.dots):
        if dots.note_id not in friction_ids:
            return f"room.dots[{index}].note_id", "unknown_note", {"id": dots.note_id}
    for index, signed in enumerate(room.signed):
        if signed.note_id not in note_ids:
            return f"room.signed[{index}].note_id", "unknown_note", {"id": signed.note_id}
    return None
