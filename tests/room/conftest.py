"""A room listening on 127.0.0.1 with a session stand-in that records what members send."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import aiohttp
import pytest

from tui.core.errors import UserError
from tui.core.room_access import Device, RoomAccess
from tui.core.room_view import Choice, MemberChange, MemberView
from tui.room.server import RoomServer


@dataclass
class RecordingPort:
    """Stands in for the running session: shows a phase, keeps each change once per key."""

    language: str = "nl"
    phase: str = "goes_well"
    changes: dict[str, tuple[str, MemberChange]] = field(default_factory=dict)

    def view(self, device: Device) -> MemberView:
        return MemberView(phase=self.phase, team="Wijkteam Oost", language=self.language,  # type: ignore[arg-type]
                          categories=(Choice("afspraken", "Afspraken"), Choice("ict", "ICT en systemen")),
                          frictions=(Choice("f1", "Overdracht in het weekend", mine=0),),
                          statements=(Choice("h1", "We weten wie wat doet"),))

    def apply(self, device: Device, change: MemberChange) -> None:
        if change.phase != self.phase:
            raise UserError("room.phase_over")
        self.changes.setdefault(change.key, (device.id, change))

    def roster(self) -> tuple[str, ...]:
        return ("Els de Vries", "Ahmed Yilmaz")


@pytest.fixture
async def room():
    """An open room on a free port of 127.0.0.1: (server, port)."""
    port = RecordingPort()
    server = RoomServer(RoomAccess(join_code="123456"), port, "127.0.0.1", 0)
    await server.start()
    try:
        yield server, port
    finally:
        await server.stop()


def field_value(page: str, name: str) -> str:
    """The value of the hidden field ``name`` on a page."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return found.group(1)


async def joined(server: RoomServer, name: str = "") -> tuple[aiohttp.ClientSession, str]:
    """A phone that joined: its HTTP session (holding the cookie) and its member page."""
    client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with client.post(server.join_url, data={"code": "123456", "name": name}) as response:
        assert response.status == 200, await response.text()
        return client, await response.text()
