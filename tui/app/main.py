"""Starting the Textual app from the CLI."""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path

from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.store.records import RecordsStore


def run_app(folder: Path, lang: str, templates_dir: str | None = None) -> int:
    """Open the records folder (read-only if another instance holds it) and run the app.

    Whatever way the app ends — quit, crash, SIGHUP/SIGTERM — pending changes are saved
    and the records folder is released before this returns.
    """
    store = RecordsStore.open(folder, allow_read_only=True)
    app = TerugblikApp(store, partial(load_catalog, templates_dir), lang)  # templates: read on first use
    # Everything made so far (modules, classes, the records) lives as long as the app:
    # kept out of garbage collection, it is not traversed again by every full collection
    # (one used to fall right before Home's first frame, some 30 ms).
    gc.freeze()
    try:
        app.run()
    finally:
        gc.unfreeze()
        app.autosaver.close(timeout=5)
        store.close()
    return app.return_code or 0
