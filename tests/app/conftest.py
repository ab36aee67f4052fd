"""What the app's flow tests share: a records folder and an app on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator

import pytest

from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.core.model import Session
from tui.store.records import RecordsStore

OpenApp = Callable[..., tuple[RecordsStore, TerugblikApp]]


@pytest.fixture
def open_app(tmp_path) -> Iterator[OpenApp]:
    """``open_app(lang="nl", sessions=())``: a records folder holding ``sessions`` and an app on it.

    Only the shipped guides are used (never the user's own templates folder), and animations
    are off: scrolling a field into view would otherwise hold every key press. The folder is
    released at the end of the test if the test did not do so itself.
    """
    stores: list[RecordsStore] = []

    def make(lang: str = "nl", sessions: Iterable[Session] = ()) -> tuple[RecordsStore, TerugblikApp]:
        store = RecordsStore.open(tmp_path / "records")
        stores.append(store)
        for session in sessions:
            store.save_session(session)
        app = TerugblikApp(store, load_catalog(tmp_path / "no-user-templates"), lang)
        app.animation_level = "none"
        return store, app

    yield make
    for store in stores:
        with contextlib.suppress(Exception):
            store.close()
