"""The import contracts in pyproject.toml hold: cli above app above store above core, a pure core.

import-linter reads the contracts from ``[tool.importlinter]`` and analyses every import in
``tui`` (also the ones inside functions). The second test gives it a contract that the code
breaks on purpose, so a linter that analysed nothing could not pass the first.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def _lint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LINT, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_broken_contract_is_reported(tmp_path):
    config = tmp_path / "contracts.ini"
    config.write_text(
        "[importlinter]\nroot_package = tui\n\n"
        "[importlinter:contract:store-without-core]\nname = The store imports no core (false on purpose)\n"
        "type = forbidden\nsource_modules = tui.store\nforbidden_modules = tui.core\n",
        "utf-8",
    )
    result = _lint("--config", str(config))
    assert result.returncode != 0
    assert "tui.store" in result.stdout and "BROKEN" in result.stdout


# --- Textual's private parts only through tui/app/compat.py --------------------------------------

COMPAT = ROOT / "tui" / "app" / "compat.py"

PRIVATE_TEXTUAL_NAMES = frozenset({
    "_bindings", "_merge_bindings",  # binding tables
    "_notifications", "_unnotify", "_refresh_notifications",  # notifications
    "_fatal_error", "_exit_renderables", "_close_messages_no_wait", "_print_error_renderables",  # a crash
    "_button",  # ToggleButton
    "_type_to_search", "_allow_blank", "_options", "_setup_variables_for_options",  # Select
    "_data", "_row_locations", "_require_update_dimensions", "_update_count", "_highlight_cursor",
    "_y_offsets", "_offset_cache", "_new_rows", "_update_dimensions",  # DataTable
    "_cursor_visible", "_restart_blink", "_suggestion",  # Input
    "_driver", "_compositor", "_nodes",  # App, Screen, DOMNode
})
"""Private names of Textual objects that the app uses, has used or would be tempted to use; with
every name of a private event handler (``_on_key``, ``_on_paste``, ...)."""

ALLOWED_OUTSIDE_COMPAT = {
    # Textual calls this hook of the App subclass on a crash; its body is compat.fatal_error_without_locals.
    ("tui/app/app.py", "def _fatal_error"),
}


def _private_textual(name: str) -> bool:
    return name in PRIVATE_TEXTUAL_NAMES or name.startswith("_on_")


def private_textual_uses(source: str) -> list[tuple[int, str]]:
    """(line, what) for each private Textual part that ``source`` uses.

    Imports from a module under ``textual`` with a ``_`` segment (``textual.widgets._select``),
    or of a ``_`` name from one; in a module that imports ``textual``, attributes named in
    :data:`PRIVATE_TEXTUAL_NAMES`, and methods that override one of them or a private event
    handler (``def _on_key``).
    """
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    uses_textual = False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textual":
            uses_textual = True
            if any(part.startswith("_") for part in node.module.split(".")[1:]):
                found.append((node.lineno, f"from {node.module} import"))
            found += [(node.lineno, f"from {node.module} import {a.name}") for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "textual":
                    uses_textual = True
                    if any(part.startswith("_") for part in parts[1:]):
                        found.append((node.lineno, f"import {alias.name}"))
    if not uses_textual:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private_textual(node.attr):
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _private_textual(node.name):
            found.append((node.lineno, f"def {node.name}"))
    return sorted(found)


def test_private_textual_parts_are_used_only_in_compat():
    found = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path == COMPAT:
            continue
        where = path.relative_to(ROOT).as_posix()
        found += [f"{where}:{line}: {what}" for line, what in private_textual_uses(path.read_text("utf-8"))
                  if (where, what) not in ALLOWED_OUTSIDE_COMPAT]
    assert not found, "private Textual parts outside tui/app/compat.py (use them there, with a test):\n" + "\n".join(found)


def test_the_scan_finds_each_kind_of_private_use():
    source = (
        "from textual.widgets._select import SelectOverlay\n"
        "import textual._two_way_dict\n"
        "from textual.widgets import _select\n"
        "from textual.widgets import Input\n"
        "class Entry(Input):\n"
        "    async def _on_key(self, event):\n"
        "        await super()._on_key(event)\n"
        "def keys(node):\n"
        "    return node._bindings.key_to_bindings\n"
    )
    assert [what for _, what in private_textual_uses(source)] == [
        "from textual.widgets._select import", "import textual._two_way_dict",
        "from textual.widgets import _select", "def _on_key", "._on_key", "._bindings",
    ]
    # Our own private names are ours: without Textual in the module, nothing is reported.
    assert private_textual_uses("class Store:\n    def _on_save(self):\n        return self._data\n") == []
