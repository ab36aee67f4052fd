"""The command palette (Ctrl+P): the main actions, searchable, in the interface language.

Each command is found by its title and by search words of its own in both languages
(``cmd.<key>.words``: "thema" finds "Licht/donker wisselen", "theme" does too in Dutch),
and a search that finds nothing says so in the interface language, with a way on (the
list of keys), instead of Textual's English "No matches found".
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tui.app.messages import ExportMinutes, MovePhase
from tui.app.safe import plain
from tui.core.catalogs import available_languages
from tui.core.i18n import t

WORD_MATCH_SCORE = 0.5
"""The score of a command found by one of its search words rather than its title."""


@dataclass(frozen=True)
class PaletteCommand:
    """One palette command: its string key (``cmd.<key>``), what it does, and its help key."""

    key: str
    callback: Callable
    help_key: str = ""

    def title(self, lang: str) -> str:
        """The command's name as shown."""
        return t(f"cmd.{self.key}", lang)

    def help(self, lang: str) -> str:
        """One line on what the command does."""
        return t(self.help_key or f"cmd.{self.key}.help", lang)

    def words(self) -> tuple[str, ...]:
        """Every word the command is found by: its title and search words, in every language."""
        return _command_words(self.key)


@functools.cache
def _command_words(key: str) -> tuple[str, ...]:
    found: list[str] = []
    for lang in available_languages():
        found += _words(t(f"cmd.{key}", lang)) + _words(t(f"cmd.{key}.words", lang))
    return tuple(found)


def _words(text: str) -> list[str]:
    """Lower-case words without accents, split at anything that is not a letter or digit."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in folded).split()


def found_by_words(command: PaletteCommand, query: str) -> bool:
    """Whether every word of ``query`` begins one of the command's words ("them" finds "thema")."""
    wanted = _words(query)
    words = command.words()
    return bool(wanted) and all(any(word.startswith(w) for word in words) for w in wanted)


def palette_entries(screen: Screen, lang: str) -> list[PaletteCommand]:
    """Commands for the palette, depending on the screen the palette was opened on.

    A screen offers a command by having its action (notes offer a new note, the close phase
    closing); every phase offers closing the session (elsewhere it goes to the closing phase,
    where the decision on the collaboration is taken first); the app's own actions are always there.
    """
    def screen_action(name: str) -> Callable | None:
        return getattr(screen, f"action_{name}", None)

    entries: list[PaletteCommand] = []
    if (new_note := screen_action("new_note")) is not None:
        entries.append(PaletteCommand("new_note", new_note))
    if (close_session := screen_action("close_session")) is not None:
        entries.append(PaletteCommand("close_session", close_session))
    elif getattr(screen, "PHASE", None) is not None:
        entries.append(PaletteCommand("close_session", lambda: screen.post_message(MovePhase(phase="close")),
                                      "cmd.close_session.elsewhere"))
    if getattr(screen, "PHASE", None) is not None:
        entries += [
            PaletteCommand("next_phase", screen_action("next_phase")),
            PaletteCommand("previous_phase", screen_action("previous_phase")),
            PaletteCommand("preview", screen_action("preview")),
            PaletteCommand("export", lambda: screen.post_message(ExportMinutes())),
            PaletteCommand("room", screen.app.action_open_room),
            PaletteCommand("home", screen_action("home")),
        ]
    app = screen.app
    entries += [
        PaletteCommand("theme", app.action_toggle_theme),
        PaletteCommand("keys", app.action_help),
        PaletteCommand("quit", app.action_quit),
    ]
    return entries


def palette_commands(screen: Screen, lang: str) -> Iterable[SystemCommand]:
    """The palette's commands as Textual's system commands (title, help, callback)."""
    for entry in palette_entries(screen, lang):
        yield SystemCommand(entry.title(lang), entry.help(lang), entry.callback)


class PaletteCommands(Provider):
    """The palette's one source of commands: found by title or search words, never an English "no matches"."""

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.app.lang  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        """Every command, in the order the screen offers them (shown before anything is typed)."""
        for entry in palette_entries(self.screen, self.lang):
            yield DiscoveryHit(plain(entry.title(self.lang)), entry.callback, help=entry.help(self.lang))

    async def search(self, query: str) -> Hits:
        """Commands whose title matches ``query`` (fuzzy) or whose words it begins; else one "no results" line."""
        matcher = self.matcher(query)
        found = False
        for entry in palette_entries(self.screen, self.lang):
            title = entry.title(self.lang)
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), entry.callback, text=title, help=entry.help(self.lang))
                found = True
            elif found_by_words(entry, query):
                yield Hit(WORD_MATCH_SCORE, plain(title), entry.callback, text=title, help=entry.help(self.lang))
                found = True
        if not found:
            # Textual would add its English "No matches found" when no provider has a hit.
            message = t("palette.no_matches", self.lang, query=" ".join(query.split()))
            yield Hit(0.01, plain(message), self.app.action_help, text=message,  # type: ignore[attr-defined]
                      help=t("palette.no_matches.help", self.lang))
