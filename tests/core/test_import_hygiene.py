"""The core stays pure: no Textual, no TinyDB, no markdown-it at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "tui" / "core"


def test_core_imports_no_ui_or_storage_library():
    modules = sorted(f"tui.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tinydb', 'rich', 'markdown_it'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_core_source_never_mentions_textual_or_tinydb():
    for path in CORE.glob("*.py"):
        source = path.read_text("utf-8")
        assert "import textual" not in source and "from textual" not in source, path
        assert "import tinydb" not in source and "from tinydb" not in source, path


def test_store_does_not_import_textual():
    code = "import sys, tui.store.records, tui.store.autosave; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
