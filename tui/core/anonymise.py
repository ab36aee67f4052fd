"""Anonymised minutes: names of people replaced by role and organisation, everywhere.

Minutes travel beyond the group, but names of clients and colleagues must not. Every
participant becomes "Role (Organisation)" — or a stable pseudonym ("Huisarts A (…)")
when two people share role and organisation — and every mention of their names in free
text is replaced too, by one :class:`~tui.core.names.NameMatcher` (any case, with or without
diacritics, with a possessive, first or last name alone). The team name, which often names
the client, becomes a neutral label; owners of earlier actions and the facilitator become
"a participant" and "the facilitator"; every item gets a neutral id.
"""

from __future__ import annotations

import copy
import string
from collections import defaultdict
from collections.abc import Callable

import msgspec

from tui.core.i18n import label, t
from tui.core.model import Participant, Session
from tui.core.names import PART_RANK, Name, NameMatcher

NAME_LIMIT = 200
"""Longest name, organisation, review owner or category a session document holds."""
VERSION_LIMIT = 128
"""Longest template version a session document holds."""
TEXT_LIMIT = 100_000
"""Longest free text a session document holds."""

_TEAM_RANK = 1
_ORGANISATION_RANK = 2
_OTHER_PEOPLE_RANK = 2 * PART_RANK
"""Owners of earlier actions and the facilitator rank below every participant's name parts."""


def team_label(lang: str) -> str:
    """The neutral name that replaces the team's name in anonymised output and its file name."""
    return t("minutes.anon.team", lang)


def anonymised_file_stem(session: Session) -> str:
    """The base name of the session's anonymised files: the team's name is not in it."""
    return msgspec.structs.replace(session, team=team_label(session.language)).file_stem


def _fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (ending in "…"), so a longer replacement stays valid."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _labels(participants: list[Participant], organisations: dict[str, str], lang: str) -> dict[str, str]:
    """Participant id -> the label that replaces their name (``organisations``: id -> anonymised organisation)."""
    groups: dict[tuple[str, str], list[Participant]] = defaultdict(list)
    for person in participants:
        groups[(person.role, organisations[person.id].strip())].append(person)
    labels = {}
    for (role, organisation), people in groups.items():
        for index, person in enumerate(people):
            name = label("role", role, lang)
            if len(people) > 1:
                name += f" {string.ascii_uppercase[index % 26]}{index // 26 or ''}"
            if organisation:
                organisation = _fit(organisation, NAME_LIMIT - len(name) - 3)
                name = f"{name} ({organisation})"
            labels[person.id] = name
    return labels


def _other_people(session: Session) -> list[Name]:
    """Names of people who are not participants: owners of earlier actions and the facilitator."""
    someone = t("minutes.anon.someone", session.language)
    names = [Name(owner, someone, _OTHER_PEOPLE_RANK) for review in session.reviews for owner in review.owners]
    if session.facilitator.strip():
        names.append(Name(session.facilitator, t("minutes.anon.facilitator", session.language), _OTHER_PEOPLE_RANK))
    return names


def _matcher(session: Session) -> tuple[NameMatcher, dict[str, str], dict[str, str]]:
    """The one matcher for every name in ``session``, with each participant's label and organisation by id.

    Built from the original session. Organisations keep their name, but not a person's name inside
    it ("Praktijk De Linde"): that part becomes a neutral word, and a mention of the whole
    organisation in free text becomes the same neutral form.
    """
    lang = session.language
    someone = t("minutes.anon.someone", lang)
    team = Name(session.team, team_label(lang), _TEAM_RANK, person=False)
    others = _other_people(session)
    first = NameMatcher([*(Name(p.name, someone) for p in session.participants), team, *others], someone)
    placeholder = t("minutes.anon.name", lang)
    organisations = {p.id: _fit(first.sub(p.organisation, people_as=placeholder), NAME_LIMIT)
                     for p in session.participants}
    labels = _labels(session.participants, organisations, lang)
    changed = [Name(p.organisation, organisations[p.id], _ORGANISATION_RANK, person=False)
               for p in session.participants if organisations[p.id] != p.organisation]
    matcher = NameMatcher([*(Name(p.name, labels[p.id]) for p in session.participants), team, *changed, *others],
                          someone)
    return matcher, labels, organisations


def _neutral_ids(session: Session) -> None:
    """Give every item an id that says nothing about it, keeping every reference intact."""
    people = {p.id: f"person-{n}" for n, p in enumerate(session.participants, start=1)}
    notes = {note.id: f"goes-well-{n}" for n, note in enumerate(session.goes_well, start=1)}
    notes |= {note.id: f"friction-{n}" for n, note in enumerate(session.frictions, start=1)}
    earlier: dict[str, str] = {}

    def earlier_action(old: str) -> str:
        return earlier.setdefault(old, f"earlier-action-{len(earlier) + 1}")

    for person in session.participants:
        person.id = people[person.id]
    for review in session.reviews:
        review.action_id = earlier_action(review.action_id)
    for kind, items in (("change", session.changes), ("appreciation", session.appreciation),
                        ("action", session.actions)):
        for n, item in enumerate(items, start=1):
            item.id = f"{kind}-{n}"
    for note in (*session.goes_well, *session.frictions):
        note.id = notes[note.id]
    for n, incoming in enumerate(session.incoming, start=1):
        incoming.id = f"incoming-{n}"
    for dots in session.device_dots:
        dots.note_id = notes[dots.note_id]
    for item in (*session.goes_well, *session.frictions, *session.appreciation):
        item.author = people.get(item.author) if item.author else None
    for action in session.actions:
        action.owners = [people[owner] for owner in action.owners if owner in people]
        action.source_note_id = notes.get(action.source_note_id) if action.source_note_id else None
        action.carried_from = earlier_action(action.carried_from) if action.carried_from else None


def _anonymise_room(session: Session, scrub: Callable[..., str], matcher: NameMatcher, statements: dict[str, str]) -> None:
    """What members sent, without names: no signed name kept, names in hidden notes and wordings replaced."""
    session.signed_notes = []
    for incoming in session.incoming:
        incoming.text, incoming.why, incoming.signed = scrub(incoming.text), scrub(incoming.why), None
        if incoming.category:
            incoming.category = scrub(incoming.category, NAME_LIMIT)
    for score in session.device_scores:
        score.wording = scrub(score.wording)
        if matcher.mentions(score.statement_id):
            score.statement_id = statements.setdefault(score.statement_id,
                                                       f"anonymised-statement-{len(session.health) + len(statements) + 1}")


def anonymise(session: Session) -> Session:
    """A copy of the session with every name replaced; the original is not changed."""
    lang = session.language
    matcher, labels, organisations = _matcher(session)
    result = copy.deepcopy(session)

    def scrub(text: str, limit: int = TEXT_LIMIT) -> str:
        return _fit(matcher.sub(text), limit)

    for person in result.participants:
        person.name, person.organisation = labels[person.id], organisations[person.id]
        person.relation = ""  # it names the client ("dochter van mevrouw Bos"), who is rarely a participant
    result.team = team_label(lang)
    if result.facilitator.strip():
        result.facilitator = t("minutes.anon.facilitator", lang)
    if matcher.mentions(result.template_id):
        result.template_id = "anonymised"
    result.template_version = scrub(result.template_version, VERSION_LIMIT)
    result.title = scrub(result.title)
    result.ambition = scrub(result.ambition)
    result.decision_rationale = scrub(result.decision_rationale)
    for review in result.reviews:
        review.owners = [scrub(owner, NAME_LIMIT) for owner in review.owners]
        review.what, review.note = scrub(review.what), scrub(review.note)
    for change in result.changes:
        change.text = scrub(change.text)
    for note in result.goes_well:
        note.text, note.why = scrub(note.text), scrub(note.why)
    for note in result.frictions:
        note.text, note.who_can_help = scrub(note.text), scrub(note.who_can_help)
        if note.category:
            note.category = scrub(note.category, NAME_LIMIT)
    for action in result.actions:
        action.what = scrub(action.what)
    for item in result.appreciation:
        item.text = scrub(item.text)
    statements: dict[str, str] = {}
    for number, score in enumerate(result.health, start=1):
        score.wording = scrub(score.wording)
        if matcher.mentions(score.statement_id):
            statements[score.statement_id] = score.statement_id = f"anonymised-statement-{number}"
    _anonymise_room(result, scrub, matcher, statements)
    _neutral_ids(result)
    return result
