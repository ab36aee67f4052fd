"""Persistence: the records folder, its TinyDB database and crash-safe file writes."""
