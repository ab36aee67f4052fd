"""What each CLI command does; every expected failure is raised as ``UserError``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

from tui.cli.output import document, say, table, warn
from tui.render import export
from tui.core.dates import date_trouble, parse_date
from tui.core.errors import UserError
from tui.core.i18n import t
from tui.core.minutes import render_markdown
from tui.core.model import Session
from tui.core.validation import ValidationError
from tui.store.records import RecordsStore, SessionSummary


_SURROGATE = re.compile("[\ud800-\udfff]")
"""What Python makes of bytes in an argument that are not UTF-8; they cannot be saved as text."""


def _warn(store: RecordsStore, lang: str) -> None:
    for warning in store.warnings:
        warn(warning.message(lang))


def open_for_reading(folder: Path, lang: str) -> RecordsStore | None:
    """Open a records folder without taking its lock; None when the folder does not exist yet."""
    if not folder.exists():
        return None
    store = RecordsStore.open(folder, read_only=True)
    _warn(store, lang)
    return store


def open_for_writing(folder: Path, lang: str) -> RecordsStore:
    """Open a records folder with its lock (creating it if needed)."""
    store = RecordsStore.open(folder)
    _warn(store, lang)
    return store


def cmd_list(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Print the sessions of the records folder as a table, or as JSON for scripts."""
    store = open_for_reading(folder, lang)
    summaries: list[SessionSummary] = []
    if store is not None:
        with store:
            summaries = store.list_sessions()
    if args.json:
        document(json.dumps([dataclasses.asdict(s) for s in summaries], ensure_ascii=False, indent=2) + "\n", "json")
        return 0
    if not summaries:
        say(t("cli.list.empty", lang, folder=folder))
        return 0
    header = [t(f"cli.list.col.{c}", lang) for c in ("id", "date", "team", "title", "status", "notes")]
    rows = [
        [s.id[:8], s.date, s.team, s.title,
         t(f"status.{s.status}", lang) + (t("cli.list.versions", lang, count=s.versions) if s.versions > 1 else ""),
         str(s.notes)]
        for s in summaries
    ]
    say(table([header, *rows]))
    return 0


def _load(folder: Path, lang: str, ref: str) -> Session:
    store = open_for_reading(folder, lang)
    if store is None:
        raise UserError("store.not_found", ref=ref)
    with store:
        return store.get_session(ref)


def cmd_show(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Print a session's Markdown minutes."""
    document(render_markdown(_load(folder, lang, args.id), anonymised=args.anonymise), "md")
    return 0


def cmd_export(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Write a session as Markdown minutes or interchange JSON to a file or stdout."""
    session = _load(folder, lang, args.id)
    text = export.render(session, args.format, args.anonymise)
    if args.output == "-":
        document(text, args.format)
        return 0
    with open_for_writing(folder, lang) as store:
        if args.output:
            target = Path(args.output).expanduser()
            if target.is_dir():
                target = target / store.minutes_path(session, args.format, args.anonymise).name
            path = store.write_output(target, text)
        else:
            [path] = store.write_minutes(session, [args.format], args.anonymise)
    say(t("cli.export.written", lang, path=path))
    return 0


def _parse_date(value: str | None, lang: str) -> dt.date:
    """A date as the app understands it: 2026-12-01, 1-12-2026, "over 2 weken", "in 2 weeks"."""
    if value is None:
        return dt.date.today()
    try:
        return parse_date(value) or dt.date.today()
    except ValueError:
        key, params = date_trouble(value)
        raise UserError(key, **params) from None


def cmd_new(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Create a session without the app, pre-filled from the team's profile; print its id."""
    for option, value in (("--team", args.team), ("--title", args.title), ("--facilitator", args.facilitator),
                          ("--date", args.date or "")):
        if _SURROGATE.search(value):
            raise UserError("cli.not_text", option=option)
    team_name = " ".join(args.team.split())
    from tui.core.catalog import load_catalog

    language = args.session_lang or lang
    catalog = load_catalog(getattr(args, "templates", None))
    template = catalog.get(args.template, language)
    if template is None:
        raise UserError("cli.unknown_template", id=args.template, language=language,
                        known=", ".join(catalog.ids()) or "—")
    session = Session(
        team=team_name,
        title=args.title.strip(),
        date=_parse_date(args.date, lang),
        language=language,
        template_id=template.id,
        template_version=template.version,
        facilitator=args.facilitator.strip(),
    )
    with open_for_writing(folder, lang) as store:
        profile = store.get_team(team_name)
        if profile is not None:
            session.team = profile.name
            session.participants = profile.roster
            session.ambition = profile.ambition
            session.facilitator = session.facilitator or profile.facilitator
        try:
            store.save_session(session)
        except ValidationError as exc:
            raise UserError("cli.invalid_value", problem=exc.problem.message(lang)) from None
    say(session.id)
    return 0


def cmd_import(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Import session files or folders; report each file; non-zero exit when any was refused."""
    paths = [Path(p).expanduser() for p in args.paths]
    for path in paths:
        if not path.exists():
            raise UserError("cli.import.missing", path=path)
    with open_for_writing(folder, lang) as store:
        report = store.import_paths(paths, lang)
    for path, count in report.folders:
        say(t("cli.import.folder", lang, path=path, count=count))
    for path, session_id in report.imported:
        say(t("cli.import.imported", lang, path=path, id=session_id[:8]))
    for path, session_id in report.duplicates:
        say(t("cli.import.duplicate", lang, path=path, id=session_id[:8]))
    for path, reason in report.skipped:
        warn(t("cli.import.skipped", lang, path=path, reason=reason))
    found = len(report.imported) + len(report.duplicates) + len(report.skipped)
    if found == 0:
        raise UserError("cli.import.nothing", paths=", ".join(map(str, paths)))
    say(
        t(
            "cli.import.summary",
            lang,
            imported=len(report.imported),
            duplicates=len(report.duplicates),
            skipped=len(report.skipped),
        )
    )
    return 1 if report.skipped else 0


def cmd_templates(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """``terugblik templates`` (imported when used, so starting the app stays quick)."""
    from tui.cli.templates_cmd import cmd_templates as run

    return run(args, folder, lang)


def cmd_compare(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """``terugblik compare`` (imported when used, so starting the app stays quick)."""
    from tui.cli.compare_cmd import cmd_compare as run

    return run(args, folder, lang)


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "new": cmd_new,
    "import": cmd_import,
    "templates": cmd_templates,
    "compare": cmd_compare,
}
"""Command name -> function taking (args, records folder, interface language)."""
