"""Opening a room: the port it takes, TLS with the lead's certificate, clear messages when it cannot."""

from __future__ import annotations

import shutil
import socket
import subprocess

import aiohttp
import pytest

from tests.room.conftest import RecordingPort
from tui.core.errors import UserError
from tui.core.room_access import RoomAccess
from tui.room.network import DEFAULT_PORT
from tui.room.opening import open_room


def _listening_on(number: int) -> socket.socket | None:
    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", number))
    except OSError:
        sock.close()
        return None
    sock.listen()
    return sock


async def test_when_the_usual_port_is_taken_the_room_takes_a_free_one():
    holder = _listening_on(DEFAULT_PORT)
    server = await open_room(RecordingPort(), host="127.0.0.1")
    try:
        assert server.port_number != DEFAULT_PORT and server.port_number > 0
        async with aiohttp.ClientSession() as client, client.get(server.join_url) as response:
            assert response.status == 200
    finally:
        await server.stop()
        if holder is not None:
            holder.close()


async def test_a_port_the_lead_chose_must_be_free():
    holder = _listening_on(0)
    assert holder is not None
    with holder, pytest.raises(UserError) as refused:
        await open_room(RecordingPort(), host="127.0.0.1", port_number=holder.getsockname()[1])
    assert refused.value.key == "room.port_taken"


@pytest.fixture
def certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "room.crt", tmp_path / "room.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


async def test_with_a_certificate_the_room_is_served_over_tls_and_the_cookie_is_secure(certificate):
    cert, key = certificate
    server = await open_room(RecordingPort(), RoomAccess(join_code="123456"), host="127.0.0.1", port_number=0,
                             cert=cert, key=key)
    try:
        assert server.join_url.startswith("https://127.0.0.1:")
        async with aiohttp.ClientSession() as client:
            async with client.post(server.join_url, data={"code": "123456"}, ssl=False,
                                   allow_redirects=False) as response:
                assert response.status == 303 and "Secure" in response.headers["Set-Cookie"]
            with pytest.raises(aiohttp.ClientError):  # plain HTTP is not answered
                async with client.get(server.join_url.replace("https", "http")) as response:
                    await response.read()
    finally:
        await server.stop()


async def test_unusable_certificates_get_a_clear_message(tmp_path, certificate):
    cert, key = certificate
    broken = tmp_path / "broken.pem"
    broken.write_text("not a certificate")
    cases = [({"cert": cert}, "room.tls_pair"), ({"cert": tmp_path / "none.crt", "key": key}, "room.tls_missing"),
             ({"cert": broken, "key": key}, "room.tls_unusable"), ({"cert": key, "key": cert}, "room.tls_unusable")]
    for files, expected in cases:
        with pytest.raises(UserError) as refused:
            await open_room(RecordingPort(), host="127.0.0.1", port_number=0, **files)
        assert refused.value.key == expected, files
        assert "Traceback" not in refused.value.message("nl")
