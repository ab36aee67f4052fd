"""The command line: ``terugblik [--records DIR] [--lang nl|en] [COMMAND ...]``.

Help texts come from the string tables, so the language is picked from ``--lang`` (or
the system) before the parser is built.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from tui.core.i18n import SUPPORTED, t


class OneLineErrorParser(argparse.ArgumentParser):
    """An argument parser whose errors are one translated line on stderr, exit code 2."""

    lang = "en"

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"terugblik: {message} ({t('cli.see_help', self.lang)})\n")
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


def build_parser(lang: str) -> argparse.ArgumentParser:
    """Build the full parser with help in ``lang``."""
    OneLineErrorParser.lang = lang
    parser = OneLineErrorParser(prog="terugblik", description=t("cli.description", lang))
    _common(parser, lang, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineErrorParser)

    def command(name: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=t(f"cli.help.{name}", lang), description=t(f"cli.help.{name}", lang))
        _common(sub, lang, top=False)
        return sub

    listing = command("list")
    listing.add_argument("--json", action="store_true", help=t("cli.help.json", lang))

    show = command("show")
    show.add_argument("id", metavar="ID", help=t("cli.help.id", lang))

    export = command("export")
    export.add_argument("id", metavar="ID", help=t("cli.help.id", lang))
    export.add_argument("--format", choices=("md", "json"), default="md", help=t("cli.help.format", lang))
    export.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.output", lang))

    new = command("new")
    new.add_argument("--team", required=True, help=t("cli.help.team", lang))
    new.add_argument("--title", default="", help=t("cli.help.title", lang))
    new.add_argument("--date", help=t("cli.help.date", lang))
    new.add_argument("--facilitator", default="", help=t("cli.help.facilitator", lang))
    new.add_argument("--template", default="zorgnetwerk", help=t("cli.help.template", lang))
    new.add_argument("--session-lang", choices=SUPPORTED, help=t("cli.help.session_lang", lang))

    importing = command("import")
    importing.add_argument("paths", metavar="PATH", nargs="+", help=t("cli.help.paths", lang))
    return parser
