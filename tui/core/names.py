"""Finding people's names in free text, however they are written, and replacing them in one pass.

Anonymised minutes must not name anyone, yet people write names in many ways: "ANNA", "anna's",
"Annas idee", "Zoe" for "Zoë", "mevrouw De Vries", "Bo". A :class:`NameMatcher` knows every
variant of a set of names and finds them all with one combined regular expression:

- comparison is on *folded* text (compatibility decomposition, combining marks and invisible
  format characters dropped, case folded), so case and diacritics do not matter, while the text
  around a match is kept exactly as written;
- a match is a whole word (no letter directly before or after it, in any script), optionally
  followed by a Dutch (``-s``, ``-'s``) or English (``'s``, ``'``) possessive;
- every name part counts on its own — short ones such as "Bo" too — except particles such as
  "van" or "de" and lone initials, which are ordinary words; a surname with its particles
  ("de Vries", "van der Berg") is one variant;
- the longest variant wins, and the whole text is rewritten in a single pass, so a replacement
  is never itself searched again (a label containing someone's name part stays as it is).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

PARTICLES = frozenset({
    "van", "von", "vom", "der", "den", "de", "des", "del", "della", "di", "da", "do", "dos", "das", "du",
    "la", "le", "les", "lo", "ter", "ten", "te", "het", "op", "in", "uit", "aan", "zu", "zum", "zur",
    "el", "al", "ibn", "bin", "bint", "y", "e", "en", "and", "und", "et",
})
"""Folded name particles and joining words: parts of names, but never a name on their own."""

PART_RANK = 10
"""Added to a name's rank for its parts, so a whole name always wins over a part of another."""

_TOKEN = re.compile(r"[^\W_]+")
_SEPARATOR = r"(?:[^\S\n]|[.'’‐‑–-])+"
"""What may stand between two parts of a name in text: spaces, a hyphen, an apostrophe, a full stop."""
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"
_POSSESSIVE = r"(?:['’][sS]?|s)"


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    return "".join(c for c in decomposed if unicodedata.category(c)[0] != "M" and unicodedata.category(c) != "Cf")


def fold(text: str) -> str:
    """``text`` as names are compared: without diacritics and invisible format characters, case-folded."""
    return "".join(_fold_char(char) for char in text)


def name_tokens(text: str) -> tuple[str, ...]:
    """The folded words of a name: "Zoë van der Berg-Smit" -> ("zoe", "van", "der", "berg", "smit")."""
    return tuple(_TOKEN.findall(fold(text)))


def _bears_name(token: str) -> bool:
    """Whether a name part identifies someone on its own (not a particle, an initial or a number)."""
    return len(token) >= 2 and token not in PARTICLES and not token.isdigit()


def variants(text: str) -> set[tuple[str, ...]]:
    """The parts of a name people use to mention someone, each as folded tokens, the full name excluded.

    Every run of consecutive parts that ends in a part bearing the name: for "Anna de Vries" that is
    "Anna", "Vries", "de Vries" (and not "de", nor "Anna de").
    """
    tokens = name_tokens(text)
    found = set()
    for end in range(len(tokens)):
        if not _bears_name(tokens[end]):
            continue
        for start in range(end + 1):
            found.add(tokens[start:end + 1])
    found.discard(tokens)
    return found


@dataclass(frozen=True, slots=True)
class Name:
    """A name (or phrase) to find, what replaces it, and how it ranks against names spelled alike.

    ``person`` names are people: their parts count too, and :meth:`NameMatcher.sub` can replace
    them by one neutral word. Other names (a team, an organisation) count only as a whole phrase.
    A lower ``rank`` wins when two names share a spelling; equal ranks with different
    replacements make that spelling ambiguous.
    """

    text: str
    replacement: str
    rank: int = 0
    person: bool = True


@dataclass(slots=True)
class _Variant:
    replacement: str
    rank: int
    person: bool


class NameMatcher:
    """Every variant of a set of names in one regular expression, replaced in a single pass."""

    def __init__(self, names: Iterable[Name], ambiguous: str):
        """``ambiguous`` replaces a spelling shared by two people of equal rank ("Anna" of two Annas)."""
        self._variants: dict[tuple[str, ...], _Variant] = {}
        for name in names:
            tokens = name_tokens(name.text)
            if tokens:
                self._add(tokens, name.replacement, name.rank, name.person, ambiguous)
            if name.person:
                for part in variants(name.text):
                    self._add(part, name.replacement, name.rank + PART_RANK, name.person, ambiguous)
        alternatives = sorted((_SEPARATOR.join(map(re.escape, tokens)) for tokens in self._variants),
                              key=lambda pattern: (-len(pattern), pattern))
        body = rf"(?P<name>{'|'.join(alternatives)})(?P<possessive>{_POSSESSIVE})?{_NOT_BEFORE_LETTER}"
        self._regex = re.compile(_NOT_AFTER_LETTER + body) if alternatives else None
        self._glued = re.compile(body) if alternatives else None
        """The same names right after another name ("S0A" of "S" and "0A"), where no boundary is needed."""

    def _add(self, tokens: tuple[str, ...], replacement: str, rank: int, person: bool, ambiguous: str) -> None:
        known = self._variants.get(tokens)
        if known is None or rank < known.rank:
            self._variants[tokens] = _Variant(replacement, rank, person)
        elif rank == known.rank and replacement != known.replacement:
            known.replacement = ambiguous

    def _matches(self, text: str) -> Iterable[tuple[int, int, re.Match[str]]]:
        """Each match with its span in the original ``text`` (combining marks after it included)."""
        if self._regex is None or not text:
            return
        origins: list[int] = []
        pieces = []
        for index, char in enumerate(text):
            folded = _fold_char(char)
            pieces.append(folded)
            origins.extend([index] * len(folded))
        last = 0
        folded = "".join(pieces)
        position = 0
        glued = False
        while position <= len(folded):
            match = (self._glued.match(folded, position) if glued else None) or self._regex.search(folded, position)
            if match is None:
                return
            position = match.end() if match.end() > match.start() else match.end() + 1
            glued = True
            start = max(origins[match.start()], last)
            end = origins[match.end() - 1] + 1
            while end < len(text) and unicodedata.category(text[end])[0] == "M":
                end += 1
            last = end
            yield start, end, match

    def mentions(self, text: str) -> bool:
        """Whether ``text`` names anyone (or anything) this matcher knows."""
        return next(iter(self._matches(text)), None) is not None

    def sub(self, text: str, people_as: str | None = None) -> str:
        """``text`` with every name replaced, in one pass; ``people_as`` replaces every person instead."""
        out = []
        last = 0
        for start, end, match in self._matches(text):
            variant = self._variants[tuple(_TOKEN.findall(match.group("name")))]
            replacement = people_as if people_as is not None and variant.person else variant.replacement
            if match.group("possessive"):
                replacement += "'" if replacement[-1:] in ("s", "x", "z") else "'s"
            out += [text[last:start], replacement]
            last = end
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)
