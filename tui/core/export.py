"""One place that turns a session into each file format Terugblik writes."""

from __future__ import annotations

from tui.core.codec import dumps
from tui.core.minutes import render_markdown
from tui.core.model import Session

FORMATS = ("json", "md", "html")
"""Every format a session can be written as."""

DEFAULT_FORMATS = ("json", "md", "html")
"""What closing a session writes unless the user chose otherwise."""

ANONYMISED_SUFFIX = "-anon"
"""Added to the file name of anonymised minutes, so they never overwrite the full ones."""


def render(session: Session, fmt: str, anonymised: bool = False) -> str:
    """The text of ``session`` in format ``fmt`` (json, md or html)."""
    if fmt == "md":
        return render_markdown(session, anonymised)
    if fmt == "html":
        from tui.core.html_minutes import render_html

        return render_html(session, anonymised)
    if fmt == "json":
        if anonymised:
            from tui.core.anonymise import anonymise

            session = anonymise(session)
        return dumps(session)
    raise ValueError(fmt)


def file_name(session: Session, fmt: str, anonymised: bool = False) -> str:
    """``<date>-<team>-<id>.<fmt>``, or ``<date>-<neutral team label>-<id>-anon.<fmt>`` when anonymised."""
    if anonymised:
        from tui.core.anonymise import anonymised_file_stem

        return f"{anonymised_file_stem(session)}{ANONYMISED_SUFFIX}.{fmt}"
    return f"{session.file_stem}.{fmt}"
