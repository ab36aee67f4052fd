"""Opening a room: choose where to listen, optionally over TLS, and start the server."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path

from tui.core.errors import UserError
from tui.core.room_access import RoomAccess
from tui.room.network import DEFAULT_PORT, lan_address
from tui.room.server import RoomPort, RoomServer


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server TLS context from a certificate and its key (PEM); ``UserError`` when they cannot be used."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except FileNotFoundError as exc:
        raise UserError("room.tls_missing", path=exc.filename or cert) from None
    except (ssl.SSLError, OSError) as exc:
        raise UserError("room.tls_unusable", cert=cert, key_file=key, reason=getattr(exc, "reason", None) or exc) from None
    return context


async def open_room(port: RoomPort, access: RoomAccess | None = None, *, host: str | None = None,
                    port_number: int | None = None, cert: Path | None = None, key: Path | None = None,
                    on_change: Callable[[], None] | None = None) -> RoomServer:
    """Start listening for members' phones and return the running server.

    Without a host, the laptop's address on the local network is used; without a port, the
    usual one, or a free one when another program holds it (the QR code carries whichever it
    is). A port the lead chose must be free: then a clear message says it is not.
    ``on_change`` is called when a phone joins.
    """
    if (cert is None) != (key is None):
        raise UserError("room.tls_pair")
    context = tls_context(cert, key) if cert is not None and key is not None else None
    access = access or RoomAccess()
    server = RoomServer(access, port, host or lan_address(), DEFAULT_PORT if port_number is None else port_number,
                        context, on_change)
    try:
        await server.start()
    except UserError as exc:
        if exc.key != "room.port_taken" or port_number is not None:
            raise
        server = RoomServer(access, port, server.host, 0, context, on_change)
        await server.start()
    return server
