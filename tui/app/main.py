"""Starting the Textual app from the CLI."""

from __future__ import annotations

import argparse
import gc
from functools import partial
from pathlib import Path

from tui.app.app import TerugblikApp
from tui.app.room_control import RoomOptions
from tui.core.catalog import load_catalog
from tui.store.records import RecordsStore


def room_options(args: argparse.Namespace) -> RoomOptions:
    """The room's options from the command line; raises ``UserError`` for a certificate that cannot be used.

    A certificate and key are checked before the app starts, so a typo is one clear line
    in the terminal rather than a surprise when the lead opens the room in the meeting.
    """
    cert = Path(args.room_cert).expanduser() if args.room_cert else None
    key = Path(args.room_key).expanduser() if args.room_key else None
    if cert is not None or key is not None:
        from tui.core.errors import UserError
        from tui.room.opening import tls_context

        if cert is None or key is None:
            raise UserError("room.tls_pair")
        tls_context(cert, key)
    return RoomOptions(open_at_start=args.room, host=args.room_host, port=args.room_port, cert=cert, key=key)


def run_app(folder: Path, lang: str, templates_dir: str | None = None, room: RoomOptions | None = None) -> int:
    """Open the records folder (read-only if another instance holds it) and run the app.

    Whatever way the app ends — quit, crash, SIGHUP/SIGTERM — pending changes are saved
    and the records folder is released before this returns.
    """
    store = RecordsStore.open(folder, allow_read_only=True)
    app = TerugblikApp(store, partial(load_catalog, templates_dir), lang,  # templates: read on first use
                       room_options=room)
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
