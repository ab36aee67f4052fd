"""Each private Textual part that tui/app/compat.py uses still exists and does what we rely on."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app.compat import PRIVATE_APP_PARTS, fatal_error_without_locals


@pytest.mark.parametrize("name", PRIVATE_APP_PARTS)
def test_the_private_app_parts_still_exist(name):
    assert hasattr(App, name) or name in App.__init__.__code__.co_names, (
        f"textual.app.App has no {name} any more: tui/app/compat.py must follow Textual's change")


class _Failing(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")

    def on_mount(self) -> None:
        secret_note = " ".join(["mevrouw", "De Boer", "valt vaak"])  # noqa: F841 - a local the traceback must not show
        raise RuntimeError("boom")

    def _fatal_error(self) -> None:
        fatal_error_without_locals(self)


class _Default(_Failing):
    _fatal_error = App._fatal_error


def _crash_report(app_class: type[App]) -> str:
    app = app_class()
    printed: list = []
    app._print_error_renderables = lambda: printed.extend(app._exit_renderables)  # what would reach the screen

    async def run() -> None:
        with pytest.raises(RuntimeError):
            async with app.run_test():
                pass

    import asyncio

    asyncio.run(run())
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    for renderable in printed:
        console.print(renderable)
    return console.export_text()


def test_a_crash_report_shows_the_error_but_no_local_variables():
    report = _crash_report(_Failing)
    assert "RuntimeError" in report and "boom" in report
    assert "mevrouw De Boer" not in report


def test_textual_s_own_crash_report_would_show_them():
    """The reason for the override: without it, the note on the projector."""
    assert "mevrouw De Boer" in _crash_report(_Default)
