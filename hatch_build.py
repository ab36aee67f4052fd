"""Build step: compile the translation catalogs (``tui/locale/*/LC_MESSAGES/*.po``) into ``.mo`` files.

hatchling runs this for the wheel (``[tool.hatch.build.targets.wheel.hooks.custom]`` in
pyproject.toml). The compiled ``.mo`` files travel in the wheel beside their ``.po``, so an
installed Terugblik loads its texts with the standard library's gettext, without parsing
``.po`` at start-up. An editable install compiles nothing: it runs from the source tree,
where the program compiles a ``.po`` itself on first use (see ``tui/core/catalogs.py``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):
    """Compiles every ``.po`` catalog under ``tui/locale`` and adds the ``.mo`` to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        """Compile the catalogs into a temporary folder and have the wheel include the results."""
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        self._compiled = Path(tempfile.mkdtemp(prefix="terugblik-mo-"))
        locale = Path(self.root) / "tui" / "locale"
        for po_path in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            relative = po_path.relative_to(self.root).with_suffix(".mo")
            mo_path = self._compiled / relative
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with po_path.open("rb") as po:
                catalog = read_po(po, locale=po_path.parts[-3])
            with mo_path.open("wb") as mo:
                write_mo(mo, catalog)
            build_data["force_include"][str(mo_path)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        """Remove the temporary folder of compiled catalogs."""
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            shutil.rmtree(compiled, ignore_errors=True)
