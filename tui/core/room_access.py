"""Who may take part in a room, and how often: the rules of the meeting room's devices.

A *room* lets members take part from their own phones. These are its access rules, kept
apart from the network so they can be tested by themselves and applied the same way by
any server:

- a device gets in with the room's secret (carried by the QR code) and its join code
  (shown on the projector), up to a cap on devices;
- when the lead approves each device, a device waits until admitted;
- the lead can remove a device, and closing the room ends every device's access;
- a device is known by a random token (its cookie) and proves each change with a
  second random token (against cross-site requests); the record only ever sees a random
  device id, never the token;
- guessing the join code and flooding with requests are slowed down by rate limits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from tui.core.errors import UserError

JOIN_CODE_DIGITS = 6
MAX_DEVICES = 40
"""More phones than a care network's meeting room holds, fewer than would bother the laptop."""
MAX_NAME_LENGTH = 60

DeviceStatus = Literal["waiting", "admitted", "removed"]


SECRET_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""Letters and digits nobody confuses when typing from the projector (no l/1, o/0, i)."""
SECRET_LENGTH = 12


def new_secret() -> str:
    """The room's secret, in the address the QR code holds and the screen shows (12 characters, ~59 bits).

    Short enough to type for a member whose phone cannot scan; together with the join code
    and the rate limit on wrong tries, far beyond guessing during a meeting.
    """
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def new_join_code() -> str:
    """A join code of six digits: easy to type on a phone, shown on the projector."""
    return f"{secrets.randbelow(10 ** JOIN_CODE_DIGITS):0{JOIN_CODE_DIGITS}d}"


def _digest(token: str) -> str:
    """What the room keeps of a device's cookie: enough to recognise it, useless to act as it."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


@dataclass
class Device:
    """One member's phone in the room."""

    id: str
    """Random and public: what the record keeps instead of who it is."""
    token: str
    """The device's cookie: whoever holds it acts as this device (empty once the room was restored
    from :meth:`RoomAccess.state`, which keeps only its digest)."""
    csrf: str
    """Sent back with every change, proving the request comes from the room's own page."""
    name: str = ""
    """What the member chose to be called; empty means anonymous."""
    status: DeviceStatus = "admitted"
    joined_at: float = 0.0


class RateLimit:
    """A token bucket per key: ``burst`` requests at once, then ``per_second`` on average."""

    def __init__(self, per_second: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.per_second = per_second
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def exhausted(self, key: str) -> bool:
        """Whether ``key``'s bucket is empty now (nothing is taken)."""
        tokens, since = self._buckets.get(key, (float(self.burst), self._clock()))
        return min(float(self.burst), tokens + (self._clock() - since) * self.per_second) < 1

    def allow(self, key: str) -> bool:
        """Take one token for ``key``; False when its bucket is empty."""
        now = self._clock()
        tokens, since = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - since) * self.per_second)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > 10_000:  # forget the oldest keys rather than grow without end
            for old in list(self._buckets)[:5_000]:
                del self._buckets[old]
        return True


@dataclass
class RoomAccess:
    """The devices of one open room and the rules for letting them in."""

    secret: str = field(default_factory=new_secret)
    join_code: str = field(default_factory=new_join_code)
    approve_each: bool = False
    """When set, a device with the right code waits until the lead admits it."""
    max_devices: int = MAX_DEVICES
    clock: Callable[[], float] = time.monotonic
    is_open: bool = True
    devices: dict[str, Device] = field(default_factory=dict)
    """Device id -> device, in joining order."""

    def __post_init__(self) -> None:
        self._by_token: dict[str, Device] = {}
        self.join_attempts = RateLimit(per_second=0.2, burst=10, clock=self.clock)
        """Wrong codes per source address: ten at once, then one per five seconds."""
        self.requests = RateLimit(per_second=5.0, burst=30, clock=self.clock)
        """Per device: a burst of thirty requests, then five a second."""

    # -- joining -----------------------------------------------------------------------

    def check_secret(self, secret: str) -> bool:
        """Whether ``secret`` is this room's (compared in constant time)."""
        return self.is_open and _same(secret, self.secret)

    def join(self, secret: str, code: str, name: str = "", source: str = "") -> Device:
        """Let a device in with the room's secret and join code; raises ``UserError`` when refused.

        ``source`` (the network address) is what wrong codes are counted against.
        """
        if not self.is_open:
            raise UserError("room.closed")
        source = source or "?"
        if self.join_attempts.exhausted(source):
            raise UserError("room.too_many_tries")
        if not self.check_secret(secret) or not _same(code.strip(), self.join_code):
            self.join_attempts.allow(source)  # only wrong codes count: phones behind one address still get in
            raise UserError("room.wrong_code")
        if len(self.present()) >= self.max_devices:
            raise UserError("room.full", limit=self.max_devices)
        device = Device(id=secrets.token_hex(8), token=secrets.token_urlsafe(24), csrf=secrets.token_urlsafe(24),
                        name=_clean_name(name), status="waiting" if self.approve_each else "admitted",
                        joined_at=self.clock())
        self.devices[device.id] = device
        self._by_token[_digest(device.token)] = device
        return device

    def device(self, token: str | None) -> Device | None:
        """The device holding ``token`` (its cookie), if it is still in the room (waiting or admitted)."""
        if not token or not self.is_open:
            return None
        device = self._by_token.get(_digest(token))
        if device is None or device.status == "removed":
            return None
        return device

    def admitted(self, token: str | None) -> Device | None:
        """The device holding ``token`` if it may take part now."""
        device = self.device(token)
        return device if device is not None and device.status == "admitted" else None

    @staticmethod
    def check_csrf(device: Device, token: str | None) -> bool:
        """Whether a change carries the device's own anti-forgery token."""
        return bool(token) and _same(token, device.csrf)

    # -- the lead ----------------------------------------------------------------------

    def admit(self, device_id: str) -> None:
        """Let a waiting device take part."""
        device = self.devices.get(device_id)
        if device is not None and device.status == "waiting":
            device.status = "admitted"

    def remove(self, device_id: str) -> None:
        """End a device's access; its cookie no longer opens anything."""
        device = self.devices.get(device_id)
        if device is not None:
            device.status = "removed"
            for digest, known in list(self._by_token.items()):
                if known is device:
                    del self._by_token[digest]

    def close(self) -> None:
        """Close the room: every device's access ends."""
        self.is_open = False
        for device_id in list(self.devices):
            self.remove(device_id)

    # -- kept across a restart ---------------------------------------------------------------

    def state(self) -> dict:
        """What reopening the room after a restart needs: secret, join code, approval, the devices.

        Of each cookie only its digest is kept; removed devices are left out.
        """
        digests = {id(device): digest for digest, device in self._by_token.items()}
        return {
            "secret": self.secret,
            "join_code": self.join_code,
            "approve_each": self.approve_each,
            "devices": [{"id": d.id, "token": digests[id(d)], "csrf": d.csrf, "name": d.name, "status": d.status}
                        for d in self.devices.values() if d.status != "removed" and id(d) in digests],
        }

    @classmethod
    def restore(cls, state: object, clock: Callable[[], float] = time.monotonic) -> RoomAccess:
        """The room as :meth:`state` left it, open again: phones that were in keep their place.

        Anything unusable in ``state`` gives a new room (new secret and code) rather than an error.
        """
        try:
            if not isinstance(state, dict):
                raise TypeError(state)
            access = cls(secret=str(state["secret"]), join_code=str(state["join_code"]),
                         approve_each=bool(state.get("approve_each", False)), clock=clock)
            if len(access.secret) < SECRET_LENGTH or not (access.join_code.isdigit() and len(access.join_code) == JOIN_CODE_DIGITS):
                raise ValueError("secret or join code")
            for kept in state.get("devices", []):
                device = Device(id=str(kept["id"]), token="", csrf=str(kept["csrf"]), name=_clean_name(str(kept["name"])),
                                status="waiting" if kept["status"] == "waiting" else "admitted", joined_at=clock())
                access.devices[device.id] = device
                access._by_token[str(kept["token"])] = device
        except (KeyError, TypeError, ValueError):
            return cls(clock=clock)
        return access

    def present(self) -> list[Device]:
        """Devices in the room (waiting or admitted), in joining order."""
        return [device for device in self.devices.values() if device.status != "removed"]

    def waiting(self) -> list[Device]:
        """Devices waiting for the lead's approval."""
        return [device for device in self.devices.values() if device.status == "waiting"]


def _clean_name(name: str) -> str:
    """A member's chosen name on one line, at most :data:`MAX_NAME_LENGTH` characters."""
    return " ".join(name.split())[:MAX_NAME_LENGTH]
