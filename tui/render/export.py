"""One place that turns a session into each file format Terugblik writes (json, md, html)."""

from __future__ import annotations

from tui.core.codec import dumps
# Re-exported, so a caller that writes files needs one module for the formats and their names.
from tui.core.export import ANONYMISED_SUFFIX, DEFAULT_FORMATS, FORMATS, file_name
from tui.core.minutes import render_markdown
from tui.core.model import Session

__all__ = ["ANONYMISED_SUFFIX", "DEFAULT_FORMATS", "FORMATS", "file_name", "render"]


def render(session: Session, fmt: str, anonymised: bool = False) -> str:
    """The text of ``session`` in format ``fmt`` (json, md or html)."""
    if fmt == "md":
        return render_markdown(session, anonymised)
    if fmt == "html":
        from tui.render.html_minutes import render_html

        return render_html(session, anonymised)
    if fmt == "json":
        if anonymised:
            from tui.core.anonymise import anonymise

            session = anonymise(session)
        return dumps(session)
    raise ValueError(fmt)
