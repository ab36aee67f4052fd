"""The room's access rules: who gets in, who waits, who is removed, and how guessing is slowed."""

from __future__ import annotations

import pytest

from tui.core.errors import UserError
from tui.core.room_access import RateLimit, RoomAccess, new_join_code, new_secret


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _room(**settings) -> RoomAccess:
    return RoomAccess(secret="s" * 22, join_code="123456", **settings)


def test_secrets_and_codes_are_random_and_well_formed():
    assert len({new_secret() for _ in range(50)}) == 50
    codes = {new_join_code() for _ in range(50)}
    assert all(len(code) == 6 and code.isdigit() for code in codes) and len(codes) > 40


def test_the_right_secret_and_code_let_a_device_in_anonymously():
    room = _room()
    device = room.join("s" * 22, " 123456 ")
    assert device.status == "admitted" and device.name == ""
    assert room.admitted(device.token) is device
    assert device.id not in (device.token, device.csrf) and len(device.id) == 16


@pytest.mark.parametrize(("secret", "code"), [("s" * 22, "123457"), ("t" * 22, "123456"), ("", ""), ("s" * 22, "")])
def test_a_wrong_secret_or_code_is_refused(secret, code):
    room = _room()
    with pytest.raises(UserError) as refused:
        room.join(secret, code)
    assert refused.value.key == "room.wrong_code"
    assert room.present() == []


def test_a_name_is_one_line_and_short():
    device = _room().join("s" * 22, "123456", name="  Els\n  de Vries " + "x" * 100)
    assert device.name.startswith("Els de Vries ") and len(device.name) == 60 and "\n" not in device.name


def test_with_approval_a_device_waits_until_admitted():
    room = _room(approve_each=True)
    device = room.join("s" * 22, "123456")
    assert device.status == "waiting" and room.device(device.token) is device
    assert room.admitted(device.token) is None and room.waiting() == [device]
    room.admit(device.id)
    assert room.admitted(device.token) is device and room.waiting() == []


def test_a_removed_device_cannot_come_back_with_its_cookie():
    room = _room()
    device = room.join("s" * 22, "123456")
    room.remove(device.id)
    assert room.device(device.token) is None and room.admitted(device.token) is None
    assert room.present() == []


def test_closing_the_room_ends_every_device_and_every_join():
    room = _room()
    devices = [room.join("s" * 22, "123456", source=f"10.0.0.{i}") for i in range(3)]
    room.close()
    assert all(room.device(device.token) is None for device in devices)
    assert not room.check_secret("s" * 22)
    with pytest.raises(UserError) as refused:
        room.join("s" * 22, "123456")
    assert refused.value.key == "room.closed"


def test_the_room_holds_at_most_its_cap_of_devices():
    room = _room(max_devices=2)
    room.join("s" * 22, "123456", source="a")
    second = room.join("s" * 22, "123456", source="b")
    with pytest.raises(UserError) as refused:
        room.join("s" * 22, "123456", source="c")
    assert refused.value.key == "room.full" and refused.value.params == {"limit": 2}
    room.remove(second.id)
    assert room.join("s" * 22, "123456", source="c").status == "admitted"


def test_guessing_the_code_is_slowed_per_address_and_then_allowed_again():
    clock = Clock()
    room = _room(clock=clock)
    for _ in range(10):
        with pytest.raises(UserError):
            room.join("s" * 22, "000000", source="10.0.0.9")
    with pytest.raises(UserError) as refused:
        room.join("s" * 22, "123456", source="10.0.0.9")
    assert refused.value.key == "room.too_many_tries"
    assert room.join("s" * 22, "123456", source="10.0.0.10").status == "admitted"  # another phone is not held up
    clock.now += 5
    assert room.join("s" * 22, "123456", source="10.0.0.9").status == "admitted"


def test_the_anti_forgery_token_must_match_exactly():
    room = _room()
    device = room.join("s" * 22, "123456")
    assert room.check_csrf(device, device.csrf)
    assert not room.check_csrf(device, None) and not room.check_csrf(device, "")
    assert not room.check_csrf(device, device.csrf[:-1]) and not room.check_csrf(device, "\udc80")


def test_a_rate_limit_allows_a_burst_then_its_rate():
    clock = Clock()
    limit = RateLimit(per_second=2, burst=3, clock=clock)
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")
    clock.now += 0.5
    assert limit.allow("a") and not limit.allow("a")


def test_right_codes_do_not_count_against_an_address_shared_by_many_phones():
    """A guest Wi-Fi may put every phone behind one address: forty phones with the code all get in."""
    room = _room()
    room.max_devices = 40
    for _ in range(40):
        assert room.join("s" * 22, "123456", source="10.0.0.1").status == "admitted"
