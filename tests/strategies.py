"""Hypothesis strategies that generate valid sessions, shared by the test layers."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from tui.core import model
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

ids = st.text(alphabet="abcdef0123456789", min_size=6, max_size=12)
names = st.text(min_size=1, max_size=30).filter(lambda s: s.strip())
texts = st.text(max_size=60)
required_texts = texts.filter(lambda s: s.strip())
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
optional = st.none
timestamps = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.timezone.utc)
).map(lambda d: d.replace(microsecond=0).isoformat())


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    """A random valid session whose references (owners, authors, source notes) all resolve."""
    participants = draw(
        st.lists(
            st.builds(
                Participant,
                name=names,
                organisation=texts,
                role=st.sampled_from(model.ROLES),
                perspective=st.none() | st.sampled_from(model.PERSPECTIVES),
                present=st.booleans(),
                id=ids,
            ),
            max_size=5,
            unique_by=lambda p: p.id,
        )
    )
    people = [p.id for p in participants]
    person = st.none() | st.sampled_from(people) if people else st.none()
    item_ids = draw(st.lists(ids, min_size=40, max_size=40, unique=True))
    next_id = iter(item_ids)
    goes_well = draw(st.lists(
        st.builds(GoesWellNote, text=required_texts, why=texts, author=person,
                  decision=st.none() | st.sampled_from(model.NOTE_DECISIONS), id=st.just(None)),
        max_size=4))
    frictions = draw(st.lists(
        st.builds(FrictionNote, text=required_texts, category=st.none() | texts,
                  votes=st.integers(0, 20), influence=st.none() | st.sampled_from(model.INFLUENCE),
                  who_can_help=texts, decision=st.none() | st.sampled_from(model.NOTE_DECISIONS),
                  author=person, id=st.just(None)),
        max_size=4))
    changes = draw(st.lists(st.builds(Change, text=required_texts, id=st.just(None)), max_size=3))
    appreciation = draw(st.lists(
        st.builds(Appreciation, text=required_texts, author=person, id=st.just(None)), max_size=3))
    for item in (*goes_well, *frictions, *changes, *appreciation):
        item.id = next(next_id)
    note_ids = [n.id for n in (*goes_well, *frictions)]
    source = st.none() | st.sampled_from(note_ids) if note_ids else st.none()
    owners = st.lists(st.sampled_from(people), max_size=3, unique=True) if people else st.just([])
    actions = draw(st.lists(
        st.builds(Action, what=required_texts, owners=owners, due=st.none() | dates,
                  source_note_id=source, status=st.sampled_from(model.ACTION_STATUSES),
                  carried_from=st.none() | ids, id=st.just(None)),
        max_size=3))
    for action in actions:
        action.id = next(next_id)
    reviews = draw(st.lists(
        st.builds(ActionReview, action_id=ids, what=required_texts, owners=st.lists(names, max_size=2),
                  due=st.none() | dates, source_session_id=st.none() | st.just("0123abcd"),
                  outcome=st.none() | st.sampled_from(model.REVIEW_OUTCOMES), note=texts,
                  carried_forward=st.booleans()),
        max_size=3, unique_by=lambda r: r.action_id))
    health = draw(st.lists(
        st.builds(HealthScore, statement_id=ids, wording=required_texts, score=st.integers(1, 5)),
        max_size=5, unique_by=lambda h: h.statement_id))
    return Session(
        id=draw(st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)),
        team=draw(names),
        title=draw(texts),
        date=draw(dates),
        language=draw(st.sampled_from(model.LANGUAGES)),
        template_id=draw(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)),
        template_version=draw(st.text(alphabet="0123456789abcdef", max_size=16)),
        facilitator=draw(texts),
        status=draw(st.sampled_from(model.STATUSES)),
        participants=participants,
        ambition=draw(texts),
        reviews=reviews,
        changes=changes,
        goes_well=goes_well,
        frictions=frictions,
        actions=actions,
        appreciation=appreciation,
        health=health,
        worth_score=draw(st.none() | st.integers(1, 5)),
        overall_decision=draw(st.none() | st.sampled_from(model.OVERALL_DECISIONS)),
        decision_rationale=draw(texts),
        next_date=draw(st.none() | dates),
        phase_seconds=draw(st.dictionaries(st.sampled_from(model.PHASES),
                                           st.floats(0, 10_000, allow_nan=False).map(lambda x: float(round(x))))),
        current_phase=draw(st.sampled_from(model.PHASES)),
        created_at=draw(timestamps),
        updated_at=draw(timestamps),
    )


HOSTILE_SNIPPETS = (
    "[/x]", "[/]", "[b]", "[@click=app.quit]quit[/]", "[link=https://x.invalid]x[/link]", "[red", "\\[",
    "\x1b[31m", "\x1b]0;title\x07", "\x07", "\x00", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\x7f", "\x9b", "\x85",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u2028", "\u2029", "عربي", "עברית",
    "# ", "## kop", "- ", "* ", "1. ", "---", "***", "===", "> ", "```", "`", "|", "| a | b |", "\\", "<!--",
    "<script>alert(1)</script>", "<b>", "&amp;", "&lt;", "&#0;", "[x](javascript:alert(1))", "![i](x.png)",
    "<https://x.invalid>", "{", "}", "{team}", "%s", "'", '"', "e\u0301", "Z\u0308o\u0308", "\u200b", "🧑‍⚕️",
    "\t", "\n", " ", "  ", "x" * 300,
)
"""Pieces of text that have broken, or could break, some place that shows user text."""

hostile_texts = st.lists(
    st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.text(max_size=8)), min_size=1, max_size=6,
).map("".join)
"""Markup, terminal and bidi controls, Markdown/HTML syntax, combining marks and plain words, mixed."""

hostile_names = hostile_texts.filter(lambda s: s.strip() and "\n" not in s.strip())
