"""The one exception type for expected, user-caused or environment-caused failures."""

from __future__ import annotations

from tui.core.i18n import t


class UserError(Exception):
    """Something the user can understand and act on; rendered from the string tables.

    ``key`` names a string in the catalogs (``tui/locale``); ``params`` fill it in. Interfaces
    show :meth:`message` as one line, never a traceback.
    """

    def __init__(self, key: str, **params: object):
        super().__init__(t(key, "en", **params))
        self.key = key
        self.params = params

    def message(self, lang: str = "en") -> str:
        """The error as one line in ``lang``."""
        return t(self.key, lang, **self.params)
