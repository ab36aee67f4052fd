"""Contract: every widget in the app that shows text gets either a literal or text made safe by
:func:`tui.app.safe.plain`, so nothing people typed is read as markup or reaches the terminal raw.

The scan reads the app's source (no app is started). A string handed to ``Static``, ``Label``,
``Button``, an ``Option``/``Selection``, a dropdown's options, a ``DataTable`` row or column,
``Text``/``Content`` or a widget's ``update`` must be "evidently safe": a literal, a translation
without filled-in values (``t(key, lang)``), an enumerated label (``label(...)``), or a call of
``plain``/``plain_line``; names count when every assignment of them in the function is evidently
safe, loop variables over constants (``for number in SCORES``) count too. Anything else (an
f-string of a model field, ``t(key, lang, team=...)``, ``Text(note.text)``) fails the test.
"""

from __future__ import annotations

import ast
from pathlib import Path

from rich.text import Text

from tui.app.safe import plain, plain_line

APP = Path(__file__).resolve().parents[2] / "tui" / "app"

SHOWN_FIRST = {"Static", "Label", "Button", "Option", "Selection", "Text", "Content", "update",
               "add_column", "MarkedRadioButton", "RadioButton", "Checkbox", "MarkedCheckbox"}
"""Calls whose first argument is shown."""
SHOWN_ALL = {"add_row", "add_rows", "add_columns", "assemble"}
"""Calls all of whose positional arguments are shown."""
SELECTS = {"Select", "DialogSelect"}
"""Calls whose first argument is a list of ``(prompt, value)``."""
SAFE_CALLS = {"plain", "plain_line", "label"}
CONTENT_KEYWORDS = {"content", "renderable", "label", "prompt"}
WAIVER = "# safe-text:"
"""A comment on (or just above) the line of a call whose text was made safe where the scan cannot see, saying where."""


class _Function:
    """What a function assigns to its local names, to judge a name by where it came from."""

    def __init__(self, node: ast.AST, module: _Module):
        self.module = module
        self.assigned: dict[str, list[ast.expr]] = {}
        self.constant_loops: set[str] = set()
        self.texts: set[str] = set()
        for child in ast.walk(node):
            if isinstance(child, ast.Assign):
                for target in child.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(child.value)
            elif isinstance(child, (ast.AugAssign, ast.AnnAssign)) and isinstance(child.target, ast.Name):
                if child.value is not None:
                    self.assigned.setdefault(child.target.id, []).append(child.value)
            elif isinstance(child, (ast.For, ast.comprehension)) and _over_constants(child.iter):
                self.constant_loops |= {n.id for n in ast.walk(child.target) if isinstance(n, ast.Name)}
        self.texts = {name for name, values in self.assigned.items()
                      if any(_called(v) in {"Text", "plain"} for v in values)}


class _Module:
    """The functions of one source file, to judge a call by what the function returns."""

    def __init__(self, tree: ast.Module):
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        self._verdicts: dict[str, bool] = {}

    def __contains__(self, name: object) -> bool:
        return name in self.functions

    def returns_safe(self, name: str) -> bool:
        """True when every function of that name here returns only evidently safe text."""
        if name not in self._verdicts:
            self._verdicts[name] = False  # a recursive function proves nothing about itself
            self._verdicts[name] = all(
                ret.value is not None and _safe(ret.value, _Function(function, self))
                for function in self.functions[name]
                for ret in ast.walk(function) if isinstance(ret, ast.Return))
        return self._verdicts[name]


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return None


def _over_constants(node: ast.expr) -> bool:
    """``SCORES``, ``enumerate(PHASES, start=1)``, ``range(...)``: a loop over the app's own values."""
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if _called(node) == "enumerate":
        return _over_constants(node.args[0])
    return _called(node) == "range"


def _safe(node: ast.expr | None, scope: _Function, seen: frozenset[str] = frozenset()) -> bool:
    """True when ``node`` is evidently a literal or text made safe (see the module docstring)."""
    if node is None or isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.IfExp):
        return _safe(node.body, scope, seen) and _safe(node.orelse, scope, seen)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _safe(node.left, scope, seen) and _safe(node.right, scope, seen)
    if isinstance(node, ast.JoinedStr):
        return all(_safe(part.value if isinstance(part, ast.FormattedValue) else part, scope, seen)
                   for part in node.values)
    if isinstance(node, ast.Tuple):  # (text, style) in Text.assemble
        return bool(node.elts) and _safe(node.elts[0], scope, seen)
    if isinstance(node, ast.Starred):
        return _safe(node.value, scope, seen)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return _safe(node.elt, scope, seen)
    if isinstance(node, ast.List):
        return all(_safe(e, scope, seen) for e in node.elts)
    if isinstance(node, ast.Name):
        if node.id in scope.constant_loops:
            return True
        values = scope.assigned.get(node.id)
        if not values or node.id in seen:
            return False
        return all(_safe(v, scope, seen | {node.id}) for v in values)
    name = _called(node)
    if name in SAFE_CALLS or (name in scope.module and scope.module.returns_safe(name)):
        return True
    if name == "t":  # a translation is the app's own text, until a value is filled in
        return not node.keywords
    if name in {"Text", "Content"}:
        return not node.args or _safe(node.args[0], scope, seen)
    if name == "assemble":
        return all(_safe(a, scope, seen) for a in node.args)
    return False


def _options_safe(node: ast.expr, scope: _Function) -> bool:
    """A dropdown's options: every ``(prompt, value)`` has an evidently safe prompt."""
    if isinstance(node, ast.Name):
        values = scope.assigned.get(node.id, [])
        return bool(values) and all(_options_safe(v, scope) for v in values)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        return isinstance(node.elt, ast.Tuple) and _safe(node.elt.elts[0], scope)
    if isinstance(node, ast.List):
        return all(isinstance(e, ast.Tuple) and _safe(e.elts[0], scope) for e in node.elts)
    name = _called(node)
    if name in scope.module:  # a helper that makes the options: judge what it returns
        return all(ret.value is not None and _options_safe(ret.value, _Function(function, scope.module))
                   for function in scope.module.functions[name]
                   for ret in ast.walk(function) if isinstance(ret, ast.Return))
    return False


def _shown(call: ast.Call) -> list[ast.expr]:
    name = _called(call)
    if name in SHOWN_ALL:
        return list(call.args)
    if name not in SHOWN_FIRST | SELECTS:
        return []
    shown = [k.value for k in call.keywords if k.arg in CONTENT_KEYWORDS]
    if name in SHOWN_FIRST and call.args:
        shown.append(call.args[0])
    return shown


def unsafe_calls(source: str, filename: str = "<source>") -> list[str]:
    """``file:line: code`` of every call in ``source`` that shows text not evidently safe."""
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    found = {}
    module = _Module(tree)
    for function in (f for group in module.functions.values() for f in group):
        scope = _Function(function, module)
        for node in ast.walk(function):
            if not isinstance(node, ast.Call):
                continue
            name = _called(node)
            shown = _shown(node)
            if name == "append" and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in scope.texts and node.args:
                shown.append(node.args[0])  # Text.append(str) shows the string as it is, controls and all
            bad = [arg for arg in shown if not _safe(arg, scope)]
            if name in SELECTS and node.args and not _options_safe(node.args[0], scope):
                bad.append(node.args[0])
            line = node.lineno - 1
            waived = WAIVER in lines[line] or (line > 0 and lines[line - 1].strip().startswith(WAIVER))
            if bad and not waived:
                found.setdefault(node.lineno, f"{filename}:{node.lineno}: {lines[node.lineno - 1].strip()[:120]}")
    return [found[line] for line in sorted(found)]


def test_every_widget_shows_user_text_through_plain():
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        if path.name == "safe.py":
            continue
        offenders += unsafe_calls(path.read_text("utf-8"), str(path.relative_to(APP.parent.parent)))
    assert offenders == [], "show this text with tui.app.safe.plain():\n" + "\n".join(offenders)


def test_the_scan_catches_what_it_should():
    """The contract test itself: unsafe forms are found, safe ones pass."""
    unsafe = '''
def f(self, session, lang, note, rows):
    yield Static(session.team)
    yield Static(t("home.resume_offer", lang, team=session.team), markup=False)
    yield Label(f"{session.team}")
    self.query_one("#x", Static).update(note.text)
    table.add_row(*(Text(cell) for cell in rows))
    card = Text()
    card.append(note.text)
    yield DialogSelect([(p.name, p.id) for p in session.participants])
    message = note.text
    status.update(message)
    yield Static(self.line(note))

def line(self, note):
    return f"{note.text}"
'''
    assert len(unsafe_calls(unsafe)) == 9
    safe = '''
def f(self, session, lang, note, rows):
    yield Static(t("home.intro", lang))
    yield Static(plain(t("home.resume_offer", lang, team=session.team)))
    yield Label("")
    self.query_one("#x", Static).update(plain(note.text))
    table.add_row(*(plain(cell) for cell in rows))
    card = Text()
    card.append(plain(note.text), style="bold")
    for number in SCORES:
        card.append(f"[{number}]")
    yield DialogSelect([(plain(p.name), p.id) for p in session.participants])
    message = t("close.ready", lang) if note else plain(note.text)
    status.update(message)
    yield Static(self.line(note))

def line(self, note):
    return plain(note.text) if note else t("home.intro", "en")
'''
    assert unsafe_calls(safe) == []


def test_plain_is_text_and_shows_controls():
    shown = plain("Wijkteam [/Oost] [@click=app.quit]x[/] \x1b[31m\x07\u202e")
    assert isinstance(shown, Text)
    assert shown.spans == []
    assert shown.plain == "Wijkteam [/Oost] [@click=app.quit]x[/] ␛[31m␇⟨U+202E⟩"
    assert plain_line("a\nb\r\nc\x1b") == "a b c␛"


def test_the_last_filter_shows_controls_left_in_a_line_and_keeps_its_width():
    from rich.segment import Segment
    from textual.color import Color

    from tui.app.safe import VISIBLE_CONTROLS

    line = [Segment("ab\x1b[31mc\x07"), Segment("\u202e", None), Segment("de  ")]
    shown = VISIBLE_CONTROLS.apply(line, Color(0, 0, 0))
    assert "".join(s.text for s in shown) == "ab␛[31mc␇\ufffdd"
    assert Segment.get_line_length(shown) == Segment.get_line_length(line)
    untouched = [Segment("plain [b] text")]
    assert VISIBLE_CONTROLS.apply(untouched, Color(0, 0, 0)) is untouched
