"""Strings of the decide part of the app."""

EN: dict[str, str] = {
}

NL: dict[str, str] = {
}
