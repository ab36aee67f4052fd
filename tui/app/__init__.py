"""The Textual interface. Screens talk to the core and the store only; they never write files."""
