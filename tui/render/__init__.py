"""Rendering: sessions and comparison reports turned into pages with a Markdown renderer.

A layer of its own between the store and the core: the core stays pure (no rendering library),
the store writes what this layer renders, and ``markdown_it`` is imported only here.
"""
