"""Strings of the checkin part of the app."""

EN: dict[str, str] = {
}

NL: dict[str, str] = {
}
