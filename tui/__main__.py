"""``python -m tui`` runs the same command as ``terugblik``."""

from tui.cli import entry_point

entry_point()
