"""The room's server over real sockets: joining, the cookie, forged and oversized requests, headers."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from tests.room.conftest import field_value, joined
from tui.core.errors import UserError
from tui.core.room_access import RoomAccess
from tui.room.server import COOKIE, CONTENT_SECURITY_POLICY, MAX_BODY, RoomServer


async def test_a_phone_joins_with_the_code_and_gets_a_strict_cookie(room):
    server, _ = room
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with client.get(server.join_url) as response:
            page = await response.text()
            assert response.status == 200 and 'name="code"' in page and "Els de Vries" in page
            assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        async with client.post(server.join_url, data={"code": "123456"}, allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/"
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
        async with client.get(server.address + "/") as response:
            page = await response.text()
            assert response.status == 200 and "Wat gaat goed?" in page and 'name="csrf"' in page


async def test_a_wrong_code_shows_the_join_form_again_with_a_clear_message(room):
    server, _ = room
    async with aiohttp.ClientSession() as client:
        async with client.post(server.join_url, data={"code": "999999"}, allow_redirects=False) as response:
            page = await response.text()
            assert response.status == 403 and "niet de deelnamecode" in page and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", ["/j/wrong-secret", "/j/", "/nothing", "/static/../server.py", "/static/x.js"])
async def test_without_the_secret_there_is_nothing_to_see(room, path):
    server, _ = room
    async with aiohttp.ClientSession() as client, client.get(server.address + path) as response:
        page = await response.text()
        assert response.status == 404 and "Scan de code" in page and "Traceback" not in page
        assert server.access.secret not in page


async def test_a_phone_that_did_not_join_is_sent_to_the_code_on_the_screen(room):
    server, _ = room
    async with aiohttp.ClientSession() as client:
        for method, path in (("GET", "/"), ("GET", "/state"), ("POST", "/send")):
            async with client.request(method, server.address + path, cookies={COOKIE: "guess"}) as response:
                assert response.status == 403 and "doet nog niet mee" in await response.text()


async def test_a_note_is_received_once_however_often_it_is_sent(room):
    server, port = room
    client, page = await joined(server)
    async with client:
        form = {"csrf": field_value(page, "csrf"), "key": "a1b2c3d4e5f6", "kind": "note", "phase": "goes_well",
                "text": "De huisarts belt terug", "extra": "vaste tijden"}
        for _ in range(3):
            async with client.post(server.address + "/send", data=form,
                                   headers={"Accept": "application/json"}) as response:
                assert response.status == 200 and await response.json() == {"received": True}
        assert len(port.changes) == 1
        device_id, change = port.changes["a1b2c3d4e5f6"]
        assert change.text == "De huisarts belt terug" and change.extra == "vaste tijden" and not change.signed
        assert device_id == server.access.present()[0].id


async def test_without_a_script_a_note_is_a_plain_form_and_the_page_says_received(room):
    server, port = room
    client, page = await joined(server)
    async with client:
        form = {"csrf": field_value(page, "csrf"), "key": field_value(page, "key"), "kind": "note",
                "phase": "goes_well", "text": "Korte lijnen"}
        async with client.post(server.address + "/send", data=form) as response:
            assert response.status == 200 and "Ontvangen ✓" in await response.text()
        assert [change.text for _, change in port.changes.values()] == ["Korte lijnen"]


async def test_a_change_without_the_pages_token_or_from_another_site_is_refused(room):
    server, port = room
    client, page = await joined(server)
    async with client:
        form = {"key": "a1b2c3d4e5f6", "kind": "note", "phase": "goes_well", "text": "x"}
        async with client.post(server.address + "/send", data={**form, "csrf": "forged"}) as response:
            assert response.status == 403 and "verouderd" in await response.text()
        async with client.post(server.address + "/send", data={**form, "csrf": field_value(page, "csrf")},
                               headers={"Origin": "http://evil.example"}) as response:
            assert response.status == 403
        async with client.post(server.address + "/send", data={**form, "csrf": field_value(page, "csrf")},
                               headers={"Sec-Fetch-Site": "cross-site"}) as response:
            assert response.status == 403
        assert port.changes == {}


@pytest.mark.parametrize("fields", [
    {"kind": "delete", "key": "a1b2c3d4e5f6"},
    {"kind": "note", "key": "short"},
    {"kind": "note", "key": "<script>alert(1)</script>"},
    {"kind": "vote", "key": "a1b2c3d4e5f6", "step": "5"},
    {"kind": "scores", "key": "a1b2c3d4e5f6", "score:h1": "6"},
    {"kind": "scores", "key": "a1b2c3d4e5f6", "worth": "1e3"},
])
async def test_malformed_changes_get_a_clear_error_and_change_nothing(room, fields):
    server, port = room
    client, page = await joined(server)
    async with client:
        async with client.post(server.address + "/send", data={"csrf": field_value(page, "csrf"), **fields},
                               headers={"Accept": "application/json"}) as response:
            assert response.status == 400
            assert "kon niet worden gelezen" in (await response.json())["error"]
        assert port.changes == {}


async def test_a_note_past_the_size_limit_or_a_huge_body_is_refused(room):
    server, port = room
    client, page = await joined(server)
    async with client:
        base = {"csrf": field_value(page, "csrf"), "key": "a1b2c3d4e5f6", "kind": "note", "phase": "goes_well"}
        async with client.post(server.address + "/send", data={**base, "text": "x" * 2_001}) as response:
            assert response.status == 413 and "te lang" in await response.text()
        async with client.post(server.address + "/send", data={**base, "text": "x" * (MAX_BODY + 10)}) as response:
            assert response.status == 413
        async with client.post(server.address + "/send", data=b"\xff\xfe" * 50,
                               headers={"Content-Type": "application/x-www-form-urlencoded"}) as response:
            assert response.status in (400, 403) and "Traceback" not in await response.text()
        assert port.changes == {}


async def test_a_refusal_from_the_session_reaches_the_phone_as_one_sentence(room):
    server, port = room
    client, page = await joined(server)
    async with client:
        port.phase = "vote"
        form = {"csrf": field_value(page, "csrf"), "key": "a1b2c3d4e5f6", "kind": "note", "phase": "goes_well",
                "text": "te laat"}
        async with client.post(server.address + "/send", data=form, headers={"Accept": "application/json"}) as resp:
            assert resp.status == 400 and (await resp.json())["error"].startswith("Dit deel van het overleg is voorbij")


async def test_a_flood_from_one_phone_is_slowed_down(room):
    server, port = room
    client, page = await joined(server)
    async with client:
        statuses = []
        for index in range(40):
            form = {"csrf": field_value(page, "csrf"), "key": f"key-{index:08d}", "kind": "note",
                    "phase": "goes_well", "text": f"note {index}"}
            async with client.post(server.address + "/send", data=form,
                                   headers={"Accept": "application/json"}) as response:
                statuses.append(response.status)
        assert 429 in statuses and statuses[0] == 200
        assert len(port.changes) == statuses.count(200) < 40


async def test_every_response_carries_the_security_headers_and_no_secret(room):
    server, _ = room
    client, _ = await joined(server)
    async with client:
        for path in ("/", "/state", "/static/room.js", "/static/room.css", "/nothing"):
            async with client.get(server.address + path) as response:
                headers = response.headers
                assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
                assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
                assert headers["Cache-Control"] == "no-store"
                assert server.access.secret not in await response.text()


async def test_with_approval_a_phone_waits_and_follows_once_admitted(room):
    server, _ = room
    server.access.approve_each = True
    client, page = await joined(server, name="Els de Vries")
    async with client:
        assert "laat u zo meedoen" in page
        async with client.get(server.address + "/state") as response:
            assert await response.json() == {"phase": "waiting"}
        server.access.admit(server.access.waiting()[0].id)
        async with client.get(server.address + "/") as response:
            page = await response.text()
            assert "Wat gaat goed?" in page and "Els de Vries" in page and 'name="signed"' in page


async def test_removing_a_phone_or_closing_the_room_ends_its_access(room):
    server, _ = room
    client, _ = await joined(server)
    async with client:
        server.access.remove(server.access.present()[0].id)
        async with client.get(server.address + "/") as response:
            assert response.status == 403
    client, _ = await joined(server)
    async with client:
        join_url = server.join_url
        await server.stop()
        with pytest.raises(aiohttp.ClientConnectionError):
            async with client.get(server.address + "/"):
                pass
        assert server.access.present() == [] and not server.access.check_secret(join_url.rsplit("/", 1)[1])


async def test_a_port_in_use_gives_a_clear_message():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        number = taken.getsockname()[1]
        from tests.room.conftest import RecordingPort
        server = RoomServer(RoomAccess(), RecordingPort(), "127.0.0.1", number)
        with pytest.raises(UserError) as refused:
            await server.start()
        assert refused.value.key == "room.port_taken" and str(number) in refused.value.message("nl")

