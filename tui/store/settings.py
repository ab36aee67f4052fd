"""Personal preferences (the theme, the export choices), kept in the user's own config folder.

They belong to the person, not to the records folder: a records folder shared by several
laptops (through git or a synced drive) must not carry one lead's theme to another, nor
conflict because two leads chose differently. The file is small JSON written atomically;
a damaged one is read as empty (a preference is not worth an error) and replaced on the
next change.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from tui.store.atomic import write_atomic

SETTINGS_NAME = "settings.json"


def config_folder(env: Mapping[str, str] | None = None) -> Path:
    """Terugblik's folder in the platform's config location (``$XDG_CONFIG_HOME/terugblik`` on Linux)."""
    env = os.environ if env is None else env
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "terugblik"
    if sys.platform == "darwin" and not env.get("XDG_CONFIG_HOME"):
        return Path.home() / "Library" / "Application Support" / "terugblik"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "terugblik"


class UserSettings:
    """Name -> text preferences of the person using this computer, read once and written on change."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_folder() / SETTINGS_NAME
        self._values: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._values is None:
            values: dict[str, str] = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict):
                values = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
            self._values = values
        return self._values

    def get(self, name: str) -> str | None:
        """The remembered value, or None."""
        return self._load().get(name)

    def set(self, name: str, value: str) -> bool:
        """Remember a value on disk (atomically); False when it was already so.

        Raises ``OSError`` when the config folder cannot be written.
        """
        values = dict(self._load())
        if values.get(name) == value:
            return False
        values[name] = value
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(self.path, json.dumps(values, ensure_ascii=False, indent=2).encode("utf-8"))
        self._values = values
        return True

    def set_missing(self, values: Mapping[str, str]) -> None:
        """Remember the values not yet set (preferences brought over from an older records folder)."""
        for name, value in values.items():
            if self.get(name) is None:
                self.set(name, value)
