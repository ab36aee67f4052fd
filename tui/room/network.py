"""Where the room listens: the laptop's address on the meeting room's network."""

from __future__ import annotations

import ipaddress
import socket

from tui.core.errors import UserError

DEFAULT_PORT = 8470


def lan_address() -> str:
    """The address phones on the same network reach this laptop at; raises ``UserError`` when there is none.

    Asks the system which address it would send from towards a documentation address
    (no packet is sent: connecting a UDP socket only chooses the route).
    """
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        if not ipaddress.ip_address(address.split("%")[0]).is_loopback:
            return address
    raise UserError("room.no_network")
