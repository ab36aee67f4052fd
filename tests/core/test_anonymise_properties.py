"""Generated people and texts: anonymised Markdown, HTML and JSON name nobody, and every label stays whole."""

from __future__ import annotations

import html
import json
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import hostile_names, hostile_texts, sessions
from tui.core import model
from tui.core.anonymise import anonymise
from tui.core.codec import dumps
from tui.core.i18n import label, t, texts
from tui.core.model import ActionReview, Appreciation, FrictionNote, GoesWellNote, HealthScore, Participant, Session
from tui.core.names import PARTICLES, fold
from tui.render import export

WORD = re.compile(r"[^\W_]+")


def words(text: str) -> set[str]:
    """The folded words of a text."""
    return set(WORD.findall(fold(text)))


def _words_the_files_always_hold() -> set[str]:
    """Headings, labels, HTML and JSON words: a generated name equal to one of them could not be told apart."""
    people = [Participant("Qqq Zzz", "Org", role, "connector", id=f"p{i}") for i, role in enumerate(model.ROLES)]
    found = set()
    for lang in model.LANGUAGES:
        filled = Session(team="T", language=lang, participants=people, facilitator="F",
                         goes_well=[GoesWellNote("x", why="x", author="p0")],
                         frictions=[FrictionNote("x", category="x", who_can_help="x", influence="outside")],
                         appreciation=[Appreciation("x", author="p0")], reviews=[ActionReview("a", "x", ["x"])],
                         health=[HealthScore("s", "x", 3)], ambition="x", decision_rationale="x")
        for fmt in export.FORMATS:
            found |= words(export.render(filled, fmt, anonymised=True))
        found |= {w for key, text in texts(lang).items() if key.startswith("minutes.") for w in words(text)}
        found |= {w for role in model.ROLES for w in words(label("role", role, lang))}
    return found


FILE_WORDS = _words_the_files_always_hold()
FILLER = ("het", "idee", "werkt", "goed", "belt", "morgen", "plan", "thuis")

_LETTERS = "abcdefghijklmnoprstuvwyzëéèïöüçñåø"
name_words = st.text(alphabet=_LETTERS, min_size=2, max_size=9).map(str.capitalize).filter(
    lambda w: fold(w) not in PARTICLES and fold(w) not in FILE_WORDS and fold(w) + "s" not in FILE_WORDS
    and fold(w) not in FILLER and fold(w).removesuffix("s") not in FILLER)
"""A first or last name: short ones ("Bo") and ones with diacritics too, never a word the files always hold."""


@st.composite
def people(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """Two to four people as (first name, particles, last name)."""
    count = draw(st.integers(2, 4))
    return [(draw(name_words), draw(st.sampled_from(["", "de", "van", "van der", "ter", "El"])), draw(name_words))
            for _ in range(count)]


def full(person: tuple[str, str, str]) -> str:
    first, particles, last = person
    return " ".join(part for part in (first, particles, last) if part)


def mentions(person: tuple[str, str, str]) -> list[str]:
    """Every way a text may name this person (the generator writes each in any case, folded, possessive)."""
    first, particles, last = person
    return [full(person), first, last, f"{particles} {last}".strip()]


def written(draw: st.DrawFn, mention: str) -> str:
    """One mention as someone might write it."""
    form = draw(st.sampled_from([str, str.upper, str.lower, fold, lambda s: unicodedata.normalize("NFD", s)]))
    return form(mention) + draw(st.sampled_from(["", "'s", "’s", "s", "'"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people(), st.data())
def test_no_name_variant_survives_and_each_label_is_whole(crowd, data):
    orgs = ["", "Thuiszorg Oost", f"Praktijk {crowd[-1][2]}", f"Zorg {full(crowd[0])}"]
    participants = [Participant(full(person), data.draw(st.sampled_from(orgs)), data.draw(st.sampled_from(model.ROLES)),
                                id=f"p{i}") for i, person in enumerate(crowd)]

    def text() -> tuple[str, list[int | None]]:
        """A text of mentions and filler, separated by commas; who each piece names (None: filler)."""
        pieces, who = [], []
        for _ in range(data.draw(st.integers(1, 6))):
            index = data.draw(st.sampled_from([None, *range(len(crowd))]))
            if index is None:
                pieces.append(data.draw(st.sampled_from(FILLER)))
            else:
                pieces.append(written(data.draw, data.draw(st.sampled_from(mentions(crowd[index])))))
            who.append(index)
        return ", ".join(pieces), who

    texts = [text() for _ in range(8)]
    session = Session(
        team=f"Netwerk rond {full(crowd[0])}", title=texts[0][0], language=data.draw(st.sampled_from(model.LANGUAGES)),
        participants=participants, facilitator=full(crowd[1]), ambition=texts[1][0],
        goes_well=[GoesWellNote(texts[2][0], why=texts[3][0], author="p0")],
        frictions=[FrictionNote(texts[4][0], category=texts[5][0][:200], influence="outside",
                                who_can_help=texts[6][0])],
        health=[HealthScore("s1", texts[7][0], 3)], reviews=[ActionReview("a1", "x", [full(crowd[-1])])])
    result = anonymise(session)
    labels = {p.id: p.name for p in result.participants}
    someone = t("minutes.anon.someone", session.language)

    # Nobody is named in any format (the JSON checked on its decoded strings, HTML after entities).
    forbidden = {fold(part) for person in crowd for part in (person[0], person[2])}
    as_json = json.dumps(json.loads(export.render(session, "json", anonymised=True)), ensure_ascii=False)
    for fmt, rendered in (("md", export.render(session, "md", anonymised=True)),
                          ("html", html.unescape(export.render(session, "html", anonymised=True))), ("json", as_json)):
        found = words(rendered)
        assert not forbidden & found, (fmt, forbidden & found)
        assert not {w + "s" for w in forbidden} & found, fmt
        assert all(text in rendered for text in labels.values()), fmt
    stem = export.file_name(session, "md", anonymised=True).removesuffix(".md")  # the extension names no one
    assert not forbidden & words(stem)

    # Each mention became exactly one replacement; filler stays as it was.
    fields = [result.title, result.ambition, result.goes_well[0].text, result.goes_well[0].why,
              result.frictions[0].text, None, result.frictions[0].who_can_help, result.health[0].wording]
    for (original, who), anonymised in zip(texts, fields):
        if anonymised is None:
            continue
        pieces = anonymised.split(", ")
        assert len(pieces) == len(who), (original, anonymised)
        for piece, index in zip(pieces, who):
            if index is None:
                assert piece in FILLER
            else:
                bare = re.sub(r"'s?$", "", piece)
                assert bare in (*labels.values(), someone, t("minutes.anon.facilitator", session.language)), piece


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(sessions(), st.lists(hostile_names, min_size=1, max_size=3), hostile_texts, st.data())
def test_hostile_sessions_stay_valid_and_name_nobody(session, names, noise, data):
    for person, name in zip(session.participants, names):
        person.name = name
    tokens = {w for person in session.participants for w in words(person.name)
              if len(w) >= 2 and w not in PARTICLES and not w.isdigit()}
    labels_words = {w for lang in model.LANGUAGES for role in model.ROLES for w in words(label("role", role, lang))}
    labels_words |= {w for lang in model.LANGUAGES for k, v in texts(lang).items() if k.startswith("minutes.anon")
                     for w in words(v)}
    mixed = noise.join(data.draw(st.permutations([p.name for p in session.participants] + ["x"])))
    session.goes_well.append(GoesWellNote(mixed or "x", why=session.team))
    result = anonymise(session)
    dumps(result)  # still a valid session document
    export.render(session, "md", anonymised=True)
    id_pattern = re.compile(r"(person|change|goes-well|friction|action|appreciation|earlier-action)-\d+")
    assert all(id_pattern.fullmatch(p.id) for p in result.participants)
    assert all(id_pattern.fullmatch(i.id) for i in (*result.changes, *result.goes_well, *result.frictions,
                                                     *result.actions, *result.appreciation))
    for field in (result.goes_well[-1].text, result.goes_well[-1].why, result.team, result.title):
        assert not (tokens - labels_words) & words(field), (field, tokens)
