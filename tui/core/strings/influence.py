"""Strings of the influence part of the app."""

EN: dict[str, str] = {
}

NL: dict[str, str] = {
}
