"""Anonymised minutes: names of people replaced by role and organisation, everywhere.

Minutes travel beyond the group, but names of clients and colleagues must not. Every
participant becomes "Role (Organisation)" — or a stable pseudonym ("Huisarts A (…)")
when two people share role and organisation — and every mention of their names in
free text (whole words, any case, possessives such as "Anna's") is replaced too.
"""

from __future__ import annotations

import copy
import re
import string
from collections import defaultdict

from tui.core.i18n import label, t
from tui.core.model import Participant, Session

_MIN_PART = 3
"""Single name parts shorter than this ("de", "El") are not replaced on their own."""

_PARTICLES = {"van", "der", "den", "ter", "ten", "het", "von", "del", "della", "les", "die", "dos", "das", "bin"}
"""Name particles that are ordinary words too; never replaced on their own."""


def _labels(participants: list[Participant], lang: str) -> dict[str, str]:
    """Participant id -> the label that replaces their name."""
    groups: dict[tuple[str, str], list[Participant]] = defaultdict(list)
    for person in participants:
        groups[(person.role, person.organisation.strip())].append(person)
    labels = {}
    for (role, organisation), people in groups.items():
        for index, person in enumerate(people):
            name = label("role", role, lang)
            if len(people) > 1:
                name += f" {string.ascii_uppercase[index % 26]}{index // 26 or ''}"
            labels[person.id] = f"{name} ({organisation})" if organisation else name
    return labels


def _name_patterns(names: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Regexes for full names and for their longer parts, longest first, with replacements."""
    variants: dict[str, str] = {}
    for name, replacement in names.items():
        variants.setdefault(name.strip(), replacement)
    for name, replacement in names.items():
        for part in name.split():
            if len(part) >= _MIN_PART and part.casefold() not in _PARTICLES:
                variants.setdefault(part, replacement)
    patterns = []
    for variant in sorted(variants, key=len, reverse=True):
        if not variant:
            continue
        body = r"\s+".join(re.escape(piece) for piece in variant.split())
        pattern = re.compile(rf"(?<!\w){body}(?:['’]s?)?(?!\w)", re.IGNORECASE)
        patterns.append((pattern, variants[variant]))
    return patterns


def scrub(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str:
    """Replace every mention of a name in ``text``."""
    for pattern, replacement in patterns:
        text = pattern.sub(replacement, text)
    return text


def _neutral_ids(session: Session) -> None:
    """Give participants ids that say nothing about them, keeping every reference intact."""
    new = {person.id: f"person-{number}" for number, person in enumerate(session.participants, start=1)}
    for person in session.participants:
        person.id = new[person.id]
    for item in (*session.goes_well, *session.frictions, *session.appreciation):
        item.author = new.get(item.author, item.author) if item.author else None
    for action in session.actions:
        action.owners = [new.get(owner, owner) for owner in action.owners]


def anonymise(session: Session) -> Session:
    """A copy of the session with every name replaced; the original is not changed."""
    lang = session.language
    result = copy.deepcopy(session)
    labels = _labels(result.participants, lang)
    names = {p.name: labels[p.id] for p in result.participants}
    someone = t("minutes.anon.someone", lang)
    for review in result.reviews:
        for owner in review.owners:
            names.setdefault(owner, someone)
    if result.facilitator.strip():
        names.setdefault(result.facilitator, t("minutes.anon.facilitator", lang))
    patterns = _name_patterns(names)

    for person in result.participants:
        person.name = labels[person.id]
    _neutral_ids(result)
    for review in result.reviews:
        review.owners = [names.get(owner, someone) for owner in review.owners]
        review.what = scrub(review.what, patterns)
        review.note = scrub(review.note, patterns)
    if result.facilitator.strip():
        result.facilitator = t("minutes.anon.facilitator", lang)
    result.title = scrub(result.title, patterns)
    result.ambition = scrub(result.ambition, patterns)
    result.decision_rationale = scrub(result.decision_rationale, patterns)
    for item in result.changes:
        item.text = scrub(item.text, patterns)
    for note in result.goes_well:
        note.text, note.why = scrub(note.text, patterns), scrub(note.why, patterns)
    for note in result.frictions:
        note.text, note.who_can_help = scrub(note.text, patterns), scrub(note.who_can_help, patterns)
        if note.category:
            note.category = scrub(note.category, patterns)
    for action in result.actions:
        action.what = scrub(action.what, patterns)
    for item in result.appreciation:
        item.text = scrub(item.text, patterns)
    return result
