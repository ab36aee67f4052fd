"""The whole room with real phones: three Chromium pages (360 px, each its own cookies) join the app's
room, write, follow the lead from phase to phase, vote and score; the minutes hold what they sent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.app.room_control import RoomOptions
from tui.core import operations

playwright = pytest.importorskip("playwright.async_api", reason="Playwright is part of the test extra")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")

SCREENSHOTS = Path(__file__).parents[1] / "room" / "screenshots"
FOLLOW = 15_000
"""Milliseconds a page may take to follow the lead into the next phase (it asks every 3 seconds)."""


async def _until(pilot, condition, tries: int = 100) -> None:
    """Let the app run until ``condition()`` holds (phones' requests are served by the app's loop)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the app never got there")


async def _received(page) -> None:
    await page.wait_for_selector("text=Ontvangen ✓", timeout=FOLLOW)


async def test_three_phones_join_write_vote_and_score_through_the_app(tmp_path, open_app):
    store, app = open_app("nl")
    app.room.options = RoomOptions(host="127.0.0.1", port=0)
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.add_participant(session, "Anna de Wit", "Praktijk De Linde", "gp")
    session.current_phase = "goes_well"
    template = app.catalog.get("zorgnetwerk", "nl")
    errors: list[str] = []
    async with playwright.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await app.run_session(session)
                await pilot.pause()
                await pilot.press("f6")
                await _until(pilot, lambda: app.room.is_open)
                server = app.room.server
                await pilot.press("escape")

                pages = []
                for name in ("Els Bos", "", ""):
                    context = await browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                                                        is_mobile=True)
                    page = await context.new_page()
                    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
                    await page.goto(server.join_url)
                    await page.fill("#code", server.access.join_code)
                    await page.fill("#name", name)
                    await page.click("button[type=submit]")
                    await page.wait_for_selector("text=Wat gaat goed?")
                    pages.append(page)

                for page, (text, why) in zip(pages, (("Korte lijnen met de POH", "we bellen direct"),
                                                     ("Overdracht op papier werkt", "iedereen leest hem"),
                                                     ("De dochter wordt gehoord", ""))):
                    await page.fill("#text", text)
                    await page.fill("#extra", why)
                    await page.click("button[type=submit]")
                    await _received(page)
                await _until(pilot, lambda: len(session.incoming) == 3)
                assert session.goes_well == []
                await pilot.press("f5")
                await pilot.pause()
                assert len(session.goes_well) == 3

                await pilot.press("f8")  # frictions: the pages follow the lead
                for page, text in zip(pages, ("Medicatie in het weekend", "Niemand belt de huisarts terug",
                                              "Te laat gehoord over ontslag")):
                    await page.wait_for_selector("text=Wat schuurt?", timeout=FOLLOW)
                    await page.fill("#text", text)
                    await page.select_option("#extra", index=1)
                    await page.click("button[type=submit]")
                    await _received(page)
                await _until(pilot, lambda: len(session.incoming) == 3)
                await pilot.press("f5")
                await pilot.pause()
                weekend = session.frictions[0]

                await pilot.press("f8")  # influence: the pages turn into dot voting
                for page in pages:
                    await page.wait_for_selector(f"text=Stippen over: {template.dot_budget} van {template.dot_budget}",
                                                 timeout=FOLLOW)
                    await page.click("li:has-text('Medicatie in het weekend') >> text=+ stip")
                    await _received(page)
                if not SCREENSHOTS.joinpath("phone-vote-nl.png").exists() or os.environ.get("TERUGBLIK_SCREENSHOTS"):
                    SCREENSHOTS.mkdir(exist_ok=True)
                    await pages[0].screenshot(path=str(SCREENSHOTS / "phone-vote-nl.png"), full_page=True)
                await _until(pilot, lambda: weekend.votes == 3)

                await app.show_phase("close")
                statement = template.health_check[0]
                for page, score, worth in zip(pages, ("2", "4", "5"), ("3", "4", "5")):
                    await page.wait_for_selector("text=Afsluitende ronde", timeout=FOLLOW)
                    await page.click(f"fieldset:has-text('{statement.statement[:20]}') >> text={score}")
                    await page.click(f"fieldset:has-text('onze tijd waard') >> text={worth}")
                    await page.click("button[type=submit]")
                    await _received(page)
                await _until(pilot, lambda: len(session.device_worth) == 3)

                app.screen.query_one("#overall").focus()
                await pilot.press("enter", "f10", "j")  # closing asks first: j says yes
                await app.workers.wait_for_complete()
                await _until(pilot, lambda: not app.room.is_open)
                assert app.autosaver.flush()
                # The phones notice: the laptop is out of reach, and what they sent is saved.
                await pages[0].wait_for_selector("[data-offline]:not([hidden])", timeout=FOLLOW)
                assert "Wat u al verstuurde is bewaard" in await pages[0].inner_text("[data-offline]")
        finally:
            await browser.close()
    # No script error, nothing the Content-Security-Policy blocked; once the room closed, the pages'
    # questions to it are refused, as they should be.
    assert [error for error in errors if "ERR_CONNECTION_REFUSED" not in error] == []
    markdown = next((tmp_path / "records").glob("*.md")).read_text("utf-8")
    for text in ("Korte lijnen met de POH", "Overdracht op papier werkt", "Te laat gehoord over ontslag"):
        assert text in markdown
    assert "**Medicatie in het weekend** (stemmen: 3;" in markdown  # one dot from each phone
    assert "gemiddeld 3,7 over 3 scores (1: 0, 2: 1, 3: 0, 4: 1, 5: 1)" in markdown
    assert "gemiddeld 4,0 over 3 scores (1: 0, 2: 0, 3: 1, 4: 1, 5: 1)" in markdown
    saved = store.get_session(session.id)
    assert saved.status == "closed" and saved.frictions[0].votes == 3
    store.close()
