"""Turning the session JSON Schema into one fast Python function that says "valid or not".

Nearly every document Terugblik reads is valid, and comparing months of sessions reads
thousands of them, so the yes/no question must cost little more than walking the data
once. This module writes straight-line Python source from the schema (scalars checked
inline, objects and arrays as small functions with early returns) and compiles it once.
Naming *where* a document is wrong stays with the path-tracking walk in
:mod:`tui.core.validation`, which only runs when this function says "not valid".

Supported keywords are those ``session.schema.json`` uses: ``$ref`` (local), ``const``,
``enum``, ``type``, ``minLength``, ``maxLength``, ``pattern``, ``format`` (date,
date-time), ``minimum``, ``maximum``, ``items``, ``properties``, ``required``,
``additionalProperties`` and ``propertyNames``. Anything else raises ``LookupError`` when
compiling, so a schema change cannot be silently ignored.

The rules are JSON Schema's, not Python's: a number with a zero fraction (``3.0``) is an
integer, ``1.0`` equals the constant ``1`` while ``true`` does not, and a ``pattern`` must be
written so that it means the same in ECMA-262 and in Python's ``re`` (see
:func:`check_portable_pattern`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

Validator = Callable[[Any], bool]

_KNOWN = {"$ref", "const", "enum", "type", "minLength", "maxLength", "pattern", "format", "minimum",
          "maximum", "items", "properties", "required", "additionalProperties", "propertyNames",
          "description", "title", "$schema", "$id", "$defs", "$comment"}

_TYPE_TESTS = {"object": "type({v}) is dict", "array": "type({v}) is list", "string": "type({v}) is str",
               "boolean": "type({v}) is bool", "null": "{v} is None",
               "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
               "number": "type({v}) in (int, float)"}
"""Python tests for each JSON type, by exact type so that a bool is never a number."""

_MAX_INLINE_DEPTH = 12
"""Deeper than this, nested schemas get their own function (Python limits nesting of blocks)."""

_OBJECT_KEYS = ("properties", "required", "additionalProperties", "propertyNames")


def json_equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema's ``const`` and ``enum`` mean it: ``1.0`` equals ``1``, ``true`` does not."""
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    if isinstance(one, (int, float)) and isinstance(two, (int, float)):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(json_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(json_equal(one[k], two[k]) for k in one)
    return type(one) is type(two) and one == two


_NOT_PORTABLE_ESCAPES = set("dDwWsSbBAZzGgPpkN")
"""Escapes that Python's ``re`` and ECMA-262 read differently, or that only one of them knows."""

_END = "$(?!\\n)"
"""The end of the text in both dialects (Python's ``$`` alone also matches before a final line break)."""


def check_portable_pattern(pattern: str) -> None:
    """Raise ``LookupError`` unless ``pattern`` means the same in ECMA-262 and in Python's ``re``.

    JSON Schema patterns are ECMA-262 regular expressions, while this module and the
    reference validator run them with ``re``. The two agree on literal characters, classes
    and ranges, ``^``, quantifiers, groups and lookaheads, but not on ``\\d``, ``\\w``,
    ``\\s``, ``\\b`` (their character sets differ), ``.`` (Python excludes only a line
    feed) or a bare ``$`` (Python also matches before a final line break; write ``$(?!\\n)``).
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


def resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref``s (``#/...``) until a schema without one is reached."""
    while "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise LookupError(f"unsupported $ref {ref}")
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        schema = node
    return schema


class _Writer:
    """Collects the generated functions and the constants they refer to."""

    def __init__(self, root: dict[str, Any], formats: dict[str, Callable[[str], bool]]):
        self.root = root
        self.formats = formats
        self.namespace: dict[str, Any] = {"NoneType": type(None), "isfinite": math.isfinite}
        self.functions: dict[int, str] = {}
        self.sources: list[str] = []
        self.counter = 0
        self.inlining: set[int] = set()

    def constant(self, value: Any) -> str:
        """A name in the generated module's namespace bound to ``value``."""
        self.counter += 1
        name = f"K{self.counter}"
        self.namespace[name] = value
        return name

    def fresh(self, prefix: str) -> str:
        """A local variable name not used anywhere else in the generated code."""
        self.counter += 1
        return f"{prefix}{self.counter}"

    def function(self, schema: dict[str, Any]) -> str:
        """The name of a generated function checking ``schema`` (written once per schema node)."""
        key = id(schema)
        if key in self.functions:
            return self.functions[key]
        name = f"check_{len(self.functions)}"
        self.functions[key] = name  # registered first, so recursive schemas terminate
        self.inlining.add(key)
        body = self.checks(schema, "v", 1)
        self.inlining.discard(key)
        self.sources.append("\n".join([f"def {name}(v):", *body, "    return True", ""]))
        return name

    def checks(self, schema: dict[str, Any], var: str, depth: int) -> list[str]:
        """Lines, indented ``depth`` levels, that ``return False`` when ``var`` breaks ``schema``."""
        schema = resolve(schema, self.root)
        unknown = set(schema) - _KNOWN
        if unknown:
            raise LookupError(f"unsupported schema keywords {sorted(unknown)}")
        pad = "    " * depth
        lines: list[str] = []
        if "const" in schema:
            const = self.constant(schema["const"])
            lines.append(f"{pad}if not {self.constant(json_equal)}({var}, {const}): return False")
        if "enum" in schema:
            options = schema["enum"]
            if all(o is None or type(o) is str for o in options):
                allowed = self.constant(frozenset(options))
                lines.append(f"{pad}if ({var} is not None and type({var}) is not str) or {var} not in {allowed}: "
                             "return False")
            else:
                equal, choices = self.constant(json_equal), self.constant(tuple(options))
                lines.append(f"{pad}if not any({equal}({var}, o) for o in {choices}): return False")
        types = schema.get("type")
        types = [types] if isinstance(types, str) else types
        if types is not None:
            if "number" in types and "integer" in types:
                types = [name for name in types if name != "integer"]
            tests = " or ".join(_TYPE_TESTS[name].format(v=var) for name in types)
            lines.append(f"{pad}if not ({tests}): return False")
        kinds = [name for name in (types or []) if name != "null"]
        lines += self._string_checks(schema, var, pad, kinds == ["string"])
        lines += self._number_checks(schema, var, pad, types)
        if "items" in schema:
            lines += self._items(schema["items"], var, depth, kinds == ["array"])
        if any(k in schema for k in _OBJECT_KEYS):
            lines += self._object(schema, var, depth, kinds == ["object"])
        return lines

    def inline_or_call(self, schema: dict[str, Any], var: str, depth: int) -> list[str]:
        """Checks written out in place (no call per value), or a call where a schema refers to itself."""
        resolved = resolve(schema, self.root)
        if id(resolved) in self.inlining or depth > _MAX_INLINE_DEPTH:
            return [f"{'    ' * depth}if not {self.function(resolved)}({var}): return False"]
        self.inlining.add(id(resolved))
        try:
            return self.checks(resolved, var, depth)
        finally:
            self.inlining.discard(id(resolved))

    def _string_checks(self, schema: dict[str, Any], var: str, pad: str, only_str: bool) -> list[str]:
        rules: list[str] = []
        low, high = schema.get("minLength"), schema.get("maxLength")
        if low is not None:
            rules.append(f"len({var}) < {int(low)}")
        if high is not None:
            rules.append(f"len({var}) > {int(high)}")
        pattern = schema.get("pattern")
        if pattern is not None:
            check_portable_pattern(pattern)
            rules.append(f"{self.constant(re.compile(pattern).search)}({var}) is None")
        check = self.formats.get(schema.get("format", ""))
        if check is not None:  # as in JSON Schema, a format nobody checks is no rule
            rules.append(f"not {self.constant(check)}({var})")
        if not rules:
            return []
        condition = " or ".join(f"({rule})" for rule in rules)
        guard = f"{var} is not None" if only_str else f"type({var}) is str"  # the type check ran before
        return [f"{pad}if {guard} and ({condition}): return False"]

    def _number_checks(self, schema: dict[str, Any], var: str, pad: str, types: list[str] | None) -> list[str]:
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is None and high is None and "number" not in (types or []):
            return []
        rules = [f"(type({var}) is float and not isfinite({var}))"]
        if low is not None:
            rules.append(f"{var} < {low!r}")
        if high is not None:
            rules.append(f"{var} > {high!r}")
        kinds = [name for name in (types or []) if name != "null"]
        guard = f"{var} is not None" if kinds in (["integer"], ["number"]) else f"type({var}) in (int, float)"
        if kinds == ["integer"]:
            rules = rules[1:]  # an int is always finite
        if not rules:
            return []
        return [f"{pad}if {guard} and ({' or '.join(rules)}): return False"]

    def _items(self, items: dict[str, Any], var: str, depth: int, only_list: bool) -> list[str]:
        pad = "    " * depth
        item = self.fresh("x")
        if only_list:
            return [f"{pad}for {item} in {var}:", *self.inline_or_call(items, item, depth + 1)]
        return [f"{pad}if type({var}) is list:", f"{pad}    for {item} in {var}:",
                *self.inline_or_call(items, item, depth + 2)]

    def _object(self, schema: dict[str, Any], var: str, depth: int, only_dict: bool) -> list[str]:
        lines = [] if only_dict else [f"{'    ' * depth}if type({var}) is dict:"]
        inner = depth if only_dict else depth + 1
        pad = "    " * inner
        required = schema.get("required", [])
        if required:
            lines.append(f"{pad}if not {self.constant(frozenset(required))} <= {var}.keys(): return False")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        if extra is False:
            lines.append(f"{pad}if not {var}.keys() <= {self.constant(frozenset(properties))}: return False")
        value = self.fresh("p")
        for name, sub in properties.items():
            if name in required:
                body = self.inline_or_call(sub, value, inner)
                if body:
                    lines += [f"{pad}{value} = {var}[{name!r}]", *body]
            else:
                body = self.inline_or_call(sub, value, inner + 1)
                if body:
                    lines += [f"{pad}if {name!r} in {var}:", f"{pad}    {value} = {var}[{name!r}]", *body]
        names = schema.get("propertyNames")
        if isinstance(extra, dict) or names is not None:
            key, item = self.fresh("k"), self.fresh("i")
            lines.append(f"{pad}for {key}, {item} in {var}.items():")
            if names is not None:
                lines += self.inline_or_call(names, key, inner + 1)
            if isinstance(extra, dict):
                lines.append(f"{pad}    if {key} not in {self.constant(frozenset(properties))}:")
                lines += self.inline_or_call(extra, item, inner + 2)
        return lines


def compile_schema(schema: dict[str, Any], formats: dict[str, Callable[[str], bool]]) -> tuple[Validator, str]:
    """A function telling whether a value satisfies ``schema``, and the Python source it was built from.

    ``formats`` maps ``format`` names to their checks, so this module and the path-naming
    walk agree on what a date is.
    """
    writer = _Writer(schema, formats)
    entry = writer.function(resolve(schema, schema))
    source = "\n".join(writer.sources)
    namespace = dict(writer.namespace)
    exec(compile(source, "<session schema>", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace[entry], source
