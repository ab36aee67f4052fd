"""``terugblik compare``: a report over the records folder and gathered session files."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tui.cli.output import document, say, warn
from tui.core import compare_render
from tui.core.compare import collector_paused, compare
from tui.core.dates import date_trouble, parse_date
from tui.core.errors import UserError
from tui.core.i18n import t
from tui.render import compare_html
from tui.store.atomic import write_output
from tui.store.folder import os_error
from tui.store.gather import gather


def _date(value: str | None) -> dt.date | None:
    """A period end as the app understands dates (2025-01-31, 31-1-2025, …); None when not given."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        key, params = date_trouble(value)
        raise UserError(key, **params) from None


def cmd_compare(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Gather, compare and print (or write) the report; skipped files are listed in it and on stderr.

    ``-o -`` prints it, as ``export -o -`` does.
    """
    # Thousands of sessions stay in memory until the end: without the pause, the cycle
    # collector rescans them again and again while the report is laid out.
    with collector_paused():
        return _compare_command(args, folder, lang)


def _compare_command(args: argparse.Namespace, folder: Path, lang: str) -> int:
    paths = [Path(p).expanduser() for p in args.paths]
    for path in paths:
        if not path.exists():
            raise UserError("cli.import.missing", path=path)
    since, until = _date(args.since), _date(args.until)
    found = gather(folder, paths, lang)
    for source, reason in found.skipped:
        warn(f"{t('compare.skipped', lang)} {source}: {reason}")
    report = compare(found.sessions, args.teams, since, until)
    if not report.timeline:
        warn(t("compare.nothing", lang))
    to_file = bool(args.output and args.output != "-")
    if args.format == "json":
        if to_file:
            text, data = "", compare_render.to_json_bytes(report, found.skipped, found.merged)
        else:
            text, data = compare_render.to_json(report, found.skipped, found.merged), b""
    else:
        sections = compare_render.layout(report, lang, found.skipped, found.merged)
        text = {"text": compare_render.to_text, "md": compare_render.to_markdown}.get(
            args.format, lambda s: compare_html.to_html(s, lang))(sections)
        data = text.encode("utf-8") if to_file else b""
    if to_file:
        target = Path(args.output).expanduser()
        try:
            write_output(target, data)
        except OSError as exc:
            raise os_error(exc, target) from None
        say(t("cli.export.written", lang, path=target))
    else:
        document(text, args.format)
    return 0
