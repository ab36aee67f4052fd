"""No user-facing text is written as a literal in the interface code: it all comes from the tables."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"
INTERFACE = [*(TUI / "cli").rglob("*.py"), *(TUI / "app").rglob("*.py")]

# Calls whose string arguments reach the user.
SINKS = {"print", "notify", "Static", "Label", "Button", "update", "add_column", "add_columns",
         "add_row", "Input", "Checkbox", "RadioButton", "Select", "Option", "write", "Binding",
         "UserError", "Tab", "TabPane", "Collapsible", "error", "exit"}
ALLOWED_WORDS = {"terugblik"}


def _words(node: ast.AST) -> set[str]:
    texts = []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        texts.append(node.value)
    elif isinstance(node, ast.JoinedStr):
        texts += [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    words = set()
    for text in texts:
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}
    return words - ALLOWED_WORDS


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _looks_like_key(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
        r"[a-z_]+(\.[a-z_0-9]+)+", node.value) is not None


def test_no_user_facing_literals_in_interface_code():
    offenders = []
    for path in INTERFACE:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or _name(node) not in SINKS:
                continue
            args = [*node.args, *(k.value for k in node.keywords if k.arg in ("description", "tooltip",
                                                                              "placeholder", "label", "title"))]
            for arg in args:
                if _looks_like_key(arg):
                    continue
                if _name(node) == "Binding" and arg in node.args[:2]:
                    continue  # the key and the action name
                if _words(arg):
                    offenders.append(f"{path.relative_to(TUI)}:{node.lineno}: {ast.unparse(arg)[:60]}")
    assert offenders == []


def test_the_scan_catches_a_literal(tmp_path):
    tree = ast.parse('print("Hello there")\nprint(t("cli.x", lang))\nprint(f"terugblik: {msg}")')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name(n) == "print"]
    assert [bool(_words(c.args[0])) for c in calls] == [True, False, False]
