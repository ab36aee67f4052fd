"""Starting the Textual app from the CLI."""

from __future__ import annotations

from pathlib import Path

from tui.store.records import RecordsStore


def run_app(folder: Path, lang: str) -> int:
    """Open the records folder (read-only if another instance holds it) and run the app."""
    from tui.app.app import TerugblikApp

    store = RecordsStore.open(folder, allow_read_only=True)
    try:
        TerugblikApp(store, lang).run()
    finally:
        store.close()
    return 0
