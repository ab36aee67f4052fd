"""Markdown minutes: complete, in the session's language, and immune to user markup."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.sample import full_session
from tui.core.minutes import format_date, render_markdown
from tui.core.model import FrictionNote, GoesWellNote, Session
from tui.core.text import FSI, PDI, normalise_newlines, visible

PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline_text(markdown: str) -> str:
    """All text a reader sees, whitespace collapsed."""
    parts = []
    for token in PARSER.parse(markdown):
        if token.type == "inline":
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            parts.append(" ")
    return " ".join("".join(parts).split())


def _headings(markdown: str) -> list[str]:
    tokens = PARSER.parse(markdown)
    return [tokens[i + 1].content for i, tok in enumerate(tokens) if tok.type == "heading_open"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_minutes_contain_everything_said(lang):
    session = full_session(lang)
    text = _inline_text(render_markdown(session))
    for person in session.participants:
        assert person.name in text
    assert "Huisartsenpraktijk De Linde" in text
    assert session.ambition in text
    for note in session.goes_well:
        assert note.text in text and note.why in text
    for note in session.frictions:
        assert note.text in text
    assert "ICT-regisseur van de gemeente" in text
    for action in session.actions:
        assert action.what in text
    for review in session.reviews:
        assert review.what in text and review.note in text
    assert session.changes[0].text in text
    for score in session.health:
        assert score.wording in text
    assert session.decision_rationale in text
    assert session.appreciation[0].text in text


def test_dutch_minutes_use_dutch_headings_and_labels():
    md = render_markdown(full_session("nl"))
    headings = _headings(md)
    assert headings[0] == "Najaarsterugblik"
    for expected in ("Aanwezig", "Onze gedeelde ambitie", "Acties van de vorige keer",
                     "Veranderingen sinds de vorige keer", "Wat gaat goed — en waarom", "Knelpunten",
                     "Wat we wel en niet kunnen beïnvloeden", "Behouden, bijstellen, stoppen",
                     "Actiepunten", "Gezondheidscheck", "Besluit over de samenwerking", "Waardering",
                     "Volgende bijeenkomst"):
        assert expected in headings
    text = _inline_text(md)
    assert "20 november 2026" in text
    assert "Plan bijstellen" in text
    assert "Huisarts" in text and "Mantelzorger" in text
    assert "Dirk Bakker" in text.split("Afwezig")[1]


def test_english_minutes_use_english_headings():
    headings = _headings(render_markdown(full_session("en")))
    assert "What goes well — and why" in headings and "Action items" in headings
    assert "Knelpunten" not in headings


def test_actions_table_has_what_who_and_when():
    md = render_markdown(full_session("en"))
    rows = [line for line in md.splitlines() if line.startswith("| Medicatieafspraken")]
    assert rows == ["| Medicatieafspraken op papier zetten | Anna de Vries, Carla Smit | 15 December 2026 | "
                    "Onduidelijk wie de medicatie regelt |"]


def test_decisions_are_grouped_keep_adjust_stop():
    md = render_markdown(full_session("en"))
    section = md.split("## Keep, adjust, stop")[1].split("## ")[0]
    assert section.index("**Keep**") < section.index("Korte lijnen") < section.index("**Adjust**")
    assert section.index("**Adjust**") < section.index("Dossiers") < section.index("**Stop**")


def test_a_note_without_a_decision_is_listed_as_open():
    from tui.core import operations

    session = full_session("en")
    note = operations.add_friction(session, "Niemand belt terug")
    operations.add_goes_well(session, "Vaste contactpersoon", "")
    assert note.decision is None
    section = render_markdown(session).split("## Keep, adjust, stop")[1].split("## ")[0]
    assert "**Still open (no decision)**" in section
    opened = section.split("**Still open (no decision)**")[1]
    assert "- Niemand belt terug" in opened and "- Vaste contactpersoon" in opened


def test_frictions_are_ranked_by_votes():
    md = render_markdown(full_session("en"))
    section = md.split("## Frictions")[1]
    assert section.index("Dossiers sluiten") < section.index("Onduidelijk wie")


def test_empty_session_says_none_instead_of_leaving_gaps():
    md = render_markdown(Session(team="Nieuw team", language="en"))
    assert "# Retrospective Nieuw team" in md
    assert md.count("_None._") >= 10


def test_format_date():
    import datetime as dt

    assert format_date(dt.date(2027, 3, 1), "nl") == "1 maart 2027"
    assert format_date(dt.date(2027, 3, 1), "en") == "1 March 2027"
    assert format_date(None, "en") == "—"


HOSTILE = [
    "# Kop die geen kop mag worden",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "| a | b |",
    "||||||",
    "*schuin* en **vet** en `code`",
    "---",
    "1. genummerd",
    "> citaat",
    "regel een\n# regel twee\n- regel drie",
    "&lt;b&gt; &#x3C;script&#x3E;",
    "mantel_zorg_er ~~weg~~",
    "\x00\x07control\x1b[31m",
    "emoji 👩‍⚕️ en rtl \u202eעברית",
]


def _token_types(markdown: str) -> set[str]:
    tokens = PARSER.parse(markdown)
    return {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_never_becomes_markup(hostile):
    baseline = render_markdown(full_session("en"))
    session = full_session("en")
    session.title = hostile
    session.goes_well[0].text = hostile
    session.goes_well[0].why = hostile
    session.frictions[0].text = hostile
    session.actions[0].what = hostile
    session.participants[0].name = hostile
    md = render_markdown(session)
    assert len(_headings(md)) == len(_headings(baseline))
    assert _headings(md)[1:] == _headings(baseline)[1:]
    assert _token_types(md) <= _token_types(baseline)
    assert not _token_types(md) & {"html_block", "html_inline", "link_open", "image", "code_inline"}
    header_cells = len(re.findall(r"(?<!\\)\|", "| What | Who | By when | From |"))
    action_rows = md.split("## Action items")[1].split("## ")[0].splitlines()
    assert all(len(re.findall(r"(?<!\\)\|", row)) == header_cells for row in action_rows if row.startswith("|"))


_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_characters=_BIDI_CONTROLS), min_size=1, max_size=80)
       .filter(lambda s: s.strip()))
def test_any_note_text_survives_verbatim(text):
    """Every character stays, a control character as its visible symbol (␛, ␇, ⟨U+0080⟩)."""
    session = Session(team="T", language="en", goes_well=[GoesWellNote(text, why=text)],
                      frictions=[FrictionNote(text)])
    md = render_markdown(session)
    seen = _inline_text(md).replace(FSI, "").replace(PDI, "")
    shown = "".join(visible(c) if unicodedata.category(c) == "Cc" else c for c in normalise_newlines(text))
    assert " ".join(shown.split()) in seen
    assert len(_headings(md)) == len(_headings(render_markdown(Session(team="T", language="en"))))


def test_absent_members_are_described_like_those_present():
    md = render_markdown(full_session("nl"))
    assert "Afwezig:\n\n- Dirk Bakker — Sociaal wijkteam, Gemeente" in md


def test_carried_forward_note_cell_has_no_stray_space():
    md = render_markdown(full_session("nl"))
    assert "| Geen tijd (meegenomen) |" in md
    assert "|  (" not in md


def test_frictions_not_yet_sorted_are_listed_under_influence():
    session = full_session("en")
    session.frictions.append(FrictionNote("Nobody sorted this one yet"))
    md = render_markdown(session)
    influence = md.split("## What we can and cannot influence")[1].split("## ")[0]
    assert "**Not yet sorted**\n\n- Nobody sorted this one yet" in influence


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_are_set_apart_by_one_blank_line_never_two(lang):
    session = full_session(lang)
    session.frictions[0].decision = None  # an open decision closes the decisions' list
    assert "\n\n\n" not in render_markdown(session)
