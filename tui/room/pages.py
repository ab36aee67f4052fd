"""The pages a member's phone shows: joining, waiting, the part of the meeting now open, errors.

Every page is one small HTML document with the room's own stylesheet and script (no
inline code, so the Content-Security-Policy can forbid it) and works as plain forms when
the script does not run. Text from the session is escaped, its control characters shown as
symbols and wrapped in ``<bdi>`` so right-to-left text keeps its own direction.
"""

from __future__ import annotations

import html

from tui.core.i18n import t
from tui.core.room_access import JOIN_CODE_DIGITS, MAX_NAME_LENGTH
from tui.core.room_view import MAX_TEXT, Choice, MemberView, follow_token
from tui.core.text import visible


def _text(value: str) -> str:
    """User text for the page: escaped, controls visible, its direction isolated."""
    return f"<bdi>{html.escape(visible(value))}</bdi>"


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def page(title: str, body: str, lang: str, *, phase: str = "", state: bool = False) -> str:
    """A whole page around ``body``; ``state`` makes the script follow the meeting (reload on a new part)."""
    follow = f' data-follow="{_attr(phase)}"' if state else ""
    return (
        f'<!doctype html>\n<html lang="{_attr(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(visible(title, one_line=True))}</title>\n"
        '<link rel="stylesheet" href="/static/room.css">\n'
        '<script src="/static/room.js" defer></script>\n'
        f"</head>\n<body{follow}>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def message_page(message: str, lang: str, *, follow: bool = False) -> str:
    """One sentence on a page: an error, or "you are in, wait for the lead"."""
    return page("Terugblik", f'<p class="message" role="status">{html.escape(message)}</p>', lang,
                phase="waiting", state=follow)


def join_page(secret: str, lang: str, roster: tuple[str, ...] = (), error: str = "") -> str:
    """The form a phone fills in to join: the join code, optionally a name (or one from the roster)."""
    problem = f'<p class="error" role="alert">{html.escape(error)}</p>\n' if error else ""
    names = "".join(f'<option value="{_attr(visible(name, one_line=True))}">' for name in roster)
    body = (
        f"<h1>{html.escape(t('room.join_title', lang))}</h1>\n{problem}"
        f'<form method="post" action="/j/{_attr(secret)}">\n'
        f'<label for="code">{html.escape(t("room.join_code", lang))}</label>\n'
        f'<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required '
        f'pattern="[0-9 ]*" maxlength="{JOIN_CODE_DIGITS + 2}">\n'
        f'<label for="name">{html.escape(t("room.join_name", lang))}</label>\n'
        f'<input id="name" name="name" list="roster" maxlength="{MAX_NAME_LENGTH}" autocomplete="off">\n'
        f'<datalist id="roster">{names}</datalist>\n'
        f'<button type="submit">{html.escape(t("room.join_button", lang))}</button>\n</form>'
    )
    return page(t("room.join_title", lang), body, lang)


def _hidden(csrf: str, key: str, kind: str, phase: str) -> str:
    return (f'<input type="hidden" name="csrf" value="{_attr(csrf)}">'
            f'<input type="hidden" name="key" value="{_attr(key)}">'
            f'<input type="hidden" name="kind" value="{_attr(kind)}">'
            f'<input type="hidden" name="phase" value="{_attr(phase)}">')


def _sign(lang: str, name: str) -> str:
    if not name:
        return f'<p class="hint">{html.escape(t("room.anonymous_note", lang))}</p>'
    return (f'<label class="check"><input type="checkbox" name="signed" value="1"> '
            f'{html.escape(t("room.sign", lang))} ({_text(name)})</label>')


def _note_form(view: MemberView, csrf: str, key: str, name: str) -> str:
    lang = view.language
    if view.phase == "goes_well":
        second = (f'<label for="extra">{html.escape(t("room.goes_well_why", lang))}</label>'
                  f'<textarea id="extra" name="extra" rows="3" maxlength="{MAX_TEXT}"></textarea>')
        first_label = t("room.goes_well_text", lang)
    else:
        options = "".join(f'<option value="{_attr(choice.id)}">{html.escape(visible(choice.text, one_line=True))}'
                          "</option>" for choice in view.categories)
        second = (f'<label for="extra">{html.escape(t("room.friction_category", lang))}</label>'
                  f'<select id="extra" name="extra"><option value="">{t("room.not_chosen", lang)}</option>'
                  f"{options}</select>")
        first_label = t("room.friction_text", lang)
    return (
        f'<form method="post" action="/send" data-queue>{_hidden(csrf, key, "note", view.phase)}\n'
        f'<label for="text">{html.escape(first_label)}</label>\n'
        f'<textarea id="text" name="text" rows="4" required maxlength="{MAX_TEXT}"></textarea>\n'
        f"{second}\n{_sign(lang, name)}\n"
        f'<button type="submit">{html.escape(t("room.send", lang))}</button>\n</form>'
    )


def _vote_forms(view: MemberView, csrf: str, key: str) -> str:
    lang = view.language
    used = sum(choice.mine for choice in view.frictions)
    rows = []
    for index, choice in enumerate(view.frictions):
        rows.append(
            f'<li><p>{_text(choice.text)}</p><p class="hint">'
            f'{html.escape(t("room.my_dots", lang, count=choice.mine))}</p>'
            f'<form method="post" action="/send" class="dots">{_hidden(csrf, f"{key}-{index}", "vote", "vote")}'
            f'<input type="hidden" name="target" value="{_attr(choice.id)}">'
            f'<button type="submit" name="step" value="1"{" disabled" if used >= view.budget else ""}>'
            f'{html.escape(t("room.dot_add", lang))}</button>'
            f'<button type="submit" name="step" value="-1"{"" if choice.mine else " disabled"}>'
            f'{html.escape(t("room.dot_remove", lang))}</button></form></li>')
    left = t("room.dots_left", lang, left=max(0, view.budget - used), budget=view.budget)
    return f'<p class="budget" role="status">{html.escape(left)}</p>\n<ol class="frictions">{"".join(rows)}</ol>'


def _scale(name: str, legend: str, mine: int) -> str:
    boxes = "".join(f'<label><input type="radio" name="{_attr(name)}" value="{value}"'
                    f'{" checked" if value == mine else ""}><span>{value}</span></label>' for value in range(1, 6))
    return f'<fieldset class="scale"><legend>{legend}</legend>{boxes}</fieldset>'


def _closing_form(view: MemberView, csrf: str, key: str, name: str = "") -> str:
    lang = view.language
    scales = "".join(_scale(f"score:{choice.id}", _text(choice.text), choice.mine) for choice in view.statements)
    return (
        f'<p class="hint">{html.escape(t("room.score_hint", lang))}</p>\n'
        f'<form method="post" action="/send">{_hidden(csrf, key, "scores", "closing")}\n{scales}\n'
        f'{_scale("worth", html.escape(t("room.worth", lang)), view.worth)}\n'
        f'<label for="text">{html.escape(t("room.appreciation", lang))}</label>\n'
        f'<textarea id="text" name="text" rows="3" maxlength="{MAX_TEXT}"></textarea>\n'
        f"{_sign(lang, name)}\n"
        f'<button type="submit">{html.escape(t("room.send", lang))}</button>\n</form>'
    )


HEADINGS = {"goes_well": "room.goes_well", "frictions": "room.frictions", "vote": "room.vote",
            "closing": "room.closing"}


def member_page(view: MemberView, csrf: str, key: str, name: str = "", sent: bool = False) -> str:
    """The page for the part of the meeting now open; ``key`` makes the next change's key unique."""
    lang = view.language
    parts = [f'<p class="team">{_text(view.team)}</p>']
    if name:
        named = html.escape(t("room.named_as", lang, name="\x00")).replace("\x00", _text(name))
        parts.append(f'<p class="hint">{named}</p>')
    received = html.escape(t("room.sent", lang))
    parts.append(f'<p class="status" role="status" data-status data-sent="{received}">{received if sent else ""}</p>')
    if view.phase == "wait":
        parts.append(f'<p class="message">{html.escape(t("room.wait_phase", lang))}</p>')
    else:
        parts.append(f"<h1>{html.escape(t(HEADINGS[view.phase], lang))}</h1>")
        if view.phase in ("goes_well", "frictions"):
            parts.append(_note_form(view, csrf, key, name))
            if view.sent:
                parts.append(f'<p class="hint">{html.escape(t("room.sent_count", lang, count=view.sent))}</p>')
            if view.phase == "frictions" and view.frictions:  # revealed: they can be voted on already
                parts.append(f"<h2>{html.escape(t('room.vote', lang))}</h2>")
                parts.append(_vote_forms(view, csrf, key))
        elif view.phase == "vote":
            parts.append(_vote_forms(view, csrf, key))
        else:
            parts.append(_closing_form(view, csrf, key, name))
    parts.append(f'<p class="queued" hidden data-queued>{html.escape(t("room.queued", lang))}</p>')
    parts.append(f'<p class="queued" hidden data-offline>{html.escape(t("room.offline", lang))}</p>')
    return page(view.team, "\n".join(parts), lang, phase=follow_token(view), state=True)


__all__ = ["Choice", "join_page", "member_page", "message_page", "page"]
