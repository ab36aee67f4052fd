"""The strict JSON reader: the one parser for session files, compare and the records database.

It refuses, with a :class:`DocumentError` that names the source and the reason, what
``json.loads`` would take silently or let fail later with a traceback.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from tui.core.i18n import t


class DocumentError(ValueError):
    """A file or document that cannot be read as a session; the message says where and why."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


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
