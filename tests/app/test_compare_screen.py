"""The Compare screen by keys: Home -> c -> the figures of a known history, narrowed, opened.

The history (built with the same operations the app uses, dates and ids fixed)::

    2025-01-15  Wijkteam Oost     A1  3 actions; "Dossiers sluiten niet aan" (outside)
    2025-02-05  Zorgnetwerk West  B1  1 action
    2025-03-12  Wijkteam Oost     A2  A1's actions: done, done, not done; the friction again; 1 action
    2025-05-14  Wijkteam Oost     A3  A2's action: partly; the friction again (now within); 1 action
    2025-06-04  Zorgnetwerk West  B2  B1's action: dropped
"""

from __future__ import annotations

import datetime as dt

from tui.app.screens.compare import CompareScreen, FiguresTable, TeamList
from tui.app.screens.help import HelpScreen
from tui.app.screens.home import HomeScreen
from tui.app.screens.minutes import MinutesScreen
from tui.core import operations as ops
from tui.core.codec import dumps
from tui.core.model import Session

OOST = "Wijkteam Oost"
WEST = "Zorgnetwerk West"


def _session(team: str, date: str, number: int, previous: Session | None, outcomes: list[str],
             frictions: list[tuple[str, str | None, str]], actions: list[str], worth: int,
             overall: str | None, trust: str = "We vertrouwen elkaar", score: int = 3) -> Session:
    session = ops.start_session(team, "nl", "kort", previous=previous, date=dt.date.fromisoformat(date))
    session.id = f"{'a' if team == OOST else 'b'}{number}".ljust(32, "0")
    session.created_at = session.updated_at = f"{date}T10:00:00+00:00"
    session.title = f"Terugblik {date}"
    anna = ops.add_participant(session, "Anna de Vries", "Huisartsenpraktijk De Linde", "gp")
    ops.add_participant(session, "Bram Jansen", "Thuiszorg Oost", "home_care")
    carla = ops.add_participant(session, "Carla Smit", "", "informal_carer")
    carla.present = number % 2 == 1
    kept = ops.add_goes_well(session, "Korte lijnen", "We bellen elkaar dezelfde dag")
    ops.set_decision(session, kept.id, "keep")
    for review, outcome in zip(session.reviews, outcomes):
        ops.review_action(session, review.action_id, outcome)
    for text, category, influence in frictions:
        note = ops.add_friction(session, text, category)
        ops.set_influence(session, note.id, influence)
        ops.set_decision(session, note.id, "adjust")
    for what in actions:
        ops.add_action(session, what, [anna.id])
    ops.set_health(session, "trust", trust, score)
    ops.set_worth(session, worth)
    ops.set_overall_decision(session, overall)
    ops.set_rationale(session, "De lijnen zijn kort [maar] het dossier niet")
    session.status = "closed"
    session.current_phase = "close"
    return session


def history() -> list[Session]:
    """Two teams, five sessions, in an order that is neither by date nor by team."""
    dossier = "Dossiers sluiten niet aan"
    a1 = _session(OOST, "2025-01-15", 1, None, [], [(dossier, "ICT", "outside"), ("Parkeren is lastig", None, "within")],
                  ["Overdracht testen", "Casusoverleg plannen", "ICT-regisseur bellen"], 3, "continue")
    a2 = _session(OOST, "2025-03-12", 2, a1, ["done", "done", "not_done"],
                  [("Dossiers sluiten niet op elkaar aan", "ICT", "outside"), ("Wachtlijst dagbesteding", "Zorg", "outside")],
                  ["Medicatielijst delen"], 4, "adjust_plan", score=4)
    a3 = _session(OOST, "2025-05-14", 3, a2, ["partly"], [(dossier, "ICT", "within")], ["Koppeling aanvragen"], 4,
                  "continue", trust="Wij vertrouwen elkaar echt", score=5)
    b1 = _session(WEST, "2025-02-05", 1, None, [], [("Huishoudelijke hulp [Wmo] loopt vast", "Geld", "outside")],
                  ["Wmo-loket bellen"], 2, "continue", score=2)
    b2 = _session(WEST, "2025-06-04", 2, b1, ["dropped"], [("Nieuwe collega kent het netwerk niet", "Rollen", "within")],
                  [], 3, "stop")
    return [b2, a3, a1, b1, a2]


async def settle(pilot) -> CompareScreen:
    """Wait until the Compare screen has read the sessions and shown the figures."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, CompareScreen) and not app.screen.busy:
            return app.screen
    raise AssertionError("the Compare screen did not settle")


def rows(screen: CompareScreen, table_id: str) -> list[list[str]]:
    table = screen.query_one(f"#{table_id}", FiguresTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def status(screen: CompareScreen) -> str:
    return str(screen.query_one("#status").render())


async def test_compare_shows_the_figures_of_the_history(tmp_path, open_app):
    store, app = open_app("en", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        assert status(screen).startswith("Sessions: 5 · teams: 2 · Period: 2025-01-15 to 2025-06-04")
        assert sorted(screen.query_one(TeamList).selected) == [OOST, WEST]

        assert rows(screen, "timeline") == [
            ["2025-01-15", OOST, "3/3", "1", "2", "3", "3/5", "Continue"],
            ["2025-02-05", WEST, "3/3", "1", "1", "1", "2/5", "Continue"],
            ["2025-03-12", OOST, "2/3", "1", "2", "1", "4/5", "Adjust the plan"],
            ["2025-05-14", OOST, "3/3", "1", "1", "1", "4/5", "Continue"],
            ["2025-06-04", WEST, "2/3", "1", "1", "0", "3/5", "Stop"],
        ]
        worth = str(screen.query_one("#worth-line").render())
        assert worth == "Worth our time over time: Wijkteam Oost ▅▆▆ · Zorgnetwerk West ▃▅"

        follow = rows(screen, "follow")
        # date, team, actions, done, partly, not done, dropped, not reviewed
        assert follow == [
            ["2025-01-15", OOST, "3", "2", "0", "1", "0", "0"],
            ["2025-03-12", OOST, "1", "0", "1", "0", "0", "0"],
            ["2025-05-14", OOST, "1", "0", "0", "0", "0", "1"],
            ["Total", OOST, "5", "2", "1", "1", "0", "1"],
            ["2025-02-05", WEST, "1", "0", "0", "0", "1", "0"],
            ["2025-06-04", WEST, "0", "0", "0", "0", "0", "0"],
            ["Total", WEST, "1", "0", "0", "0", "1", "0"],
            ["Total", "all chosen teams", "6", "2", "1", "1", "1", "1"],
        ]

        assert rows(screen, "recurring") == [
            ["Dossiers sluiten niet aan", OOST, "ICT", "2025-01-15", "2025-05-14", "3", "yes"],
        ]
        assert rows(screen, "influence") == [
            ["2025-01-15", OOST, "50%"], ["2025-02-05", WEST, "0%"], ["2025-03-12", OOST, "0%"],
            ["2025-05-14", OOST, "100%"], ["2025-06-04", WEST, "100%"],
        ]
        assert str(screen.query_one("#influence-line").render()).startswith(
            "Share of frictions within our own influence: 43%")
        health = rows(screen, "health")
        assert health[0][:5] == [OOST, "trust", "▅▆█", "3 4 5", "4"]
        assert health[0][5] == "⚠ wording changed: Wij vertrouwen elkaar echt"
        assert health[1] == [WEST, "trust", "▃▅", "2 3", "2.5", "We vertrouwen elkaar"]
        assert rows(screen, "note-decisions") == [[OOST, "3", "5", "0"], [WEST, "2", "2", "0"]]
        overall = rows(screen, "overall")
        assert [row[2] for row in overall] == ["Continue", "Continue", "Adjust the plan", "Continue", "Stop"]
        # what people typed stays as typed, brackets and all
        assert overall[0][3] == "De lijnen zijn kort [maar] het dossier niet"
        assert rows(screen, "sources") == []
    store.close()


async def test_narrowing_to_one_team_and_a_period_changes_the_rows(tmp_path, open_app):
    store, app = open_app("en", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        screen.query_one(TeamList).focus()
        await pilot.press("down", "down", "space")  # leave Zorgnetwerk West out
        screen = await settle(pilot)
        assert screen.query_one(TeamList).selected == [OOST]
        assert [row[0] for row in rows(screen, "timeline")] == ["2025-01-15", "2025-03-12", "2025-05-14"]
        assert rows(screen, "follow")[-1] == ["Total", "all chosen teams", "5", "2", "1", "1", "0", "1"]

        await pilot.press("p", *"2025-03-01", "enter", "tab", *"31-12-2025", "enter")
        screen = await settle(pilot)
        assert status(screen) == "Sessions: 2 · teams: 1 · Period: 2025-03-01 to 2025-12-31"
        assert rows(screen, "timeline") == [
            ["2025-03-12", OOST, "2/3", "1", "2", "1", "4/5", "Adjust the plan"],
            ["2025-05-14", OOST, "3/3", "1", "1", "1", "4/5", "Continue"],
        ]
        assert rows(screen, "recurring") == [
            ["Dossiers sluiten niet aan", OOST, "ICT", "2025-03-12", "2025-05-14", "2", "yes"],
        ]
        assert rows(screen, "follow")[-1] == ["Total", "all chosen teams", "2", "0", "1", "0", "0", "1"]

        # an unreadable date is said plainly, and the period in force stays
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", *"gisteren?", "enter")
        await pilot.pause()
        assert status(screen).startswith("⚠ “gisteren?” is not a date I can read")
        assert len(rows(screen, "timeline")) == 2
        assert screen.query_one("#since").has_class("invalid")

        # every team again, the period cleared
        await pilot.press("ctrl+a", "ctrl+k", "enter", "tab", "ctrl+a", "ctrl+k", "enter")
        screen.query_one("#timeline").focus()
        await pilot.press("t")
        screen = await settle(pilot)
        assert len(rows(screen, "timeline")) == 5
        assert status(screen).startswith("Sessions: 5 · teams: 2")

        # no team at all: an empty table and a hint, not "all teams"
        screen.query_one(TeamList).deselect_all()
        screen = await settle(pilot)
        assert rows(screen, "timeline") == []
        assert status(screen) == "No team chosen: press t for all teams, or Space on a team."
    store.close()


async def test_enter_on_a_timeline_row_opens_that_sessions_minutes(tmp_path, open_app):
    store, app = open_app("en", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        await pilot.press("1")  # the trends come first; 1 goes to the timeline
        assert screen.focused is screen.query_one("#timeline")
        await pilot.press("down", "down")
        assert "2025-03-12 Wijkteam Oost" in str(screen.query_one("#timeline-detail").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        assert app.screen.session.id == "a2".ljust(32, "0")
        assert app.screen.session.date == dt.date(2025, 3, 12)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("o")  # o does the same
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen) and app.screen.session.date == dt.date(2025, 3, 12)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    store.close()


async def test_rows_that_are_no_session_say_so(tmp_path, open_app):
    store, app = open_app("en", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        await pilot.press("3", "enter")  # a recurring friction is not one session
        await pilot.pause()
        assert app.screen is screen
        assert [n.message for n in app._notifications][-1].startswith("Choose a session in the table first")
        await pilot.press("2", "down", "down", "down", "enter")  # the total of Wijkteam Oost
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("up", "enter")  # its third session
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen) and app.screen.session.date == dt.date(2025, 5, 14)
    store.close()


async def test_help_lists_the_compare_keys_in_the_interface_language(tmp_path, open_app):
    store, app = open_app("nl", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("1", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        listed = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert listed["esc"] == "Terug"
        assert listed["o"] == "Verslag"
        assert listed["⏎"] == "Verslag van de sessie in deze regel"
        assert listed["a"] == "Map toevoegen"
        assert listed["7"] == "Toon wat is gelezen"
        assert listed["0"] == "Toon de trends"
        assert not any("." in action and " " not in action for action in listed.values()), listed  # no raw keys
        assert "Cursor up" not in listed.values()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
    store.close()


async def test_a_folder_from_another_laptop_is_added_and_its_problems_listed(tmp_path, open_app):
    store, app = open_app("en", history())
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    extra = ops.start_session("Buurtzorg Noord", "nl", "kort", date=dt.date(2025, 4, 1))
    extra.id = "c1".ljust(32, "0")
    (laptop / "extra.json").write_text(dumps(extra), encoding="utf-8")
    (laptop / "copy.json").write_text(dumps(history()[2]), encoding="utf-8")  # A1, already in the records
    (laptop / "broken.json").write_text("{not json", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        await pilot.press("a")
        assert screen.focused is screen.query_one("#add-path")
        entry = screen.query_one("#add-path")
        entry.value = str(tmp_path / "nowhere")  # (typing a long path key by key only makes the test slow)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.paths == []
        assert entry.value == str(tmp_path / "nowhere")  # kept, to be corrected
        entry.value = str(laptop)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.paths == [laptop]
        assert sorted(screen.query_one(TeamList).selected) == ["Buurtzorg Noord", OOST, WEST]
        assert len(rows(screen, "timeline")) == 6
        sources = rows(screen, "sources")
        assert [(row[0], row[1]) for row in sources] == [
            ("⚠ Skipped", str(laptop / "broken.json")), ("⚠ Skipped", str(laptop / "copy.json"))]
        assert "⚠ 2 skipped, 0 merged" in status(screen)
        assert str(screen.query_one("#figures").get_tab("tab-sources").label) == "Sources ⚠2"
    store.close()


async def test_a_team_left_out_stays_out_after_reading_again(tmp_path, open_app):
    store, app = open_app("en", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        screen.query_one(TeamList).deselect(WEST)
        screen = await settle(pilot)
        screen.query_one("#timeline").focus()
        await pilot.press("r")
        screen = await settle(pilot)
        assert screen.query_one(TeamList).selected == [OOST]
        assert len(rows(screen, "timeline")) == 3
    store.close()


async def test_no_sessions_at_all(tmp_path, open_app):
    store, app = open_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        screen = await settle(pilot)
        assert rows(screen, "timeline") == []
        assert status(screen) == "No sessions match; widen the period or the teams."
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is screen
    store.close()


async def test_the_trends_tab_says_who_improves_and_draws_each_team(tmp_path, open_app):
    from tui.app.widgets.trends import TrendPanel, TrendsView
    from tui.core.trends import overall_charts, overview

    store, app = open_app("nl", history())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        screen = await settle(pilot)
        assert screen.query_one("#figures").active == "tab-trends"  # the first thing a coordinator sees
        view = screen.query_one(TrendsView)
        panels = list(view.query(TrendPanel))
        assert [p.chart.ident for p in panels] == [c.ident for c in overall_charts(screen.report, "nl")]
        words = str(view.query_one(".trends-overview").render())
        for line in overview(screen.report, "nl"):
            text = line.text if hasattr(line, "text") else line
            assert ("".join(text) if isinstance(text, tuple) else text) in words
        drawn = "\n".join(str(line) for line in panels[0]._lines(96))
        assert OOST in drawn and WEST in drawn
        assert "verbeterd van" in drawn or "gedaald van" in drawn or "ongeveer gelijk" in drawn
        await pilot.press("1")
        assert screen.query_one("#figures").active == "tab-timeline"
        await pilot.press("0")
        assert screen.query_one("#figures").active == "tab-trends"
        assert screen.focused is view
