"""The whole room in the app: the lead opens it by key, phones join over 127.0.0.1, write, vote and
score; the lead reveals and closes; the saved JSON and the minutes hold what the phones sent."""

from __future__ import annotations

import re
import secrets

import aiohttp
from yarl import URL
import pytest

from tests.room.conftest import RecordingPort, field_value
from tui.app.room_control import RoomOptions, state_setting
from tui.app.screens.close import CloseScreen
from tui.app.screens.room import RoomScreen
from tui.app.widgets.room_waiting import RoomWaiting
from tui.core import operations
from tui.core.model import Session
from tui.core.room_access import RoomAccess
from tui.room.server import RoomServer

JSON = {"Accept": "application/json"}


class Phone:
    """A member's phone: an HTTP client holding its cookie, and the page's anti-forgery token."""

    def __init__(self, server: RoomServer, client: aiohttp.ClientSession, page: str):
        self.server, self.client, self.csrf = server, client, field_value(page, "csrf")

    async def send(self, **fields: str) -> tuple[int, dict]:
        """Send one change; returns the status and the JSON answer."""
        form = {"csrf": self.csrf, "key": secrets.token_hex(8), **fields}
        async with self.client.post(self.server.address + "/send", data=form, headers=JSON) as response:
            return response.status, await response.json()

    async def page(self) -> str:
        async with self.client.get(self.server.address + "/") as response:
            return await response.text()


async def join(server: RoomServer, name: str = "") -> Phone:
    client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with client.post(server.join_url, data={"code": server.access.join_code, "name": name}) as response:
        assert response.status == 200, await response.text()
        return Phone(server, client, await response.text())


def _session() -> Session:
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.add_participant(session, "Anna de Wit", "Praktijk De Linde", "gp")
    operations.add_participant(session, "Els Bos", "", "informal_carer")
    session.current_phase = "goes_well"
    return session


def _waiting(app) -> str:
    widget = app.screen.query_one(RoomWaiting)
    return str(widget.render()) if widget.display else ""


async def test_members_write_vote_and_score_and_the_minutes_show_it(tmp_path, open_app):
    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    session = _session()
    template = app.catalog.get("zorgnetwerk", "nl")
    first, second = template.health_check[0], template.health_check[1]
    phones: list[Phone] = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await app.run_session(session)
            await pilot.pause()
            assert app.room.server is None, "nothing listens until the lead opens the room"
            await pilot.press("f6")
            await pilot.pause()
            assert isinstance(app.screen, RoomScreen)
            server = app.room.server
            await pilot.press("escape")
            await pilot.pause()
            phones = [await join(server, "Els Bos"), await join(server), await join(server)]

            status, answer = await phones[0].send(kind="note", phase="goes_well", text="Korte lijnen met de POH",
                                                  extra="we bellen elkaar direct", signed="1")
            assert (status, answer) == (200, {"received": True})
            # Acknowledged means on disk: the file already holds the note, face down.
            assert [n.text for n in store.get_session(session.id).incoming] == ["Korte lijnen met de POH"]
            assert (await phones[1].send(kind="note", phase="goes_well", text="Overdracht op papier werkt"))[0] == 200
            await pilot.pause(0.3)
            assert "2 notities van de telefoons wachten, van 2 personen" in _waiting(app)
            assert session.goes_well == [], "nothing shows before the lead reveals"

            await pilot.press("f5")
            await pilot.pause()
            assert [n.text for n in session.goes_well] == ["Korte lijnen met de POH", "Overdracht op papier werkt"]
            assert session.signed_name(session.goes_well[0].id) == "Els Bos"
            assert session.goes_well[1].author is None and session.signed_name(session.goes_well[1].id) is None
            assert _waiting(app) == ""

            await pilot.press("f8")
            await pilot.pause()
            assert app.screen.PHASE == "frictions"
            late = await phones[2].send(kind="note", phase="goes_well", text="Te laat")
            assert late[0] == 400 and "voorbij" in late[1]["error"]
            for phone, text in ((phones[1], "Niemand regelt de medicatie in het weekend"),
                                (phones[2], "De wijkverpleging hoort het te laat")):
                assert (await phone.send(kind="note", phase="frictions", text=text, extra="0"))[0] == 200
            await pilot.pause(0.3)
            await pilot.press("f5")
            await pilot.pause()
            weekend, late_news = session.frictions
            assert weekend.category == template.friction_categories[0]

            await pilot.press("f8")  # influence: the phones vote on the revealed frictions
            await pilot.pause()
            for _ in range(template.dot_budget):
                assert (await phones[0].send(kind="vote", phase="vote", target=weekend.id, step="1"))[0] == 200
            refused = await phones[0].send(kind="vote", phase="vote", target=late_news.id, step="1")
            assert refused[0] == 400 and str(template.dot_budget) in refused[1]["error"]
            assert (await phones[1].send(kind="vote", phase="vote", target=late_news.id, step="1"))[0] == 200
            assert (weekend.votes, late_news.votes) == (template.dot_budget, 1)
            mine = await phones[1].page()
            assert "Niemand regelt" in mine and "uw stippen: 1" in mine and "uw stippen: 3" not in mine

            await app.show_phase("close")
            await pilot.pause()
            assert isinstance(app.screen, CloseScreen)
            scores = {f"score:{first.id}": "4", f"score:{second.id}": "5", "worth": "5"}
            assert (await phones[0].send(kind="scores", phase="closing", text="Dank aan Anna", signed="1",
                                         **scores))[0] == 200
            assert (await phones[1].send(kind="scores", phase="closing", **{f"score:{first.id}": "2",
                                                                           "worth": "3"}))[0] == 200
            await pilot.pause(0.3)
            spread = str(app.screen.query_one(f"#spread-{first.id}").render())
            assert "gemiddeld 3,0 over 2 scores (1: 0, 2: 1, 3: 0, 4: 1, 5: 0)" in spread
            assert "gemiddeld 4,0 over 2 scores" in str(app.screen.query_one("#spread-worth").render())
            assert "1 notitie van de telefoons wacht, van 1 persoon" in _waiting(app)
            assert 'name="signed"' in await phones[0].page(), "a named member may sign their appreciation"
            await pilot.press("f5")
            await pilot.pause()
            assert [a.text for a in session.appreciation] == ["Dank aan Anna"]

            app.screen.query_one("#overall").focus()
            await pilot.press("enter")
            await pilot.press("f10", "j")  # closing asks first: j says yes
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not app.room.is_open, "the room closes with the session"
            with pytest.raises(aiohttp.ClientError):
                await phones[0].page()
            assert app.autosaver.flush()
    finally:
        for phone in phones:
            await phone.client.close()

    saved = store.get_session(session.id)
    assert saved.status == "closed" and saved.incoming == []
    assert {d.dots for d in saved.device_dots} == {template.dot_budget, 1}
    assert all(re.fullmatch(r"[0-9a-f]{16}", d.device) for d in saved.device_dots), "a random id, never a name"
    assert "Els" not in repr(saved.device_dots) + repr(saved.device_scores) + repr(saved.device_worth)
    markdown = next((tmp_path / "records").glob("*.md")).read_text("utf-8")
    assert "Korte lijnen met de POH" in markdown and "Els Bos" in markdown  # signed by its member
    assert "Overdracht op papier werkt" in markdown
    assert "Niemand regelt de medicatie in het weekend" in markdown
    assert "gemiddeld 3,0 over 2 scores (1: 0, 2: 1, 3: 0, 4: 1, 5: 0)" in markdown
    assert "Dank aan Anna — Door: Els Bos" in markdown
    assert not store.setting(state_setting(session.id)), "a closed session's room is forgotten"
    store.close()


async def test_the_room_can_be_reopened_after_a_restart_and_phones_carry_on(tmp_path, open_app):
    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        assert await app.room.open()
        server = app.room.server
        phone = await join(server)
        async with phone.client:
            assert (await phone.send(kind="note", phase="goes_well", text="Eerste"))[0] == 200
            secret, code = server.access.secret, server.access.join_code
            cookies = phone.client.cookie_jar.filter_cookies(URL(server.address))
            app.save_and_exit()  # as on SIGHUP: the room is not closed by the lead
            await pilot.pause()
    store.close()

    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    async with app.run_test(size=(100, 30)) as pilot:
        resumed = store.get_session(session.id)
        assert [n.text for n in resumed.incoming] == ["Eerste"], "the acknowledged note survived"
        await app.run_session(resumed)
        await pilot.pause()
        assert await app.room.open()
        server = app.room.server
        assert (server.access.secret, server.access.join_code) == (secret, code)
        client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        client.cookie_jar.update_cookies(cookies)
        async with client:
            async with client.get(server.address + "/") as response:
                assert response.status == 200, "the phone's cookie still opens its page"
                page = await response.text()
            again = Phone(server, client, page)
            assert (await again.send(kind="note", phase="goes_well", text="Tweede"))[0] == 200
        assert [n.text for n in resumed.incoming] == ["Eerste", "Tweede"]
        assert len({n.device for n in resumed.incoming}) == 1, "the same phone, the same random id"
        await app.room.close()
        assert app.autosaver.flush()
    store.close()


async def test_the_room_needs_a_running_session_and_a_taken_port_is_one_clear_message(tmp_path, open_app):
    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        assert not await app.room.open()
        await pilot.pause()
        assert any("Begin of hervat eerst een sessie" in n.message for n in app._notifications)
        blocker = RoomServer(RoomAccess(), RecordingPort(), "127.0.0.1", 0)
        await blocker.start()
        try:
            app.room.options = RoomOptions(host="127.0.0.1", port=blocker.port_number)
            await app.run_session(_session())
            await pilot.pause()
            assert not await app.room.open()
            await pilot.pause()
            assert any(f"Poort {blocker.port_number} is in gebruik" in n.message for n in app._notifications), [n.message for n in app._notifications]
            assert not app.room.is_open
        finally:
            await blocker.stop()
        assert app.autosaver.flush()
    store.close()


async def test_with_approval_on_a_waiting_phone_is_announced_and_admitted_from_the_room_screen(tmp_path, open_app):
    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    store.remember_setting("room_approve_each", "1")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(_session())
        await pilot.pause()
        assert await app.room.open()
        await pilot.press("escape")
        server = app.room.server
        assert server.access.approve_each, "the lead's choice is remembered between rooms"
        client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        async with client:
            async with client.post(server.join_url, data={"code": server.access.join_code}) as response:
                assert "De gespreksleider laat u zo meedoen" in await response.text()
            await pilot.pause()
            assert any("1 telefoon wacht op uw toestemming" in n.message for n in app._notifications)
            await pilot.press("f6")
            await pilot.pause()
            assert isinstance(app.screen, RoomScreen)
            await pilot.press("a")
            async with client.get(server.address + "/") as response:
                assert "Wat gaat goed?" in await response.text()
        await app.room.close()
        assert app.autosaver.flush()
    store.close()


async def test_hostile_text_from_a_phone_stays_text_on_the_lead_screen_and_in_the_minutes(tmp_path, open_app):
    from tui.app.widgets.note_table import ItemTable
    from tui.core.minutes import render_markdown

    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    session = _session()
    hostile = "[bold red]Opgelet[/] \x1b[31mrood\u202eesrever <script>alert(1)</script> | **vet**"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        assert await app.room.open()
        await pilot.press("escape")
        phone = await join(app.room.server, name="[link=http://x]Els[/link]")
        async with phone.client:
            assert (await phone.send(kind="note", phase="goes_well", text=hostile, extra="[i]waarom[/i]",
                                     signed="1"))[0] == 200
        await pilot.pause(0.3)
        await pilot.press("f5")
        await pilot.pause()
        cell = str(app.screen.query_one("#items", ItemTable).get_row(session.goes_well[0].id)[0])
        assert "[bold red]Opgelet[/]" in cell, "markup stays text"
        assert "\x1b" not in cell and "\u202e" not in cell, "controls are shown as symbols, not obeyed"
        await app.room.close()
        assert app.autosaver.flush()
    markdown = render_markdown(session)
    assert "\\<script\\>" in markdown and "\x1b" not in markdown and "␛[31mrood" in markdown.replace("\\[", "[")
    assert "\u202eesrever" in markdown and "\u2069" in markdown, "a direction override stays closed in its isolate"
    assert "[link=http://x]Els[/link]" in markdown or "\\[link=http://x\\]Els\\[/link\\]" in markdown
    store.close()
