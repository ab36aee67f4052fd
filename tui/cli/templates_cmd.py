"""``terugblik templates``: list, check and copy retrospective templates."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.output import say, table, warn
from tui.core.catalog import load_catalog, new_template_files
from tui.core.errors import UserError
from tui.core.i18n import t
from tui.core.templates import TemplateError, load_template


def cmd_templates(args: argparse.Namespace, folder: Path, lang: str) -> int:
    """Dispatch ``templates``, ``templates check`` and ``templates new``."""
    action = getattr(args, "templates_command", None)
    if action == "check":
        return _check(args.files, lang)
    catalog = load_catalog(getattr(args, "templates", None))
    if action == "new":
        files = new_template_files(catalog, args.new_id, args.source)
        try:
            catalog.user_dir.mkdir(parents=True, exist_ok=True)
            for path, text in files.items():
                with path.open("x", encoding="utf-8") as handle:
                    handle.write(text)
        except OSError as exc:
            raise UserError("store.os_error", path=catalog.user_dir, error=exc.strerror or str(exc)) from None
        for path in files:
            say(t("cli.templates.written", lang, path=path))
        return 0
    header = [t(f"cli.templates.col.{c}", lang) for c in ("id", "language", "title", "minutes", "source")]
    rows = [
        [tpl.id, tpl.language, tpl.title, str(tpl.duration_minutes),
         t("cli.templates.shipped", lang) if tpl.source == "shipped" else str(tpl.path)]
        for tpl in catalog.sorted()
    ]
    if rows:
        say(table([header, *rows]))
    else:
        say(t("cli.templates.none", lang))
    say(t("cli.templates.user_dir", lang, folder=catalog.user_dir))
    for error in catalog.errors:
        warn(t("cli.templates.skipped", lang, problem=error.message(lang)))
    return 0


def _check(files: list[str], lang: str) -> int:
    failed = 0
    for name in files:
        try:
            template = load_template(Path(name))
        except TemplateError as exc:
            failed += 1
            warn(exc.message(lang))
            continue
        say(t("cli.templates.ok", lang, path=name, id=template.id, language=template.language,
              title=template.title))
    return 1 if failed else 0
