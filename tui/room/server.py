"""The room's web server: members' phones join, see the part of the meeting now open, and send.

It runs inside the app's own asyncio event loop (aiohttp's server: asyncio-native, so no
second thread touches the session; well kept; cookies, size limits and a test client
included). It listens only while the lead has the room open. What a phone may do is
decided by :class:`~tui.core.room_access.RoomAccess`; what a change does to the session is
decided by the :class:`RoomPort` it is given (the running session). Nothing of a note's
text, nor the room's secret, is ever logged.
"""

from __future__ import annotations

import errno
import re
import secrets
import ssl
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Protocol

from aiohttp import web

from tui.core.errors import UserError
from tui.core.i18n import t
from tui.core.room_access import Device, RoomAccess
from tui.core.room_view import MAX_TEXT, MemberChange, MemberView, follow_token
from tui.room import pages

COOKIE = "terugblik_device"
MAX_BODY = 2 * MAX_TEXT * 4 * 3 + 4_096
"""The largest request body accepted: two of the longest texts, four bytes a character, each byte
percent-encoded, and room for the rest of the form."""
KEY = re.compile(r"[A-Za-z0-9-]{8,64}")
"""A change's idempotency key, as the page and its script make them."""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}
STATIC_TYPES = {"room.css": "text/css", "room.js": "text/javascript"}


class RoomPort(Protocol):
    """What the room needs from the running session (the session controller provides it)."""

    language: str

    def view(self, device: Device) -> MemberView:
        """What ``device``'s page shows now."""

    def apply(self, device: Device, change: MemberChange) -> Awaitable[None] | None:
        """Apply a member's change (saved before this returns); raises ``UserError`` when refused."""

    def roster(self) -> tuple[str, ...]:
        """Names a member may pick when joining."""


class _Refusal(Exception):
    """A request refused with a status and a message key (shown to the member, in their language)."""

    def __init__(self, status: int, key: str, **params: object):
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _same_origin(request: web.Request) -> bool:
    """A browser says where a request comes from; a change must come from the room's own pages.

    Clients that send neither header are left to the anti-forgery token.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.host}"


def build_app(access: RoomAccess, port: RoomPort,
              on_change: Callable[[], None] | None = None) -> web.Application:
    """The aiohttp application of one open room; ``on_change`` is called when devices join or leave."""
    lang = port.language
    static = {name: resources.files("tui.room").joinpath("static", name).read_bytes() for name in STATIC_TYPES}

    def refused(exc: _Refusal, request: web.Request) -> web.Response:
        message = t(exc.key, lang, **exc.params)
        if _wants_json(request):
            return web.json_response({"error": message}, status=exc.status)
        return web.Response(text=pages.message_page(message, lang), status=exc.status, content_type="text/html")

    @web.middleware
    async def guard(request: web.Request, handler):
        try:
            response = await handler(request)
        except _Refusal as exc:
            response = refused(exc, request)
        except UserError as exc:
            # Not saved yet is the laptop's trouble, not the phone's: 503 makes the page keep it and retry.
            status = 503 if exc.key == "room.not_saved" else 400
            response = refused(_Refusal(status, exc.key, **exc.params), request)
        except web.HTTPRequestEntityTooLarge:
            response = refused(_Refusal(413, "room.too_big", limit=MAX_TEXT), request)
        except web.HTTPNotFound:
            response = refused(_Refusal(404, "room.not_found"), request)
        except web.HTTPMethodNotAllowed:
            response = refused(_Refusal(405, "room.bad_request"), request)
        except web.HTTPException as exc:
            if exc.status >= 400:
                response = refused(_Refusal(exc.status, "room.bad_request"), request)
            else:
                raise
        except (UnicodeDecodeError, ValueError):
            response = refused(_Refusal(400, "room.bad_request"), request)
        except Exception:  # noqa: BLE001 - a phone gets one clear sentence, the laptop keeps running
            response = refused(_Refusal(500, "room.failed"), request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def device_of(request: web.Request) -> Device | None:
        return access.device(request.cookies.get(COOKIE))

    async def form(request: web.Request) -> dict[str, str]:
        if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise _Refusal(400, "room.bad_request")
        fields = await request.post()
        values = {}
        for name, value in fields.items():
            if not isinstance(value, str):  # a file: nothing here takes files
                raise _Refusal(400, "room.bad_request")
            values[name] = value
        return values

    async def join_form(request: web.Request) -> web.Response:
        if not access.check_secret(request.match_info["secret"]):
            raise _Refusal(404, "room.not_found")
        return web.Response(text=pages.join_page(access.secret, lang, port.roster()), content_type="text/html")

    async def join(request: web.Request) -> web.Response:
        secret = request.match_info["secret"]
        if not access.check_secret(secret):
            raise _Refusal(404, "room.not_found")
        if not _same_origin(request):
            raise _Refusal(403, "room.forged")
        fields = await form(request)
        try:
            device = access.join(secret, fields.get("code", ""), fields.get("name", ""), request.remote or "")
        except UserError as exc:
            status = 429 if exc.key == "room.too_many_tries" else 403
            page = pages.join_page(access.secret, lang, port.roster(), error=exc.message(lang))
            return web.Response(text=page, status=status, content_type="text/html")
        if on_change is not None:
            on_change()
        response = web.HTTPSeeOther("/")
        response.set_cookie(COOKIE, device.token, httponly=True, samesite="Strict", path="/",
                            secure=request.secure)
        raise response

    async def home(request: web.Request) -> web.Response:
        device = device_of(request)
        if device is None:
            raise _Refusal(403, "room.not_joined")
        if device.status == "waiting":
            return web.Response(text=pages.message_page(t("room.waiting", lang), lang, follow=True),
                                content_type="text/html")
        page = pages.member_page(port.view(device), device.csrf, secrets.token_hex(8), device.name,
                                 sent=request.query.get("sent") == "1")
        return web.Response(text=page, content_type="text/html")

    async def state(request: web.Request) -> web.Response:
        device = device_of(request)
        if device is None:
            raise _Refusal(403, "room.not_joined")
        phase = "waiting" if device.status == "waiting" else follow_token(port.view(device))
        return web.json_response({"phase": phase})

    async def send(request: web.Request) -> web.Response:
        device = access.admitted(request.cookies.get(COOKIE))
        if device is None:
            raise _Refusal(403, "room.not_joined")
        if not access.requests.allow(device.id):
            raise _Refusal(429, "room.too_fast")
        fields = await form(request)
        if not _same_origin(request) or not access.check_csrf(device, fields.get("csrf")):
            raise _Refusal(403, "room.forged")
        change = _change(fields)
        outcome = port.apply(device, change)
        if outcome is not None:
            await outcome
        if _wants_json(request):
            return web.json_response({"received": True})
        raise web.HTTPSeeOther("/?sent=1")

    async def asset(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in static:
            raise _Refusal(404, "room.not_found")
        return web.Response(body=static[name], content_type=STATIC_TYPES[name], charset="utf-8")

    app = web.Application(client_max_size=MAX_BODY, middlewares=[guard])
    app.router.add_get("/j/{secret}", join_form)
    app.router.add_post("/j/{secret}", join)
    app.router.add_get("/", home)
    app.router.add_get("/state", state)
    app.router.add_post("/send", send)
    app.router.add_get("/static/{name}", asset)
    app.router.add_get("/favicon.ico", _no_content)
    return app


async def _no_content(request: web.Request) -> web.Response:
    """Browsers ask for an icon; the room has none (and answers without an error)."""
    return web.Response(status=204)


def _change(fields: dict[str, str]) -> MemberChange:
    """A phone's form as a change; anything malformed is refused before the session sees it."""
    kind = fields.get("kind", "")
    key = fields.get("key", "")
    if kind not in ("note", "vote", "scores") or not KEY.fullmatch(key):
        raise _Refusal(400, "room.bad_request")
    text, extra = fields.get("text", ""), fields.get("extra", "")
    if len(text) > MAX_TEXT or len(extra) > MAX_TEXT:
        raise _Refusal(413, "room.too_big", limit=MAX_TEXT)
    scores: dict[str, int] = {}
    for name, value in fields.items():
        if name.startswith("score:") or name == "worth":
            if value not in ("1", "2", "3", "4", "5"):
                raise _Refusal(400, "room.bad_request")
            scores[name.removeprefix("score:")] = int(value)
    step = fields.get("step", "0")
    if step not in ("1", "-1", "0"):
        raise _Refusal(400, "room.bad_request")
    return MemberChange(kind=kind, key=key, phase=fields.get("phase", ""), text=text, extra=extra,  # type: ignore[arg-type]
                        signed=fields.get("signed") == "1", target=fields.get("target", ""), step=int(step),
                        scores=scores)


class RoomServer:
    """One open room: listening on ``host``:``port`` until :meth:`stop`."""

    def __init__(self, access: RoomAccess, port: RoomPort, host: str, port_number: int,
                 ssl_context: ssl.SSLContext | None = None, on_change: Callable[[], None] | None = None):
        self.access = access
        self.host = host
        self.port_number = port_number
        self.ssl_context = ssl_context
        self._app = build_app(access, port, on_change)
        self._runner: web.AppRunner | None = None

    @property
    def address(self) -> str:
        """The short address to type: scheme, host and port."""
        scheme = "https" if self.ssl_context else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port_number}"

    @property
    def join_url(self) -> str:
        """The address the QR code carries: with the room's secret."""
        return f"{self.address}/j/{self.access.secret}"

    async def start(self) -> None:
        """Start listening; raises ``UserError`` when the address cannot be used (say, the port is taken)."""
        runner = web.AppRunner(self._app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port_number, ssl_context=self.ssl_context, reuse_address=True)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            if exc.errno == errno.EADDRINUSE:
                raise UserError("room.port_taken", port=self.port_number) from None
            raise UserError("room.cannot_listen", address=f"{self.host}:{self.port_number}",
                            reason=exc.strerror or str(exc)) from None
        self._runner = runner
        if self.port_number == 0:  # the system chose a free port
            self.port_number = runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening and end every device's access."""
        self.access.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

