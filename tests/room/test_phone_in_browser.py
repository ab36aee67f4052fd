"""A member's phone in real Chromium (Playwright, 360 px wide): join, write, lose the Wi-Fi, vote, score."""

from __future__ import annotations

import shutil

import pytest

from tests.room.conftest import RecordingPort
from tui.core.room_access import RoomAccess
from tui.room.server import RoomServer

playwright = pytest.importorskip("playwright.async_api", reason="Playwright is part of the test extra")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")


@pytest.fixture
async def phone():
    """A room on 127.0.0.1 and a 360 px wide browser page: (server, port, page)."""
    port = RecordingPort()
    server = RoomServer(RoomAccess(join_code="123456"), port, "127.0.0.1", 0)
    await server.start()
    async with playwright.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = await browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
        page = await context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        try:
            yield server, port, page
        finally:
            await browser.close()
            await server.stop()
        # No script error, nothing the Content-Security-Policy had to block (the offline stretch aside).
        assert [error for error in errors if "ERR_INTERNET_DISCONNECTED" not in error] == []


async def _fits(page) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    for box in [await button.bounding_box() for button in await page.query_selector_all("button")]:
        assert box is not None and box["height"] >= 44


async def test_a_phone_joins_writes_keeps_a_note_offline_votes_and_scores(phone):
    server, port, page = phone
    await page.goto(server.join_url)
    await page.fill("#code", "123456")
    await page.click("button[type=submit]")
    await page.wait_for_selector("text=Wat gaat goed?")
    await _fits(page)

    await page.fill("#text", "De wijkverpleging belt terug")
    await page.fill("#extra", "vaste belmomenten")
    await page.click("button[type=submit]")
    await page.wait_for_selector("text=Ontvangen ✓")
    assert [change.text for _, change in port.changes.values()] == ["De wijkverpleging belt terug"]
    assert await page.input_value("#text") == ""

    await page.context.set_offline(True)
    await page.fill("#text", "Overdracht in het weekend")
    await page.click("button[type=submit]")
    await page.wait_for_selector("[data-queued]:not([hidden])")
    assert len(port.changes) == 1
    await page.context.set_offline(False)
    await page.wait_for_selector("[data-queued]", state="hidden", timeout=15_000)
    texts = sorted(change.text for _, change in port.changes.values())
    assert texts == ["De wijkverpleging belt terug", "Overdracht in het weekend"]  # sent once, after all

    port.phase = "vote"
    await page.wait_for_selector("text=Stippen over: 3 van 3", timeout=10_000)  # the page followed the lead
    await _fits(page)
    await page.click("text=+ stip")
    await page.wait_for_selector("text=Ontvangen ✓")
    votes = [change for _, change in port.changes.values() if change.kind == "vote"]
    assert [(vote.target, vote.step) for vote in votes] == [("f1", 1)]

    port.phase = "closing"
    await page.wait_for_selector("text=Afsluitende ronde", timeout=10_000)
    await _fits(page)
    await page.click("fieldset:has-text('We weten wie wat doet') >> text=4")
    await page.click("fieldset:has-text('onze tijd waard') >> text=5")
    await page.fill("#text", "Dank voor de korte lijnen")
    await page.click("button[type=submit]")
    await page.wait_for_selector("text=Ontvangen ✓")
    scores = [change for _, change in port.changes.values() if change.kind == "scores"]
    assert scores[0].scores == {"h1": 4, "worth": 5} and scores[0].text == "Dank voor de korte lijnen"
