"""Anonymised minutes carry no participant's name anywhere, and say that they are anonymised."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tui.core import export
from tui.core.anonymise import anonymise
from tui.core.model import Appreciation, FrictionNote, GoesWellNote, Participant, Session

NAMES = ["Anna de Vries", "Bram Jansen", "Carla Smit", "Dirk Bakker"]


def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def test_names_replaced_by_role_and_organisation_everywhere():
    session = full_session("nl")
    session.goes_well[1].why = "anna's aanpak en BRAM JANSEN zelf; Smit belt"
    session.frictions[0].who_can_help = "Dirk, via de gemeente"
    for fmt in export.FORMATS:
        text = export.render(session, fmt, anonymised=True)
        for name in NAMES:
            for part in (name, *[p for p in name.split() if len(p) > 2]):
                assert not mentions(text, part), (fmt, part)
        assert "Fatima" not in text and "El Amrani" not in text
    md = export.render(session, "md", anonymised=True)
    assert "Huisarts (Huisartsenpraktijk De Linde)" in md
    assert "Dit verslag is geanonimiseerd" in md
    assert "Dank aan Thuiszorg (Thuiszorg Oost) voor het snelle schakelen" in md


def test_people_sharing_role_and_organisation_get_stable_pseudonyms():
    session = Session(team="T", language="en", participants=[
        Participant("Eva Mol", "Thuiszorg Oost", "home_care", id="p1"),
        Participant("Frank Mol", "Thuiszorg Oost", "home_care", id="p2"),
    ])
    session.goes_well.append(GoesWellNote("Eva helps Frank"))
    result = anonymise(session)
    assert [p.name for p in result.participants] == ["Home care A (Thuiszorg Oost)", "Home care B (Thuiszorg Oost)"]
    assert result.goes_well[0].text == "Home care A (Thuiszorg Oost) helps Home care B (Thuiszorg Oost)"
    assert anonymise(session) == result, "the same input gives the same pseudonyms"


def test_original_session_is_untouched():
    session = full_session("en")
    anonymise(session)
    assert session == full_session("en")


def test_anonymised_json_is_still_a_valid_session():
    doc = json.loads(export.render(full_session("en"), "json", anonymised=True))
    assert [p["name"] for p in doc["participants"]][0] == "GP (Huisartsenpraktijk De Linde)"


def _words_of_the_files_themselves() -> set[str]:
    """Every word the anonymised files contain whatever the names are (headings, HTML, JSON keys)."""
    person = Participant("Qqq Zzz", "Org", "volunteer", id="p0")
    filled = Session(team="T", language="en", participants=[person],
                     goes_well=[GoesWellNote("x", why="x")], frictions=[FrictionNote("x", who_can_help="x")],
                     appreciation=[Appreciation("x", author="p0")], ambition="x", decision_rationale="x")
    return {word.lower() for fmt in export.FORMATS
            for word in re.findall(r"[A-Za-z]+", export.render(filled, fmt, anonymised=True))}


FILE_WORDS = _words_of_the_files_themselves()
"""A generated name such as "Aaa Meta" would be found in <meta>: such names are not generated."""

names = st.builds(
    lambda first, last: f"{first} {last}",
    st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{2,11}", fullmatch=True),
).filter(lambda name: not any(part.lower() in FILE_WORDS for part in name.split()))
words = st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=1, max_size=4, unique=True), words, st.data())
def test_no_generated_name_survives(people, filler, data):
    participants = [Participant(name, "Org", "volunteer", id=f"p{i}") for i, name in enumerate(people)]

    def sentence() -> str:
        parts = list(filler)
        for _ in range(data.draw(st.integers(1, 3))):
            name = data.draw(st.sampled_from(people))
            variant = data.draw(st.sampled_from([name, name.upper(), name.lower(), name.split()[0],
                                                 name.split()[-1] + "'s", name + "’s"]))
            parts.insert(data.draw(st.integers(0, len(parts))), variant)
        return " ".join(parts)

    session = Session(team="T", language="en", participants=participants,
                      goes_well=[GoesWellNote(sentence(), why=sentence())],
                      frictions=[FrictionNote(sentence(), who_can_help=sentence())],
                      appreciation=[Appreciation(sentence(), author="p0")],
                      ambition=sentence(), decision_rationale=sentence())
    for fmt in export.FORMATS:
        text = export.render(session, fmt, anonymised=True)
        for name in people:
            for part in name.split():
                assert not mentions(text, part), (fmt, part, text[:300])
