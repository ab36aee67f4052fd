"""Strings of the app part of the app."""

EN: dict[str, str] = {
}

NL: dict[str, str] = {
}
