"""Fixtures for the store tests: a records folder under tmp_path and a store open on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.store.records import DB_NAME, RecordsStore


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A records folder that does not exist yet (the store creates it)."""
    return tmp_path / "records"


@pytest.fixture
def db_file(folder: Path) -> Path:
    """The database file inside :func:`folder`."""
    return folder / DB_NAME


@pytest.fixture
def store(folder: Path) -> Iterator[RecordsStore]:
    """A store opened for writing on :func:`folder`, closed after the test."""
    store = RecordsStore.open(folder)
    yield store
    store.close()
