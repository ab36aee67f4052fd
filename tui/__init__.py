"""Terugblik: guided retrospectives for care networks, in the terminal."""

__version__ = "0.1.0"
