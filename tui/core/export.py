"""The file formats Terugblik writes and the names of the files; the rendering is in :mod:`tui.render.export`."""

from __future__ import annotations

from tui.core.model import Session

FORMATS = ("json", "md", "html")
"""Every format a session can be written as."""

DEFAULT_FORMATS = ("json", "md", "html")
"""What closing a session writes unless the user chose otherwise."""

ANONYMISED_SUFFIX = "-anon"
"""Added to the file name of anonymised minutes, so they never overwrite the full ones."""


def file_name(session: Session, fmt: str, anonymised: bool = False) -> str:
    """``<date>-<team>-<id>.<fmt>``, or ``<date>-<neutral team label>-<id>-anon.<fmt>`` when anonymised."""
    if anonymised:
        from tui.core.anonymise import anonymised_file_stem

        return f"{anonymised_file_stem(session)}{ANONYMISED_SUFFIX}.{fmt}"
    return f"{session.file_stem}.{fmt}"
