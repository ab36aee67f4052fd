"""Simulated members' phones: join a room, then send notes, dots and scores, all phones at once.

Each phone is an aiohttp client with its own cookie jar and its own source address
(127.0.0.N, so the room counts joining tries per phone as it does for real devices on
the room's Wi-Fi). It sends what the member page's script sends (form fields with the
anti-forgery token, ``Accept: application/json``), one change after another as a member
does, while every other phone does the same. Some changes are sent again with the same
key, as the page does when the Wi-Fi drops before the answer arrives; a 503 ("not saved
yet") is sent again as the page sends it again. Every note's text says which phone sent
it and its number, so what was saved can be counted: nothing lost, nothing twice.

Used by the burst test (``tests/app/test_room_burst.py``) and the benchmark
(``benchmarks/room_burst.py``, which runs the phones in a process of their own).
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field

import aiohttp

JSON = {"Accept": "application/json"}
CSRF = re.compile(r'name="csrf" value="([^"]*)"')
RETRIES = 20
"""How often a phone sends a change again after a 503 before it gives up (the page never does)."""
RETRY_PAUSE = 0.2


def note_text(phone: int, number: int, phase: str) -> str:
    """The text of note ``number`` of phone ``phone`` in ``phase``: unique, so the saved file can be counted."""
    return f"{phase} van telefoon {phone:02d}, notitie {number:02d}"


@dataclass
class Tally:
    """What the phones were answered in one round: statuses, requests, resends, retries, time taken."""

    statuses: Counter = field(default_factory=Counter)
    requests: int = 0
    """Requests sent, resends and retries included."""
    changes: int = 0
    """Distinct changes (keys) sent."""
    resends: int = 0
    """Changes sent again with the same key after their answer came (the Wi-Fi dropped)."""
    retries: int = 0
    """Changes sent again after a 503."""
    seconds: float = 0.0
    """From the first request of the round to the last answer."""

    @property
    def refused(self) -> int:
        """Answers other than 200."""
        return sum(count for status, count in self.statuses.items() if status != 200)


class Phone:
    """One member's phone: its HTTP client (holding the device cookie) and the page's anti-forgery token."""

    def __init__(self, number: int, client: aiohttp.ClientSession, address: str, csrf: str):
        self.number, self.client, self.address, self.csrf = number, client, address, csrf

    async def send(self, key: str, fields: dict[str, str], tally: Tally) -> int:
        """Send one change under ``key`` until it is not a 503; returns the last status."""
        status = 503
        for _ in range(RETRIES):
            form = {"csrf": self.csrf, "key": key, **fields}
            async with self.client.post(self.address + "/send", data=form, headers=JSON) as response:
                await response.read()
                status = response.status
            tally.requests += 1
            tally.statuses[status] += 1
            if status != 503:
                break
            tally.retries += 1
            await asyncio.sleep(RETRY_PAUSE)
        return status

    async def change(self, fields: dict[str, str], tally: Tally, times: int = 1) -> None:
        """Send one change, and ``times - 1`` more times with the same key once each answer came."""
        key = secrets.token_hex(8)
        tally.changes += 1
        for attempt in range(times):
            tally.resends += attempt > 0
            await self.send(key, fields, tally)


class Phones:
    """``count`` phones in one room; every round runs all of them at once and returns one :class:`Tally`."""

    def __init__(self, count: int, resend_every: int = 3):
        self.count = count
        self.resend_every = resend_every
        """Every this many'th note (and each phone's first dot and its scores) is sent three times."""
        self.phones: list[Phone] = []

    async def join(self, join_url: str, code: str) -> int:
        """Every phone opens the room's address and enters the join code; returns how many got in."""
        address = join_url.split("/j/", 1)[0]

        async def one(number: int) -> Phone:
            connector = aiohttp.TCPConnector(local_addr=(f"127.0.0.{number + 2}", 0))
            client = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True))
            async with client.post(join_url, data={"code": code, "name": ""}) as response:
                page = await response.text()
                if response.status != 200 or not (found := CSRF.search(page)):
                    await client.close()
                    raise RuntimeError(f"phone {number} could not join: {response.status}")
            return Phone(number, client, address, found.group(1))

        self.phones = list(await asyncio.gather(*(one(number) for number in range(self.count))))
        return len(self.phones)

    async def _round(self, work) -> Tally:
        tally = Tally()
        start = time.perf_counter()
        await asyncio.gather(*(work(phone, tally) for phone in self.phones))
        tally.seconds = time.perf_counter() - start
        return tally

    async def notes(self, phase: str, per_phone: int, category: str = "") -> Tally:
        """Each phone writes ``per_phone`` notes in ``phase`` (a friction gets ``category``); some are sent thrice."""

        async def work(phone: Phone, tally: Tally) -> None:
            for number in range(per_phone):
                fields = {"kind": "note", "phase": phase, "text": note_text(phone.number, number, phase),
                          "extra": category if phase == "frictions" else "waarom niet"}
                times = 3 if number % self.resend_every == self.resend_every - 1 else 1
                await phone.change(fields, tally, times)

        return await self._round(work)

    async def votes(self, targets: list[str], budget: int) -> Tally:
        """Each phone places its ``budget`` dots, spread over ``targets``; its first dot is sent thrice."""

        async def work(phone: Phone, tally: Tally) -> None:
            for dot in range(budget):
                target = targets[(phone.number * budget + dot) % len(targets)]
                await phone.change({"kind": "vote", "phase": "vote", "target": target, "step": "1"}, tally,
                                   3 if dot == 0 else 1)

        return await self._round(work)

    async def scores(self, statements: list[str]) -> Tally:
        """Each phone scores every statement and worth-our-time (sent thrice)."""

        async def work(phone: Phone, tally: Tally) -> None:
            fields = {f"score:{statement}": str((phone.number + i) % 5 + 1) for i, statement in enumerate(statements)}
            fields |= {"kind": "scores", "phase": "closing", "worth": str(phone.number % 5 + 1)}
            await phone.change(fields, tally, 3)

        return await self._round(work)

    async def close(self) -> None:
        """Close every phone's connection."""
        for phone in self.phones:
            await phone.client.close()
        self.phones = []


def lost_and_twice(texts: list[str], expected: set[str]) -> tuple[int, int]:
    """How many ``expected`` texts are missing from ``texts``, and how many extra copies of them it holds."""
    counts = Counter(texts)
    lost = sum(1 for text in expected if text not in counts)
    twice = sum(copies - 1 for text, copies in counts.items() if text in expected and copies > 1)
    return lost, twice


def expected_notes(count: int, per_phone: int, phase: str) -> set[str]:
    """The texts ``count`` phones sent with :meth:`Phones.notes` in ``phase``."""
    return {note_text(phone, number, phase) for phone in range(count) for number in range(per_phone)}
