"""What every test shares: personal preferences go to a folder of the test, never the user's own."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory, monkeypatch) -> None:
    """Point the config folder (theme, export choices) at a fresh temporary folder for each test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
