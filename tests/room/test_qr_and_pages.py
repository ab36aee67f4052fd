"""The QR code drawn for the terminal, the address the room picks, and the pages a phone is shown."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import segno

from tests.room.conftest import RecordingPort
from tui.core.room_access import Device
from tui.core.room_view import Choice, MemberView
from tui.room import pages
from tui.room.network import lan_address
from tui.room.qr import QUIET, qr_lines

HALVES = {" ": (True, True), "▄": (True, False), "▀": (False, True), "█": (False, False)}


def test_the_drawn_qr_code_holds_exactly_segnos_modules():
    url = "http://192.168.1.20:8470/j/2kF9x-QpLm_0aZ3rTuVw1A"
    lines = qr_lines(url)
    matrix = [[bool(module) for module in row] for row in segno.make(url, error="m", micro=False).matrix]
    rows: list[list[bool]] = [[], []]
    drawn: list[list[bool]] = []
    for line in lines:
        rows = [[], []]
        for char in line:
            upper, lower = HALVES[char]
            rows[0].append(upper)
            rows[1].append(lower)
        drawn += rows
    inner = [row[QUIET:-QUIET] for row in drawn[QUIET:QUIET + len(matrix)]]
    assert inner == matrix
    assert not any(any(row) for row in drawn[:QUIET] + drawn[QUIET + len(matrix):])  # a light border all round
    assert len(lines) <= 25 and len(lines[0]) <= 50  # fits beside the address at 80x24


def test_the_laptops_address_is_not_loopback_when_there_is_a_network():
    try:
        address = lan_address()
    except Exception as exc:  # noqa: BLE001 - a machine without a network says so in words
        assert getattr(exc, "key", "") == "room.no_network"
        return
    assert not address.startswith("127.") and address != "::1"


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "script" and "src" not in values or any(name.startswith("on") for name in values) \
                or tag == "style" or "style" in values:
            self.inline.append(tag)


HOSTILE = '<script>alert(1)</script>"\' onload=x \u202egnp.exe\x1b[31m'


def test_text_from_the_session_stays_text_on_every_page():
    view = MemberView(phase="vote", team=HOSTILE, language="en", frictions=(Choice("f1", HOSTILE, mine=1),),
                      categories=(Choice("c", HOSTILE),))
    for page in (pages.member_page(view, "tok", "k1", name=HOSTILE),
                 pages.member_page(MemberView(phase="frictions", team="T", language="nl",
                                              categories=(Choice('"><x', HOSTILE),)), "tok", "k1"),
                 pages.join_page("secret", "nl", roster=(HOSTILE,))):
        scan = _Scan()
        scan.feed(page)
        assert "x" not in scan.tags and scan.tags.count("script") == 1 and scan.inline == []
        assert "<script>alert" not in page and "\x1b" not in page and "\u202e" not in page
        assert "␛" in page and "⟨U+202E⟩" in page


def test_each_phase_shows_its_own_form_in_the_sessions_language():
    port = RecordingPort(language="en")
    device = Device(id="d", token="t", csrf="c")
    expected = {"goes_well": ("What goes well?", 'name="extra"'), "frictions": ("What rubs?", "<select"),
                "vote": ("Dots left: 3 of 3", 'name="step"'), "closing": ("Closing round", 'name="worth"'),
                "wait": ("has not opened a part", "data-follow")}
    for phase, (heading, control) in expected.items():
        port.phase = phase
        page = pages.member_page(port.view(device), "c", "k1")
        assert heading in page and control in page and '<html lang="en">' in page, phase


def test_the_vote_page_stops_adding_dots_at_the_budget():
    view = MemberView(phase="vote", team="T", language="nl", budget=2,
                      frictions=(Choice("f1", "a", mine=2), Choice("f2", "b", mine=0)))
    page = pages.member_page(view, "c", "k1")
    adds = re.findall(r'<button type="submit" name="step" value="1"( disabled)?>', page)
    removes = re.findall(r'<button type="submit" name="step" value="-1"( disabled)?>', page)
    assert adds == [" disabled", " disabled"] and removes == ["", " disabled"]
    assert "Stippen over: 0 van 2" in page
