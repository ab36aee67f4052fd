"""Writing the files people read (minutes, exports) and importing session files into a records folder.

Part of :class:`tui.store.records.RecordsStore` (kept apart so each module stays about one
thing). An import writes each new session to its own file, flushes them to disk together at
the end and writes the index once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tui.core.codec import DocumentError, load_file, to_document
from tui.core.errors import UserError
from tui.core.model import Session
from tui.render import export
from tui.store.atomic import make_durable, write_atomic, write_new, write_output
from tui.store.folder import os_error, session_files
from tui.store.index import SessionIndex
from tui.store.sessionfiles import FileEntry, elsewhere_name, file_name, session_bytes, stamp_of
from tui.store.summaries import ImportReport, SessionSummary


class StoreFiles:
    """Minutes, exports and imports (see the module's description)."""

    folder: Path
    sessions_dir: Path
    read_only: bool
    writes: int
    _index: SessionIndex
    _write: Callable[[Callable[[], Any]], Any]
    _save_index: Callable[[], None]
    has_session: Callable[[str], bool]

    def minutes_path(self, session: Session, fmt: str, anonymised: bool = False) -> Path:
        """Where the session's file of format ``fmt`` lives in the records folder."""
        return self.folder / export.file_name(session, fmt, anonymised)

    def write_file(self, path: Path, text: str) -> Path:
        """Write a text file atomically (mode 0600); raise ``UserError`` on failure."""
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            raise os_error(exc, path) from None
        return path

    def write_output(self, path: Path, text: str) -> Path:
        """Write a file the user named: special files (a FIFO, ``/dev/null``) are written into, not replaced."""
        try:
            write_output(path, text.encode("utf-8"))
        except OSError as exc:
            raise os_error(exc, path) from None
        return path

    def write_minutes(self, session: Session, formats: Iterable[str] = export.DEFAULT_FORMATS,
                      anonymised: bool = False) -> list[Path]:
        """Write the session's files (JSON, Markdown and/or HTML minutes) into the records folder."""
        if self.read_only:
            raise UserError("store.read_only", folder=self.folder)
        return [self.write_file(self.minutes_path(session, fmt, anonymised), export.render(session, fmt, anonymised))
                for fmt in formats]

    def import_paths(self, paths: Iterable[Path], lang: str = "en") -> ImportReport:
        """Import session JSON files (folders searched recursively), each into its own file.

        A session already present (by id) is reported as a duplicate and left alone; a
        file that is not a valid session is skipped with its reason. The files are flushed
        to disk together at the end, and the index written once.
        """
        report = ImportReport()
        files: list[Path] = []
        for path in paths:
            found = session_files([path])
            if path.is_dir():
                report.folders.append((path, len(found)))
            files += found

        def run() -> None:
            self.sessions_dir.mkdir(mode=0o700, exist_ok=True)
            written: list[Path] = []
            try:
                for file in files:
                    try:
                        session = load_file(file, lang)
                    except DocumentError as exc:
                        report.skipped.append((file, exc.reason))
                        continue
                    if self.has_session(session.id):
                        report.duplicates.append((file, session.id))
                        continue
                    target = self.sessions_dir / file_name(session.id)
                    if target.exists():  # a file that could not be read: never replaced
                        target = self.sessions_dir / elsewhere_name(session.id)
                    write_new(target, session_bytes(to_document(session)))
                    written.append(target)
                    self._index.set(FileEntry(target.name, stamp_of(target.stat()), [SessionSummary.from_session(session)]))
                    report.imported.append((file, session.id))
            finally:
                make_durable(written, self.sessions_dir)
                self.writes += len(written)
                if written:
                    self._save_index()

        self._write(run)
        return report


