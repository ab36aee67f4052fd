"""What members sent shows in the minutes, the comparison and the anonymised copy."""

from __future__ import annotations

import copy

from tests.sample import full_session
from tui.core import codec
from tui.core.anonymise import anonymise
from tui.core.compare import compare
from tui.core.minutes import render_markdown
from tui.core.model import DeviceDots, DeviceScore, DeviceWorth, IncomingNote, Session, SignedNote


def _with_phones(language: str = "nl") -> Session:
    session = full_session(language)
    first = session.health[0]
    session.device_scores = [DeviceScore(f"dev-{n}", first.statement_id, first.wording, score)
                             for n, score in enumerate((1, 5, 5), start=1)]
    session.device_scores.append(DeviceScore("dev-1", "hc-phones", "Alleen per telefoon", 3))
    session.device_worth = [DeviceWorth("dev-1", 4), DeviceWorth("dev-2", 5)]
    session.signed_notes = [SignedNote("gw-2", "Ella Anna de Vries")]
    session.device_dots = [DeviceDots("dev-1", "fr-1", 2)]
    session.incoming = [IncomingNote("k-1", "dev-3", "frictions", "Anna de Vries belt nooit terug", signed="Ella",
                                     received_at="2026-11-20T10:00:00+00:00", id="in-1")]
    return session


def test_minutes_without_phones_are_as_before():
    session = full_session()
    text = render_markdown(session)
    for health in session.health:
        assert f"{health.score}/5 |" in text
    assert "gemiddeld" not in text and "Ella" not in text


def test_minutes_show_each_distribution_and_mean_and_the_signed_name():
    session = _with_phones()
    text = render_markdown(session)
    first = session.health[0]
    assert f"| {first.wording} | {first.score}/5; gemiddeld 3,7 over 3 scores (1: 1, 2: 0, 3: 0, 4: 0, 5: 2) |" in text
    assert "| Alleen per telefoon | gemiddeld 3,0 over 1 score (1: 0, 2: 0, 3: 1, 4: 0, 5: 0) |" in text
    assert f"{session.worth_score}/5; gemiddeld 4,5 over 2 scores (1: 0, 2: 0, 3: 0, 4: 1, 5: 1)" in text
    assert "Door: Ella Anna de Vries" in text
    assert "belt nooit terug" not in text  # a hidden note is not in the minutes
    english = render_markdown(_with_phones("en"))
    assert "mean 3.7 over 3 scores (1: 1, 2: 0, 3: 0, 4: 0, 5: 2)" in english


def test_the_comparison_uses_the_mean_and_keeps_the_distribution():
    plain, phones = full_session(), _with_phones()
    phones.id = "f" * 32
    team = compare([plain, phones]).teams[0]
    first = plain.health[0].statement_id
    lead_point, phone_point = team.health[first]
    assert lead_point.score == plain.health[0].score and lead_point.counts == tuple(
        int(plain.health[0].score == n) for n in range(1, 6))
    assert phone_point.score == round(11 / 3, 2) and phone_point.counts == (1, 0, 0, 0, 2)
    assert [p.score for p in team.health["hc-phones"]] == [3]
    report = compare([phones])
    assert report.health_means[first] == round(11 / 3, 2)
    assert compare([plain]).health_means == {h.statement_id: h.score for h in plain.health}


def test_worth_in_the_comparison_is_the_members_mean_when_they_scored_it():
    plain, phones = full_session(), _with_phones()
    phones.id = "f" * 32
    rows = {row.session_id: row.worth_score for row in compare([plain, phones]).teams[0].timeline}
    assert rows[plain.id] == plain.worth_score, "without phones: the lead's score"
    assert rows[phones.id] == 4.5, "with phones: their mean (4 and 5), not the lead's single score"


def test_a_word_of_appreciation_from_a_phone_is_revealed_with_its_signed_name():
    from tui.core.room_session import reveal

    session = full_session()
    session.incoming = [IncomingNote("k-2", "dev-1", "close", "Dank voor het meedenken", signed="Ella",
                                     received_at="2026-11-20T10:00:00+00:00", id="in-2")]
    reveal(session)
    assert session.appreciation[-1].text == "Dank voor het meedenken" and session.appreciation[-1].author is None
    assert "- Dank voor het meedenken — Door: Ella" in render_markdown(session)
    assert codec.from_document(codec.to_document(session)) == session, "valid, and nothing lost"


def test_the_anonymised_copy_keeps_no_signed_name_and_stays_valid():
    session = _with_phones()
    before = copy.deepcopy(session)
    result = anonymise(session)
    assert session == before
    assert result.signed_notes == [] and result.incoming[0].signed is None
    assert "Anna" not in result.incoming[0].text and "de Vries" not in result.incoming[0].text
    dossiers = next(n for n in result.frictions if n.votes == 5)
    assert dossiers.id == "friction-2" and [d.note_id for d in result.device_dots] == ["friction-2"]
    codec.validate_session(result)
    assert "Ella" not in render_markdown(result, anonymised=True)


def test_the_comparison_report_shows_how_the_members_scored_last_time():
    from tui.core.compare_render import layout, to_markdown

    phones = _with_phones()
    text = to_markdown(layout(compare([phones]), "nl"))
    first = phones.health[0]
    row = next(line for line in text.splitlines() if line.startswith(f"| {first.statement_id} "))
    assert row.rstrip(" |").endswith("1·0·0·0·2"), row
    assert "Laatste keer 1·2·3·4·5" in text
