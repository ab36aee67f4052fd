"""Retrospective templates: the guide for each phase, as TOML files a team lead can edit.

A template is read with the standard library's ``tomllib`` and checked strictly: every
problem is a :class:`TemplateError` naming the file, the key (and its line where it can
be found) and what was expected, so a non-programmer can fix it in a text editor. The
format is documented in ``templates/README.md``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.i18n import t
from tui.core.model import LANGUAGES, PERSPECTIVES, PHASES

HEALTH_LENSES = ("ambition", "interests", "trust", "organisation", "process")
"""The five lenses a health check looks at a collaboration through."""

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MAX_TEMPLATE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Phase:
    """The guide for one phase: heading, purpose, questions for the group, timebox."""

    key: str
    title: str
    purpose: str
    questions: tuple[str, ...]
    timebox_minutes: int


@dataclass(frozen=True)
class HealthStatement:
    """One health-check statement, scored 1–5; ``id`` stays stable across wordings."""

    id: str
    lens: str
    statement: str


@dataclass(frozen=True)
class PerspectiveInfo:
    """How a template names and explains one of the five collaboration perspectives."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Template:
    """A parsed, valid template; ``version`` is a hash of the file's content."""

    id: str
    language: str
    title: str
    description: str
    duration_minutes: int
    friction_categories: tuple[str, ...]
    appreciation_prompts: tuple[str, ...]
    phases: dict[str, Phase]
    health_check: tuple[HealthStatement, ...]
    perspectives: tuple[PerspectiveInfo, ...]
    dot_budget: int = 3
    """Dots each member may put on frictions from a phone (``dot_budget`` in the file; 3 when absent)."""
    path: Path | None = None
    source: str = "shipped"
    version: str = ""

    def phase(self, key: str) -> Phase:
        """The guide for phase ``key`` (every valid template has all phases)."""
        return self.phases[key]


class TemplateError(ValueError):
    """A template file that cannot be used; says which file, which key or line, and what is expected."""

    def __init__(self, path: Path | str, key: str | None, line: int | None, code: str, **params: object):
        self.path = str(path)
        self.key = key
        self.line = line
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """One readable line: ``file, line N, key: problem``."""
        where = [self.path]
        if self.line is not None:
            where.append(t("template.line", lang, line=self.line))
        if self.key:
            where.append(self.key)
        return f"{', '.join(where)}: {t('template.' + self.code, lang, **self.params)}"


# -- checking the parsed TOML --------------------------------------------------------------

_TOP_KEYS = ("id", "language", "title", "description", "duration_minutes", "friction_categories",
             "appreciation_prompts", "phases", "health_check", "perspectives")
_OPTIONAL_TOP_KEYS = ("dot_budget",)
_PHASE_KEYS = ("title", "purpose", "questions", "timebox_minutes")
_HEALTH_KEYS = ("id", "lens", "statement")
_PERSPECTIVE_KEYS = ("id", "name", "description")


class _Checker:
    """Walks the parsed TOML, raising a :class:`TemplateError` at the first problem."""

    def __init__(self, path: Path | str, text: str):
        self.path = path
        self.lines = text.splitlines()

    def fail(self, key: str, code: str, **params: object) -> TemplateError:
        return TemplateError(self.path, key, self._line_of(key), code, **params)

    def _headers(self, pattern: str) -> list[int]:
        return [i for i, line in enumerate(self.lines) if re.match(rf"\s*{pattern}", line)]

    def _line_of(self, key: str) -> int | None:
        """Best-effort line number of a key such as ``phases.goes_well.questions[2]``."""
        parts = re.findall(r"[^.\[\]]+|\[\d+\]", key)
        if parts[0] in ("health_check", "perspectives") and len(parts) >= 2:
            headers = self._headers(rf"\[\[\s*{parts[0]}\s*\]\]")
            nth = int(parts[1][1:-1])
            if nth >= len(headers):
                return None
            section, rest = headers[nth], parts[2:]
        elif parts[0] == "phases" and len(parts) >= 2:
            headers = self._headers(rf"\[\s*phases\s*\.\s*{re.escape(parts[1])}\s*\]")
            if not headers:
                return None
            section, rest = headers[0], parts[2:]
        else:
            section, rest = -1, parts
        if not rest:
            return section + 1 if section >= 0 else None
        for index in range(section + 1, len(self.lines)):
            line = self.lines[index]
            if re.match(r"\s*\[", line):
                break
            if re.match(rf"\s*{re.escape(rest[0])}\s*=", line):
                return index + 1
        return None

    def keys(self, table: dict, allowed: tuple[str, ...], where: str, optional: tuple[str, ...] = ()) -> None:
        for key in table:
            if key not in allowed and key not in optional:
                raise self.fail(_join(where, key), "unknown_key", expected=", ".join(allowed + optional))
        for key in allowed:
            if key not in table:
                raise self.fail(_join(where, key), "missing_key")

    def text(self, value: Any, key: str, *, required: bool = True, limit: int = 2000) -> str:
        if not isinstance(value, str):
            raise self.fail(key, "expected_text", got=_type_name(value))
        if required and not value.strip():
            raise self.fail(key, "empty_text")
        if len(value) > limit:
            raise self.fail(key, "text_too_long", limit=limit)
        return value.strip()

    def integer(self, value: Any, key: str, low: int, high: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, "expected_integer", got=_type_name(value))
        if not low <= value <= high:
            raise self.fail(key, "out_of_range", low=low, high=high, got=value)
        return value

    def texts(self, value: Any, key: str, low: int, high: int) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, "expected_list", got=_type_name(value))
        if not low <= len(value) <= high:
            raise self.fail(key, "list_size", low=low, high=high, got=len(value))
        return tuple(self.text(item, f"{key}[{i}]", limit=300) for i, item in enumerate(value))

    def tables(self, value: Any, key: str) -> list[dict]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(key, "expected_tables", got=_type_name(value))
        return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _type_name(value: Any) -> str:
    names = {str: "text", bool: "true/false", int: "whole number", float: "number", list: "list", dict: "table"}
    return next((name for kind, name in names.items() if type(value) is kind), type(value).__name__)


def _check(data: dict, c: _Checker) -> dict[str, Any]:
    c.keys(data, _TOP_KEYS, "", _OPTIONAL_TOP_KEYS)
    template_id = c.text(data["id"], "id")
    if not ID_PATTERN.fullmatch(template_id):
        raise c.fail("id", "bad_id", got=template_id)
    language = c.text(data["language"], "language")
    if language not in LANGUAGES:
        raise c.fail("language", "bad_language", expected=", ".join(LANGUAGES), got=language)

    if not isinstance(data["phases"], dict):
        raise c.fail("phases", "expected_table", got=_type_name(data["phases"]))
    c.keys(data["phases"], PHASES, "phases")
    phases = {}
    for key in PHASES:
        where = f"phases.{key}"
        table = data["phases"][key]
        if not isinstance(table, dict):
            raise c.fail(where, "expected_table", got=_type_name(table))
        c.keys(table, _PHASE_KEYS, where)
        phases[key] = Phase(
            key=key,
            title=c.text(table["title"], f"{where}.title", limit=80),
            purpose=c.text(table["purpose"], f"{where}.purpose"),
            questions=c.texts(table["questions"], f"{where}.questions", 3, 8),
            timebox_minutes=c.integer(table["timebox_minutes"], f"{where}.timebox_minutes", 1, 240),
        )

    health = []
    for i, item in enumerate(c.tables(data["health_check"], "health_check")):
        where = f"health_check[{i}]"
        c.keys(item, _HEALTH_KEYS, where)
        statement_id = c.text(item["id"], f"{where}.id")
        if not ID_PATTERN.fullmatch(statement_id):
            raise c.fail(f"{where}.id", "bad_id", got=statement_id)
        if statement_id in {h.id for h in health}:
            raise c.fail(f"{where}.id", "duplicate_id", id=statement_id)
        lens = c.text(item["lens"], f"{where}.lens")
        if lens not in HEALTH_LENSES:
            raise c.fail(f"{where}.lens", "bad_choice", expected=", ".join(HEALTH_LENSES), got=lens)
        health.append(HealthStatement(statement_id, lens, c.text(item["statement"], f"{where}.statement", limit=300)))
    if not 1 <= len(health) <= 12:
        raise c.fail("health_check", "list_size", low=1, high=12, got=len(health))

    perspectives = []
    for i, item in enumerate(c.tables(data["perspectives"], "perspectives")):
        where = f"perspectives[{i}]"
        c.keys(item, _PERSPECTIVE_KEYS, where)
        perspective_id = c.text(item["id"], f"{where}.id")
        if perspective_id not in PERSPECTIVES:
            raise c.fail(f"{where}.id", "bad_choice", expected=", ".join(PERSPECTIVES), got=perspective_id)
        if perspective_id in {p.id for p in perspectives}:
            raise c.fail(f"{where}.id", "duplicate_id", id=perspective_id)
        perspectives.append(PerspectiveInfo(
            perspective_id, c.text(item["name"], f"{where}.name", limit=40),
            c.text(item["description"], f"{where}.description", limit=300)))

    if not 1 <= len(perspectives) <= len(PERSPECTIVES):
        raise c.fail("perspectives", "list_size", low=1, high=len(PERSPECTIVES), got=len(perspectives))

    return {
        "id": template_id,
        "language": language,
        "title": c.text(data["title"], "title", limit=80),
        "description": c.text(data["description"], "description"),
        "duration_minutes": c.integer(data["duration_minutes"], "duration_minutes", 5, 480),
        "friction_categories": c.texts(data["friction_categories"], "friction_categories", 1, 15),
        "appreciation_prompts": c.texts(data["appreciation_prompts"], "appreciation_prompts", 1, 10),
        "phases": phases,
        "health_check": tuple(health),
        "perspectives": tuple(perspectives),
        "dot_budget": c.integer(data.get("dot_budget", 3), "dot_budget", 1, 20),
    }


def parse_template(data: bytes, path: Path | str = "<template>", source: str = "shipped") -> Template:
    """Parse and check the bytes of a template file; raise :class:`TemplateError` on any problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(path, None, None, "not_utf8", offset=exc.start) from None
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(match.group(1)) if match else None
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise TemplateError(path, None, line, "syntax", detail=detail) from None
    fields = _check(parsed, _Checker(path, text))
    version = hashlib.sha256(data).hexdigest()[:12]
    return Template(**fields, path=Path(path) if path != "<template>" else None, source=source, version=version)


def load_template(path: Path, source: str = "user") -> Template:
    """Read and check one template file."""
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(path, None, None, "too_large")
        data = path.read_bytes()
    except IsADirectoryError:
        raise TemplateError(path, None, None, "is_directory") from None
    except OSError as exc:
        raise TemplateError(path, None, None, "unreadable", error=exc.strerror or str(exc)) from None
    return parse_template(data, path, source)
