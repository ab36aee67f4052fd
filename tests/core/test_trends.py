"""The comparison's charts and overview: their figures are the comparison's figures, their words say the trend."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.compare_history import GOAL, OOST, ROLES_NEW, ROLES_OLD, WEST, history
from tests.strategies import sessions
from tui.core.compare import compare
from tui.core.compare_render import layout, to_markdown, to_text
from tui.core.model import Action, ActionReview, Session
from tui.core.trends import (
    FOLLOW_PARTS,
    Linked,
    direction,
    health_means,
    overall_charts,
    overview,
    team_charts,
    trend_sentence,
)


def _charts(report, index=0, lang="en"):
    return {chart.ident.rsplit("-", 1)[1]: chart for chart in team_charts(index, report.teams[index], lang)}


def _plain(line) -> str:
    text = line.text if isinstance(line, Linked) else line
    return text if isinstance(text, str) else "".join(text)


def test_direction_needs_a_real_change():
    assert direction([2.0, 2.2]) == "same"
    assert direction([2.0, None, 2.25]) == "up"
    assert direction([4.0, 3.75]) == "down"
    assert direction([0.5, 0.54], percent=True) == "same"
    assert direction([0.5, 0.56], percent=True) == "up"
    assert direction([None, 3.0]) == "few"
    assert direction([]) == "few"


def test_trend_sentences_name_first_and_last_figure_and_the_count():
    assert trend_sentence([2.8, 3.1, None, 3.6], "en") == "improved from 2.8 to 3.6 over 3 sessions"
    assert trend_sentence([4.0, 2.0], "nl") == "gedaald van 4 naar 2 in 2 sessies"
    assert trend_sentence([0.2, 0.6], "en", percent=True) == "rose from 20% to 60% over 2 sessions"
    assert trend_sentence([None, 3.0], "en") == "one session so far: 3"
    assert trend_sentence([None], "en") == "no figures yet"


def test_team_charts_carry_the_comparison_figures():
    report = compare(history())
    oost = report.teams[0]
    assert oost.team == OOST
    charts = _charts(report)
    health = charts["health"]
    assert health.labels == ("2025-01-15", "2025-03-12", "2025-05-14", "2025-07-09")
    by_name = {series.name: series for series in health.series}
    assert by_name[GOAL].values == (3, 4, 4, 5)
    assert by_name[ROLES_NEW].values == (2, 3, 4, 4)
    assert by_name[ROLES_NEW].changed == (3,)  # asked with another wording at the fourth session
    assert by_name[GOAL].changed == ()
    assert health_means(oost) == (2.5, 3.5, 4.0, 4.5)
    follow = charts["actions"]
    for part, series in zip(FOLLOW_PARTS, follow.series, strict=True):
        assert series.values == tuple(getattr(row, part) for row in oost.follow_through)
    assert follow.series[0].values == (1, 2, 0, 0)  # done: o1-a; o2-a and o2-b
    assert charts["influence"].series[0].values == tuple(share for _, share in oost.influence_share)
    assert charts["worth"].series[0].values == (3, 3, 4, None)
    assert "Mean of all statements: improved from 2.5 to 4.5 over 4 sessions" in health.summary
    assert ROLES_OLD not in {series.name for series in health.series}


def test_overall_charts_put_each_team_on_the_dates_of_its_own_sessions():
    report = compare(history())
    charts = {chart.ident: chart for chart in overall_charts(report, "en")}
    health = charts["all-health"]
    assert health.labels == tuple(row.date for row in report.timeline)
    oost, west = health.series
    assert (oost.name, west.name) == (OOST, WEST)
    assert [v for v in oost.values if v is not None] == [2.5, 3.5, 4.0, 4.5]
    assert [v for v in west.values if v is not None] == [3.5, 3.5, 3.0]
    assert west.values[0] is None  # Oost's first session came before West's
    actions = charts["all-actions"]
    assert actions.labels == (OOST, WEST)
    for index, team in enumerate(report.teams):
        totals = team.follow_through_totals()
        assert tuple(series.values[index] for series in actions.series) == tuple(totals[p] for p in FOLLOW_PARTS)


def test_overview_names_who_improves_who_declines_and_what_teams_share():
    report = compare(history())
    lines = [_plain(line) for line in overview(report, "en")]
    improving = lines.index("Improving:")
    declining = lines.index("Declining:")
    assert lines[improving + 1] == f"- {OOST}: mean health check improved from 2.5 to 4.5 over 4 sessions"
    assert lines[declining + 1] == f"- {WEST}: mean health check declined from 3.5 to 3 over 3 sessions"
    shared = lines[lines.index("Frictions raised by several teams:") + 1]
    assert shared.startswith("- “Terugkoppeling huisartsenpost komt weken later” — ")
    assert shared.endswith(f"{OOST}, {WEST} (2 teams, 4 sessions)")
    targets = [line.target for line in overview(report, "en") if isinstance(line, Linked)]
    idents = {chart.ident for index in range(len(report.teams)) for chart in team_charts(index, report.teams[index], "en")}
    assert targets and set(targets) <= idents


def _session(day: str, actions: list[Action]) -> Session:
    return Session(team="Team", date=dt.date.fromisoformat(day), actions=actions)


def test_an_action_carried_forward_keeps_the_date_it_was_first_agreed():
    first = Action("Bel de POH")
    second = Action("Bel de POH", carried_from=first.id)
    third = Action("Bel de POH", carried_from=second.id)
    fresh = Action("Nieuw overleg plannen")
    report = compare([_session("2026-01-10", [first]), _session("2026-03-10", [second]),
                      _session("2026-05-10", [third, fresh])])
    waiting = report.teams[0].open_since
    assert [(a.what, a.since, a.sessions) for a in waiting] == [
        ("Bel de POH", "2026-01-10", 3), ("Nieuw overleg plannen", "2026-05-10", 1)]
    lines = [_plain(line) for line in overview(report, "en")]
    assert "- Team: “Bel de POH” open since 2026-01-10, on the list for 3 sessions" in lines


def test_a_carried_from_loop_in_a_damaged_file_ends():
    one, two = Action("A"), Action("B")
    one.carried_from, two.carried_from = two.id, one.id
    report = compare([_session("2026-01-10", [one]), _session("2026-02-10", [two])])
    assert report.teams[0].open_since == []  # each carries the other on: neither is the open one


def test_a_planned_session_does_not_hide_the_open_actions_before_it():
    held = _session("2026-01-10", [Action("Bel de POH"), Action("Overleg plannen")])
    reviewed = _session("2026-02-10", [])
    reviewed.reviews = [ActionReview(action_id=held.actions[1].id, what="Overleg plannen", outcome="done",
                                     source_session_id=held.id)]
    planned = _session("2026-03-10", [])
    report = compare([held, reviewed, planned])
    assert [(a.what, a.since) for a in report.teams[0].open_since] == [("Bel de POH", "2026-01-10")]


def test_two_sessions_on_one_day_keep_two_places_in_the_chart_over_all_teams():
    first, second = _session("2026-01-10", []), _session("2026-01-10", [])
    first.worth_score, second.worth_score = 2, 4
    first.created_at, second.created_at = "2026-01-10T09:00:00+00:00", "2026-01-10T15:00:00+00:00"
    chart = next(c for c in overall_charts(compare([first, second]), "en") if c.ident == "all-worth")
    assert chart.series[0].values == (2, 4)
    assert chart.summary == (("Team", ": improved from 2 to 4 over 2 sessions"),)


def test_markdown_overview_keeps_each_heading_line_out_of_the_list_above_it():
    from markdown_it import MarkdownIt

    markdown = to_markdown(layout(compare(history()), "en"))
    html = MarkdownIt("commonmark").render(markdown)
    assert "Declining:</p>" in html and "Declining:</li>" not in html
    assert "Actions open longest:</p>" in html


def test_text_and_markdown_reports_say_what_the_charts_say():
    report = compare(history())
    sections = layout(report, "nl")
    text, markdown = to_text(sections), to_markdown(sections)
    for chart in [*overall_charts(report, "nl"), *team_charts(0, report.teams[0], "nl")]:
        assert chart.title in text and chart.title in markdown
        for sentence in chart.summary:
            assert _plain(sentence) in text
    assert "In één oogopslag" in text


@settings(max_examples=40, deadline=None)
@given(st.lists(sessions(), min_size=1, max_size=6))
def test_charts_agree_with_the_comparison_for_any_sessions(found):
    report = compare(found)
    for index, team in enumerate(report.teams):
        for chart in team_charts(index, team, "en"):
            assert all(len(series.values) == len(chart.labels) for series in chart.series)
            if chart.kind == "stacked":
                totals = team.follow_through_totals()
                assert tuple(sum(series.values) for series in chart.series) == tuple(totals[p] for p in FOLLOW_PARTS)
        scored = [p.score for points in team.health.values() for p in points]
        means = [m for m in health_means(team) if m is not None]
        if scored:
            assert min(scored) <= min(means) and max(means) <= max(scored)
    for chart in overall_charts(report, "en"):
        assert all(len(series.values) == len(chart.labels) for series in chart.series)


def _team_session(team: str, day: str, *frictions: tuple[str, str | None]) -> Session:
    from tui.core.model import FrictionNote

    return Session(team=team, date=dt.date.fromisoformat(day),
                   frictions=[FrictionNote(text, category=category) for text, category in frictions])


def test_a_friction_is_shared_when_other_teams_raise_it_in_their_own_words_and_category():
    found = [
        _team_session("A", "2026-01-05", ("Terugkoppeling huisartsenpost komt dagen later", "communicatie")),
        _team_session("A", "2026-02-05", ("Terugkoppeling huisartsenpost komt dagen later", "communicatie"),
                      ("Parkeren is lastig", None)),
        _team_session("B", "2026-01-20", ("terugkoppeling HUISARTSENPOST komt weken later!", "Communicatie")),
        _team_session("C", "2026-03-01", ("Terugkoppeling huisartsenpost komt dagen later", "medicatie"),
                      ("Parkeren is lastig", None)),
    ]
    shared = compare(found).shared_frictions
    assert [(f.teams, f.sessions) for f in shared] == [(["A", "B"], 3), (["A", "C"], 2)]
    assert shared[0].text == "Terugkoppeling huisartsenpost komt dagen later"  # the latest wording
    assert (shared[0].first_seen, shared[0].last_seen) == ("2026-01-05", "2026-02-05")
    assert shared[1].text == "Parkeren is lastig"


def test_a_friction_of_one_team_only_is_not_shared_however_often_it_comes_back():
    found = [_team_session("A", f"2026-0{month}-01", ("Rooster wisselt elke week", None)) for month in (1, 2, 3)]
    found.append(_team_session("B", "2026-02-01", ("Dossiers sluiten niet aan", None)))
    assert compare(found).shared_frictions == []
