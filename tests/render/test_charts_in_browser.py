"""The comparison report in real Chromium at phone and desktop width: the page fits and every chart shows."""

from __future__ import annotations

import shutil

import pytest

from tests.compare_history import history
from tui.core.compare import compare
from tui.core.compare_render import layout
from tui.render.compare_html import to_html

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is part of the test extra")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_report_fits_and_every_chart_is_visible(tmp_path, width):
    source = tmp_path / "region.html"
    source.write_text(to_html(layout(compare(history()), "nl"), "nl"), "utf-8")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(source.as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            column = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
            figures = page.locator("figure.chart")
            assert figures.count() >= 8
            for index in range(figures.count()):
                drawing = figures.nth(index).locator("svg[role=img]")
                drawing.scroll_into_view_if_needed()
                box = drawing.bounding_box()
                assert box and box["width"] > column * 0.8 and box["height"] > 40  # the text column
                assert box["x"] >= 0 and box["x"] + box["width"] <= width
            shot = tmp_path / f"region-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 20_000
            page.click("a[href='#team-0-health']")
            assert page.evaluate("location.hash") == "#team-0-health"
            target = page.locator("#team-0-health").bounding_box()
            assert target and -1 <= target["y"] < 900  # scrolled to the top (sub-pixel)
            pdf = tmp_path / "region.pdf"
            page.pdf(path=str(pdf), format="A4")
            assert pdf.read_bytes().startswith(b"%PDF")
        finally:
            browser.close()
