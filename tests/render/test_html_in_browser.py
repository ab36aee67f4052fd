"""The HTML minutes render in a real browser (headless Chromium) at phone and desktop width."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.sample import full_session
from tui.render.html_minutes import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def screenshot(tmp_path, page: str, width: int, name: str) -> bytes:
    source = tmp_path / f"{name}.html"
    source.write_text(page, "utf-8")
    target = tmp_path / f"{name}.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / ('profile-' + name)}", f"--window-size={width},1400",
         f"--screenshot={target}", source.as_uri()],
        capture_output=True, timeout=90, check=False,
    )
    assert target.exists(), "Chromium made no screenshot"
    return target.read_bytes()


@pytest.mark.parametrize("width", [360, 1280])
def test_minutes_page_is_not_blank(tmp_path, width):
    blank = screenshot(tmp_path, "<!DOCTYPE html><html><body></body></html>", width, f"blank-{width}")
    minutes = screenshot(tmp_path, render_html(full_session("nl")), width, f"minutes-{width}")
    # A white page compresses to almost nothing; text, headings and tables do not.
    assert len(minutes) > 5 * len(blank)


def test_minutes_print_to_a4_pdf(tmp_path):
    source = tmp_path / "minutes.html"
    source.write_text(render_html(full_session("en")), "utf-8")
    pdf = tmp_path / "minutes.pdf"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile-pdf'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", source.as_uri()], capture_output=True, timeout=90, check=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 x 842 points (Chromium writes 594.96 x 841.92).
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert sizes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in sizes)
