"""The import contracts in pyproject.toml hold: cli above app above store above core, a pure core.

import-linter reads the contracts from ``[tool.importlinter]`` and analyses every import in
``tui`` (also the ones inside functions). The second test gives it a contract that the code
breaks on purpose, so a linter that analysed nothing could not pass the first.
"""

from __future__ import annotations

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
