"""The pure core: session model, validation, interchange format, minutes, strings.

Nothing in this package imports Textual, TinyDB or does terminal I/O; a test enforces it.
"""
