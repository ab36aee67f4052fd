"""Strings of the close part of the app."""

EN: dict[str, str] = {
}

NL: dict[str, str] = {
}
