"""Anonymised minutes carry no participant's name anywhere, and say that they are anonymised."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sample import full_session
from tui.core.anonymise import anonymise
from tui.core.model import (
    Action,
    ActionReview,
    Appreciation,
    Change,
    FrictionNote,
    GoesWellNote,
    HealthScore,
    Participant,
    Session,
)
from tui.render import export

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


# -- regressions: each way a name was found to survive --------------------------------------------------


def _nl_session(*people: Participant, **fields) -> Session:
    return Session(team=fields.pop("team", "T"), language="nl", participants=list(people), **fields)


def _scrubbed(session: Session, text: str) -> str:
    session.goes_well.append(GoesWellNote(text))
    return anonymise(session).goes_well[-1].text


def test_team_name_is_replaced_everywhere_including_the_file_name(tmp_path):
    from tui.store.records import RecordsStore

    session = full_session("nl")
    session.team = "Netwerk rond mevrouw De Boer"
    session.title = ""
    session.ambition = "Het netwerk rond Mevrouw de Boer houdt haar thuis"
    for fmt in export.FORMATS:
        text = export.render(session, fmt, anonymised=True)
        assert "boer" not in text.lower(), fmt
    md = export.render(session, "md", anonymised=True)
    assert md.startswith("# Terugblik Zorgnetwerk\n") and "**Team:** Zorgnetwerk" in md
    assert "Het Zorgnetwerk houdt haar thuis" in md
    assert json.loads(export.render(session, "json", anonymised=True))["team"] == "Zorgnetwerk"
    with RecordsStore.open(tmp_path) as store:
        assert store.minutes_path(session, "md", anonymised=True).name == "2026-11-20-zorgnetwerk-01234567-anon.md"
        assert store.minutes_path(session, "md").name == "2026-11-20-netwerk-rond-mevrouw-de-boer-01234567.md"
        names = [path.name for path in store.write_minutes(session, export.FORMATS, anonymised=True)]
    assert all("boer" not in name for name in names), names
    english = full_session("en")
    english.title = ""
    assert export.render(english, "md", anonymised=True).startswith("# Retrospective Care network\n")


def test_dutch_and_english_possessives():
    session = _nl_session(Participant("Linde Bakker", "", "gp", id="p1"),
                          Participant("James Ek", "", "client", id="p2"), Participant("Iris Mol", "", "welfare", id="p3"))
    assert _scrubbed(session, "Lindes idee, Bakkers plan, James' boek, LINDE’S fiets en Iris' werk") == (
        "Huisarts' idee, Huisarts' plan, Cliënt's boek, Huisarts' fiets en Welzijn's werk")


def test_names_are_found_with_or_without_diacritics():
    zoe = Participant("Zoë Müller", "", "gp", id="p1")
    noel = Participant("Noel Celik", "", "client", id="p2")
    text = "Zoe, ZOË, zoë (decomposed: Zoe\u0308), Muller, Mueller, Noël en Çelik"
    assert _scrubbed(_nl_session(zoe, noel), text) == (
        "Huisarts, Huisarts, Huisarts (decomposed: Huisarts), Huisarts, Mueller, Cliënt en Cliënt")


def test_short_names_are_whole_words_and_particles_are_not_names():
    session = _nl_session(Participant("Bo de Vries", "", "client", id="p1"))
    assert _scrubbed(session, "Bo belt de boekhouder; robot; BO; mevrouw De Vries; Vries") == (
        "Cliënt belt de boekhouder; robot; Cliënt; mevrouw Cliënt; Cliënt")


def test_health_wording_is_anonymised():
    session = _nl_session(Participant("Anna de Vries", "", "gp", id="p1"))
    session.health = [HealthScore("anna-vertrouwen", "Anna's hulp werkt", 4)]
    result = anonymise(session).health[0]
    assert result.wording == "Huisarts' hulp werkt"
    assert "anna" not in result.statement_id


def test_every_item_gets_a_neutral_id_with_references_intact():
    anna = Participant("Anna de Vries", "", "gp", id="anna")
    note = FrictionNote("x", author="anna", id="idee-van-anna")
    session = _nl_session(
        anna, frictions=[note], goes_well=[GoesWellNote("y", author="anna", id="anna_1")],
        changes=[Change("z", id="anna-weg")], appreciation=[Appreciation("dank", author="anna", id="anna-bedankt")],
        reviews=[ActionReview("anna-oud", "iets", ["Anna"])],
        actions=[Action("doen", ["anna"], source_note_id="idee-van-anna", carried_from="anna-oud", id="anna-doet")])
    text = export.render(session, "json", anonymised=True)
    assert "anna" not in text.lower()
    doc = json.loads(text)
    assert doc["participants"][0]["id"] == "person-1"
    assert doc["frictions"][0] | {"text": None} == {**doc["frictions"][0], "text": None, "author": "person-1",
                                                    "id": "friction-1"}
    assert doc["actions"][0]["owners"] == ["person-1"] and doc["actions"][0]["source_note_id"] == "friction-1"
    assert doc["actions"][0]["carried_from"] == doc["checkin"]["reviews"][0]["action_id"] == "earlier-action-1"
    assert doc["goes_well"][0]["id"] == "goes-well-1" and doc["appreciation"][0]["author"] == "person-1"


def test_a_label_is_never_replaced_again():
    gp = Participant("Anna de Vries", "Praktijk De Linde", "gp", id="p1")
    nurse = Participant("Linde Huisarts", "Wijkzorg", "district_nurse", id="p2")
    result = anonymise(_nl_session(gp, nurse, goes_well=[GoesWellNote("Mevrouw de Vries belt Linde")]))
    assert [p.name for p in result.participants] == ["Huisarts (Praktijk De N.N.)", "Wijkverpleegkundige (Wijkzorg)"]
    assert result.goes_well[0].text == "Mevrouw Huisarts (Praktijk De N.N.) belt Wijkverpleegkundige (Wijkzorg)"


def test_organisation_keeps_its_name_but_not_a_persons_name():
    gp = Participant("Anna Smit", "Praktijk De Linde", "gp", id="p1")
    nurse = Participant("Linde Bakker", "Thuiszorg Oost", "district_nurse", id="p2")
    session = _nl_session(gp, nurse)
    assert _scrubbed(session, "Praktijk De Linde belt Thuiszorg Oost") == "Praktijk De N.N. belt Thuiszorg Oost"
    assert anonymise(session).participants[0].organisation == "Praktijk De N.N."


def test_owners_of_earlier_actions_and_the_facilitator_are_not_named():
    session = _nl_session(Participant("Anna de Vries", "", "gp", id="p1"), facilitator="Fatima El Amrani",
                          reviews=[ActionReview("a1", "Joost belt Anna", ["Joost Pietersen", "anna"],
                                                note="Pietersen en Fatima")])
    result = anonymise(session)
    assert result.reviews[0].owners == ["een deelnemer", "Huisarts"]
    assert result.reviews[0].what == "een deelnemer belt Huisarts"
    assert result.reviews[0].note == "een deelnemer en de gespreksleider"
    assert _scrubbed(session, "El Amrani en Amrani") == "de gespreksleider en de gespreksleider"


def test_a_first_name_shared_by_two_people_names_neither():
    session = _nl_session(Participant("Anna de Vries", "", "gp", id="p1"),
                          Participant("Anna Bakker", "", "client", id="p2"))
    assert _scrubbed(session, "Anna, Anna Bakker, De Vries") == "een deelnemer, Cliënt, Huisarts"


def test_replacements_longer_than_the_field_still_give_a_valid_document():
    organisation = "Zorg " + "Bo " * 60 + "Oost"
    session = _nl_session(Participant("Bo Ek", organisation[:200], "gp", id="p1"),
                          reviews=[ActionReview("a1", "x", ["Bo " * 66])],
                          frictions=[FrictionNote("x", category="Bo " * 66)])
    doc = json.loads(export.render(session, "json", anonymised=True))
    assert len(doc["participants"][0]["name"]) <= 200 and "bo" not in doc["participants"][0]["name"].lower()


def test_a_name_glued_to_another_name_is_replaced_too():
    session = Session(team="Team", language="nl", participants=[
        Participant(name="S", role="gp"), Participant(name="0A", role="home_care")])
    session.goes_well.append(GoesWellNote("gebeld door %s0A en S", why="-"))
    assert anonymise(session).goes_well[-1].text == "gebeld door %HuisartsThuiszorg en Huisarts"
