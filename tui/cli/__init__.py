"""Entry point of the ``terugblik`` command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tui.cli.output import warn
from tui.cli.parser import build_parser, language_hint
from tui.core.codec import DocumentError
from tui.core.errors import UserError
from tui.core.i18n import resolve_language
from tui.store.records import default_records_folder


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code. Expected failures print one line to stderr."""
    argv = sys.argv[1:] if argv is None else argv
    lang = resolve_language(language_hint(argv))
    args = build_parser(lang).parse_args(argv)
    lang = resolve_language(args.lang)
    folder = Path(args.records).expanduser() if args.records else default_records_folder()
    try:
        if args.command is None:
            from tui.app.main import room_options, run_app

            return run_app(folder, lang, getattr(args, "templates", None), room_options(args))
        from tui.cli.commands import COMMANDS  # not needed to start the app

        return COMMANDS[args.command](args, folder, lang)
    except UserError as exc:
        warn(exc.message(lang))
        return 1
    except DocumentError as exc:
        warn(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `terugblik show ID | head`); not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def entry_point() -> None:
    """Console-script entry: exit with :func:`main`'s code."""
    sys.exit(main())
