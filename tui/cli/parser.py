"""The command line: ``terugblik [--records DIR] [--lang nl|en] [COMMAND ...]``.

Help texts come from the translation catalogs, so the language is picked from ``--lang`` (or
the system) before the parser is built.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from tui.core.catalog import DEFAULT_TEMPLATE
from tui.core.export import FORMATS
from tui.core.i18n import SUPPORTED, t
from tui.core.model import LANGUAGES


_ARGPARSE_KEYS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "the following arguments are required: %s": "argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
}
"""argparse's own messages (its gettext ids) -> our catalog keys."""


def translate_argparse(lang: str) -> None:
    """Make argparse's built-in messages ("usage:", "required", ...) speak ``lang``.

    argparse translates its texts with ``gettext.gettext``, imported into the module as
    ``_``: a lookup in the process-wide default gettext domain, whose language comes from
    environment variables, not from ``--lang``. Installing a catalog there would also change
    every other library's lookups, so instead this one function rebinds argparse's ``_`` to
    our catalogs; argparse's English msgids map to our keys (``argparse.*`` in
    ``tui/locale/<lang>/LC_MESSAGES/terugblik.po``), and an unknown message stays English.
    """
    argparse._ = lambda text: t(_ARGPARSE_KEYS[text], lang) if text in _ARGPARSE_KEYS else text  # type: ignore[attr-defined]


class OneLineErrorParser(argparse.ArgumentParser):
    """An argument parser whose errors are one translated line on stderr, exit code 2."""

    lang = "en"

    def error(self, message: str) -> NoReturn:
        from tui.cli.output import warn

        warn(f"{message} ({t('cli.see_help', self.lang, prog=self.prog)})")
        sys.exit(2)


def language_hint(argv: list[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` if present, before full parsing."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _common(parser: argparse.ArgumentParser, lang: str, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--records", metavar="DIR", default=default, help=t("cli.help.records", lang))
    parser.add_argument("--lang", choices=SUPPORTED, default=default, help=t("cli.help.lang", lang))
    parser.add_argument("--templates", metavar="DIR", default=default, help=t("cli.help.templates_dir", lang))


def _port(value: str) -> int:
    """A TCP port number for ``--room-port``."""
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(t("cli.bad_port", OneLineErrorParser.lang, value=value))
    return int(value)


def _room(parser: argparse.ArgumentParser, lang: str) -> None:
    """Options of the room (members' phones), for the app only."""
    parser.add_argument("--room", action="store_true", help=t("cli.help.room", lang))
    parser.add_argument("--room-host", metavar="ADDRESS", help=t("cli.help.room_host", lang))
    parser.add_argument("--room-port", metavar="PORT", type=_port, help=t("cli.help.room_port", lang))
    parser.add_argument("--room-cert", metavar="FILE", help=t("cli.help.room_cert", lang))
    parser.add_argument("--room-key", metavar="FILE", help=t("cli.help.room_key", lang))


def build_parser(lang: str) -> argparse.ArgumentParser:
    """Build the full parser with help in ``lang``."""
    OneLineErrorParser.lang = lang
    translate_argparse(lang)
    parser = OneLineErrorParser(prog="terugblik", description=t("cli.description", lang))
    _common(parser, lang, top=True)
    _room(parser, lang)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineErrorParser)

    def command(name: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=t(f"cli.help.{name}", lang), description=t(f"cli.help.{name}", lang))
        _common(sub, lang, top=False)
        return sub

    listing = command("list")
    listing.add_argument("--json", action="store_true", help=t("cli.help.json", lang))

    show = command("show")
    show.add_argument("id", metavar="ID", help=t("cli.help.id", lang))
    show.add_argument("--anonymise", action="store_true", help=t("cli.help.anonymise", lang))

    export = command("export")
    export.add_argument("id", metavar="ID", help=t("cli.help.id", lang))
    export.add_argument("--format", choices=FORMATS, default="md", help=t("cli.help.format", lang))
    export.add_argument("--anonymise", "--anonymize", action="store_true", help=t("cli.help.anonymise", lang))
    export.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.output", lang))

    new = command("new")
    new.add_argument("--team", required=True, help=t("cli.help.team", lang))
    new.add_argument("--title", default="", help=t("cli.help.title", lang))
    new.add_argument("--date", help=t("cli.help.date", lang))
    new.add_argument("--facilitator", default="", help=t("cli.help.facilitator", lang))
    new.add_argument("--template", default=DEFAULT_TEMPLATE, help=t("cli.help.template", lang))
    new.add_argument("--session-lang", choices=LANGUAGES, help=t("cli.help.session_lang", lang))

    importing = command("import")
    importing.add_argument("paths", metavar="PATH", nargs="+", help=t("cli.help.paths", lang))

    comparing = command("compare")
    comparing.add_argument("paths", metavar="PATH", nargs="*", help=t("cli.help.compare_paths", lang))
    comparing.add_argument("--team", action="append", dest="teams", metavar="NAME",
                           help=t("cli.help.compare_team", lang))
    comparing.add_argument("--since", metavar="DATE", help=t("cli.help.since", lang))
    comparing.add_argument("--until", metavar="DATE", help=t("cli.help.until", lang))
    comparing.add_argument("--format", choices=("text", "md", "html", "json"), default="text",
                           help=t("cli.help.compare_format", lang))
    comparing.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.compare_output", lang))

    templates = command("templates")
    actions = templates.add_subparsers(dest="templates_command", metavar="ACTION", parser_class=OneLineErrorParser)
    check = actions.add_parser("check", help=t("cli.help.templates_check", lang),
                               description=t("cli.help.templates_check", lang))
    check.add_argument("files", metavar="FILE", nargs="+", help=t("cli.help.template_files", lang))
    create = actions.add_parser("new", help=t("cli.help.templates_new", lang),
                                description=t("cli.help.templates_new", lang))
    create.add_argument("new_id", metavar="ID", help=t("cli.help.template_new_id", lang))
    create.add_argument("--from", dest="source", default=DEFAULT_TEMPLATE, metavar="ID",
                        help=t("cli.help.template_from", lang))
    for sub in (check, create):
        _common(sub, lang, top=False)
    return parser
