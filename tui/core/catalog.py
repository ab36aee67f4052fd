"""Where templates come from: the shipped ones plus the user's own folder.

A user template with the same id and language as a shipped one replaces it. A broken
file never stops the others from loading: it is listed in :attr:`Catalog.errors`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import UserError

if TYPE_CHECKING:  # the template parser is imported when templates are loaded, not at start
    from tui.core.templates import Template, TemplateError

ENV_TEMPLATES = "TERUGBLIK_TEMPLATES"
"""Environment variable naming the user's templates folder."""

DEFAULT_TEMPLATE = "zorgnetwerk"
"""The template a new session uses unless another is chosen."""


def shipped_templates_dir() -> Path:
    """The folder of templates that come with Terugblik (inside the wheel, or the checkout's ``templates/``)."""
    packaged = resources.files("tui").joinpath("shipped_templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def user_templates_dir(requested: str | Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """``--templates DIR``, else ``$TERUGBLIK_TEMPLATES``, else the platform's config folder."""
    env = os.environ if env is None else env
    if requested:
        return Path(requested).expanduser()
    if env.get(ENV_TEMPLATES):
        return Path(env[ENV_TEMPLATES]).expanduser()
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "terugblik" / "templates"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "terugblik" / "templates"


@dataclass
class Catalog:
    """All usable templates by (id, language), and the files that could not be used."""

    templates: dict[tuple[str, str], Template] = field(default_factory=dict)
    errors: list[TemplateError] = field(default_factory=list)
    user_dir: Path | None = None

    def get(self, template_id: str, language: str) -> Template | None:
        """The template with this id in this language, or None."""
        return self.templates.get((template_id, language))

    def ids(self) -> list[str]:
        """Every template id, sorted."""
        return sorted({template_id for template_id, _ in self.templates})

    def for_language(self, language: str) -> list[Template]:
        """The templates available in one language, sorted by title."""
        chosen = [tpl for (_, lang), tpl in self.templates.items() if lang == language]
        return sorted(chosen, key=lambda tpl: tpl.title.casefold())

    def sorted(self) -> list[Template]:
        """Every template, by id then language."""
        return [self.templates[key] for key in sorted(self.templates)]


def _load_folder(folder: Path, source: str, catalog: Catalog) -> None:
    from tui.core.templates import TemplateError, load_template

    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.toml")):
        try:
            template = load_template(path, source)
        except TemplateError as exc:
            catalog.errors.append(exc)
            continue
        catalog.templates[(template.id, template.language)] = template


def load_catalog(user_dir: str | Path | None = None, env: Mapping[str, str] | None = None) -> Catalog:
    """Load the shipped templates, then the user's (which override on the same id and language)."""
    catalog = Catalog(user_dir=user_templates_dir(user_dir, env))
    _load_folder(shipped_templates_dir(), "shipped", catalog)
    _load_folder(catalog.user_dir, "user", catalog)
    return catalog


def copy_template_text(text: str, new_id: str) -> str:
    """The text of a template file with its ``id`` changed, comments and layout kept."""
    return re.sub(r'(?m)^(\s*id\s*=\s*)"[^"\n]*"', lambda m: f'{m.group(1)}"{new_id}"', text, count=1)


def new_template_files(catalog: Catalog, new_id: str, source_id: str) -> dict[Path, str]:
    """The files ``templates new`` would write: one per language of the source template.

    Raises :class:`UserError` when the id is malformed, the source is unknown, or a
    target file already exists (nothing is ever overwritten).
    """
    from tui.core.templates import ID_PATTERN, parse_template

    if not ID_PATTERN.fullmatch(new_id):
        raise UserError("template.bad_new_id", id=new_id)
    sources = [tpl for (tid, _), tpl in sorted(catalog.templates.items()) if tid == source_id]
    if not sources:
        raise UserError("template.unknown_source", id=source_id, known=", ".join(catalog.ids()))
    files = {}
    for template in sources:
        assert template.path is not None
        target = catalog.user_dir / f"{new_id}_{template.language}.toml"
        if target.exists():
            raise UserError("template.target_exists", path=target)
        text = copy_template_text(template.path.read_text("utf-8"), new_id)
        parse_template(text.encode("utf-8"), target, "user")
        files[target] = text
    return files
