"""Key bindings whose descriptions are string-table keys, translated when a node mounts.

Screens and widgets declare ``BINDINGS`` with descriptions such as ``"app.key.quit"``
and inherit :class:`TranslatedBindings`; on mount the descriptions become text in the
interface language, so the Footer, the key panel and F1 help all speak the user's language.
"""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode
from textual.screen import Screen

from tui.app.compat import SelectOverlay, bindings_by_key
from tui.core.i18n import is_key, t

TEXTUAL_DESCRIPTIONS = {"Dismiss menu": "select.key.close"}
"""Textual's own English descriptions that the Footer shows, and the string key for each."""


def _translated(text: str, lang: str) -> str:
    # A description that is not one of our keys is Textual's own English ("Focus Next"):
    # translated when we know it, otherwise dropped rather than shown untranslated.
    text = TEXTUAL_DESCRIPTIONS.get(text, text)
    return t(text, lang) if is_key(text) else ""


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Replace every binding description (and tooltip) of ``node`` by its translation."""
    table = bindings_by_key(node)
    for key, bindings in table.items():
        table[key] = [
            dataclasses.replace(
                binding,
                description=_translated(binding.description, lang),
                tooltip=_translated(binding.tooltip, lang),
            )
            for binding in bindings
        ]


class TranslatedBindings:
    """Mixin for screens and widgets: translate this node's binding descriptions on mount.

    A screen also translates the keys of the open list of every plain Textual ``Select`` it
    holds (its Esc shows in the Footer while the list is open).
    """

    def on_mount(self) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        translate_bindings(self, lang)  # type: ignore[arg-type]
        if isinstance(self, Screen):
            for overlay in self.query(SelectOverlay):
                if not isinstance(overlay, TranslatedBindings):  # those translate themselves
                    translate_bindings(overlay, lang)
